#!/usr/bin/env python3
"""A scheduled analysis of a 10 MB CSV on the web, on the running local platform.

Needs `AUTOFLOW_URL_FETCH_ALLOW_LOOPBACK=true ./autoflow up`: the document is served by this script on loopback.
Generates a deterministic CSV of about 10 MB, serves it, sets up a schedule that analyses it every minute (the local
user is enterprise: one minute is allowed), and prints: how long POST /api/schedules took (it fetches and checks the
document once), then for each of RUNS runs the run job's duration_ms (from the scheduler's intent to the completed
report, the fetch included); and, to compare, one analysis of the same URL submitted directly (wall time). Stops the schedule.
    bench/scheduled-analysis.py [RUNS]
"""
import http.server, json, pathlib, sys, threading, time, urllib.request
from sample_csv import ten_mb_csv

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
API = "http://localhost:8080"
row_count, data = ten_mb_csv()


class Serve(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", str(len(data))); self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Serve)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_port}/exports/sales.csv"
key = (pathlib.Path(__file__).resolve().parent.parent / ".autoflow" / "api-key").read_text().strip()


def call(method, path, body=None):
    request = urllib.request.Request(API + path, method=method, headers={"X-API-Key": key,
        "Content-Type": "application/json"}, data=None if body is None else json.dumps(body).encode())
    return json.load(urllib.request.urlopen(request))


def finished(job_id):
    while True:
        job = call("GET", "/api/jobs/" + job_id)
        if job["status"] in ("completed", "failed"):
            return job
        time.sleep(0.1)


t0 = time.time()
schedule = call("POST", "/api/schedules", {"cron": "* * * * *", "analysis": {"file": url}})["schedule_id"]
print(f"{row_count} rows, {len(data)} bytes; POST /api/schedules answered in {time.time() - t0:.2f}s", flush=True)
print("set-up", finished(schedule)["status"], flush=True)
seen = None
try:
    for run in range(RUNS):
        while True:
            last = call("GET", "/api/schedules/" + schedule).get("last_run_job_id")
            if last and last != seen:
                break
            time.sleep(0.5)
        seen = last
        job = finished(last)
        print(f"run {run + 1}: {job['status']}, duration_ms {job.get('duration_ms')}", flush=True)
finally:
    call("DELETE", "/api/schedules/" + schedule)
t0 = time.time()
direct = call("POST", "/api/analytics/document", {"file": url})["job_id"]
job = finished(direct)
print(f"direct analysis of the same URL (fetched by the gateway before the job is queued): {job['status']},"
      f" {time.time() - t0:.2f}s from the request to completed, duration_ms {job.get('duration_ms')}", flush=True)
