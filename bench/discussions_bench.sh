#!/usr/bin/env bash
# Discussions (docs/discussions.md), two figures:
#  1. listing one repo that has N discussions (default 10,000; one in ten a pull request): p50/p99
#     of GET …/discussions pages (first, deep, filtered by kind+status, by author) against
#     GET /api/models?limit=50 on the same server as the reference, over keep-alive connections;
#  2. merging a pull request that changes FILES files (default 1,000) into a main that moved (a
#     real merge commit), against `git merge-tree --write-tree` + `git commit-tree` of the same
#     two commits in a bare clone by the git CLI.
#
# Usage: bench/discussions_bench.sh     Knobs: HFHUBD=<binary> N=10000 FILES=1000 REQUESTS=2000
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
HFHUBD=${HFHUBD:-$ROOT/build/test/hfhubd}
N=${N:-10000}
FILES=${FILES:-1000}
REQUESTS=${REQUESTS:-2000}
TOKEN=hf_bench_write_token_0001
OTHER=hf_bench_other_token_0001
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
"$HFHUBD" admin --data "$WORK/data" user add other >/dev/null
"$HFHUBD" admin --data "$WORK/data" token add bench --role write --value "$TOKEN" >/dev/null
"$HFHUBD" admin --data "$WORK/data" token add other --role write --value "$OTHER" >/dev/null
"$HFHUBD" admin --data "$WORK/data" seed-demo --models 5000 --datasets 10 --spaces 10 >/dev/null
"$HFHUBD" serve --data "$WORK/data" --port 0 --no-access-log --no-rate-limit >"$WORK/out" 2>"$WORK/log" &
SRV_PID=$!
for _ in $(seq 300); do grep -q listening "$WORK/out" 2>/dev/null && break; sleep 0.1; done
PORT=$(awk '/listening/ {print $2}' "$WORK/out" | sed 's|.*:||')
log "hfhubd on port $PORT ($(git -C "$ROOT" rev-parse --short=12 HEAD))"

python3 - "$PORT" "$TOKEN" "$OTHER" "$N" "$FILES" "$REQUESTS" "$WORK" <<'PY'
import http.client, json, os, subprocess, sys, time

port, token, other, n, files, requests, work = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
conn = {}

def call(method, path, body=None, tok=token, ctype="application/json"):
    c = conn.setdefault(tok, http.client.HTTPConnection("127.0.0.1", int(port)))
    headers = {"Authorization": f"Bearer {tok}"}
    if body is not None:
        headers["Content-Type"] = ctype
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]!r}")
    return data

def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

def pct(samples, q):
    s = sorted(samples)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000

# 1. listing
call("POST", "/api/repos/create", json.dumps({"name": "talk"}))
log(f"opening {n} discussions (one in ten a pull request, one in five by another user)")
t0 = time.time()
for i in range(n):
    body = json.dumps({"title": f"Discussion number {i}", "description": "text", "pullRequest": i % 10 == 0})
    call("POST", "/api/models/bench/talk/discussions", body, tok=other if i % 5 == 0 else token)
log(f"  {n / (time.time() - t0):.0f} creations/s")

cases = [
    ("first page", "/api/models/bench/talk/discussions"),
    ("page p=100", "/api/models/bench/talk/discussions?p=100"),
    ("PRs, open", "/api/models/bench/talk/discussions?type=pull_request&status=open"),
    ("author=other, p=10", "/api/models/bench/talk/discussions?author=other&p=10"),
    ("reference: /api/models?limit=50", "/api/models?limit=50"),
]
print(f"\nlisting, {n} discussions on one repo, {requests} requests each (keep-alive, one client)")
print(f"{'request':36} {'p50 ms':>8} {'p99 ms':>8}")
for name, path in cases:
    for _ in range(50):
        call("GET", path)
    samples = []
    for _ in range(requests):
        t = time.perf_counter()
        call("GET", path)
        samples.append(time.perf_counter() - t)
    print(f"{name:36} {pct(samples, 0.5):8.2f} {pct(samples, 0.99):8.2f}")

# 2. merge
def commit(rev, lines, summary):
    payload = [json.dumps({"key": "header", "value": {"summary": summary, "description": ""}})]
    payload += [json.dumps({"key": "file", "value": {"path": p, "content": c, "encoding": "utf-8"}}) for p, c in lines]
    return json.loads(call("POST", f"/api/models/bench/merge/commit/{rev}", "\n".join(payload) + "\n",
                           ctype="application/x-ndjson"))["commitOid"]

call("POST", "/api/repos/create", json.dumps({"name": "merge"}))
commit("main", [(f"data/{i:05d}.txt", f"line 1 of {i}\nline 2\nline 3\n") for i in range(files)], "base")
pr = json.loads(call("POST", "/api/models/bench/merge/discussions",
                     json.dumps({"title": "Touch every file", "pullRequest": True}), tok=other))["num"]
pr_head = commit(f"refs%2Fpr%2F{pr}", [(f"data/{i:05d}.txt", f"line 1 of {i}\nline 2\nline 3 changed\n")
                                       for i in range(files)], "change every file")
main_head = commit("main", [("README.md", "main moved\n")], "main moved")
subprocess.run(["git", "clone", "-q", "--bare", f"http://bench:{token}@127.0.0.1:{port}/bench/merge", f"{work}/clone"],
               check=True)
subprocess.run(["git", "-C", f"{work}/clone", "fetch", "-q", "origin", f"refs/pr/{pr}:refs/heads/pr"], check=True)

t = time.perf_counter()
call("POST", f"/api/models/bench/merge/discussions/{pr}/merge")
merge_s = time.perf_counter() - t
details = json.loads(call("GET", f"/api/models/bench/merge/discussions/{pr}"))
assert details["status"] == "merged"

env = dict(os.environ, GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@b", GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@b")
t = time.perf_counter()
tree = subprocess.run(["git", "-C", f"{work}/clone", "merge-tree", "--write-tree", main_head, pr_head],
                      check=True, capture_output=True, text=True).stdout.split()[0]
subprocess.run(["git", "-C", f"{work}/clone", "commit-tree", tree, "-p", main_head, "-p", pr_head, "-m", "merge"],
               check=True, capture_output=True, env=env)
git_s = time.perf_counter() - t
print(f"\nmerging a PR that changes {files} files into a main that moved (merge commit)")
print(f"{'hfhubd POST …/merge (HTTP, merge, pack, fsync, catalog)':60} {merge_s * 1000:8.0f} ms")
print(f"{'git merge-tree --write-tree + commit-tree (bare clone)':60} {git_s * 1000:8.0f} ms")
PY
