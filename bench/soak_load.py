#!/usr/bin/env python3
"""Load driver of bench/soak_bench.sh and bench/read_under_commits.sh (standard library only).

Subcommands:
  seed     create the benchmark's repos, each with a few small files
  commit   K committers commit small files in a loop for S seconds, then print their figures
  soak     reads (wrk, in intervals), committers and LFS uploads for S seconds; after each
           interval it samples the server process (fds, fds on deleted files, RSS, disk) into a CSV
  report   the soak's CSV and summary as a markdown table

Everything talks to one server on loopback; every loop ends by itself (time-bounded).
"""
import argparse
import base64
import hashlib
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

# --- HTTP -------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection; reconnects after any error."""

    def __init__(self, base, token=None, timeout=60):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout, self.token = u.hostname, u.port, timeout, token
        self.conn = None

    def request(self, method, path, body=None, headers=None, auth=True):
        h = dict(headers or {})
        if auth and self.token:
            h["Authorization"] = "Bearer " + self.token
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                return r.status, r.read()
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def ndjson(lines):
    return ("\n".join(json.dumps(x) for x in lines) + "\n").encode()


def small_file(path, size):
    return {"key": "file", "value": {"path": path, "content": base64.b64encode(os.urandom(size)).decode(),
                                     "encoding": "base64"}}


def commit_body(summary, ops):
    return ndjson([{"key": "header", "value": {"summary": summary}}] + ops)


NDJSON = {"Content-Type": "application/x-ndjson"}

# --- seed -------------------------------------------------------------------------------------


def seed(args):
    c = Client(args.base, args.token)
    for repo in args.repos.split(","):
        name = repo.split("/", 1)[1]
        st, body = c.request("POST", "/api/repos/create", json.dumps({"name": name}).encode(),
                             {"Content-Type": "application/json"})
        if st not in (200, 409):
            sys.exit(f"create {repo}: {st} {body[:200]!r}")
        ops = [{"key": "file", "value": {"path": "config.json", "content": '{"model_type": "bench"}\n',
                                         "encoding": "utf-8"}}]
        ops += [small_file(f"c/f{i}.txt", 1024) for i in range(8)]
        st, body = c.request("POST", f"/api/models/{repo}/commit/main", commit_body("seed", ops), NDJSON)
        if st != 200:
            sys.exit(f"seed commit {repo}: {st} {body[:200]!r}")


# --- writers ----------------------------------------------------------------------------------


class Counters:
    """Totals the writer threads add to; the soak loop reads the deltas per interval."""

    def __init__(self):
        self.lock = threading.Lock()
        self.v = {"commits": 0, "commit_errors": 0, "lfs": 0, "lfs_errors": 0}
        self.commit_ms = []
        self.last_error = ""

    def add(self, key, ms=None, error=""):
        with self.lock:
            self.v[key] += 1
            if ms is not None:
                self.commit_ms.append(ms)
            if error:
                self.last_error = error

    def take(self):
        with self.lock:
            v, ms = dict(self.v), self.commit_ms
            self.commit_ms = []
            return v, ms, self.last_error


def committer(base, token, repo, idx, stop, counters):
    """Commits one small file (512 B - 4 KiB, one of 8 paths) per commit until `stop`."""
    c = Client(base, token)
    n = 0
    while not stop.is_set():
        n += 1
        body = commit_body(f"soak {idx}.{n}", [small_file(f"c{idx}/f{n % 8}.txt", 512 + (n * 131) % 3584)])
        t0 = time.monotonic()
        try:
            st, resp = c.request("POST", f"/api/models/{repo}/commit/main", body, NDJSON)
        except OSError as e:
            st, resp = 0, str(e).encode()
        ms = (time.monotonic() - t0) * 1000
        if st == 200:
            counters.add("commits", ms)
        else:
            counters.add("commit_errors", error=f"commit {st}: {resp[:160].decode(errors='replace')}")
            stop.wait(0.1)  # no hot loop when the server refuses
    c.close()


def lfs_round(c, repo, size, n, history):
    """Batch, PUT, commit one new LFS object over `blob.bin`; forget the object of two rounds ago."""
    data = os.urandom(size)
    oid = hashlib.sha256(data).hexdigest()
    batch = {"operation": "upload", "transfers": ["basic"], "hash_algo": "sha256",
             "objects": [{"oid": oid, "size": size}]}
    st, body = c.request("POST", f"/{repo}.git/info/lfs/objects/batch", json.dumps(batch).encode(),
                         {"Content-Type": "application/vnd.git-lfs+json"})
    if st != 200:
        return f"batch {st}: {body[:160]!r}"
    href = json.loads(body)["objects"][0]["actions"]["upload"]["href"]
    u = urllib.parse.urlsplit(href)
    put = Client(f"{u.scheme}://{u.netloc}")
    try:
        st, body = put.request("PUT", u.path + ("?" + u.query if u.query else ""), data,
                               {"Content-Type": "application/octet-stream"}, auth=False)
    finally:
        put.close()
    if st != 200:
        return f"put {st}: {body[:160]!r}"
    op = {"key": "lfsFile", "value": {"path": "blob.bin", "algo": "sha256", "oid": oid, "size": size}}
    st, body = c.request("POST", f"/api/models/{repo}/commit/main", commit_body(f"lfs {n}", [op]), NDJSON)
    if st != 200:
        return f"lfs commit {st}: {body[:160]!r}"
    # Older objects are deleted for good, so LFS storage stays bounded and the disk figure shows
    # what the server keeps, not what the benchmark adds.
    history.append(oid)
    if len(history) > 2:
        st, body = c.request("POST", f"/api/models/{repo}/lfs-files/batch",
                             json.dumps({"deletions": {"sha": [history.pop(0)]}}).encode(),
                             {"Content-Type": "application/json"})
        if st != 200:
            return f"lfs delete {st}: {body[:160]!r}"
    return ""


def lfs_uploader(base, token, repo, size, pause, stop, counters):
    c = Client(base, token)
    history, n = [], 0
    while not stop.is_set():
        n += 1
        try:
            err = lfs_round(c, repo, size, n, history)
        except (OSError, ValueError, KeyError, http.client.HTTPException) as e:
            err = f"lfs: {e}"
        counters.add("lfs_errors" if err else "lfs", error=err)
        stop.wait(pause)
    c.close()


def start_writers(args, stop, counters):
    threads = []
    repos = args.commit_repos.split(",")
    for i in range(args.committers):
        threads.append(threading.Thread(target=committer, daemon=True,
                                        args=(args.base, args.token, repos[i % len(repos)], i, stop, counters)))
    if getattr(args, "lfs_repo", None) and args.lfs_mb > 0:
        threads.append(threading.Thread(target=lfs_uploader, daemon=True,
                                        args=(args.base, args.token, args.lfs_repo, int(args.lfs_mb * 2**20),
                                              args.lfs_pause, stop, counters)))
    for t in threads:
        t.start()
    return threads


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def commit(args):
    """K committers for `seconds`; prints one JSON line of figures."""
    stop, counters = threading.Event(), Counters()
    t0 = time.monotonic()
    threads = start_writers(args, stop, counters)
    stop.wait(args.seconds)
    stop.set()
    for t in threads:
        t.join(timeout=120)
    wall = time.monotonic() - t0
    v, ms, err = counters.take()
    print(json.dumps({"commits": v["commits"], "errors": v["commit_errors"], "seconds": round(wall, 2),
                      "commits_per_s": round(v["commits"] / wall, 1), "p50_ms": pct(ms, 50), "p99_ms": pct(ms, 99),
                      "last_error": err}))


# --- wrk and the process sampler -------------------------------------------------------------

REPORT_LUA = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d errors=%d status_errors=%d\\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def write_mix_lua(path, repos):
    """A wrk script cycling through the read mix: listing, repo info, tree, resolve, paths-info."""
    reqs = ['wrk.format("GET", "/api/models?limit=1")']
    for r in repos:
        reqs += [f'wrk.format("GET", "/api/models/{r}")',
                 f'wrk.format("GET", "/api/models/{r}/tree/main")',
                 f'wrk.format("GET", "/{r}/resolve/main/config.json")',
                 f'wrk.format("GET", "/{r}/resolve/main/c/f1.txt")',
                 f'wrk.format("POST", "/api/models/{r}/paths-info/main", {{["Content-Type"] = "application/json"}}, '
                 f'\'{{"paths":["config.json","c/f0.txt","c/f1.txt"]}}\')']
    with open(path, "w") as f:
        f.write("local reqs = {}\nlocal i = 0\n")
        f.write("function init(args)\n" + "".join(f"  reqs[#reqs + 1] = {r}\n" for r in reqs) + "end\n")
        f.write("function request() i = i % #reqs + 1; return reqs[i] end\n")
        f.write(REPORT_LUA)


def run_wrk(url, seconds, conns, lua, log=None):
    cmd = ["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--timeout", "5s", "--latency", "-s", lua, url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    if log:
        with open(log, "a") as f:
            f.write(out)
    m = re.search(r"^RESULT (.*)$", out, re.M)
    if not m:
        raise RuntimeError(f"wrk gave no RESULT line: {out[-300:]}")
    return {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}


def sample_process(pid, data_dir):
    """fds, fds on deleted files and the bytes they hold, RSS, disk use of the data dir."""
    fds = deleted = deleted_bytes = 0
    fd_dir = f"/proc/{pid}/fd"
    for name in os.listdir(fd_dir):
        fds += 1
        try:
            target = os.readlink(f"{fd_dir}/{name}")
            if target.endswith(" (deleted)"):
                deleted += 1
                deleted_bytes += os.stat(f"{fd_dir}/{name}").st_size
        except OSError:
            pass  # closed meanwhile
    status = open(f"/proc/{pid}/status").read()
    rss_kb = int(re.search(r"^VmRSS:\s+(\d+)", status, re.M).group(1))
    threads = int(re.search(r"^Threads:\s+(\d+)", status, re.M).group(1))
    disk_kb = int(subprocess.run(["du", "-sk", data_dir], capture_output=True, text=True).stdout.split()[0])
    return {"fds": fds, "fds_deleted": deleted, "deleted_mb": round(deleted_bytes / 2**20, 1),
            "rss_mb": round(rss_kb / 1024, 1), "disk_mb": round(disk_kb / 1024, 1), "threads": threads,
            "load1": float(open("/proc/loadavg").read().split()[0])}


COLUMNS = ["t_s", "phase", "reads_per_s", "read_p50_ms", "read_p99_ms", "read_errors", "commits", "commits_per_s",
           "commit_p99_ms", "commit_errors", "lfs_uploads", "lfs_errors", "fds", "fds_deleted", "deleted_mb",
           "rss_mb", "disk_mb", "threads", "load1"]


def wrk_cols(w):
    return {"reads_per_s": round(w["rps"]), "read_p50_ms": round(w["p50_us"] / 1000, 2),
            "read_p99_ms": round(w["p99_us"] / 1000, 2), "read_errors": int(w["errors"] + w["status_errors"])}


def soak(args):
    lua = os.path.join(args.run, "reads.lua")
    write_mix_lua(lua, args.read_repos.split(","))
    wlog = os.path.join(args.run, "wrk.txt")
    summary = {}
    csv = open(args.csv, "w")
    csv.write(",".join(COLUMNS) + "\n")
    t_start = time.monotonic()

    def row(phase, w, v=None, ms=None, dt=None):
        r = {"t_s": round(time.monotonic() - t_start), "phase": phase}
        r.update(wrk_cols(w) if w else {})
        if v is not None:
            r.update({"commits": v["commits"], "commits_per_s": round(v["commits"] / dt, 1),
                      "commit_p99_ms": pct(ms, 99) and round(pct(ms, 99)), "commit_errors": v["commit_errors"],
                      "lfs_uploads": v["lfs"], "lfs_errors": v["lfs_errors"]})
        r.update(sample_process(args.pid, args.data))
        # One line per interval, flushed: a run that dies half-way still leaves its figures.
        csv.write(",".join("" if r.get(k) is None else str(r.get(k)) for k in COLUMNS) + "\n")
        csv.flush()
        print("soak " + " ".join(f"{k}={r.get(k, '')}" for k in COLUMNS), file=sys.stderr, flush=True)

    # References in the same run: the read mix with nothing else running, and nginx serving a
    # static file with the same wrk settings.
    row("reads-alone", run_wrk(args.base, args.interval, args.conns, lua, wlog))
    if args.nginx_url:
        report_lua = os.path.join(args.run, "report.lua")
        with open(report_lua, "w") as f:
            f.write(REPORT_LUA)
        summary["nginx"] = run_wrk(args.nginx_url, args.interval, args.conns, report_lua, wlog)
    stop, counters = threading.Event(), Counters()
    threads = start_writers(args, stop, counters)
    prev = counters.take()[0]
    soak_start = time.monotonic()
    while time.monotonic() - soak_start < args.seconds:
        t0 = time.monotonic()
        w = run_wrk(args.base, args.interval, args.conns, lua, wlog)
        v, ms, err = counters.take()
        delta = {k: v[k] - prev[k] for k in v}
        prev = v
        row("soak", w, delta, ms, time.monotonic() - t0)
        if err:
            summary["last_error"] = err
    stop.set()
    for t in threads:
        t.join(timeout=120)
    totals = counters.take()[0]
    summary.update(totals=totals, soak_seconds=round(time.monotonic() - soak_start))
    time.sleep(args.settle)  # the load has stopped: what does the server keep?
    row("after-load", run_wrk(args.base, args.interval, args.conns, lua, wlog))
    csv.close()
    with open(args.summary, "w") as f:
        json.dump(summary, f, indent=1)


# --- report -----------------------------------------------------------------------------------


def load_csv(path):
    with open(path) as f:
        head = f.readline().strip().split(",")
        return [dict(zip(head, line.strip().split(","))) for line in f if line.strip()]


def report(args):
    rows = load_csv(args.csv)
    summary = json.load(open(args.summary)) if os.path.exists(args.summary) else {}
    soak_rows = [r for r in rows if r["phase"] == "soak"]
    cols = [("t_s", "t (s)"), ("phase", "phase"), ("reads_per_s", "reads/s"), ("read_p50_ms", "p50 ms"),
            ("read_p99_ms", "p99 ms"), ("read_errors", "read err"), ("commits_per_s", "commits/s"),
            ("commit_p99_ms", "commit p99 ms"), ("commit_errors", "commit err"), ("lfs_uploads", "LFS uploads"),
            ("fds", "fds"), ("fds_deleted", "fds on deleted files"), ("deleted_mb", "MiB held by them"),
            ("rss_mb", "RSS MiB"), ("disk_mb", "data dir MiB (du)"), ("load1", "load")]
    out = ["| " + " | ".join(c[1] for c in cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        out.append("| " + " | ".join(r.get(k, "") or "–" for k, _ in cols) + " |")
    print("\n".join(out))
    print()
    alone = next((r for r in rows if r["phase"] == "reads-alone"), None)
    n = summary.get("nginx")
    if n:
        print(f"Reference in the same run: nginx serving a static file, same wrk settings: "
              f"{n['rps']:.0f} req/s, p99 {n['p99_us'] / 1000:.2f} ms.")
    if alone and soak_rows:
        rates = [float(r["reads_per_s"]) for r in soak_rows]
        p99s = [float(r["read_p99_ms"]) for r in soak_rows]
        print(f"Reads alone: {alone['reads_per_s']} req/s, p99 {alone['read_p99_ms']} ms. During the soak: median "
              f"{statistics.median(rates):.0f} req/s ({statistics.median(rates) / float(alone['reads_per_s']):.2f}× "
              f"alone), p99 median {statistics.median(p99s):.1f} ms, worst {max(p99s):.1f} ms.")
        first, last = alone, soak_rows[-1]
        print(f"Before the writers → last soak interval: fds {first['fds']} → {last['fds']}, fds on deleted files "
              f"{first['fds_deleted']} → {last['fds_deleted']} ({last['deleted_mb']} MiB held), RSS "
              f"{first['rss_mb']} → {last['rss_mb']} MiB, data dir {first['disk_mb']} → {last['disk_mb']} MiB.")
    t = summary.get("totals")
    if t:
        print(f"Totals over {summary.get('soak_seconds')} s: {t.get('commits')} commits ({t.get('commit_errors')} failed), "
              f"{t.get('lfs')} LFS uploads ({t.get('lfs_errors')} failed).")
    if summary.get("last_error"):
        print(f"Last write error: `{summary['last_error'][:200]}`")


# --- command line -----------------------------------------------------------------------------


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    def writer_flags(sp):
        sp.add_argument("--base", required=True)
        sp.add_argument("--token", required=True)
        sp.add_argument("--commit-repos", required=True, help="comma-separated owner/name")
        sp.add_argument("--committers", type=int, default=4)
        sp.add_argument("--seconds", type=float, required=True)

    s = sub.add_parser("seed")
    s.add_argument("--base", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--repos", required=True)
    c = sub.add_parser("commit")
    writer_flags(c)
    k = sub.add_parser("soak")
    writer_flags(k)
    k.add_argument("--read-repos", required=True)
    k.add_argument("--lfs-repo")
    k.add_argument("--lfs-mb", type=float, default=4)
    k.add_argument("--lfs-pause", type=float, default=1.0)
    k.add_argument("--pid", type=int, required=True)
    k.add_argument("--data", required=True)
    k.add_argument("--interval", type=int, default=15)
    k.add_argument("--conns", type=int, default=8)
    k.add_argument("--settle", type=float, default=5)
    k.add_argument("--nginx-url")
    k.add_argument("--run", required=True)
    k.add_argument("--csv", required=True)
    k.add_argument("--summary", required=True)
    r = sub.add_parser("report")
    r.add_argument("--csv", required=True)
    r.add_argument("--summary", required=True)
    args = p.parse_args()
    {"seed": seed, "commit": commit, "soak": soak, "report": report}[args.cmd](args)


if __name__ == "__main__":
    main()
