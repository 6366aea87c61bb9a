"""Helpers of bench/webhooks_bench.sh: a webhook receiver that counts deliveries, the event
generator (repo settings changes at a fixed rate, each one a repo.config event), and setup."""
import argparse
import http.client
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse


def call(base, token, method, path, body=None):
    u = urlparse(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    c.request(method, path, body=json.dumps(body) if body is not None else None,
              headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    r = c.getresponse()
    data = r.read()
    if r.status != 200:
        sys.exit(f"{method} {path}: {r.status} {data[:200]!r}")
    return json.loads(data) if data else None


def receive(args):
    """Counts POSTs; prints the running total to --count-file every 0.5 s."""
    count = [0]
    lock = threading.Lock()

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                count[0] += 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", args.port), H)
    def dump():
        while True:
            time.sleep(0.5)
            with lock:
                n = count[0]
            with open(args.count_file, "w") as f:
                f.write(str(n))
    threading.Thread(target=dump, daemon=True).start()
    srv.serve_forever()


def setup(args):
    for name in ("read", "events"):
        call(args.base, args.token, "POST", "/api/repos/create", {"name": name})
    ids = []
    for i in range(args.webhooks):
        w = call(args.base, args.token, "POST", "/api/settings/webhooks",
                 {"url": f"{args.receiver}/hook{i}", "watched": [{"type": "model", "name": "bench/events"}],
                  "domains": ["repo"], "secret": "bench"})
        ids.append(w["webhook"]["id"])
    print(" ".join(ids))


def toggle(args):
    for i in args.ids.split():
        call(args.base, args.token, "POST", f"/api/settings/webhooks/{i}/{args.state}")


def generate(args):
    """Changes bench/events' visibility --rate times a second for --seconds, on one keep-alive connection."""
    u = urlparse(args.base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    interval, n, start = 1.0 / args.rate, 0, time.monotonic()
    while time.monotonic() - start < args.seconds:
        body = json.dumps({"private": n % 2 == 0})
        c.request("PUT", "/api/models/bench/events/settings", body=body,
                  headers={"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        n += 1
        delay = start + n * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    print(n)


def latency(args):
    """GETs --url --rate times a second for --seconds on one keep-alive connection (an open loop: the
    server is not saturated, so the figures are its latency, not its queue); prints p50 p90 p99 in ms."""
    u = urlparse(args.url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    interval, n, start, times = 1.0 / args.rate, 0, time.monotonic(), []
    while time.monotonic() - start < args.seconds:
        t0 = time.perf_counter()
        c.request("GET", u.path)
        r = c.getresponse()
        r.read()
        times.append((time.perf_counter() - t0) * 1000)
        n += 1
        delay = start + n * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print(f"{pick(0.5):.3f} {pick(0.9):.3f} {pick(0.99):.3f} {len(times)}")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("receive"); r.add_argument("--port", type=int); r.add_argument("--count-file")
    s = sub.add_parser("setup"); s.add_argument("--base"); s.add_argument("--token")
    s.add_argument("--receiver"); s.add_argument("--webhooks", type=int)
    t = sub.add_parser("toggle"); t.add_argument("--base"); t.add_argument("--token"); t.add_argument("--ids")
    t.add_argument("--state")
    g = sub.add_parser("generate"); g.add_argument("--base"); g.add_argument("--token")
    g.add_argument("--rate", type=float); g.add_argument("--seconds", type=float)
    lat = sub.add_parser("latency"); lat.add_argument("--url"); lat.add_argument("--rate", type=float)
    lat.add_argument("--seconds", type=float)
    a = p.parse_args()
    {"receive": receive, "setup": setup, "toggle": toggle, "generate": generate, "latency": latency}[a.cmd](a)


if __name__ == "__main__":
    main()
