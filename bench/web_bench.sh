#!/usr/bin/env bash
# Web UI pages on the 1M-model catalog (issue 15): the listing page and a repo page whose README is
# 20 KB, measured with wrk over keep-alive, with the server's own CPU time per page; then the first
# contentful paint of the home, listing and repo pages in Debian's chromium (bench/web_fcp.mjs).
# Targets (bench/README.md#web-pages): server p99 < 15 ms and >= 3,000 pages/s with wrk.
#
# Usage: bench/web_bench.sh
# Knobs: HFHUBD=build/test/hfhubd CATALOG_DIR=bench/results/catalog-1m DURATION=10 CONNS=32
#        THREADS=2 REPEAT=3 CACHE_MB=64 (the response cache under the listing; 0 = every page
#        reads the store) FCP=1 (0 skips the browser part)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUN=$HERE/results/web-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
source "$HERE/load_lib.sh"
HFHUBD=${HFHUBD:-$ROOT/build/test/hfhubd}
CATALOG_DIR=${CATALOG_DIR:-$HERE/results/catalog-1m}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
REPEAT=${REPEAT:-3}
CACHE_MB=${CACHE_MB:-64}
TOKEN=hf_bench_web_write_token_0001
REPO=webbench/card-20k

need_tools wrk curl python3
[[ -f $CATALOG_DIR/import.txt ]] || die "no catalog at $CATALOG_DIR: run bench/likes_bench.sh or bench/catalog_bench.sh first"
DATA=$CATALOG_DIR/data
KEEP_DATA=1 # the shared catalog stays
"$HFHUBD" admin --data "$DATA" user add webbench >/dev/null 2>&1 || true # already there on a rerun
"$HFHUBD" admin --data "$DATA" token add webbench --role write --value "$TOKEN" >/dev/null 2>&1 || true

echo "response-cache-mb = $CACHE_MB" >"$RUN/hfhubd.conf"
"$HFHUBD" serve --config "$RUN/hfhubd.conf" --data "$DATA" --host "$HOST" --port 0 --threads "$THREADS" \
  --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
SRV_PID=$!
PIDS+=("$SRV_PID")
for _ in $(seq 600); do grep -q '^listening' "$RUN/hfhubd.out" && break; sleep 0.1; done
BASE=http://$HOST:$(awk '/^listening/{print $2; exit}' "$RUN/hfhubd.out")

# The repo page's repo: a 20 KB card of headings, prose, tables, code and lists (what a real card holds).
python3 - "$BASE" "$TOKEN" "$REPO" <<'PY'
import base64, json, sys, urllib.request
base, token, repo = sys.argv[1:4]
def call(method, path, body, ctype="application/json"):
    req = urllib.request.Request(base + path, data=body, method=method,
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": ctype})
    try:
        return urllib.request.urlopen(req).read()
    except urllib.error.HTTPError as e:
        if e.code != 409: raise  # 409: the repo is there from an earlier run
parts = ["---\nlicense: apache-2.0\nlanguage: [en]\nbase_model: meta-llama/Llama-3.1-8B\n"
         "datasets: [HuggingFaceFW/fineweb]\npipeline_tag: text-generation\n---\n# Card of 20 KB\n"]
i = 0
while sum(map(len, parts)) < 20_000:
    parts.append(f"\n## Section {i}\n\nThis model was trained for **{i} epochs** on a mix of web text; see "
                 f"[the report](https://example.org/r{i}).\n\n| metric | value |\n|---|---|\n| acc | 0.{i:02d} |\n"
                 f"| f1 | 0.{i+1:02d} |\n\n```python\nfrom transformers import pipeline\np = pipeline('text-generation')\n```\n"
                 "- one\n- two\n- three\n")
    i += 1
readme = "".join(parts)
call("POST", "/api/repos/create", json.dumps({"name": repo.split("/")[1], "organization": repo.split("/")[0], "type": "model"}).encode())
lines = [json.dumps({"key": "header", "value": {"summary": "card", "description": ""}}),
         json.dumps({"key": "file", "value": {"path": "README.md", "encoding": "base64",
                                             "content": base64.b64encode(readme.encode()).decode()}})]
call("POST", f"/api/models/{repo}/commit/main", "\n".join(lines).encode(), "application/x-ndjson")
print(f"README.md: {len(readme)} bytes", file=sys.stderr)
PY

server_ticks() { awk '{ print $14 + $15 }' "/proc/$SRV_PID/stat"; }
measure() { # url name rep -> "rps p50 p99 cpu_us"
  local t0 t1
  t0=$(server_ticks)
  wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 5s --latency -H 'Accept: text/html' "$1" >"$RUN/wrk-$2-$3.txt" 2>&1 || die "wrk failed"
  t1=$(server_ticks)
  awk -v ticks=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / requests in / { n = $1 } /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { if (bad > 0) exit 1; printf "%.0f %.2f %.2f %.0f\n", rps, p50, p99, ticks * 1e6 / hz / n }' "$RUN/wrk-$2-$3.txt" ||
    die "$2 answered non-2xx: $(grep -m1 Non-2xx "$RUN/wrk-$2-$3.txt")"
}

declare -A PAGES=(
  [listing]="/models?sort=likes"
  [listing-filtered]="/models?task=text-generation&sort=created"
  [repo-20k]="/$REPO"
)
curl -fsS -o "$RUN/repo.html" "$BASE/$REPO" || die "the repo page failed"
grep -q '<table>' "$RUN/repo.html" || die "the repo page shows no rendered card"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); hfhubd --threads $THREADS, cache $CACHE_MB MiB"
for name in "${!PAGES[@]}"; do wrk -t1 -c"$CONNS" -d2s "$BASE${PAGES[$name]}" >/dev/null 2>&1 || true; done
: >"$RUN/rows.txt"
for rep in $(seq "$REPEAT"); do
  for name in listing listing-filtered repo-20k; do
    row=$(measure "$BASE${PAGES[$name]}" "$name" "$rep")
    echo "$name $rep $row" >>"$RUN/rows.txt"
    log "$name r$rep: $row (pages/s, p50 and p99 ms, server CPU us per page)"
  done
done
log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

med() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
{
  echo "| page | path | pages/s (median) | p50 ms | p99 ms | server CPU us/page | >= 3,000 pages/s | p99 < 15 ms |"
  echo "|---|---|---:|---:|---:|---:|---|---|"
  for name in listing listing-filtered repo-20k; do
    col() { awk -v s="$name" -v c="$1" '$1 == s { print $c }' "$RUN/rows.txt" | med; }
    awk -v s="$name" -v p="${PAGES[$name]}" -v r="$(col 3)" -v a="$(col 4)" -v b="$(col 5)" -v c="$(col 6)" 'BEGIN {
      printf "| %s | `%s` | %.0f | %.2f | %.2f | %.0f | %s | %s |\n", s, p, r, a, b, c, (r >= 3000 ? "PASS" : "FAIL"), (b < 15 ? "PASS" : "FAIL") }'
  done
} | tee "$RUN/table.md"

if [[ ${FCP:-1} == 1 ]]; then
  [[ -d $ROOT/tests/browser/node_modules/playwright-core ]] ||
    (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund >/dev/null) || die "npm ci failed"
  node "$HERE/web_fcp.mjs" "$BASE" "/" "/models" "/$REPO" | tee "$RUN/fcp.md" || log "first-contentful-paint run failed"
fi
