#!/usr/bin/env python3
"""Measures how soon a job's live event stream shows it completed, on the running local platform (./autoflow up).

Submits samples/sales.csv RUNS times through the public API, follows GET /api/jobs/{id}/events for each, and prints
the time from the job's completed_at (stamped by the analytics worker) to the arrival of the 'completed' event at this
client: worker -> Kafka -> orchestrator -> job-updates -> gateway -> client. Bounded: RUNS jobs, 60 s each; loopback.
    bench/job-events-latency.py [RUNS=20]
"""
import datetime
import json
import pathlib
import sys
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
GATEWAY = "http://localhost:8080"
KEY = (ROOT / ".autoflow" / "api-key").read_text().strip()


def submit(document: bytes) -> str:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sales.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + document + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{GATEWAY}/api/analytics/document", data=body, method="POST", headers={
        "X-API-Key": KEY, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["job_id"]


def completed_event_delay_ms(job_id: str) -> float:
    request = urllib.request.Request(f"{GATEWAY}/api/jobs/{job_id}/events",
                                     headers={"X-API-Key": KEY, "Accept": "text/event-stream"})
    with urllib.request.urlopen(request, timeout=60) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if not line.startswith("data:"):
                continue
            arrived = datetime.datetime.now(datetime.timezone.utc)
            view = json.loads(line[5:])
            if view.get("status") == "completed":
                done = datetime.datetime.fromisoformat(view["completed_at"].replace("Z", "+00:00"))
                return (arrived - done).total_seconds() * 1000
    raise RuntimeError(f"the stream of job {job_id} ended without 'completed'")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    document = (ROOT / "samples" / "sales.csv").read_bytes()
    delays = sorted(completed_event_delay_ms(submit(document)) for _ in range(runs))
    pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
    print(f"{runs} jobs: 'completed' reached the client {delays[0]:.0f} ms min, {pick(0.5):.0f} ms median, "
          f"{pick(0.95):.0f} ms p95, {delays[-1]:.0f} ms max after the worker finished")


if __name__ == "__main__":
    main()
