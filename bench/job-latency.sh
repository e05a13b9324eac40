#!/usr/bin/env bash
# Times document-analytics jobs end to end on the running local platform (./autoflow up first):
# generates a CSV of the given size, submits it RUNS times through the public API, and prints for each run the
# HTTP submission time, the time until the job is completed (client side) and the job's own duration_ms, plus the
# analytics service's peak RSS. Bounded: RUNS submissions, each polled for at most TIMEOUT_S (120) s; loopback only.
#   bench/job-latency.sh [SIZE_MB=9] [RUNS=5]
#   TIMEOUT_S=1200 bench/job-latency.sh 500 1     # the largest tier's document
#   FILE=path/to/doc.xlsx bench/job-latency.sh - 3  # any document of yours instead of the generated CSV
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB=${1:-9}
RUNS=${2:-5}
TIMEOUT_S=${TIMEOUT_S:-120}
GATEWAY=http://localhost:8080
KEY=$(cat "$ROOT/.autoflow/api-key")
FILE=${FILE:-"$ROOT/.autoflow/bench-${SIZE_MB}mb.csv"}

if [[ ! -f "$FILE" ]]; then
  # Deterministic mixed data: a date, two categories, three numbers, a flag.
  awk -v target=$((SIZE_MB * 1000 * 1000)) 'BEGIN {
    srand(42); print "date,region,product,units,unit_price,revenue,returned"; size = 52
    split("North South East West", regions, " "); split("Widget Gadget Gizmo Doohickey", products, " ")
    for (i = 0; size < target; i++) {
      units = int(rand() * 100) + 1; price = int(rand() * 5000) / 100 + 1
      line = sprintf("2026-%02d-%02d,%s,%s,%d,%.2f,%.2f,%s", (i % 12) + 1, (i % 28) + 1, regions[(i % 4) + 1],
        products[int(rand() * 4) + 1], units, price, units * price, (rand() < 0.1 ? "yes" : "no"))
      print line; size += length(line) + 1
    }
  }' >"$FILE"
fi
echo "file: $FILE ($(stat -c %s "$FILE") bytes)"
pid=$(cat "$ROOT/.autoflow/run/analytics.pid")

for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  response=$(curl -sS -H "X-API-Key: $KEY" -F "file=@$FILE" "$GATEWAY/api/analytics/document")
  submitted=$(date +%s%N)
  job=$(jq -r .job_id <<<"$response")
  [[ "$job" != null ]] || { echo "refused: $response"; exit 1; }
  status=queued
  deadline=$((SECONDS + TIMEOUT_S))
  while ((SECONDS < deadline)); do
    status=$(curl -sS -H "X-API-Key: $KEY" "$GATEWAY/api/jobs/$job" | jq -r .status)
    [[ "$status" == completed || "$status" == failed ]] && break
    sleep 0.05
  done
  done_at=$(date +%s%N)
  duration=$(curl -sS -H "X-API-Key: $KEY" "$GATEWAY/api/jobs/$job" | jq -r .duration_ms)
  printf 'run %d: %s, upload+accept %d ms, until completed %d ms, job duration_ms %s\n' "$run" "$status" \
    $(((submitted - start) / 1000000)) $(((done_at - start) / 1000000)) "$duration"
done
echo "analytics-service peak RSS: $(awk '/VmHWM/ {print int($2/1024) " MB"}' "/proc/$pid/status")"
