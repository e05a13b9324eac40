#!/usr/bin/env python3
"""Merges the services' JSON log lines in time order; with --job, only that job's.

Used by './autoflow logs [--job ID] [--json]'. Each service writes one JSON object a line (quarkus-logging-json) to
.autoflow/logs/<service>-service[-n].log; lines that are not JSON (the JVM's own words before logging starts) are left
out. A job's lines are those whose MDC names the job (jobId), and every line of the traces those lines belong to
(traceId): the gateway's request, each Kafka hop, each worker, the delivery.

Standard library only.
"""
import argparse
import glob
import json
import os
import sys
from datetime import datetime


def read_lines(path):
    instance = os.path.basename(path)[:-len(".log")]
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, text in enumerate(f):
            text = text.strip()
            if not text.startswith("{"):
                continue
            try:
                line = json.loads(text)
            except ValueError:
                continue
            if not isinstance(line, dict) or "timestamp" not in line:
                continue
            try:
                at = datetime.fromisoformat(line["timestamp"])
            except ValueError:
                continue
            yield at, instance, number, line


def of_job(lines, job):
    """The job's own lines, and the lines of every trace they carry."""
    traces = {line.get("mdc", {}).get("traceId") for _, _, _, line in lines
              if line.get("mdc", {}).get("jobId") == job}
    traces.discard(None)
    return [entry for entry in lines
            if entry[3].get("mdc", {}).get("jobId") == job or entry[3].get("mdc", {}).get("traceId") in traces]


def show(entry):
    at, instance, _, line = entry
    mdc = line.get("mdc", {})
    ids = " ".join(f"{key}={mdc[key]}" for key in ("jobId", "traceId", "spanId") if mdc.get(key))
    text = f"{at.isoformat(timespec='milliseconds')} {instance:<24} {line.get('level', ''):<5} " \
           f"[{line.get('loggerName', '')}] {line.get('message', '')}"
    if ids:
        text += f"  ({ids})"
    if line.get("exception"):
        text += "\n    " + json.dumps(line["exception"])[:2000]
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=".autoflow/logs", help="where the services' logs are")
    parser.add_argument("--job", help="only this job's lines (and those of its traces)")
    parser.add_argument("--json", action="store_true", help="print the JSON lines as they are, merged")
    args = parser.parse_args()
    paths = sorted(glob.glob(os.path.join(args.dir, "*-service*.log")))
    if not paths:
        sys.exit(f"logs: no service logs in {args.dir}; is the platform up (./autoflow up)?")
    lines = [entry for path in paths for entry in read_lines(path)]
    if args.job:
        lines = of_job(lines, args.job)
        if not lines:
            sys.exit(f"logs: no line names job {args.job}")
    lines.sort(key=lambda entry: (entry[0], entry[1], entry[2]))
    for entry in lines:
        print(json.dumps(entry[3]) if args.json else show(entry))


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # | head
        sys.exit(0)
