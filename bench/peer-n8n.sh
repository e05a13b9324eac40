#!/usr/bin/env bash
# Autoflow and n8n side by side on this machine (issue 19), one after the other in one run, the same wrk load:
#   n8n 2.8.4 (installed from npm into $N8N_DIR if absent; SQLite, every execution stored): a Webhook -> Set workflow,
#     answered on receipt (onReceived) and after its last node (lastNode);
#   Autoflow (./autoflow up, started here if the gateway does not answer, stopped again after): a workflow with a
#     webhook trigger and one transform step on the payload (derive a column: the Set), POST /hooks/{token} answered
#     202 once the run is durable (PostgreSQL and Kafka).
# Each: WARMUP s of load, the backlog drained, then DURATION s measured with CONNS connections; then the backlog
# drained again and what completed counted in each one's own database. Prints a table: req/s, p50/p95/p99 of the
# answer, errors, runs accepted and completed, completed per second (over the load and its drain), the peak RSS of
# the processes (n8n and its task runner; Autoflow's eight service JVMs, PostgreSQL/Kafka/Redis not counted).
# Loopback only; the load generator shares the two cores.
#   bench/peer-n8n.sh                         defaults: WARMUP=10 DURATION=20 CONNS=10
#   SYSTEMS="autoflow" bench/peer-n8n.sh      one of them only
# Approach and n8n install workarounds from ../shared/peer/n8n-bench.sh (xlsx override, sqlite3 built locally).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER="$ROOT/bench/peer"
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-20}
CONNS=${CONNS:-10}
THREADS=${THREADS:-2}
SYSTEMS=${SYSTEMS:-"n8n autoflow"}
N8N_DIR=${N8N_DIR:-/tmp/n8n-peer}
N8N_VERSION=2.8.4 # the newest n8n whose engines allow Node 20
N8N_PORT=${N8N_PORT:-5678}
GATEWAY=http://localhost:8080
OUT="$ROOT/.autoflow/bench/peer-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

need() { command -v "$1" >/dev/null 2>&1 || { log "apt-get install $2"; apt-get install -y "$2" >/dev/null 2>&1 \
  || { apt-get update >/dev/null 2>&1 && apt-get install -y "$2" >/dev/null 2>&1; }; }; }
need wrk wrk; need sqlite3 sqlite3; need bc bc

ROWS=()
# One measured wrk run: appends "system path rps p50 p95 p99 errors" to $OUT/<label>.txt and echoes the RESULT line.
load() { # label url seconds [--latency]
  wrk -t"$THREADS" -c"$CONNS" -d"$3s" --timeout 10s ${4:-} -s "$PEER/post.lua" "$2" >"$OUT/$1.txt" 2>&1
  grep '^RESULT' "$OUT/$1.txt"
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }
errors() { echo $(( $(field "$1" err_connect) + $(field "$1" err_read) + $(field "$1" err_write) \
  + $(field "$1" err_timeout) + $(field "$1" non2xx) )); }
# Peak RSS (MB) of the given pids, sampled each second into a file until the sampler is killed.
sample_rss() { while :; do ps -o rss= -p "$(tr '\n' ',' <<<"$1" | sed 's/,$//')" | awk '{s+=$1} END{print s+0}'; sleep 1; done; }
peak_mb() { echo $(( $(sort -n "$1" | tail -1) / 1024 )); }
# Waits until the query counts 0 unfinished and the finished count stops moving; echoes the seconds waited.
drain() { # query_unfinished query_finished
  local t0 prev=-1 cur
  t0=$(date +%s.%N)
  for _ in $(seq 1 1200); do
    cur=$(eval "$2")
    [[ $(eval "$1") == 0 && $cur == "$prev" ]] && break
    prev=$cur; sleep 0.5
  done
  printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)"
}
row() { # system path result accepted completed drain_s rss_mb
  local per_s
  per_s=$(printf '%.1f' "$(echo "$5 / ($DURATION + $6)" | bc -l)")
  ROWS+=("| $1 | $2 | $(field "$3" rps) | $(field "$3" p50_ms) | $(field "$3" p95_ms) | $(field "$3" p99_ms) | \
$(errors "$3") | $4 | $5 | $per_s | $6 | $7 |")
}

bench_n8n() {
  local app=$N8N_DIR/app data=$N8N_DIR/data have
  have=$(node -p "require('$app/node_modules/n8n/package.json').version" 2>/dev/null || true)
  if [[ $have != "$N8N_VERSION" ]]; then
    log "n8n: installing $N8N_VERSION into $app (~3 min)"
    mkdir -p "$app"
    # n8n-nodes-base pins xlsx to a cdn.sheetjs.com tarball: registry-only hosts need the npm-published build
    printf '{"name":"n8n-peer","private":true,"overrides":{"xlsx":"0.18.5"}}\n' >"$app/package.json"
    (cd "$app" && npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
  local sq=$app/node_modules/sqlite3
  if [[ ! -f $sq/build/Release/node_sqlite3.node ]]; then
    log "n8n: building the sqlite3 module from its bundled sources (~1 min; prebuilt binaries come from GitHub)"
    local nodedir=/usr
    [[ -f $nodedir/include/node/node.h ]] || nodedir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
    (cd "$sq" && node "$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js" rebuild --nodedir="$nodedir" -j 2 \
      >"$OUT/sqlite3-build.log" 2>&1)
  fi
  export N8N_USER_FOLDER=$data N8N_HOST=127.0.0.1 N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT N8N_PROTOCOL=http
  export WEBHOOK_URL=http://127.0.0.1:$N8N_PORT/ N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
  export N8N_PERSONALIZATION_ENABLED=false N8N_TEMPLATES_ENABLED=false N8N_SECURE_COOKIE=false
  export DB_TYPE=sqlite EXECUTIONS_DATA_PRUNE=false N8N_LOG_LEVEL=warn NODE_ENV=production
  local n8n="node $app/node_modules/n8n/bin/n8n" db=$data/.n8n/database.sqlite
  rm -rf "$data" && mkdir -p "$data" "$OUT/n8n-workflows"
  cp "$PEER/bench-onreceived.json" "$PEER/bench-lastnode.json" "$OUT/n8n-workflows/"
  $n8n import:workflow --separate --input="$OUT/n8n-workflows" >"$OUT/n8n-import.log" 2>&1
  for id in benchOnReceived1 benchLastNode001; do $n8n publish:workflow --id=$id >>"$OUT/n8n-import.log" 2>&1; done
  q() { sqlite3 -cmd '.timeout 10000' "$db" "$1"; }
  (cd "$app" && exec node node_modules/n8n/bin/n8n start) >"$OUT/n8n.log" 2>&1 &
  local pid=$!
  # shellcheck disable=SC2064
  trap "kill $pid 2>/dev/null || true" EXIT
  for _ in $(seq 1 240); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' -d '{"n":0}' \
      "http://127.0.0.1:$N8N_PORT/webhook/bench-last" || true) == 200 ]] && break
    sleep 0.25
  done
  local variant path result base drained sampler pids
  for variant in onReceived lastNode; do
    path=$([[ $variant == onReceived ]] && echo bench || echo bench-last)
    log "n8n $variant: ${WARMUP}s warm-up"
    load "n8n-$variant-warmup" "http://127.0.0.1:$N8N_PORT/webhook/$path" "$WARMUP" >/dev/null
    drain "q \"select count(*) from execution_entity where status in ('new','running')\"" \
      "q 'select count(*) from execution_entity'" >/dev/null
    base=$(q "select coalesce(max(id), 0) from execution_entity")
    pids=$(echo "$pid"; ps -o pid= --ppid "$pid" | tr -d ' ')
    sample_rss "$pids" >"$OUT/n8n-$variant-rss.txt" & sampler=$!
    log "n8n $variant: ${DURATION}s measured"
    result=$(load "n8n-$variant" "http://127.0.0.1:$N8N_PORT/webhook/$path" "$DURATION" --latency)
    drained=$(drain "q \"select count(*) from execution_entity where id > $base and status in ('new','running')\"" \
      "q 'select count(*) from execution_entity where id > $base'")
    kill "$sampler"
    row "n8n $N8N_VERSION" "Webhook → Set, $variant" "$result" "$(q "select count(*) from execution_entity where id > $base")" \
      "$(q "select count(*) from execution_entity where id > $base and status = 'success'")" "$drained" \
      "$(peak_mb "$OUT/n8n-$variant-rss.txt")"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  trap - EXIT
}

bench_autoflow() {
  local started_here=false
  if ! curl -sf -o /dev/null "$GATEWAY/q/health/ready"; then
    log "autoflow: starting the platform (./autoflow up)"
    "$ROOT/autoflow" up >"$OUT/autoflow-up.log" 2>&1
    started_here=true
  fi
  local key sql workflow token hook result base drained sampler pids
  key=$(cat "$ROOT/.autoflow/api-key")
  sql() { PGPASSWORD=autoflow psql -h localhost -U autoflow -d autoflow -Atc "$1"; }
  workflow=$(curl -sf -H "X-API-Key: $key" -H 'Content-Type: application/json' "$GATEWAY/api/workflows" -d '{
    "name": "peer bench: webhook -> set", "trigger": {"type": "webhook"},
    "steps": [{"type": "transform", "name": "set", "input": "trigger", "target_format": "json",
               "operations": [{"op": "derive", "column": "ok", "expression": "true"}]}]}')
  token=$(echo "$workflow" | sed -E 's/.*"url":"[^"]*\/hooks\/([^"]+)".*/\1/')
  hook="$GATEWAY/hooks/$token"
  local runs="from orchestrator.executions where workflow_type = 'workflow_run' and created_at > '%s'"
  log "autoflow: ${WARMUP}s warm-up"
  base=$(sql "select now()")
  load autoflow-warmup "$hook" "$WARMUP" >/dev/null
  drain "sql \"select count(*) $(printf "$runs" "$base") and status not in ('COMPLETED', 'FAILED')\"" \
    "sql \"select count(*) $(printf "$runs" "$base")\"" >/dev/null
  base=$(sql "select now()")
  pids=$(pgrep -f 'quarkus-run.jar' || true)
  sample_rss "$pids" >"$OUT/autoflow-rss.txt" & sampler=$!
  log "autoflow: ${DURATION}s measured"
  result=$(load autoflow "$hook" "$DURATION" --latency)
  drained=$(drain "sql \"select count(*) $(printf "$runs" "$base") and status not in ('COMPLETED', 'FAILED')\"" \
    "sql \"select count(*) $(printf "$runs" "$base")\"")
  kill "$sampler"
  row "Autoflow" "webhook → transform step, 202 durable" "$result" "$(sql "select count(*) $(printf "$runs" "$base")")" \
    "$(sql "select count(*) $(printf "$runs" "$base") and status = 'COMPLETED'")" "$drained" \
    "$(peak_mb "$OUT/autoflow-rss.txt")"
  curl -sf -o /dev/null -X DELETE -H "X-API-Key: $key" \
    "$GATEWAY/api/workflows/$(echo "$workflow" | sed -E 's/^\{"id":"([^"]+)".*/\1/')" || true
  if $started_here; then "$ROOT/autoflow" down >>"$OUT/autoflow-up.log" 2>&1; fi
}

if [[ $SYSTEMS == *n8n* ]] && curl -sf -o /dev/null "$GATEWAY/q/health/ready"; then
  log "warning: the platform is up and shares the two cores with n8n; './autoflow down' first for a fair table"
fi
for system in $SYSTEMS; do "bench_$system"; done
{
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "wrk -t$THREADS -c$CONNS, ${WARMUP}s warm-up, ${DURATION}s measured"
  echo
  echo "| system | path | req/s | p50 ms | p95 ms | p99 ms | errors | runs accepted | completed | completed/s | drain s | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$OUT/table.md"
