#!/usr/bin/env bash
# Where a running service spends its CPU (issue 19): records SECONDS of Java Flight Recorder method samples of one
# service of ./autoflow up (its JVM found by its quarkus-app path) while you load it, then prints the hottest methods
# by their own samples (top of stack) and by samples under them (anywhere in the stack, io.autoflow frames and the
# libraries they call). The recording is kept in .autoflow/bench/ (out of the repository) for JDK Mission Control.
#   bench/profile.sh gateway 20 &  bench/peer-n8n.sh ...   # or any load
#   TOP=40 bench/profile.sh orchestrator 30
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICE=${1:?"usage: bench/profile.sh SERVICE [SECONDS]"}
SECONDS_TO_RECORD=${2:-20}
TOP=${TOP:-25}
pid=$(pgrep -f "$SERVICE-service/target/quarkus-app" | head -1) || { echo "$SERVICE-service is not running" >&2; exit 1; }
out="$ROOT/.autoflow/bench/profile-$SERVICE-$(date -u +%Y%m%dT%H%M%SZ).jfr"
mkdir -p "$(dirname "$out")"
jcmd "$pid" JFR.start name=autoflow-profile settings=profile duration="${SECONDS_TO_RECORD}s" filename="$out" >/dev/null
sleep $((SECONDS_TO_RECORD + 2))
for _ in $(seq 1 20); do [[ -s $out ]] && break; sleep 0.5; done
jfr print --events jdk.ExecutionSample "$out" | awk '
  /stackTrace = \[/ { depth = 0; split("", seen); next }
  /^[[:space:]]+[a-zA-Z_$][^ ]*\(.*line:/ {
    frame = $1; sub(/\(.*/, "", frame)
    if (depth == 0) { self[frame]++; samples++ }
    if (!(frame in seen)) { total[frame]++; seen[frame] = 1 }
    depth++
  }
  END {
    for (f in self) printf "self\t%.1f\t%s\n", 100 * self[f] / samples, f
    for (f in total) printf "total\t%.1f\t%s\n", 100 * total[f] / samples, f
    printf "samples\t%d\n", samples
  }' >"$out.txt"
echo "$(awk -F'\t' '$1 == "samples" {print $2}' "$out.txt") samples"
for kind in self total; do
  echo; echo "$kind ($([[ $kind == self ]] && echo "top of stack" || echo "anywhere in the stack"))"
  awk -F'\t' -v k="$kind" '$1 == k {printf "%6s%%  %s\n", $2, $3}' "$out.txt" | sort -k1 -nr | head -"$TOP" || true # head closes the pipe early
done
echo "recording: $out"
