#!/usr/bin/env bash
# Checks the alert rules offline, as ./autoflow test runs it: `promtool check rules` on the plain rules file
# (k8s/base/monitoring/autoflow-rules.yaml), `promtool test rules` on every unit test in tests/prometheus/ (each rule
# fired by one series and kept silent by another under its threshold), and that the Prometheus Operator
# PrometheusRule (k8s/base/monitoring/prometheus-rule.yaml) holds exactly the same groups (tests/k8s/prometheus-rule.mjs).
# promtool comes with Debian's prometheus package, installed here when missing (apt-get, as ./autoflow does).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RULES="$ROOT/k8s/base/monitoring/autoflow-rules.yaml"

fail() { printf 'prometheus-rules: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else return 1; fi
}

if ! command -v promtool >/dev/null; then
  command -v apt-get >/dev/null && as_root true 2>/dev/null \
    || fail "promtool not found: install Prometheus's promtool (Debian/Ubuntu: apt-get install prometheus)"
  printf 'prometheus-rules: installing prometheus for promtool (apt-get)\n'
  log=$(mktemp)
  as_root apt-get update -qq >"$log" 2>&1 || true
  # Only promtool is wanted: no node exporter, and the package's own server is never started here.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >>"$log" 2>&1 \
    || fail "apt-get install prometheus failed: $(tail -5 "$log")"
  rm -f "$log"
fi
command -v node >/dev/null || fail "node not found: install Node.js 20 or newer (Debian: apt-get install nodejs npm)"

promtool check rules "$RULES"
tests=("$ROOT"/tests/prometheus/*.test.yaml)
[[ -e "${tests[0]}" ]] || fail "no unit test in tests/prometheus/"
(cd "$ROOT/tests/prometheus" && promtool test rules "${tests[@]##*/}")
# Every alert has a test file naming it (a rule added without a test fails here).
for alert in $(sed -n 's/^ *- alert: *//p' "$RULES"); do
  grep -lq "alertname: *$alert\$" "${tests[@]}" || fail "alert $alert has no unit test in tests/prometheus/"
done
node "$ROOT/tests/k8s/prometheus-rule.mjs" "$ROOT"
