#!/usr/bin/env bash
# Soak benchmark (not a test): runs the service for a while with several targets on short schedules and samples
# its resource use every few seconds, so a leak (memory, threads, file descriptors, connections) shows as a slope.
#
#   bench/soak/soak.sh [MINUTES] [OUT_DIR]        (default 12 minutes, bench/soak/results/<date>)
#
# Targets: three on the service's own embedded simulator (/simulator/v1), one on a separate `simulate` process,
# and one on a closed port (every run of it fails: the failure path is soaked too). Everything it starts is
# stopped when it ends, on Ctrl-C too. Needs the jar: mvn -o -q package -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/../.."

MINUTES=${1:-12}
OUT=${2:-bench/soak/results/$(date -u +%Y%m%dT%H%M%SZ)}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}   # copy target/quarkus-app elsewhere to rebuild meanwhile
INTERVAL=5
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -o -q package -DskipTests)" >&2; exit 2; }
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port)
SIM_PORT=$(free_port)
CLOSED_PORT=$(free_port)   # nothing listens there

SIM_PID=""; SVC_PID=""
cleanup() {
  [ -n "$SVC_PID" ] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

cat > "$OUT/application.yaml" <<YAML
benchy:
  defaults:
    schedule: 15s
    deadline: 2m
    plan:
      pp: [256]
      tg: [16]
      depth: [0, 512]
      concurrency: [1, 2]
      runs: 2
      timeout: 30s
  targets:
    embedded-a:
      base-url: http://127.0.0.1:${HTTP_PORT}/simulator/v1
      api-key: soak-secret-key-0000
      model: benchy-sim
      tokenizer: builtin:gpt2
      book-url: builtin:generated
    embedded-b:
      base-url: http://127.0.0.1:${HTTP_PORT}/simulator/v1
      model: benchy-sim
      tokenizer: builtin:gpt2
      book-url: builtin:generated
      schedule: 20s
      plan:
        concurrency: [4]
    embedded-c:
      base-url: http://127.0.0.1:${HTTP_PORT}/simulator/v1
      tokenizer: builtin:gpt2
      book-url: builtin:generated
      schedule: 25s
      plan:
        latency-mode: generation
    external:
      base-url: http://127.0.0.1:${SIM_PORT}/v1
      model: benchy-sim
      tokenizer: builtin:gpt2
      book-url: builtin:generated
      schedule: 10s
    refused:
      base-url: http://127.0.0.1:${CLOSED_PORT}/v1
      model: benchy-sim
      tokenizer: builtin:gpt2
      book-url: builtin:generated
      schedule: 10s
  reports:
    dir: ${OUT}/reports
    keep: 20
YAML

java -jar "$JAR" simulate --port "$SIM_PORT" --pp-speed 4000 --tg-speed 100 >"$OUT/simulate.log" 2>&1 &
SIM_PID=$!
java -Xmx256m -XX:NativeMemoryTracking=summary -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$HTTP_PORT" -Dquarkus.config.locations="$OUT/application.yaml" \
  -jar "$JAR" >"$OUT/service.log" 2>&1 &
SVC_PID=$!

for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done

echo "elapsed_s,rss_kib,heap_used_after_gc_kib,threads,fds,established_conns,runs_total,run_failures_total" \
  >"$OUT/samples.csv"
START=$(date +%s)
END=$((START + MINUTES * 60))
while [ "$(date +%s)" -lt "$END" ] && kill -0 "$SVC_PID" 2>/dev/null; do
  now=$(date +%s)
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$SVC_PID/status")
  threads=$(awk '/^Threads/ {print $2}' "/proc/$SVC_PID/status")
  fds=$(ls "/proc/$SVC_PID/fd" | wc -l)
  jcmd "$SVC_PID" GC.run >/dev/null 2>&1 || true
  # G1: "garbage-first heap   total 262144K, used 41234K"; Serial/Parallel print similar "used NK" lines
  heap=$(jcmd "$SVC_PID" GC.heap_info 2>/dev/null | grep -m1 -o 'used [0-9]*K' | grep -o '[0-9]*' || echo "")
  conns=$(ss -tnp 2>/dev/null | grep -c "pid=$SVC_PID," || true)
  metrics=$(curl -s "http://127.0.0.1:$HTTP_PORT/q/metrics" || true)
  runs=$(echo "$metrics" | awk '/^benchy_runs_total/ {s+=$2} END {print s+0}')
  fails=$(echo "$metrics" | awk '/^benchy_run_failures_total/ {s+=$2} END {print s+0}')
  echo "$((now - START)),$rss,$heap,$threads,$fds,$conns,$runs,$fails" >>"$OUT/samples.csv"
  if [ -z "${NMT_BASELINE:-}" ] && [ $((now - START)) -ge 120 ]; then
    # native memory after the warm-up: the end-of-run diff says where any RSS growth went
    jcmd "$SVC_PID" VM.native_memory baseline >/dev/null 2>&1 || true
    NMT_BASELINE=1
  fi
  sleep "$INTERVAL"
done

curl -s "http://127.0.0.1:$HTTP_PORT/api/targets" >"$OUT/targets.json" || true
jcmd "$SVC_PID" VM.native_memory summary.diff >"$OUT/native-memory-diff.txt" 2>&1 || true
curl -s "http://127.0.0.1:$HTTP_PORT/q/metrics" | grep '^benchy_run' >"$OUT/run-metrics.txt" || true
kill -0 "$SVC_PID" 2>/dev/null || echo "the service died during the soak" >&2
cleanup
SVC_PID=""; SIM_PID=""
{
  echo "report files: $(ls "$OUT/reports" | grep -c '\.json$')"
  echo "half-written (.tmp) files: $(ls -a "$OUT/reports" | grep -c '\.tmp$')"
  echo "statuses: $(cat "$OUT"/reports/*.json | grep -o '"status" *: *"[a-z]*"' | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
  echo "api key in log, reports, metrics or targets: $(cat "$OUT/service.log" "$OUT"/reports/*.json \
    "$OUT/run-metrics.txt" "$OUT/targets.json" | grep -c soak-secret-key-0000)"
} >"$OUT/store-check.txt"
rm -rf "$OUT/reports"   # kept: the check above; the reports themselves are not worth committing
python3 bench/soak/summarize.py "$OUT/samples.csv" | tee "$OUT/summary.txt"
