#!/usr/bin/env python3
"""An OTLP/HTTP receiver that accepts spans and keeps only counts: what the services' export costs them, measured
against a receiver that costs nothing (bench/trace-cost.sh). Not a collector: it stores nothing.

  python3 bench/otlp-sink.py [--port 4318]     # then OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318
                                                #      OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
On SIGTERM or Ctrl-C it prints the export requests and bytes it received, per path.
"""
import argparse
import collections
import http.server
import signal
import sys

received = collections.Counter()
sizes = collections.Counter()


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        received[self.path] += 1
        sizes[self.path] += len(body)
        # An empty Export*ServiceResponse: zero bytes of protobuf, full success.
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def report(*_):
    for path in sorted(received):
        print(f"otlp-sink: {path}: {received[path]} requests, {sizes[path]} bytes", flush=True)
    sys.exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=4318)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, report)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Sink)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        report()


if __name__ == "__main__":
    main()
