#!/usr/bin/env bash
# Collections (docs/collections.md): p50/p99 of GET /api/collections/{slug} for a collection of
# N items (default 1,000: demo models, one in four a paper), warm, over one keep-alive
# connection. Reference in the same run: GET /api/models/{id} (repo info) of one of its models,
# and the listing GET /api/collections?owner=bench (4 items per collection).
#
# The server's caches are on as deployed; CACHE_MB=0 turns them off for the uncached figure
# (docs/collections.md#caching).
#
# Usage: bench/collections_bench.sh     Knobs: HFHUBD=<binary> N=1000 REQUESTS=2000 CACHE_MB=64
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
HFHUBD=${HFHUBD:-$ROOT/build/test/hfhubd}
N=${N:-1000}
REQUESTS=${REQUESTS:-2000}
CACHE_MB=${CACHE_MB:-64}
TOKEN=hf_bench_write_token_0001
WORK=$(mktemp -d)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
SRV_PID=
cleanup() {
  [[ -n $SRV_PID ]] && kill -TERM "$SRV_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$HFHUBD" admin --data "$WORK/data" user add bench >/dev/null
"$HFHUBD" admin --data "$WORK/data" token add bench --role write --value "$TOKEN" >/dev/null
"$HFHUBD" admin --data "$WORK/data" seed-demo --models 5000 --datasets 10 --spaces 10 >/dev/null
echo "response-cache-mb = $CACHE_MB" >"$WORK/hfhubd.conf"
"$HFHUBD" serve --config "$WORK/hfhubd.conf" --data "$WORK/data" --port 0 --no-access-log --no-rate-limit >"$WORK/out" 2>"$WORK/log" &
SRV_PID=$!
for _ in $(seq 300); do grep -q listening "$WORK/out" 2>/dev/null && break; sleep 0.1; done
PORT=$(awk '/listening/ {print $2}' "$WORK/out" | sed 's|.*:||')
log "hfhubd on port $PORT, response-cache-mb $CACHE_MB ($(git -C "$ROOT" rev-parse --short=12 HEAD))"

python3 - "$PORT" "$TOKEN" "$N" "$REQUESTS" <<'PY'
import http.client, json, sys, time

port, token, n, requests = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", int(port))

def call(method, path, body=None):
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]!r}")
    return data

def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

def pct(samples, q):
    s = sorted(samples)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000

models = [m["id"] for m in json.loads(call("GET", f"/api/models?limit={n}"))]
slug = json.loads(call("POST", "/api/collections", json.dumps({"title": "Bench", "namespace": "bench"})))["slug"]
for i in range(3):
    call("POST", "/api/collections", json.dumps({"title": f"Other {i}", "namespace": "bench"}))
log(f"adding {n} items to {slug}")
t0 = time.time()
for i in range(n):
    paper = i % 4 == 3 or i >= len(models)
    item = {"type": "paper", "id": f"2401.{i:05d}"} if paper else {"type": "model", "id": models[i]}
    call("POST", f"/api/collections/{slug}/items", json.dumps({"item": item, "note": f"item {i}"}))
log(f"  {n / (time.time() - t0):.0f} additions/s (each answers the whole collection)")
got = json.loads(call("GET", f"/api/collections/{slug}"))
assert len(got["items"]) == n, len(got["items"])

cases = [
    (f"get_collection ({n} items)", f"/api/collections/{slug}"),
    ("reference: repo info", f"/api/models/{models[0]}"),
    ("reference: list_collections", "/api/collections?owner=bench"),
]
print(f"| request | p50 ms | p99 ms | bytes |")
print(f"|---|---|---|---|")
for name, path in cases:
    for _ in range(50):
        call("GET", path)
    samples = []
    size = 0
    for _ in range(requests):
        t = time.perf_counter()
        size = len(call("GET", path))
        samples.append(time.perf_counter() - t)
    print(f"| {name} | {pct(samples, 0.5):.2f} | {pct(samples, 0.99):.2f} | {size} |", flush=True)
PY
