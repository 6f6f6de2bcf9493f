#!/usr/bin/env bash
# Real-scrape check: a real Prometheus scrapes benchy, loads the rules, and answers every dashboard query.
#
#   scrape-check.sh JAR                 start the service (java -jar JAR, built-in simulator as target)
#   scrape-check.sh --fake [FILE]       serve a fixed exposition file as /q/metrics instead (default:
#                                       fixtures/metrics.prom, written to the service's metrics contract)
#
# Then, in a temp dir, on 127.0.0.1 only, with random free ports:
#   1. wait (bounded) until /q/metrics answers, start prometheus scraping it every 1 s with the rules loaded
#      and evaluated every 1 s, and wait (bounded, 120 s) until a completed run shows in benchy_runs_total;
#   2. `promtool check metrics` on the classic text exposition: nothing may be reported about a benchy_ metric;
#   3. every dashboard query, variables substituted by real label values, returns data (promcheck.py);
#   4. every rule is loaded and healthy, every recording rule has data (promcheck.py).
# Both processes are always stopped on exit. Exit status 1 when any step fails; each failure is printed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rules="$root/prometheus/rules/benchy.rules.yaml"
dashboard="$root/grafana/dashboards/benchy.json"
WAIT_UP_SECONDS="${WAIT_UP_SECONDS:-90}"
WAIT_RUN_SECONDS="${WAIT_RUN_SECONDS:-120}"

mode="" jar="" fixture="$here/fixtures/metrics.prom"
case "${1:-}" in
  --fake) mode=fake; [ -n "${2:-}" ] && fixture="$2" ;;
  ""|-h|--help) sed -n '2,15p' "$0"; exit 2 ;;
  *) mode=jar; jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
     [ -f "$jar" ] || { echo "FAIL no such jar: $1"; exit 1; } ;;
esac
for tool in prometheus promtool curl python3; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (check.sh installs prometheus)"; exit 1; }
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/benchy-scrape.XXXXXX")"
service_pid="" prom_pid=""

stop() { # stop one process we started: TERM, up to 15 s grace, then KILL
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
cleanup() {
  stop "$prom_pid"; stop "$service_pid"
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
failed=()
step_fail() { echo "FAIL $*"; failed+=("$*"); }
show_log() { echo "---- last lines of $1"; tail -n 40 "$1" 2>/dev/null; echo "----"; }

# ------------------------------------------------------------------ 1. the service (or the fake) and prometheus
port="$(free_port)"
metrics_url="http://127.0.0.1:$port/q/metrics"
if [ "$mode" = jar ]; then
  mkdir -p "$tmp/work" "$tmp/reports"
  # Started in an empty working dir so no config/application.yaml of the repo is read: the built-in simulator
  # is the target. HOME in the temp dir keeps tokenizer caches out of the user's home.
  (cd "$tmp/work" && exec env -u QUARKUS_CONFIG_LOCATIONS HOME="$tmp/home" BENCHY_REPORTS_DIR="$tmp/reports" \
      java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dbenchy.reports.dir="$tmp/reports" \
      -jar "$jar") > "$tmp/service.log" 2>&1 &
  service_pid=$!
  echo "service: java -jar $jar on 127.0.0.1:$port (pid $service_pid, log $tmp/service.log)"
else
  mkdir -p "$tmp/www/q"
  cp "$fixture" "$tmp/www/q/metrics"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/www" > "$tmp/service.log" 2>&1 &
  service_pid=$!
  echo "fake service: $fixture served as $metrics_url (pid $service_pid)"
fi

deadline=$((SECONDS + WAIT_UP_SECONDS))
until curl -sf -o /dev/null "$metrics_url"; do
  if ! kill -0 "$service_pid" 2>/dev/null; then step_fail "the service exited before serving /q/metrics"; show_log "$tmp/service.log"; exit 1; fi
  if [ "$SECONDS" -ge "$deadline" ]; then step_fail "/q/metrics did not answer within ${WAIT_UP_SECONDS}s"; show_log "$tmp/service.log"; exit 1; fi
  sleep 1
done
echo "/q/metrics answers"

prom_port="$(free_port)"
prom="http://127.0.0.1:$prom_port"
cat > "$tmp/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $rules
scrape_configs:
  - job_name: benchy
    metrics_path: /q/metrics
    static_configs:
      - targets: ["127.0.0.1:$port"]
EOF
promtool check config "$tmp/prometheus.yml" > "$tmp/check-config.log" 2>&1 \
  || { step_fail "promtool check config"; cat "$tmp/check-config.log"; exit 1; }
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn > "$tmp/prometheus.log" 2>&1 &
prom_pid=$!
echo "prometheus on $prom (pid $prom_pid)"
deadline=$((SECONDS + 30))
until curl -sf -o /dev/null "$prom/-/ready"; do
  if ! kill -0 "$prom_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    step_fail "prometheus did not become ready"; show_log "$tmp/prometheus.log"; exit 1
  fi
  sleep 0.5
done

query_has_data() { # PromQL -> exit 0 when the instant query returns at least one series
  curl -sf --get "$prom/api/v1/query" --data-urlencode "query=$1" \
    | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["data"]["result"] else 1)' 2>/dev/null
}
echo "waiting up to ${WAIT_RUN_SECONDS}s for a completed run in benchy_runs_total"
deadline=$((SECONDS + WAIT_RUN_SECONDS))
until query_has_data 'sum(benchy_runs_total) > 0'; do
  if ! kill -0 "$service_pid" 2>/dev/null; then step_fail "the service exited"; show_log "$tmp/service.log"; exit 1; fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    step_fail "no completed run in benchy_runs_total within ${WAIT_RUN_SECONDS}s"
    curl -s "$metrics_url" | grep '^benchy_' | head -20
    show_log "$tmp/service.log"; exit 1
  fi
  sleep 2
done
echo "a run completed after ${SECONDS}s; letting prometheus take a few more scrapes and rule evaluations"
sleep 6

# ------------------------------------------------------------------ 2. promtool check metrics
curl -sf -H 'Accept: text/plain; version=0.0.4' "$metrics_url" > "$tmp/metrics.txt" \
  || step_fail "GET /q/metrics with Accept: text/plain; version=0.0.4"
echo "exposition: $(grep -c '^benchy_' "$tmp/metrics.txt") benchy_ samples, content-type: $(curl -s -o /dev/null -w '%{content_type}' -H 'Accept: text/plain; version=0.0.4' "$metrics_url")"
promtool check metrics < "$tmp/metrics.txt" > "$tmp/lint.txt" 2>&1
if grep -q 'error while linting' "$tmp/lint.txt"; then
  step_fail "promtool check metrics cannot parse /q/metrics: $(grep 'error while linting' "$tmp/lint.txt")"
elif grep -q 'benchy_' "$tmp/lint.txt"; then
  step_fail "promtool check metrics complains about benchy_ metrics:"; grep 'benchy_' "$tmp/lint.txt" | sed 's/^/     /'
else
  echo "promtool check metrics: nothing about benchy_ metrics ($(wc -l < "$tmp/lint.txt") line(s) about others)"
fi
for name in benchy_ttfr_seconds benchy_est_ppt_seconds benchy_e2e_ttft_seconds benchy_prompt_tokens_per_second \
    benchy_prompt_request_tokens_per_second benchy_generation_tokens_per_second \
    benchy_generation_request_tokens_per_second benchy_generation_peak_tokens_per_second \
    benchy_run_success benchy_last_run_timestamp_seconds benchy_last_success_timestamp_seconds \
    benchy_run_duration_seconds benchy_runs_total benchy_run_failures_total benchy_request_errors_total \
    benchy_target_info benchy_build_info benchy_requests_total benchy_run_error_ratio benchy_target_state \
    benchy_slo_breaches benchy_slo_limit benchy_ttfr_seconds_p50 benchy_ttfr_seconds_p90 benchy_ttfr_seconds_p99 \
    benchy_time_to_first_response_seconds_bucket benchy_time_to_first_token_seconds_bucket \
    benchy_inter_token_latency_seconds_bucket benchy_e2e_request_latency_seconds_bucket; do
  grep -q "^$name[{ ]" "$tmp/metrics.txt" || step_fail "/q/metrics has no $name (metrics contract)"
  case "$name" in benchy_*_seconds|benchy_*_tokens_per_second)
    case "$name" in *timestamp*|*duration*) ;; *)
      grep -q "^${name}_stddev[{ ]" "$tmp/metrics.txt" || step_fail "/q/metrics has no ${name}_stddev (metrics contract)" ;;
    esac ;;
  esac
done

# ------------------------------------------------------------------ 3. dashboard queries, 4. rules
python3 "$here/promcheck.py" query-dashboard "$dashboard" "$prom" --rate-interval 10s --range 1m \
  || step_fail "dashboard queries (see FAIL lines above)"
python3 "$here/promcheck.py" rules-evaluate "$rules" "$prom" || step_fail "rules (see FAIL lines above)"

if [ "${#failed[@]}" -gt 0 ]; then
  echo "scrape-check ($mode): FAILED: ${failed[*]}"
  show_log "$tmp/prometheus.log"
  exit 1
fi
echo "scrape-check ($mode): ok"
