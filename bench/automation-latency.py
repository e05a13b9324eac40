#!/usr/bin/env python3
"""Latency of API automations on the running local platform: from the request to the API's answer being stored.

Serves a small JSON API on loopback, submits CALLS automations through POST /api/automations from CLIENTS concurrent
clients, and follows each with GET /api/jobs/{id} (every 50 ms) until it completes. Prints, p50/p95/max:
submission (the 202), the call itself (result.duration_ms, measured by automation-service), and end to end from the
job's created_at to its completed_at (gateway -> Kafka -> orchestrator -> automation-service -> API -> blob store ->
Kafka -> orchestrator). The platform must allow loopback URLs, which it refuses by default:
    AUTOFLOW_URL_FETCH_ALLOW_LOOPBACK=true ./autoflow up
    bench/automation-latency.py [CALLS=50] [CLIENTS=4]
"""
import concurrent.futures
import datetime
import http.server
import json
import pathlib
import sys
import threading
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
GATEWAY = "http://localhost:8080"
KEY = (ROOT / ".autoflow" / "api-key").read_text().strip()
ANSWER = json.dumps({"base": "EUR", "rates": {"USD": 1.08, "GBP": 0.85}}).encode()


class Api(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    def log_message(self, *args):
        pass


def call(json_body=None, path="", method="GET"):
    data = None if json_body is None else json.dumps(json_body).encode()
    request = urllib.request.Request(GATEWAY + path, data=data, method=method,
                                     headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response), (time.perf_counter() - started) * 1000


def at(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def one(api_url):
    accepted, submit_ms = call({"url": api_url}, "/api/automations", "POST")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job, _ = call(path="/api/jobs/" + accepted["job_id"])
        if job["status"] in ("completed", "failed"):
            if job["status"] != "completed":
                raise SystemExit("job failed: " + json.dumps(job.get("error")))
            end_to_end = (at(job["completed_at"]) - at(job["created_at"])).total_seconds() * 1000
            return submit_ms, job["result"]["duration_ms"], end_to_end
        time.sleep(0.05)
    raise SystemExit("job did not finish within 60 s")


def summary(name, values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(f"{name:<12} p50 {pick(0.5):7.1f} ms   p95 {pick(0.95):7.1f} ms   max {values[-1]:7.1f} ms")


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api_url = f"http://127.0.0.1:{server.server_address[1]}/rates"
    one(api_url)  # warm-up
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda _: one(api_url), range(calls)))
    elapsed = time.monotonic() - started
    print(f"{calls} API automations from {clients} clients in {elapsed:.1f} s ({calls / elapsed:.1f} calls/s)")
    summary("submission", [r[0] for r in results])
    summary("API call", [r[1] for r in results])
    summary("end to end", [r[2] for r in results])
    server.shutdown()


if __name__ == "__main__":
    main()
