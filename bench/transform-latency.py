#!/usr/bin/env python3
"""Data transforms of a 10 MB CSV on the running local platform (./autoflow up), one run per target format.

Generates a deterministic CSV of about 10 MB (6 columns), submits it to POST /api/transforms for JSON, XLSX, CSV
and JSON again (warm), follows each job until it completes, and prints the time from the start of the upload to the
completed job, the job's duration_ms (queued to completed), and the converted file's size.
    bench/transform-latency.py
"""
import json, time, urllib.request, uuid, pathlib
from sample_csv import ten_mb_csv
row_count, data = ten_mb_csv()
key=(pathlib.Path(__file__).resolve().parent.parent / ".autoflow" / "api-key").read_text().strip()
for target in ["json","xlsx","csv","json"]:
    b=uuid.uuid4().hex
    body=(f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n").encode()+data+(f"\r\n--{b}\r\nContent-Disposition: form-data; name=\"request\"\r\nContent-Type: application/json\r\n\r\n{{\"target_format\":\"{target}\"}}\r\n--{b}--\r\n").encode()
    t0=time.time()
    r=json.load(urllib.request.urlopen(urllib.request.Request("http://localhost:8080/api/transforms",data=body,method="POST",headers={"X-API-Key":key,"Content-Type":f"multipart/form-data; boundary={b}"})))
    while True:
        j=json.load(urllib.request.urlopen(urllib.request.Request("http://localhost:8080/api/jobs/"+r["job_id"],headers={"X-API-Key":key})))
        if j["status"] in("completed","failed"): break
        time.sleep(0.1)
    print(target, j["status"], row_count, "rows", f"{time.time()-t0:.1f}s from upload start; duration_ms", j.get("duration_ms"), "out bytes", j.get("result",{}).get("file",{}).get("size_bytes"), flush=True)
