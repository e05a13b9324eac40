#!/usr/bin/env bash
# Checks k8s/ offline, as ./autoflow test runs it: renders every overlay with `kubectl kustomize`, then
# tests/k8s/validate.mjs validates each object (Kubernetes schemas of kubernetes-models and the operators' CRDs,
# unknown fields refused) and the platform's policies: probes, resources and non-root security on every container,
# a KafkaTopic for every topic in libs/events and the services' configuration, a ScaledObject for every worker's
# consumer group, a KafkaUser per service whose ACLs are exactly what its code uses, the OpenTelemetry Collector's
# configuration (tests/k8s/telemetry.mjs), and more (tests/k8s/policies.mjs).
# No cluster, no Docker; the first run installs the test's npm packages (package-lock.json) into tests/k8s/node_modules.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="$ROOT/tests/k8s"

fail() { printf 'k8s-manifests: %s\n' "$*" >&2; exit 1; }
command -v kubectl >/dev/null \
  || fail "kubectl not found: it renders the manifests (kubectl kustomize); install kubectl 1.32 or newer (Kubernetes' own apt repository pkgs.k8s.io, or your distribution)"
command -v node >/dev/null && command -v npm >/dev/null \
  || fail "node and npm not found: install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)"

# npm ci only when the installed packages are missing or older than the lock file.
if [[ ! -f "$TESTS/node_modules/.package-lock.json" || "$TESTS/package-lock.json" -nt "$TESTS/node_modules/.package-lock.json" ]]; then
  (cd "$TESTS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || fail "npm ci in tests/k8s failed"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rendered=()
for dir in "$ROOT"/k8s/overlays/*/; do
  overlay=$(basename "$dir")
  kubectl kustomize "$dir" >"$work/$overlay.yaml" 2>"$work/$overlay.yaml.err" || true
  # kubectl warns on stderr without failing; only a failed render leaves no output.
  [[ -s "$work/$overlay.yaml" ]] && : >"$work/$overlay.yaml.err"
  rendered+=("$overlay=$work/$overlay.yaml")
done
[[ ${#rendered[@]} -gt 0 ]] || fail "no overlay in k8s/overlays"
node "$TESTS/validate.mjs" "$ROOT" "${rendered[@]}"
