#!/usr/bin/env bash
# Writes k8s/prometheusrule.yaml from prometheus/rules/benchy.rules.yaml (the single source of the rules).
#   gen-prometheusrule.sh           regenerate k8s/prometheusrule.yaml
#   gen-prometheusrule.sh --check   exit 1 (and show the diff) when the committed file is out of date
# The rule file is embedded as `spec:` by indenting it two spaces, so both files hold the same groups.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
src="$root/prometheus/rules/benchy.rules.yaml"
out="$root/k8s/prometheusrule.yaml"

render() {
  cat <<'HEADER'
# GENERATED from prometheus/rules/benchy.rules.yaml by src/test/monitoring/gen-prometheusrule.sh.
# Do not edit: change the rule file and run the generator (check.sh fails when the two differ).
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: benchy
  labels:
    app.kubernetes.io/name: benchy
    app.kubernetes.io/component: monitoring
spec:
HEADER
  # Drop the rule file's own header comment (it describes the other file), indent the rest under spec.
  sed -e '/^#/d' -e 's/^\(.\)/  \1/' "$src"
}

case "${1:-}" in
  --check)
    if diff -u "$out" <(render); then
      echo "k8s/prometheusrule.yaml matches prometheus/rules/benchy.rules.yaml"
    else
      echo "k8s/prometheusrule.yaml is out of date: run src/test/monitoring/gen-prometheusrule.sh" >&2
      exit 1
    fi ;;
  "") render > "$out"; echo "wrote $out" ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
