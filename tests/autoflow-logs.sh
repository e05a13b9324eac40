#!/usr/bin/env bash
# ./autoflow logs (bench/logs.py) on made-up service logs: lines of several services merged in time order, non-JSON
# lines left out, and --job keeping the job's lines and those of its traces only. Seconds, no stack.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
broken() { printf 'FAILED: %s\n--- output\n%s\n' "$1" "$2"; exit 1; }

line() { # timestamp message jobId traceId
  printf '{"timestamp":"%s","level":"INFO","loggerName":"x","message":"%s","mdc":{%s}}\n' "$1" "$2" \
    "$(if [[ -n $3 ]]; then printf '"jobId":"%s","traceId":"%s"' "$3" "$4"; elif [[ -n $4 ]]; then printf '"traceId":"%s"' "$4"; fi)"
}
{ echo "OpenJDK warning: not JSON"
  line 2026-01-01T10:00:00.100+00:00 "gw accepted" job-1 trace-a
  line 2026-01-01T10:00:03.000+00:00 "gw other" job-2 trace-b
} >"$WORK/gateway-service.log"
{ line 2026-01-01T10:00:00.200+00:00 "kafka hop, no job in mdc" "" trace-a
  line 2026-01-01T10:00:02.000+00:00 "orch unrelated" "" trace-c
} >"$WORK/orchestrator-service.log"
line 2026-01-01T10:00:01.000+00:00 "delivered" job-1 trace-a >"$WORK/notification-service-2.log"

all=$(python3 "$ROOT/bench/logs.py" --dir "$WORK")
[[ $(grep -c . <<<"$all") -eq 5 ]] || broken "expected the 5 JSON lines" "$all"
[[ $(awk '{print $1}' <<<"$all" | sort -c && echo sorted) == sorted ]] || broken "not in time order" "$all"
grep -q "OpenJDK" <<<"$all" && broken "a non-JSON line was shown" "$all"

job=$(python3 "$ROOT/bench/logs.py" --dir "$WORK" --job job-1)
expected=$'gw accepted\nkafka hop, no job in mdc\ndelivered'
[[ $(sed -E 's/^[^ ]+ +[^ ]+ +[A-Z]+ +\[x\] //; s/  \(.*\)$//' <<<"$job") == "$expected" ]] \
  || broken "--job job-1 should show its 3 lines (one only by its trace), in order" "$job"
grep -q "notification-service-2" <<<"$job" || broken "the replica's log was not read" "$job"

python3 "$ROOT/bench/logs.py" --dir "$WORK" --job nosuch >/dev/null 2>&1 && broken "an unknown job is no error" ""
echo "ok: ./autoflow logs merges and filters service logs"
