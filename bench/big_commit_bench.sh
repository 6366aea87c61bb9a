#!/usr/bin/env bash
# Large commits (issue 9, defect 5): how long one NDJSON commit of many operations takes, end to
# end (POST .../commit/main answered), for adds, deletes and a mix, in a nested layout and in one
# flat folder. See bench/README.md ("Large commits").
#
# Usage: bench/big_commit_bench.sh     Knobs: BUILD_DIR SKIP_BUILD=1 HFHUBD=<binary> N=100000 FANOUT=1000
#                                             FLAT=8000 MAX_TIME=900
#   N       operations per commit in the nested layout (dir<k>/file<i>.txt, FANOUT files a folder)
#   FLAT    files added, then deleted, in one folder of their own
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/bench}
N=${N:-100000}
FANOUT=${FANOUT:-1000}
FLAT=${FLAT:-8000}
MAX_TIME=${MAX_TIME:-900}
HOST=127.0.0.1
TOKEN=hf_bench_write_token_0001
RUN=$(mktemp -d /tmp/hfhub-big-commit-XXXXXX)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
for t in curl python3; do command -v "$t" >/dev/null || die "missing $t"; done

SRV_PID=
cleanup() {
  [[ -n $SRV_PID ]] && kill -TERM "$SRV_PID" 2>/dev/null && wait "$SRV_PID" 2>/dev/null
  rm -rf "$RUN"
}
trap cleanup EXIT

if [[ -z ${SKIP_BUILD:-} && -z ${HFHUBD:-} ]]; then
  log "building Release into $BUILD_DIR"
  "$ROOT/scripts/build.sh" Release "$BUILD_DIR" -DHFHUB_BUILD_TESTS=OFF -DHFHUB_BUILD_BENCH=OFF >/dev/null
fi
HFHUBD=${HFHUBD:-$BUILD_DIR/hfhubd}
DATA=$RUN/data
"$HFHUBD" admin --data "$DATA" user add bench >/dev/null
"$HFHUBD" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$HFHUBD" serve --data "$DATA" --port "$PORT" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
SRV_PID=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://$HOST:$PORT/api/models" && break; sleep 0.1; done
BASE=http://$HOST:$PORT
AUTH="Authorization: Bearer $TOKEN"
curl -fsS -H "$AUTH" -X POST "$BASE/api/repos/create" -d '{"name":"big"}' >/dev/null

# ndjson <file> <python expression yielding (key, path) pairs>
ndjson() {
  python3 - "$1" "$N" "$FANOUT" "$FLAT" "$2" <<'EOF'
import json, sys
out, n, fanout, flat, expr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
nested = lambda i: f"dir{i // fanout}/file{i}.txt"
flatp = lambda i: f"flat/file{i}.txt"
with open(out, "w") as f:
    f.write(json.dumps({"key": "header", "value": {"summary": "bench", "description": ""}}) + "\n")
    for key, path in eval(expr):
        value = {"path": path}
        if key == "file":
            value.update(content=f"content of {path}\n", encoding="utf-8")
        f.write(json.dumps({"key": key, "value": value}) + "\n")
EOF
}

# commit <label> <operations> <ndjson file>: one timed commit, one table row.
commit() {
  local code time
  read -r code time < <(curl -sS -o "$RUN/answer.json" -w '%{http_code} %{time_total}\n' -H "$AUTH" \
    --max-time "$MAX_TIME" -H 'Content-Type: application/x-ndjson' --data-binary "@$3" \
    "$BASE/api/models/bench/big/commit/main" || true)
  if [[ $code == 000 ]]; then
    printf '| %s | %s | > %s (stopped) |\n' "$1" "$2" "$MAX_TIME"
    die "$1: no answer within $MAX_TIME s; the later commits would wait for this one"
  fi
  [[ $code == 200 ]] || die "$1: HTTP $code $(head -c 300 "$RUN/answer.json")"
  printf '| %s | %s | %.2f |\n' "$1" "$2" "$time"
}

log "N=$N FANOUT=$FANOUT FLAT=$FLAT"
echo "| commit | operations | seconds |"
echo "|---|---:|---:|"
ndjson "$RUN/add.ndjson" '(("file", nested(i)) for i in range(n))'
commit "add, nested" "$N" "$RUN/add.ndjson"
half=$((N / 2))
ndjson "$RUN/mix.ndjson" '[("deletedFile", nested(i)) for i in range(0, n, 2)] + [("file", nested(n + i)) for i in range(n // 2)]'
commit "mix: delete every other file, add as many new ones" "$((N - N / 2 + half))" "$RUN/mix.ndjson"
ndjson "$RUN/del.ndjson" '[("deletedFile", nested(i)) for i in range(1, n, 2)] + [("deletedFile", nested(n + i)) for i in range(n // 2)]'
commit "delete every file (deletedFile)" "$((N / 2 + half))" "$RUN/del.ndjson"
ndjson "$RUN/flat-add.ndjson" '(("file", flatp(i)) for i in range(flat))'
commit "add, one flat folder" "$FLAT" "$RUN/flat-add.ndjson"
ndjson "$RUN/flat-del.ndjson" '(("deletedFile", flatp(i)) for i in range(flat))'
commit "delete every file of the flat folder" "$FLAT" "$RUN/flat-del.ndjson"
