#!/usr/bin/env python3
"""Checks the dashboards and the alerts against a real Prometheus scraping the running platform.

Run by `./autoflow chaos` (which starts the platform with `--monitoring`) after its load, or by hand on
`./autoflow up --monitoring`: python3 tests/prometheus-check.py [--since EPOCH]. It adds a little load of its own
(an analysis that fails on a malformed CSV and one that completes, so that every outcome has series), waits for
Prometheus to scrape it, then
- evaluates every panel query of every dashboard in k8s/base/monitoring/dashboards/ through Prometheus's HTTP API:
  each must return at least one series with a number (no dead panel, no misspelt metric or label). The language
  model's panels are the exception where no model is configured (the local stack's default): they read only the
  model's meters, which no service has then, and are reported idle (their names are asserted by the services' tests
  against a server speaking the OpenAI protocol);
- asks Prometheus for the rules it loaded from k8s/base/monitoring/autoflow-rules.yaml: each must evaluate without
  error, and every metric an alert reads must have series (an alert over a misspelt metric would never fire);
- prints the alerts that fired since --since (what happened during the chaos run), for the README and the report.
Exit status 1 when a panel or an alert is dead. Python 3 standard library only.
"""
import argparse
import json
import math
import os
import pathlib
import re
import sys
import time
import urllib.parse
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
DASHBOARDS = ROOT / "k8s" / "base" / "monitoring" / "dashboards"
STATE = ROOT / ".autoflow"
# Grafana's variables, as a dashboard shows them with nothing chosen: every workflow, a rate window of 4 scrapes.
VARIABLES = {"$workflow": ".+", "$__rate_interval": "1m"}
# The language model's meters: quarkus-langchain4j's GenAI meters and our fallbacks to the engine.
LLM_METRICS = re.compile(r"^(gen_ai_|autoflow_llm_)")
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
                "offset", "inf", "nan"}


def prometheus_query(base, query):
    url = f"{base}/api/v1/query?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url, timeout=30) as response:
        answer = json.load(response)
    if answer.get("status") != "success":
        raise RuntimeError(answer.get("error", answer))
    return answer["data"]["result"]


def has_number(result):
    return any(not math.isnan(float(series["value"][1])) for series in result)


def metric_names(expr):
    """The metric names an expression reads: what is left once strings, matchers, ranges and groupings are out."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", text):
        name, rest = match.group(0), text[match.end():].lstrip()
        if name.lower() in PROMQL_WORDS or rest.startswith("("):
            continue
        names.add(name)
    return names


def api(gateway, key, method, path, body=None, content_type=None):
    headers = {"X-API-Key": key}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(gateway + path, data=body, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def analyse(gateway, key, name, csv):
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/csv\r\n\r\n").encode() + csv + f"\r\n--{boundary}--\r\n".encode()
    return api(gateway, key, "POST", "/api/analytics/document", body,
               f"multipart/form-data; boundary={boundary}")["job_id"]


def add_load(gateway, key):
    """One analysis that fails (a row longer than the header: malformed_csv) and one that completes."""
    jobs = {analyse(gateway, key, "broken.csv", b"city,sales\nLyon,3\nParis,4,5,6\n"): "failed",
            analyse(gateway, key, "cities.csv", b"city,sales\nLyon,3\nParis,4\nNice,5\n"): "completed"}
    deadline = time.monotonic() + 120
    while jobs and time.monotonic() < deadline:
        for job_id, expected in list(jobs.items()):
            status = api(gateway, key, "GET", f"/api/jobs/{job_id}").get("status")
            if status == expected:
                del jobs[job_id]
            elif status in ("completed", "failed"):
                raise RuntimeError(f"job {job_id} ended {status}, not {expected}")
        time.sleep(1)
    if jobs:
        raise RuntimeError(f"jobs not ended within 120 s: {sorted(jobs)}")


def dead_panels(base, idle):
    """The panel queries without data; those reading only the model's meters go to idle when no model answered here."""
    dead = []
    model_used = bool(prometheus_query(base, "count(gen_ai_client_operation_duration_seconds_count)"))
    for board in sorted(DASHBOARDS.glob("*.json")):
        for panel in json.loads(board.read_text())["panels"]:
            for target in panel.get("targets", []):
                query = target["expr"]
                for variable, value in VARIABLES.items():
                    query = query.replace(variable, value)
                if not model_used and all(LLM_METRICS.match(name) for name in metric_names(query)):
                    idle.append(f"{board.stem}: '{panel['title']}' {target['refId']}")
                    continue
                try:
                    alive = has_number(prometheus_query(base, query))
                except Exception as e:  # a query Prometheus refuses is as dead as an empty one
                    alive, query = False, f"{query} ({e})"
                if not alive:
                    dead.append(f"{board.stem}: '{panel['title']}' {target['refId']}: {query}")
    return dead


def dead_rules(base):
    with urllib.request.urlopen(f"{base}/api/v1/rules", timeout=30) as response:
        groups = json.load(response)["data"]["groups"]
    if not groups:
        return ["Prometheus loaded no rules (rule_files in .autoflow/prometheus.yml)"]
    dead = []
    for group in groups:
        for rule in group["rules"]:
            name = rule.get("name")
            if rule.get("health") not in ("ok", "unknown") or rule.get("lastError"):
                dead.append(f"{name}: {rule.get('health')} {rule.get('lastError', '')}")
            for metric in sorted(metric_names(rule["query"])):
                if not prometheus_query(base, f"count({metric})"):
                    dead.append(f"{name}: no series of {metric}")
    return dead


def fired_since(base, since):
    minutes = max(1, math.ceil((time.time() - since) / 60))
    result = prometheus_query(base, f'max_over_time(ALERTS{{alertstate="firing"}}[{minutes}m])')
    return sorted({(s["metric"]["alertname"], s["metric"].get("severity", ""),
                    ", ".join(f"{k}={v}" for k, v in sorted(s["metric"].items())
                              if k not in ("__name__", "alertname", "alertstate", "severity")))
                   for s in result})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", default=f"http://127.0.0.1:{os.environ.get('AUTOFLOW_PROMETHEUS_PORT', 9095)}")
    parser.add_argument("--gateway", default="http://localhost:8080")
    parser.add_argument("--since", type=float, help="epoch seconds: list the alerts that fired since then")
    args = parser.parse_args()
    key = (STATE / "api-key").read_text().strip()

    add_load(args.gateway, key)
    # Rates need two scrapes of a change within their window: a Prometheus started a moment ago is given a while.
    deadline = time.monotonic() + 90
    while True:
        time.sleep(15)
        idle = []
        dead = dead_panels(args.prometheus, idle) + dead_rules(args.prometheus)
        if not dead or time.monotonic() > deadline:
            break
    panels = sum(len(p.get("targets", [])) for b in DASHBOARDS.glob("*.json") for p in json.loads(b.read_text())["panels"])
    print(f"prometheus-check: {panels} panel queries and every loaded rule evaluated at {args.prometheus}")
    if idle:
        print(f"prometheus-check: {len(idle)} language-model panel queries idle (no model configured here)")
    if args.since:
        fired = fired_since(args.prometheus, args.since)
        print(f"prometheus-check: alerts fired since the start: {len(fired)}")
        for name, severity, labels in fired:
            print(f"  {name} ({severity}) {labels}")
    for line in dead:
        print(f"prometheus-check: DEAD {line}", file=sys.stderr)
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
