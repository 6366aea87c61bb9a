#!/usr/bin/env bash
# Tree listings of a folder of Xet-backed files (issue 12: each entry's `xetHash` comes from the
# Xet index). One repo gets FILES small random files in one folder, uploaded by `hfhub upload`
# through Xet; then each hfhubd binary (HFHUBD, and HFHUBD_BEFORE when set, e.g. a build of the
# commit before a change) serves that same data dir in turn, ROUNDS times alternating, and curl
# times REQUESTS listings of the folder (one page, limit=FILES) on one keep-alive connection.
# Prints the median and p95 of curl's time_total per binary. See bench/README.md ("Xet tree listings").
#
# Usage: bench/xet_tree_bench.sh     Knobs: BUILD_DIR HFHUBD HFHUB HFHUBD_BEFORE FILES=1000
#                                           REQUESTS=200 ROUNDS=3
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/test}
HFHUBD=${HFHUBD:-$BUILD_DIR/hfhubd}
HFHUB=${HFHUB:-$(dirname "$HFHUBD")/hfhub}
FILES=${FILES:-1000}
REQUESTS=${REQUESTS:-200}
ROUNDS=${ROUNDS:-3}
TOKEN=hf_bench_write_token_0001
RUN=$(mktemp -d /tmp/hfhub-xet-tree-XXXXXX)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
for t in curl python3; do command -v "$t" >/dev/null || die "missing $t"; done
[[ -x $HFHUBD && -x $HFHUB ]] || die "no hfhubd/hfhub at $HFHUBD / $HFHUB"

SRV_PID=
stop_server() {
  if [[ -n $SRV_PID ]]; then kill -TERM "$SRV_PID" 2>/dev/null && wait "$SRV_PID" 2>/dev/null; fi
  SRV_PID=
}
cleanup() { stop_server; rm -rf "$RUN"; }
trap cleanup EXIT

DATA=$RUN/data
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
start_server() {
  "$1" serve --data "$DATA" --port "$PORT" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>>"$RUN/hfhubd.log" &
  SRV_PID=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "$BASE/api/models" && return; sleep 0.1; done
  die "hfhubd did not start"
}

"$HFHUBD" admin --data "$DATA" user add bench >/dev/null
"$HFHUBD" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
start_server "$HFHUBD"
log "uploading $FILES files through Xet"
mkdir -p "$RUN/folder/files"
python3 - "$RUN/folder/files" "$FILES" <<'PY'
import os, sys
for i in range(int(sys.argv[2])):
    with open(os.path.join(sys.argv[1], f"part-{i:05d}.bin"), "wb") as f:
        f.write(os.urandom(2048))
PY
curl -fsS -H "Authorization: Bearer $TOKEN" -X POST "$BASE/api/repos/create" -d '{"name":"tree"}' >/dev/null
HF_ENDPOINT=$BASE HF_TOKEN=$TOKEN HF_HOME=$RUN/home "$HFHUB" upload -q bench/tree "$RUN/folder" >/dev/null
URL="$BASE/api/models/bench/tree/tree/main/files?limit=$FILES"
xet=$(curl -fsS "$URL" | python3 -c 'import json,sys; print(sum("xetHash" in e for e in json.load(sys.stdin)))')
[[ $xet == "$FILES" ]] || die "$xet of $FILES entries are Xet-backed"
stop_server

for ((i = 0; i < REQUESTS; i++)); do printf 'url = "%s"\noutput = /dev/null\n' "$URL"; done >"$RUN/curl.cfg"
declare -A times
binaries=("$HFHUBD")
[[ -n ${HFHUBD_BEFORE:-} ]] && binaries=("$HFHUBD_BEFORE" "$HFHUBD")
for round in $(seq "$ROUNDS"); do
  for bin in "${binaries[@]}"; do
    start_server "$bin"
    curl -fsS -o /dev/null "$URL"  # warm: git objects and SQLite pages in cache
    times[$bin]+=$(curl -fsS -K "$RUN/curl.cfg" -w '%{time_total}\n' | tr '\n' ' ')
    stop_server
    log "round $round done for $bin"
  done
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; $FILES Xet files, $ROUNDS x $REQUESTS listings"
echo
echo "| hfhubd | median ms | p95 ms |"
echo "|---|---|---|"
for bin in "${binaries[@]}"; do
  python3 - "$bin" "${times[$bin]}" <<'PY'
import statistics, sys
t = sorted(float(x) * 1000 for x in sys.argv[2].split())
print(f"| `{sys.argv[1]}` | {statistics.median(t):.2f} | {t[int(len(t) * 0.95) - 1]:.2f} |")
PY
done
