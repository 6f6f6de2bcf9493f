#!/usr/bin/env bash
# The web UI in a real headless Chromium against the service on its built-in simulator, on loopback only.
#
#   src/test/ui/check.sh target/quarkus-app/quarkus-run.jar
#
# Installs what it needs when missing (as root: Debian's chromium; playwright-core from the npm registry into
# target/ui-check), starts the service (java -jar JAR) on a free port with an empty report folder, and a second one
# with an API token, runs check.mjs, stops both. Screenshots and the service's log go to target/ui-check/. Prints PASS/FAIL per check and a
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

# ------------------------------------------------------------------ the services
# one as a newcomer starts it; one with an API token, for Run now's token prompt
tmp="$(mktemp -d "${TMPDIR:-/tmp}/benchy-ui.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
start_service() { # start_service NAME [-Dkey=value...]: starts it in the background and sets $url to its address
  local name="$1"; shift
  local port; port="$(free_port)"
  mkdir -p "$tmp/$name/work" "$tmp/$name/reports" "$tmp/$name/home"
  (cd "$tmp/$name/work" && exec env -u QUARKUS_CONFIG_LOCATIONS -u BENCHY_API_TOKEN HOME="$tmp/$name/home" java \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dbenchy.reports.dir="$tmp/$name/reports" "$@" \
      -jar "$jar") > "$out/$name.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port"
}
await_service() { # await_service NAME URL
  for _ in $(seq 120); do
    curl -fs -o /dev/null "$2/q/health/ready" && return 0
    sleep 0.5
  done
  fail "the service $1 did not start" "$out/$1.log"
}
token="ui-check-$RANDOM$RANDOM"
start_service service
base="$url"
start_service guarded "-Dbenchy.api.token=$token"
guarded="$url"
await_service service "$base"
await_service guarded "$guarded"
echo "service: java -jar $jar on $base (log $out/service.log); with an API token on $guarded (log $out/guarded.log)"

# ------------------------------------------------------------------ the checks
(cd "$out" && node check.mjs "$base" "$out" "$guarded" "$token")
status=$?
echo "screenshots: $out/*.png"
exit $status
