#!/usr/bin/env python3
"""Load on the public API of the running local platform (./autoflow up): many jobs in flight at once.

Submits JOBS small CSV analyses from CLIENTS concurrent clients through POST /api/analytics/document, then follows
each with GET /api/jobs/{id} (every 200 ms) until it is completed or failed. Prints the latency of submissions and of
status reads (p50/p95/p99/max), how many jobs were in flight at most, and how fast the platform drained them.
Bounded: JOBS submissions, each followed for at most 120 s; loopback only. The load generator shares the machine.
    bench/api-load.py [JOBS=100] [CLIENTS=20]
"""
import concurrent.futures
import json
import pathlib
import sys
import threading
import time
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
GATEWAY = "http://localhost:8080"
KEY = (ROOT / ".autoflow" / "api-key").read_text().strip()
DOCUMENT = (ROOT / "samples" / "sales.csv").read_bytes()

lock = threading.Lock()
submit_ms, status_ms, finished = [], [], []
in_flight = {"now": 0, "most": 0}


def timed(request):
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = json.load(response)
    return body, (time.perf_counter() - started) * 1000


def submit():
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sales.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + DOCUMENT + f"\r\n--{boundary}--\r\n".encode()
    answer, ms = timed(urllib.request.Request(f"{GATEWAY}/api/analytics/document", data=body, method="POST",
                                              headers={"X-API-Key": KEY,
                                                       "Content-Type": f"multipart/form-data; boundary={boundary}"}))
    with lock:
        submit_ms.append(ms)
        in_flight["now"] += 1
        in_flight["most"] = max(in_flight["most"], in_flight["now"])
    return answer["job_id"]


def follow(job_id):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job, ms = timed(urllib.request.Request(f"{GATEWAY}/api/jobs/{job_id}", headers={"X-API-Key": KEY}))
        with lock:
            status_ms.append(ms)
        if job["status"] in ("completed", "failed"):
            with lock:
                in_flight["now"] -= 1
                finished.append((time.monotonic(), job["status"]))
            return job["status"]
        time.sleep(0.2)
    return "timed out"


def one_job(_):
    return follow(submit())


def quantiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return f"p50 {pick(0.5):.1f} ms, p95 {pick(0.95):.1f} ms, p99 {pick(0.99):.1f} ms, max {values[-1]:.1f} ms"


def main():
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        outcomes = list(pool.map(one_job, range(jobs)))
    took = time.monotonic() - started
    print(f"{jobs} jobs from {clients} clients: {outcomes.count('completed')} completed, "
          f"{outcomes.count('failed')} failed, {outcomes.count('timed out')} timed out")
    print(f"submission ({len(submit_ms)}): {quantiles(submit_ms)}")
    print(f"status read ({len(status_ms)}): {quantiles(status_ms)}")
    print(f"at most {in_flight['most']} jobs in flight; all done in {took:.1f} s ({jobs / took:.1f} jobs/s)")


if __name__ == "__main__":
    main()
