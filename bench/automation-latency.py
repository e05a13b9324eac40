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
import http.server
import json
import sys
import threading
import time

from local_api import at, call, json_api, summary

ANSWER = json.dumps({"base": "EUR", "rates": {"USD": 1.08, "GBP": 0.85}}).encode()


def one(api_url):
    accepted, submit_ms = call("/api/automations", {"url": api_url}, "POST")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job, _ = call("/api/jobs/" + accepted["job_id"])
        if job["status"] in ("completed", "failed"):
            if job["status"] != "completed":
                raise SystemExit("job failed: " + json.dumps(job.get("error")))
            end_to_end = (at(job["completed_at"]) - at(job["created_at"])).total_seconds() * 1000
            return submit_ms, job["result"]["duration_ms"], end_to_end
        time.sleep(0.05)
    raise SystemExit("job did not finish within 60 s")


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), json_api(ANSWER))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api_url = f"http://127.0.0.1:{server.server_address[1]}/rates"
    one(api_url)  # warm-up
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda _: one(api_url), range(calls)))
    elapsed = time.monotonic() - started
    print(f"{calls} API automations from {clients} clients in {elapsed:.1f} s ({calls / elapsed:.1f} calls/s)")
    summary("submission", [r[0] for r in results], 12)
    summary("API call", [r[1] for r in results], 12)
    summary("end to end", [r[2] for r in results], 12)
    server.shutdown()


if __name__ == "__main__":
    main()
