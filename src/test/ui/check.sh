#!/usr/bin/env bash
# The web UI in a real headless Chromium against the service on its built-in simulator, on loopback only.
#
#   src/test/ui/check.sh target/quarkus-app/quarkus-run.jar
#
# Installs what it needs when missing (as root: Debian's chromium; playwright-core from the npm registry into
# target/ui-check), starts the service (java -jar JAR) on a free port with an empty report folder, runs check.mjs,
# stops the service. Screenshots and the service's log go to target/ui-check/. Prints PASS/FAIL per check and a
# closing "N passed, N failed" line; exits 1 when a check failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="${1:-$root/target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || { echo "FAIL no jar at $jar (build it: mvn -B -DskipTests package)"; echo "ui: 0 passed, 1 failed"; exit 1; }
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
out="$root/target/ui-check"
mkdir -p "$out"

fail() { echo "FAIL $1"; [ -n "${2:-}" ] && tail -n 30 "$2" | sed 's/^/    /'; echo "ui: 0 passed, 1 failed"; exit 1; }

# ------------------------------------------------------------------ tools
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } > "$out/apt.log" 2>&1 \
      || fail "apt-get install chromium" "$out/apt.log"
  else
    fail "chromium is missing (apt-get install chromium)"
  fi
fi
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are needed"
cp "$here/package.json" "$out/package.json"
if [ ! -d "$out/node_modules/playwright-core" ]; then
  (cd "$out" && npm install --no-audit --no-fund --loglevel=error) > "$out/npm.log" 2>&1 \
    || fail "npm install playwright-core" "$out/npm.log"
fi
cp "$here/check.mjs" "$out/check.mjs"
echo "tools: $(chromium --version 2>/dev/null | head -n 1); node $(node --version); playwright-core $(node -p "require('$out/node_modules/playwright-core/package.json').version")"

# ------------------------------------------------------------------ the service
tmp="$(mktemp -d "${TMPDIR:-/tmp}/benchy-ui.XXXXXX")"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
mkdir -p "$tmp/work" "$tmp/reports" "$tmp/home"
(cd "$tmp/work" && exec env -u QUARKUS_CONFIG_LOCATIONS HOME="$tmp/home" java -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$port" -Dbenchy.reports.dir="$tmp/reports" -jar "$jar") > "$out/service.log" 2>&1 &
service_pid=$!
cleanup() {
  kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 120); do
  curl -fs -o /dev/null "$base/q/health/ready" && break
  kill -0 "$service_pid" 2>/dev/null || fail "the service did not start" "$out/service.log"
  sleep 0.5
done
echo "service: java -jar $jar on $base (pid $service_pid, log $out/service.log)"

# ------------------------------------------------------------------ the checks
(cd "$out" && node check.mjs "$base" "$out")
status=$?
echo "screenshots: $out/*.png"
exit $status
