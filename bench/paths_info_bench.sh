#!/usr/bin/env bash
# paths-info on a big folder: one anonymous request naming PATHS files of a FILES-file folder
# (the probe of docs/endpoints.md "Work per request"), and the first expanded and recursive tree
# pages of it.
# Prints the median wall time of REPEAT runs of each. No reference: compare two builds.
#
# Usage: bench/paths_info_bench.sh     Knobs: HFHUBD=<binary> FILES=8000 PATHS=5000 REPEAT=5
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
HFHUBD=${HFHUBD:-$ROOT/build/test/hfhubd}
FILES=${FILES:-8000}
PATHS=${PATHS:-5000}
REPEAT=${REPEAT:-5}
# Over the default cap of 1000 paths; SERVE_FLAGS= for a build without the setting.
SERVE_FLAGS=${SERVE_FLAGS-"--paths-info-max-paths $PATHS"}
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
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

"$HFHUBD" admin --data "$WORK/data" user add bench >/dev/null
"$HFHUBD" admin --data "$WORK/data" token add bench --role write --value "$TOKEN" >/dev/null
"$HFHUBD" serve --data "$WORK/data" --port 0 --no-access-log --no-rate-limit $SERVE_FLAGS \
  >"$WORK/out" 2>"$WORK/log" &
SRV_PID=$!
for _ in $(seq 300); do grep -q listening "$WORK/out" 2>/dev/null && break; sleep 0.1; done
BASE=http://127.0.0.1:$(awk '/listening/ {print $2}' "$WORK/out")
curl -fsS -H "Authorization: Bearer $TOKEN" -X POST "$BASE/api/repos/create" -d '{"name":"big"}' >/dev/null

log "committing $FILES files into one folder"
python3 - "$FILES" >"$WORK/commit.ndjson" <<'PY'
import json, sys
print(json.dumps({"key": "header", "value": {"summary": "big folder", "description": ""}}))
for i in range(int(sys.argv[1])):
    print(json.dumps({"key": "file", "value": {"path": f"data/{i:06d}.txt", "content": f"row {i}", "encoding": "utf-8"}}))
PY
curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$WORK/commit.ndjson" "$BASE/api/models/bench/big/commit/main" >/dev/null
python3 - "$FILES" "$PATHS" >"$WORK/form" <<'PY'
import sys
files, paths = int(sys.argv[1]), int(sys.argv[2])
print("&".join(f"paths=data/{(i * 7919) % files:06d}.txt" for i in range(paths)) + "&expand=false", end="")
PY

time_of() { curl -fsS -o /dev/null -w '%{time_total}\n' "$@"; }
log "paths-info: $PATHS paths of the $FILES-file folder, $REPEAT runs"
PI=$(for _ in $(seq "$REPEAT"); do
  time_of -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$WORK/form" \
    "$BASE/api/models/bench/big/paths-info/main"
done | median)
log "tree?expand=true of the folder (first page), $REPEAT runs"
TE=$(for _ in $(seq "$REPEAT"); do time_of "$BASE/api/models/bench/big/tree/main/data?expand=true"; done | median)
log "tree?recursive=true of the repo (first page), $REPEAT runs"
TR=$(for _ in $(seq "$REPEAT"); do time_of "$BASE/api/models/bench/big/tree/main?recursive=true"; done | median)
printf '| paths-info, %d paths of a %d-file folder | %.3f s |\n' "$PATHS" "$FILES" "$PI"
printf '| tree expand=true, first page of the %d-file folder | %.3f s |\n' "$FILES" "$TE"
printf '| tree recursive=true, first page of the %d-file repo | %.3f s |\n' "$FILES" "$TR"
