#!/usr/bin/env bash
# Lints the gateway's OpenAPI 3.1 document as ./autoflow test runs it, after the build that stores it
# (gateway-service/target/openapi/openapi.yaml, what /q/openapi serves but for servers and the bearer issuer):
# Redocly CLI with its recommended-strict ruleset (tests/openapi/redocly.yaml) and Spectral with spectral:oas
# (tests/openapi/.spectral.yaml), both validating the document against the OpenAPI 3.1 schema first. Any error or
# warning fails. No network but the first run's npm ci, which installs the pinned tools (package-lock.json) into
# tests/openapi/node_modules.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="$ROOT/tests/openapi"
DOCUMENT="${1:-$ROOT/gateway-service/target/openapi/openapi.yaml}"

fail() { printf 'openapi-lint: %s\n' "$*" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null \
  || fail "node and npm not found: install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)"
[[ -f "$DOCUMENT" ]] \
  || fail "no document at $DOCUMENT: build the gateway first (./mvnw -B -pl gateway-service -am package -DskipTests)"

# npm ci only when the installed packages are missing or older than the lock file.
if [[ ! -f "$TESTS/node_modules/.package-lock.json" || "$TESTS/package-lock.json" -nt "$TESTS/node_modules/.package-lock.json" ]]; then
  log=$(mktemp)
  (cd "$TESTS" && npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1) \
    || { cat "$log" >&2; rm -f "$log"; fail "npm ci in tests/openapi failed (is $(npm config get registry) reachable?)"; }
  rm -f "$log"
fi

# Redocly: no usage telemetry, no update check, no Node.js deprecation banner in the test's output.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
status=0
(cd "$TESTS" && node_modules/.bin/redocly lint --config redocly.yaml --max-problems 1000 "$DOCUMENT") 2>&1 \
  | sed '/╔/,/╚/d' || status=1
(cd "$TESTS" && node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity warn "$DOCUMENT") || status=1
[[ $status -eq 0 ]] || fail "the OpenAPI document has problems (above); fix them where the document is made (gateway-service: the resources' annotations, rest/PublicApiDocument)"
printf 'openapi-lint: %s is clean (Redocly recommended-strict, Spectral spectral:oas)\n' "${DOCUMENT#"$ROOT/"}"
