#!/usr/bin/env bash
# Tests ./autoflow dlq and the dead letters of ./autoflow status against a fake gateway that answers the admin API's
# routes with canned answers of the shape GatewayService's DeadLetterResourceTest checks for real, and notes what it
# was asked. No stack, no build: ./autoflow test runs it before the Maven build. Its own state directory and a free
# port; nothing else is touched.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=autoflow
. "$HERE/../autoflow"

# shellcheck disable=SC2034 # read by the functions of ./autoflow
WORK=$(mktemp -d) STATE=$WORK LOGS=$WORK/logs RUN=$WORK/run
mkdir -p "$LOGS" "$RUN" "$WORK/classes" "$WORK/answers"
KEY=af_local_test_key
printf '%s\n' "$KEY" >"$STATE/api-key"

cleanup() {
  [[ -f "$RUN/gateway.pid" ]] && kill -9 "$(cat "$RUN/gateway.pid")" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

check() { say "ok: $*"; }
broken() { say "FAILED: $*"; say "--- requests"; cat "$WORK/requests.log" 2>/dev/null; exit 1; }

free_port() {
  local port
  while port=$((20000 + RANDOM % 10000)); port_open "$port"; do :; done
  echo "$port"
}
GATEWAY_PORT=$(free_port)
service_port() { echo "$GATEWAY_PORT"; }

# Answers "<METHOD> <path and query>" with the file answers/<the same, / and ? and = and & as _>, else a 404 error;
# a request without the local key is a 401. Every request is noted in requests.log.
cat >"$WORK/FakeGateway.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public class FakeGateway {
    public static void main(String[] args) throws Exception {
        Path answers = Path.of(args[1]);
        Path log = Path.of(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Files.writeString(log, request + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Path answer = answers.resolve(request.replaceAll("[ /?=&]", "_"));
            int status = 200;
            byte[] body;
            if (!args[3].equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
                status = 401;
                body = "{\"status\":401,\"code\":\"invalid_api_key\",\"message\":\"unknown key\"}".getBytes();
            } else if (Files.exists(answer)) {
                body = Files.readAllBytes(answer);
            } else {
                status = 404;
                body = "{\"status\":404,\"code\":\"dead_letter_topic_not_found\",\"message\":\"no such topic\"}".getBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
JAVA
javac -d "$WORK/classes" "$WORK/FakeGateway.java"

answer() { cat >"$WORK/answers/$(printf '%s' "$1" | tr ' /?=&' '_____')"; }

dead_letter_status | grep -qx "dead letters: unknown (the gateway does not answer)" \
  || broken "status while the gateway is down: $(dead_letter_status)"
check "status while the gateway is down: $(dead_letter_status)"

nohup java -Xmx32m -XX:TieredStopAtLevel=1 -cp "$WORK/classes" FakeGateway "$GATEWAY_PORT" "$WORK/answers" \
  "$WORK/requests.log" "$KEY" >"$LOGS/gateway.log" 2>&1 &
echo $! >"$RUN/gateway.pid"
disown $!
for _ in $(seq 1 100); do port_open "$GATEWAY_PORT" && break; sleep 0.1; done

summary() {
  jq -n --argjson intents "$1" '{topics: [
    {topic: "intents.dlq", original_topic: "intents", count: $intents}
      + (if $intents > 0 then {oldest_at: "2026-12-06T02:16:09.127Z", newest_at: "2026-12-06T02:17:00Z"} else {} end),
    {topic: "notifications.dlq", original_topic: "notifications", count: 0}]}'
}

summary 0 | answer "GET /api/admin/dead-letters"
[[ $(dlq_list) == "dead letters: none" ]] || broken "dlq list with none: $(dlq_list)"
[[ $(dead_letter_status) == "dead letters: none" ]] || broken "status with none: $(dead_letter_status)"
check "no dead letters: $(dlq_list)"

summary 3 | answer "GET /api/admin/dead-letters"
[[ $(dlq_list) == "intents.dlq  3  (oldest 2026-12-06T02:16:09.127Z, newest 2026-12-06T02:17:00Z)" ]] \
  || broken "dlq list: $(dlq_list)"
status=$(dead_letter_status)
[[ $status == *"dead letters ("*"):"$'\n'"  intents.dlq  3  (oldest"* && $status != *notifications* ]] \
  || broken "status with dead letters: $status"
check "three on intents.dlq, only that topic shown: $(dlq_list)"

answer "GET /api/admin/dead-letters/intents?limit=100" <<'JSON'
{"topic": "intents.dlq", "has_more": true, "dead_letters": [
  {"id": "0:0", "partition": 0, "offset": 0, "key": "job-1", "timestamp": "2026-12-06T02:16:09.127Z",
   "original_topic": "intents", "original_partition": 3, "original_offset": 42, "reason": "Worker failed",
   "cause": "Connection refused", "value": {"execution_id": "job-1"}},
  {"id": "0:1", "partition": 0, "offset": 1, "key": "poison", "timestamp": "2026-12-06T02:16:30Z",
   "original_topic": "intents", "reason": "Malformed IntentParsed on intents", "value_text": "{not json"}]}
JSON
answer "GET /api/admin/dead-letters/intents?limit=100&starting_after=0:1" <<'JSON'
{"topic": "intents.dlq", "has_more": false, "dead_letters": [
  {"id": "0:2", "partition": 0, "offset": 2, "key": "job-2", "timestamp": "2026-12-06T02:17:00Z",
   "original_topic": "intents", "reason": "Worker failed", "replay_of": "intents.dlq/0/0", "value": {"n": 2}}]}
JSON
shown=$(dlq_show intents)
expected='0:0  2026-12-06T02:16:09.127Z  key job-1  from intents (partition 3, offset 42)
    reason: Worker failed
    cause:  Connection refused
    value:  {"execution_id":"job-1"}
0:1  2026-12-06T02:16:30Z  key poison  from intents
    reason: Malformed IntentParsed on intents
    value:  {not json
0:2  2026-12-06T02:17:00Z  key job-2  from intents, failed again after replaying intents.dlq/0/0
    reason: Worker failed
    value:  {"n":2}'
[[ $shown == "$expected" ]] || broken "dlq show, both pages:"$'\n'"$shown"
check "dlq show reads every page: $(grep -c '^0:' <<<"$shown") dead letters"

answer "GET /api/admin/dead-letters/user-events?limit=100" <<<'{"topic": "user-events.dlq", "has_more": false, "dead_letters": []}'
[[ $(dlq_show user-events) == "no dead letters on user-events wait for a replay" ]] || broken "dlq show of none: $(dlq_show user-events)"

answer "POST /api/admin/dead-letters/intents/replay?id=job%201" \
  <<<'{"topic": "intents.dlq", "replayed": 1, "already_replayed": 0, "ids": ["0:0"]}'
[[ $(dlq_replay intents --id 'job 1') == "replayed 1 from intents.dlq: 0:0" ]] \
  || broken "dlq replay --id: $(dlq_replay intents --id 'job 1')"
answer "POST /api/admin/dead-letters/intents/replay" \
  <<<'{"topic": "intents.dlq", "replayed": 2, "already_replayed": 1, "ids": ["0:1", "0:2"]}'
replayed=$(dlq_replay intents)
[[ $replayed == "replayed 2 from intents.dlq: 0:1 0:2"$'\n'"not sent again, replayed before: 1" ]] \
  || broken "dlq replay: $replayed"
check "dlq replay, one by its id and then all: ${replayed//$'\n'/; }"

if error=$( (cmd_dlq replay nosuch) 2>&1); then broken "a replay of an unknown topic succeeded: $error"; fi
[[ $error == "autoflow: 404 dead_letter_topic_not_found: no such topic" ]] || broken "the API's error: $error"
if error=$( (cmd_dlq replay intents --id) 2>&1); then broken "--id without an id succeeded"; fi
[[ $error == *usage* ]] || broken "--id without an id: $error"
check "errors are the API's own, in one line: $( (cmd_dlq show nosuch) 2>&1 || true)"

grep -qx "POST /api/admin/dead-letters/intents/replay?id=job%201" "$WORK/requests.log" || broken "the id was not encoded"
[[ $(grep -c . "$WORK/requests.log") -ge 10 ]] || broken "fewer requests than expected"
check "every request carried the local API key (else the fake answers 401)"
say "dlq: all checks passed"
