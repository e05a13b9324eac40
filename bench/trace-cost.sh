#!/usr/bin/env bash
# What tracing costs a job: the same small analyses timed end to end (bench/job-latency.sh) on the local platform
# started three ways, one after the other:
#   off       the OpenTelemetry SDK disabled (QUARKUS_OTEL_SDK_DISABLED=true): no span, no trace id in the logs
#   made      the default: spans made and their ids in headers and log lines, then dropped (no OTLP endpoint)
#   exported  spans exported over OTLP/HTTP to bench/otlp-sink.py, a receiver that only counts them
# and prints, per way, the median and 90th percentile of the jobs' own duration (request to end, duration_ms) and of
# the submission (upload and accept). Restarts the platform each time and leaves it down. About 5 minutes a way.
#   bench/trace-cost.sh [RUNS=40] [FILE=samples/sales.csv]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${1:-40}
FILE=${2:-$ROOT/samples/sales.csv}
SINK_PORT=${SINK_PORT:-4318}
OUT="$ROOT/.autoflow/trace-cost"
mkdir -p "$OUT"

run_way() {
  local way=$1
  shift
  "$ROOT/autoflow" down >/dev/null
  env "$@" "$ROOT/autoflow" up >/dev/null
  FILE=$FILE "$ROOT/bench/job-latency.sh" - 3 >/dev/null   # warm-up: JIT, connection pools
  FILE=$FILE "$ROOT/bench/job-latency.sh" - "$RUNS" >"$OUT/$way.txt"
}

python3 "$ROOT/bench/otlp-sink.py" --port "$SINK_PORT" >"$OUT/sink.txt" 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
run_way off QUARKUS_OTEL_SDK_DISABLED=true
run_way made
run_way exported OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
"$ROOT/autoflow" down >/dev/null
kill $sink && wait $sink 2>/dev/null || true

python3 - "$OUT" <<'PY'
import pathlib, re, statistics, sys
out = pathlib.Path(sys.argv[1])
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]
print(f"{'way':<10} {'runs':>4} {'job p50 ms':>11} {'job p90 ms':>11} {'submit p50 ms':>14} {'submit p90 ms':>14}")
for way in ("off", "made", "exported"):
    text = (out / f"{way}.txt").read_text()
    jobs = [int(m) for m in re.findall(r"job duration_ms (\d+)", text)]
    submits = [int(m) for m in re.findall(r"upload\+accept (\d+) ms", text)]
    print(f"{way:<10} {len(jobs):>4} {statistics.median(jobs):>11.0f} {pct(jobs, 0.9):>11} "
          f"{statistics.median(submits):>14.0f} {pct(submits, 0.9):>14}")
print((out / "sink.txt").read_text().strip())
PY
