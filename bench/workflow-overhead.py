#!/usr/bin/env python3
"""What a workflow's chaining costs on the running local platform: a 3-step run on tiny data, end to end and per step.

Serves a small JSON API on loopback, saves a workflow (http: call it -> transform: its rows filtered, as CSV ->
convert: the CSV as JSON) and starts RUNS runs one after the other through POST /api/workflows/{id}/runs, following
each with GET /api/jobs/{id} (every 50 ms) until it ends. Prints, p50/p95/max: the submission (the 202), the run end to
end (its job's created_at to completed_at), the steps' own time (each step's job from its start to its end, as its
worker reports it: the work), and the overhead per step: (end to end - the steps' own time) / 3, which is what the
platform adds to hand a step on (gateway -> Kafka -> orchestrator -> the step's service -> Kafka -> orchestrator,
the next step's job recorded in the same transaction). The platform must allow loopback URLs:
    AUTOFLOW_URL_FETCH_ALLOW_LOOPBACK=true ./autoflow up
    bench/workflow-overhead.py [RUNS=30]
"""
import http.server
import json
import sys
import threading
import time

from local_api import at, call, json_api, summary

ANSWER = json.dumps({"data": [{"region": "EU", "product": "Widget", "revenue": 100},
                              {"region": "US", "product": "Gadget", "revenue": 250},
                              {"region": "EU", "product": "Gizmo", "revenue": 75}]}).encode()
STEPS = 3


def workflow(api_url):
    definition = {"name": "Overhead bench", "trigger": {"type": "manual"}, "steps": [
        {"type": "http", "name": "fetch", "url": api_url},
        {"type": "transform", "name": "eu", "input": "fetch", "jsonata": "data",
         "operations": [{"op": "filter", "where": "region = 'EU'"}], "target_format": "csv"},
        {"type": "convert", "name": "as_json", "input": "eu", "target_format": "json"}]}
    saved, _ = call("/api/workflows", definition, "POST")
    return saved["id"]


def one(workflow_id):
    accepted, submit_ms = call("/api/workflows/" + workflow_id + "/runs", {}, "POST")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run, _ = call("/api/jobs/" + accepted["job_id"])
        if run["status"] in ("completed", "failed"):
            if run["status"] != "completed":
                raise SystemExit("run failed: " + json.dumps(run.get("error")))
            end_to_end = (at(run["completed_at"]) - at(run["created_at"])).total_seconds() * 1000
            steps = sum(step["duration_ms"] for step in run["result"]["steps"])
            return submit_ms, end_to_end, steps, (end_to_end - steps) / STEPS
        time.sleep(0.05)
    raise SystemExit("run did not finish within 60 s")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), json_api(ANSWER))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    workflow_id = workflow(f"http://127.0.0.1:{server.server_address[1]}/sales")
    for _ in range(3):
        one(workflow_id)  # warm-up
    started = time.monotonic()
    results = [one(workflow_id) for _ in range(runs)]
    elapsed = time.monotonic() - started
    print(f"{runs} runs of a {STEPS}-step workflow, one after the other, in {elapsed:.1f} s")
    summary("submission", [r[0] for r in results])
    summary("run end to end", [r[1] for r in results])
    summary("steps' own time", [r[2] for r in results])
    summary("overhead per step", [r[3] for r in results])
    call("/api/workflows/" + workflow_id, method="DELETE")
    server.shutdown()


if __name__ == "__main__":
    main()
