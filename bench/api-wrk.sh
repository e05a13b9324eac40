#!/usr/bin/env bash
# The public API's hot paths under wrk (issue 19's table), on the running local platform (./autoflow up first):
#   POST /api/notifications (an email to oneself), answered 202 once the job is durable, and how fast the jobs
#   accepted in that time are completed (delivered by the notification service) after it;
#   GET /api/jobs/{id} of one completed job.
# Each: WARMUP s, then DURATION s measured with CONNS connections (the load generator shares the two cores). Prints
# one line per path: req/s, p50/p90/p99, errors; for the submissions also the jobs accepted, completed and the
# seconds to drain (the platform's backlog is drained before each measured window). Run it before and after a
# change: the regression check of the issue, a few minutes.
#   bench/api-wrk.sh                      defaults: WARMUP=10 DURATION=20 CONNS=10
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-20}
CONNS=${CONNS:-10}
GATEWAY=http://localhost:8080
KEY=$(cat "$ROOT/.autoflow/api-key")
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
sql() { PGPASSWORD=autoflow psql -h localhost -U autoflow -d autoflow -Atc "$1"; }
script=$(mktemp --suffix=.lua)
trap 'rm -f "$script"' EXIT

# the wrk script: method, body and key, and a RESULT line at the end
lua() { # method body
  cat >"$script" <<EOF
wrk.method = "$1"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$KEY"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f errors=%d requests=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout + e.status, summary.requests))
end
EOF
}
# The jobs the gateway accepted that have not ended yet (still on Kafka or under way); $1: accepted since then.
UNFINISHED="from gateway.jobs j where j.created_at > %s and not exists (select 1 from orchestrator.executions e
  where e.id = j.id and e.status in ('COMPLETED', 'FAILED'))"
# Waits until every job accepted in the last hour has ended (a backlog makes the gateway shed load: 503 past ~1,000).
drain() {
  for _ in $(seq 1 1200); do
    [[ $(sql "select count(*) $(printf "$UNFINISHED" "now() - interval '1 hour'")") == 0 ]] && return
    sleep 0.5
  done
}
measure() { # label url
  wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s "$script" "$2" >/dev/null
  drain
  base=$(sql "select now()")
  printf '%-40s %s\n' "$1" "$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$script" "$2" | grep '^RESULT' \
    | sed 's/^RESULT //')"
}

drain
lua POST '{"message": "api-wrk bench", "output": {"delivery": "email"}}'
measure "POST /api/notifications (accepted)" "$GATEWAY/api/notifications"
started=$(date +%s.%N)
drain
accepted=$(sql "select count(*) from gateway.jobs where workflow_type = 'notification' and created_at > '$base'")
completed=$(sql "select count(*) from gateway.jobs j join orchestrator.executions e on e.id = j.id
  where j.workflow_type = 'notification' and j.created_at > '$base' and e.status = 'COMPLETED'")
printf '%-40s accepted=%s completed=%s drained_after=%.1fs\n' "  … the measured window's jobs" "$accepted" \
  "$completed" "$(echo "$(date +%s.%N) - $started" | bc)"

job=$(sql "select id from orchestrator.executions where status = 'COMPLETED' and workflow_type = 'notification'
  order by completed_at desc limit 1")
lua GET ''
measure "GET /api/jobs/{id}" "$GATEWAY/api/jobs/$job"
