#!/usr/bin/env bash
# Checks of the monitoring and deployment files, all offline, on loopback only.
#
#   src/test/monitoring/check.sh            static checks + real Prometheus against a fixture of /q/metrics
#   src/test/monitoring/check.sh JAR        ... + real Prometheus against the service (java -jar JAR)
#
# .ci/run calls it after the Java build with target/quarkus-app/quarkus-run.jar. It installs Debian's
# prometheus package (prometheus + promtool) when missing and it runs as root. Prints PASS/FAIL per check,
# the output of every failed check, and a closing "N passed, N failed" line; exits 1 when any check failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="${1:-}"
[ -n "$jar" ] && [ -f "$jar" ] && jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
cd "$root" || exit 1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/benchy-check.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
passed=() failed=() skipped=()

run() { # run NAME COMMAND... : PASS with its last line, or FAIL with its whole output
  local name="$1"; shift
  local log="$tmp/$name.log"
  if "$@" > "$log" 2>&1; then
    passed+=("$name"); local last; last="$(grep -v '^\s*$' "$log" | tail -n 1)"; echo "PASS $name: ${last:-ok}"
  else
    failed+=("$name"); echo "FAIL $name (exit $?): $*"; sed 's/^/    /' "$log"
  fi
}
skip() { skipped+=("$1"); echo "SKIP $1: $2"; }

# ------------------------------------------------------------------ tools
if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's prometheus package (prometheus, promtool)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus; } > "$tmp/apt.log" 2>&1 \
      || { echo "FAIL apt-get install prometheus"; tail -n 20 "$tmp/apt.log"; }
  fi
fi
PY=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then PY="$candidate"; break; fi
done
if [ -z "$PY" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's python3-yaml"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml; } > "$tmp/apt-yaml.log" 2>&1
  /usr/bin/python3 -c 'import yaml' 2>/dev/null && PY=/usr/bin/python3
fi
missing=()
for tool in promtool prometheus kubectl curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -n "$PY" ] || missing+=("python3 with PyYAML")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "FAIL missing tools: ${missing[*]}"
  echo "monitoring: 0 passed, 1 failed"
  exit 1
fi
echo "tools: $(promtool --version 2>&1 | head -n 1); kubectl $(kubectl version --client 2>/dev/null | head -n 1); $("$PY" --version) with PyYAML"

# ------------------------------------------------------------------ rules
run rules-single-source bash "$here/gen-prometheusrule.sh" --check
run promtool-check-rules promtool check rules prometheus/rules/benchy.rules.yaml
run promtool-test-rules promtool test rules "$here/rules.test.yaml"
run promtool-check-config promtool check config prometheus/prometheus.yml

# ------------------------------------------------------------------ kubernetes
render() { kubectl kustomize k8s > "$tmp/rendered.yaml" && echo "rendered $(grep -c '^kind:' "$tmp/rendered.yaml") objects"; }
run kustomize-render render
if [ -s "$tmp/rendered.yaml" ]; then
  run k8s-manifests "$PY" "$here/k8s-check.py" --rules prometheus/rules/benchy.rules.yaml \
    --secret-example k8s/secret.example.yaml --extract-rules "$tmp/extracted-rules.yaml" "$tmp/rendered.yaml"
  if [ -s "$tmp/extracted-rules.yaml" ]; then
    run promtool-check-prometheusrule promtool check rules "$tmp/extracted-rules.yaml"
  else
    failed+=("promtool-check-prometheusrule"); echo "FAIL promtool-check-prometheusrule: no rules extracted"
  fi
fi

# ------------------------------------------------------------------ grafana, compose, image
run dashboard-lint "$PY" "$here/promcheck.py" lint-dashboard grafana/dashboards/benchy.json
run stack-files "$PY" "$here/stack-check.py" "$root"
if docker compose version >/dev/null 2>&1; then
  run compose-config docker compose -f grafana/docker-compose.yaml config -q
elif command -v docker-compose >/dev/null; then
  run compose-config docker-compose -f grafana/docker-compose.yaml config -q
else
  skip compose-config "neither 'docker compose' nor docker-compose is installed (stack-files checked the file)"
fi

# ------------------------------------------------------------------ a real Prometheus scraping
run scrape-fixture bash "$here/scrape-check.sh" --fake
if [ -n "$jar" ]; then
  if [ -f "$jar" ]; then
    run scrape-service bash "$here/scrape-check.sh" "$jar"
  else
    failed+=("scrape-service"); echo "FAIL scrape-service: no jar at $jar"
  fi
else
  skip scrape-service "no JAR given (check.sh target/quarkus-app/quarkus-run.jar)"
fi

echo
[ "${#failed[@]}" -gt 0 ] && echo "failed checks: ${failed[*]}"
summary="monitoring: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#skipped[@]}" -gt 0 ] && summary="$summary, ${#skipped[@]} skipped"
echo "$summary"
[ "${#failed[@]}" -eq 0 ]
