#!/usr/bin/env bash
# What one workflow run costs each process of the running platform (issue 19): CPU seconds of every process of
# ./autoflow up (the eight services, Kafka, PostgreSQL, Redis, s3proxy, the rest) while RUNS webhook runs of a
# one-step workflow (webhook -> transform on the payload, as bench/peer-n8n.sh) are posted and drained, divided by
# the runs completed: where a run's CPU goes, process by process. Loopback; ./autoflow up first.
#   bench/cpu-per-run.sh [RUNS=500] [CONNS=10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${1:-500}
CONNS=${2:-10}
GATEWAY=http://localhost:8080
KEY=$(cat "$ROOT/.autoflow/api-key")
HZ=$(getconf CLK_TCK)
sql() { PGPASSWORD=autoflow psql -h localhost -U autoflow -d autoflow -Atc "$1"; }
# "name ticks" for each process worth naming: a service by its jar, else by its command
ticks() {
  for pid in $(ps -e -o pid=); do
    [[ -r /proc/$pid/stat ]] || continue
    local cmd name
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    name=$(grep -oE '[a-z]+-service|kafka\.Kafka|s3proxy|redis-server|postgres|clamd|prometheus|wrk|keycloak' \
      <<<"$cmd" | head -1 || true)
    [[ -n $name ]] || continue
    echo "$name $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)"
  done | awk '{t[$1] += $2} END {for (n in t) print n, t[n]}' | sort
}
workflow=$(curl -sf -H "X-API-Key: $KEY" -H 'Content-Type: application/json' "$GATEWAY/api/workflows" -d '{
  "name": "cpu per run", "trigger": {"type": "webhook"},
  "steps": [{"type": "transform", "name": "set", "input": "trigger", "target_format": "json",
             "operations": [{"op": "derive", "column": "ok", "expression": "true"}]}]}')
hook="$GATEWAY/hooks/$(echo "$workflow" | sed -E 's/.*"url":"[^"]*\/hooks\/([^"]+)".*/\1/')"
base=$(sql "select now()")
before=$(ticks)
# RUNS posts from CONNS parallel curl loops
seq 1 "$RUNS" | xargs -P "$CONNS" -I{} curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d '{"n":{},"msg":"hello"}' "$hook"
runs="from orchestrator.executions where workflow_type = 'workflow_run' and created_at > '$base'"
for _ in $(seq 1 600); do
  [[ $(sql "select count(*) $runs and status not in ('COMPLETED', 'FAILED')") == 0 ]] && break
  sleep 0.5
done
after=$(ticks)
done_runs=$(sql "select count(*) $runs and status = 'COMPLETED'")
curl -sf -o /dev/null -X DELETE -H "X-API-Key: $KEY" \
  "$GATEWAY/api/workflows/$(echo "$workflow" | sed -E 's/^\{"id":"([^"]+)".*/\1/')" || true
echo "$done_runs runs completed of $RUNS posted; CPU ms per completed run, by process:"
join <(echo "$before") <(echo "$after") | awk -v hz="$HZ" -v runs="$done_runs" '
  { ms = ($3 - $2) * 1000 / hz / runs; total += ms; printf "%-22s %7.1f\n", $1, ms }
  END { printf "%-22s %7.1f\n", "all", total }' | sort -k2 -nr
