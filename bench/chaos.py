#!/usr/bin/env python3
"""The chaos suite: a steady mixed load on the running local platform while its parts fail, one at a time.

Run by `./autoflow chaos [--short]`, which starts the platform first (with loopback URLs allowed, so that API calls
and webhooks reach this script's own HTTP server). The load, as a well-behaved client sends it (an Idempotency-Key
per submission, sent again with the same key after a refused connection, a 5xx, a 503 or a 429): document analyses
(half delivered by email, half by webhook), messages and API calls delivered by webhook, data conversions, and one
schedule calling an API every minute. The faults, one after another with load before and after each: PostgreSQL
restarts, the Kafka broker restarts, Redis restarts, each service is SIGKILLed (the supervisor restarts it), and
the whole platform goes down and up. `--short` does PostgreSQL, the analytics and the orchestrator only.

With `--replicas 2` (`./autoflow chaos --replicas 2`: two of every service behind HAProxy, files on S3), the S3 store
restarts too, and the kills take one replica of each service while the other carries on; `--short` then restarts
PostgreSQL and the S3 store and kills one gateway, analytics, orchestrator and scheduler.

After the last fault, every accepted job must end completed (every fault was transient), each delivered once per
channel (webhook ids counted here, emails by their receptions in .autoflow/mail/received.tsv), no new record on a
dead-letter topic, and the schedule's API called once per run. The figures go to stdout and
.autoflow/chaos-report.json; the exit status is 1 when any of those does not hold.
"""
import argparse
import collections
import email
import email.policy
import http.server
import json
import pathlib
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
STATE = ROOT / ".autoflow"
GATEWAY = "http://localhost:8080"
SALES = (ROOT / "samples" / "sales.csv").read_bytes()
SERVICES = ["gateway", "conversation", "orchestrator", "analytics", "scheduler", "automation", "notification",
            "transform"]
FULL = ["postgresql", "kafka", "redis"] + [f"kill {s}" for s in SERVICES] + ["down-up"]
SHORT = ["postgresql", "kill analytics", "kill orchestrator"]
REPLICATED_FULL = ["postgresql", "kafka", "redis", "s3"] + [f"kill {s}" for s in SERVICES] + ["down-up"]
REPLICATED_SHORT = ["postgresql", "s3", "kill gateway", "kill analytics", "kill orchestrator", "kill scheduler"]


class Receiver(http.server.ThreadingHTTPServer):
    """The users' side: an API to call (rates, the schedule's tick) and a webhook endpoint, all counted."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.calls = collections.Counter()
        self.hooks = collections.defaultdict(list)  # job id -> webhook-id of each POST (a retry repeats its id)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):

    def do_GET(self):
        with self.server.lock:
            self.server.calls[self.path] += 1
        self.answer(b'{"base":"EUR","rates":{"USD":1.08}}')

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        job_id = (body.get("data") or {}).get("job_id", "?")
        with self.server.lock:
            self.server.hooks[job_id].append(self.headers.get("webhook-id", "?"))
        self.answer(b"{}")

    def answer(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Client:
    """The public API as a careful client uses it: retried submissions keep their Idempotency-Key."""

    def __init__(self):
        self.key = (STATE / "api-key").read_text().strip()

    def call(self, method, path, body=None, content_type="application/json", idempotency_key=None, timeout=30):
        headers = {"X-API-Key": self.key}
        if body is not None:
            headers["Content-Type"] = content_type
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        request = urllib.request.Request(GATEWAY + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as e:
            try:
                return e.code, json.loads(e.read() or b"{}")
            except ValueError:
                return e.code, {}
        except (urllib.error.URLError, OSError, TimeoutError):
            return None, {}

    def submit(self, path, body, content_type="application/json", patience=300):
        """Sends until accepted (2xx) or refused for good (another 4xx); the same key each time."""
        key = str(uuid.uuid4())
        deadline = time.monotonic() + patience
        wait = 0.5
        while time.monotonic() < deadline:
            status, answer = self.call("POST", path, body, content_type, key)
            if status is not None and 200 <= status < 300:
                return answer
            if status is not None and 400 <= status < 500 and status not in (409, 429):
                raise RuntimeError(f"{path} refused with {status}: {answer}")
            time.sleep(wait)
            wait = min(wait * 2, 10)
        raise RuntimeError(f"{path} not accepted within {patience} s")

    def job(self, job_id):
        status, job = self.call("GET", f"/api/jobs/{job_id}")
        return job if status == 200 else None


def multipart(fields):
    boundary = uuid.uuid4().hex
    body = b""
    for name, (filename, content, media_type) in fields.items():
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += (f"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {media_type}\r\n\r\n"
                 .encode() + content + b"\r\n")
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Load:
    """Submits a mixed batch every cycle on a thread of its own; remembers every accepted job and its channel."""

    def __init__(self, client, receiver):
        self.client = client
        self.hooks = receiver.base + "/hooks"
        self.api = receiver.base + "/api/rates"
        self.jobs = {}  # job id -> (kind, channel)
        self.lock = threading.Lock()
        self.running = True
        self.errors = []
        self.cycle = 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while self.running:
            self.cycle += 1
            for kind in ("analysis", "message", "api_call", "conversion"):
                threading.Thread(target=self.submit_one, args=(kind, self.cycle), daemon=True).start()
            time.sleep(2)

    def submit_one(self, kind, cycle):
        try:
            if kind == "analysis":
                channel = "email" if cycle % 2 else "webhook"
                output = {"delivery": "email"} if channel == "email" else {"delivery": "webhook",
                                                                            "webhook_url": self.hooks}
                body, media = multipart({"file": ("sales.csv", SALES, "text/csv"),
                                         "request": (None, json.dumps({"output": output}).encode(),
                                                     "application/json")})
                accepted = self.client.submit("/api/analytics/document", body, media)
            elif kind == "message":
                channel = "webhook"
                accepted = self.client.submit("/api/notifications", json.dumps({
                    "message": f"chaos {cycle}", "output": {"delivery": "webhook", "webhook_url": self.hooks}})
                    .encode())
            elif kind == "api_call":
                channel = "webhook"
                accepted = self.client.submit("/api/automations", json.dumps({
                    "url": self.api, "output": {"delivery": "webhook", "webhook_url": self.hooks}}).encode())
            else:
                channel = "download"
                body, media = multipart({"file": ("sales.csv", SALES, "text/csv"),
                                         "request": (None, b'{"target_format": "json"}', "application/json")})
                accepted = self.client.submit("/api/transforms", body, media)
            with self.lock:
                self.jobs[accepted["job_id"]] = (kind, channel)
        except Exception as e:  # noqa: BLE001 - every failure to submit is a finding, reported at the end
            with self.lock:
                self.errors.append(f"{kind}: {e}")

    def stop(self):
        self.running = False
        self.thread.join()
        time.sleep(5)  # submissions still being retried finish or give up on their own


def fault(name):
    started = time.monotonic()
    subprocess.run([str(ROOT / "autoflow"), "fault", *name.split()], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def recovery_time(client, since):
    """From the fault's start until a fresh analysis, submitted at once, has completed."""
    body, media = multipart({"file": ("probe.csv", SALES, "text/csv")})
    job_id = client.submit("/api/analytics/document", body, media)["job_id"]
    while time.monotonic() - since < 600:
        job = client.job(job_id)
        if job and job.get("status") in ("completed", "failed"):
            return time.monotonic() - since, job_id
        time.sleep(0.5)
    return None, job_id


def receptions_by_file(log):
    """received.tsv (millis, key, recipient, .eml file name a line): how often each file's message reached each
    recipient. Empty when there is no log (a mail server from before it)."""
    receptions = collections.defaultdict(collections.Counter)
    if log.exists():
        # The last piece has no line break: empty, or a line being appended right now.
        for line in log.read_text(encoding="utf-8", errors="replace").split("\n")[:-1]:
            fields = line.split("\t")
            if len(fields) == 4:
                receptions[fields[3]][fields[2]] += 1
    return receptions


def emails_by_job(since, mail=STATE / "mail"):
    """Deliveries of each job's email, among the emails written after `since` (epoch seconds).

    The mail server writes a message once, by Message-ID, so a double send (same Message-ID) is one file; each copy
    it received is a line of received.tsv, so that send is two lines for the recipient. A job's deliveries: the most
    receptions of its files by any one recipient, and at least the number of its files (two sends with different
    Message-IDs, a file whose line is missing, or no received.tsv at all).
    """
    receptions = receptions_by_file(mail / "received.tsv")
    files = collections.Counter()
    by_recipient = collections.defaultdict(collections.Counter)
    for eml in mail.glob("*.eml"):
        if eml.stat().st_mtime < since:
            continue
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        text = "".join(part.get_content() for part in message.walk() if part.get_content_type() == "text/plain")
        for job_id in set(re.findall(r"/jobs/([0-9a-f-]{36})", text)):
            files[job_id] += 1
            by_recipient[job_id].update(receptions.get(eml.name, {}))
    return collections.Counter({job_id: max(count, max(by_recipient[job_id].values(), default=0))
                                for job_id, count in files.items()})


def dead_letter_counts(client):
    """Records on each dead-letter topic not replayed yet (the admin API's count)."""
    for _ in range(60):
        status, dead = client.call("GET", "/api/admin/dead-letters")
        if status == 200:
            return {t["topic"]: t.get("count", 0) for t in dead.get("topics") or []}
        time.sleep(1)
    raise RuntimeError(f"GET /api/admin/dead-letters answered {status} for a minute")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true", help="three faults only (PostgreSQL, analytics, orchestrator)")
    parser.add_argument("--warm", type=int, default=15, help="seconds of load before each fault")
    parser.add_argument("--replicas", type=int, default=1, help="replicas of each service the platform runs")
    args = parser.parse_args()
    if args.replicas > 1:
        faults = REPLICATED_SHORT if args.short else REPLICATED_FULL
    else:
        faults = SHORT if args.short else FULL

    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    client = Client()
    started_at = time.time()
    # Dead letters left from before (a platform kept between runs) are not this run's.
    dead_before = dead_letter_counts(client)
    client.call("POST", "/api/me/webhook-secret")  # webhooks are signed: without a secret they fail at once
    schedule = client.submit("/api/schedules", json.dumps({
        "cron": "* * * * *", "time_zone": "UTC", "task": {"url": receiver.base + "/api/tick"}}).encode())
    load = Load(client, receiver)
    load.thread.start()
    report = {"faults": [], "probes": []}
    for name in faults:
        time.sleep(args.warm)
        since = time.monotonic()
        took = fault(name)
        recovered, probe = recovery_time(client, since)
        report["faults"].append({"fault": name, "fault_s": round(took, 1),
                                 "recovered_s": None if recovered is None else round(recovered, 1)})
        report["probes"].append(probe)
        print(f"{name}: done in {took:.1f} s, a new analysis completed {recovered:.1f} s after the fault began"
              if recovered is not None else f"{name}: NOT RECOVERED within 600 s", flush=True)
    time.sleep(args.warm)
    load.stop()

    # Every accepted job must end; deliveries are given time to arrive.
    deadline = time.monotonic() + 600
    outcomes = {}
    while time.monotonic() < deadline and len(outcomes) < len(load.jobs):
        for job_id in list(load.jobs):
            if job_id not in outcomes:
                job = client.job(job_id)
                if job and job.get("status") in ("completed", "failed"):
                    outcomes[job_id] = job
        time.sleep(2)
    time.sleep(30)

    schedule_id = schedule["schedule_id"]
    client.call("DELETE", f"/api/schedules/{schedule_id}")
    # Each minute between the schedule's creation and its deletion is one run (or one missed while all was down).
    minutes = int(time.time() // 60) - int(started_at // 60)
    time.sleep(10)  # a run that had already started makes its call
    _, schedule_view = client.call("GET", f"/api/schedules/{schedule_id}")
    emails = emails_by_job(started_at)
    hooks = receiver.hooks
    failed = {j: o.get("error", {}).get("code") for j, o in outcomes.items() if o["status"] == "failed"}
    stuck = [j for j in load.jobs if j not in outcomes]
    duplicates = []
    for job_id, (kind, channel) in load.jobs.items():
        # A webhook retried after a lost answer keeps its webhook-id, which receivers use to drop the repeat.
        delivered = emails[job_id] if channel == "email" else len(set(hooks.get(job_id, [])))
        if channel != "download" and outcomes.get(job_id, {}).get("status") == "completed" and delivered != 1:
            duplicates.append({"job": job_id, "kind": kind, "channel": channel, "deliveries": delivered,
                               "webhook_posts": len(hooks.get(job_id, []))})
    dead = dead_letter_counts(client)
    dead_letters = {topic: count - dead_before.get(topic, 0) for topic, count in dead.items()
                    if count > dead_before.get(topic, 0)}
    runs = (schedule_view or {}).get("runs", 0)
    missed = (schedule_view or {}).get("missed", 0)
    ticks = receiver.calls["/api/tick"]
    report.update({
        "accepted": len(load.jobs), "by_kind": dict(collections.Counter(k for k, _ in load.jobs.values())),
        "completed": sum(1 for o in outcomes.values() if o["status"] == "completed"), "failed": failed,
        "stuck": stuck, "delivery_problems": duplicates, "dead_letters": sum(dead_letters.values()),
        "dead_letter_topics": dead_letters,
        "replicas": args.replicas, "schedule_minutes": minutes, "schedule_runs": runs, "schedule_missed": missed,
        "schedule_calls": ticks, "submission_errors": load.errors})
    (STATE / "chaos-report.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    ok = (not failed and not stuck and not duplicates and not dead_letters and not load.errors
          and ticks == runs and abs(runs + missed - minutes) <= 1 and all(f["recovered_s"] is not None for f in report["faults"]))
    print("chaos: every accepted job completed, delivered once; no dead letter; the schedule fired once a minute"
          if ok else "chaos: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
