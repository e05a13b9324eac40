"""What the benchmarks share: the local platform's public API with its API key, a JSON API to call, and p50/p95."""
import datetime
import http.server
import json
import pathlib
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
GATEWAY = "http://localhost:8080"
KEY = (ROOT / ".autoflow" / "api-key").read_text().strip()


def call(path, body=None, method="GET"):
    """A request to the gateway with the local key: its JSON answer (None when it has none) and the milliseconds."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(GATEWAY + path, data=data, method=method,
                                     headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    return (json.loads(answer) if answer else None), elapsed


def at(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def json_api(answer):
    """A request handler answering every GET with this JSON, as a user's API would."""
    class Api(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass
    return Api


def summary(name, values, width=18):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(f"{name:<{width}} p50 {pick(0.5):7.1f} ms   p95 {pick(0.95):7.1f} ms   max {values[-1]:7.1f} ms")
