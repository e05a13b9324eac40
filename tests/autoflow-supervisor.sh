#!/usr/bin/env bash
# Tests ./autoflow's supervisor (issue 22) and a start right after a kill -9 (issue 15) for real, on two fake services:
# small HTTP servers that answer /q/health/* like a Quarkus service, live or not as the test says. No stack, no build:
# ./autoflow test runs it before the Maven build. Its own state directory and free ports; nothing else is touched.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=autoflow
. "$HERE/../autoflow"

# shellcheck disable=SC2034 # read by the functions of ./autoflow
WORK=$(mktemp -d) STATE=$WORK LOGS=$WORK/logs RUN=$WORK/run
mkdir -p "$LOGS" "$RUN" "$WORK/classes"
SERVICES=(alpha beta)
# Quicker than for real, same rules. A first backoff longer than grace plus 3 checks: it delays the second restart.
# shellcheck disable=SC2034 # read by the functions of ./autoflow
SUPERVISE_EVERY=1 SUPERVISE_FAILURES=3 SUPERVISE_START_GRACE=3 SUPERVISE_BACKOFF_FIRST=10 SUPERVISE_BACKOFF_MAX=20

cleanup() {
  local file
  for file in "$RUN"/*.pid; do [[ -f $file ]] && kill -9 "$(cat "$file")" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

check() { say "ok: $*"; }
broken() { say "FAILED: $*"; say "--- supervisor.log"; cat "$LOGS/supervisor.log" 2>/dev/null; exit 1; }

# Waits up to $1 seconds for a command to succeed.
eventually() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do ((SECONDS < deadline)) || return 1; sleep 0.2; done
}

free_port() {
  local port
  while port=$((20000 + RANDOM % 10000)); port_open "$port"; do :; done
  echo "$port"
}
declare -A PORTS=([alpha]=$(free_port) [beta]=$(free_port))
service_port() { echo "${PORTS[$1]}"; }

# Live unless the file <name>.down exists; then DOWN the way a Quarkus service with a failed Kafka channel says it.
cat >"$WORK/FakeService.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

public class FakeService {
    public static void main(String[] args) throws Exception {
        Path down = Path.of(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/q/health", exchange -> {
            boolean live = exchange.getRequestURI().getPath().endsWith("/ready") || !Files.exists(down);
            byte[] body = (live ? "{\"status\":\"UP\",\"checks\":[]}"
                    : "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"SmallRye Reactive Messaging - liveness check\","
                    + "\"status\":\"DOWN\",\"data\":{\"intents\":\"[KO] - broker unreachable\",\"other\":\"[OK]\"}}]}")
                    .getBytes();
            exchange.sendResponseHeaders(live ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
JAVA
javac -d "$WORK/classes" "$WORK/FakeService.java"

# The fake instead of the service's jar, started the way ./autoflow starts a service.
launch_service() {
  nohup java -Xmx32m -XX:TieredStopAtLevel=1 -cp "$WORK/classes" FakeService "$(service_port "$1")" "$WORK/$1.down" \
    >>"$LOGS/$1-service.log" 2>&1 9>&- &
  echo $! >"$RUN/$1.pid"
  disown $!
}

pid_of() { cat "$RUN/$1.pid"; }
restarts_of() { local count=0; [[ -f "$RUN/$1.restarts" ]] && read -r count _ <"$RUN/$1.restarts"; echo "$count"; }
has_restarts() { (($(restarts_of "$1") >= $2)); }
is_live() { [[ -z $(liveness_problem "$(service_port "$1")") ]]; }

for svc in "${SERVICES[@]}"; do start_service "$svc"; done
for svc in "${SERVICES[@]}"; do wait_ready "$svc"; done
check "two fake services up"

# Issue 15: a start right after a kill -9 waits for the killed process to be over, then starts a new one.
old=$(pid_of alpha)
kill -9 "$old"
start_service alpha
[[ $(pid_of alpha) != "$old" ]] || broken "start_service took the killed process for the service"
wait_ready alpha
check "started again right after a kill -9 (pid $old, then $(pid_of alpha))"

# A start that exits at once (as on a database too slow to answer) is started again while up waits for it.
old=$(pid_of alpha)
kill -9 "$old"
await_exit "$old"
await_port_free "$(service_port alpha)"
true &
echo $! >"$RUN/alpha.pid"
wait $!
wait_ready alpha >/dev/null
[[ $(pid_of alpha) != "$old" ]] && is_live alpha || broken "a start that exited was not started again"
check "a start that exited is started again by wait_ready"

start_supervisor
supervisor=$(running_pid "$RUN/supervisor.pid") || broken "no supervisor"
start_supervisor
[[ $(running_pid "$RUN/supervisor.pid") == "$supervisor" ]] || broken "a second supervisor was started"
check "one supervisor (pid $supervisor), however often started"

old=$(pid_of alpha)
kill -9 "$old"
eventually 15 has_restarts alpha 1 || broken "alpha not restarted after a kill -9"
eventually 15 is_live alpha || broken "alpha restarted but not live"
[[ $(pid_of alpha) != "$old" ]] || broken "alpha's pid did not change"
check "a killed service is restarted: $(restart_summary alpha)"

touch "$WORK/beta.down"
eventually 45 has_restarts beta 1 || broken "beta not restarted while not live"
first=$SECONDS
[[ $(restart_summary beta) == *"not live: HTTP 503: SmallRye Reactive Messaging - liveness check (intents: [KO] - broker unreachable)"* ]] \
  || broken "the reason of beta's restart: $(restart_summary beta)"
check "a service not live 3 checks in a row is restarted: $(restart_summary beta)"
eventually 30 has_restarts beta 2 || broken "beta, still not live after its restart, not restarted again"
((SECONDS - first >= SUPERVISE_BACKOFF_FIRST - 1)) || broken "beta restarted again after $((SECONDS - first)) s"
grep -q "beta-service .*restart in [0-9]* s (backoff)" "$LOGS/supervisor.log" || broken "no backoff logged"
check "restarted again only after its backoff ($((SECONDS - first)) s)"
rm "$WORK/beta.down"
eventually 15 is_live beta || broken "beta not live again"

status=$(cmd_status 2>/dev/null)
grep -qE "^ +restarts: 1 \(last [0-9:]{8}: process [0-9]* ?exited\)$" <<<"$status" || broken "status: $status"
grep -qE "^ +restarts: 2 \(last [0-9:]{8}: not live" <<<"$status" || broken "status: $status"
grep -qE "^supervisor +up +pid $supervisor" <<<"$status" || broken "status: $status"
check "status shows the restarts"

stop_pid_file "$RUN/supervisor.pid"
start_supervisor
supervisor=$(running_pid "$RUN/supervisor.pid") || broken "no supervisor after a restart of it"
[[ $(restarts_of alpha) == 1 ]] || broken "a new supervisor lost the restart counts"
check "a new supervisor keeps the counts"

cmd_down >/dev/null
! running "$supervisor" || broken "supervisor still running after down"
sleep $((SUPERVISE_EVERY * 3))
for svc in "${SERVICES[@]}"; do
  ! port_open "$(service_port "$svc")" || broken "$svc is running after down"
done
! compgen -G "$RUN/*.restarts" >/dev/null || broken "restart counts left after down"
check "down stops the supervisor first: nothing is restarted; counts start afresh"
say "supervisor: all checks passed"
