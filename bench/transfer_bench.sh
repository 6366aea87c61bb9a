#!/usr/bin/env bash
# Client transfer benchmark: the hfhub CLI side by side with references in the same run,
# against one hfhubd on loopback.
#   - download of a 2 GiB LFS file   vs curl -o (same URL, same disk) and @huggingface/hub downloadFileToCacheDir
#   - snapshot of 2,000 small files  vs @huggingface/hub snapshotDownload
#   - upload of a 2 GiB file         vs curl -T to a signed LFS upload URL of the same server
#   - peak RSS of hfhub while downloading and uploading a 4 GiB file
# The server runs on core 0, the clients on core 1 (taskset), except for the single-file
# download (see there). Every download starts from an empty cache; `sync` runs before each
# timed run. See bench/README.md.
#
# Usage: bench/transfer_bench.sh   Knobs: BUILD_DIR SKIP_BUILD=1 SIZE_MB=2048 RSS_MB=4096 FILES=2000 REPEAT=5
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/bench}
SIZE_MB=${SIZE_MB:-2048}
RSS_MB=${RSS_MB:-4096}
FILES=${FILES:-2000}
REPEAT=${REPEAT:-5}
HOST=127.0.0.1
TOKEN=hf_bench_write_token_0001
RUN=$HERE/results/transfer-$(date +%Y%m%d-%H%M%S)
OUT_MD=$HERE/results/transfer-latest.md
SRV="taskset -c 0"
# The LFS path, compared with curl -T to a signed LFS URL: Xet uploads have their own bench
# (xet_upload_bench.sh).
CLI="env HF_HUB_DISABLE_XET=1 taskset -c 1"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
for t in curl node python3 taskset /usr/bin/time; do command -v "$t" >/dev/null || die "missing $t"; done
[[ -d $ROOT/tests/compat/js/node_modules/@huggingface/hub ]] || (cd "$ROOT/tests/compat/js" && npm ci --silent)

declare -a PIDS=()
# Stops the server and deletes the data dir and the generated files (tens of GiB); the raw
# figures stay in $RUN.
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.5
  rm -rf "$RUN/data" "$RUN/work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
mbs() { awk -v s="$1" -v t="$2" 'BEGIN {printf "%.0f\n", s / t / 1e6}'; }

if [[ -z ${SKIP_BUILD:-} ]]; then
  log "building Release into $BUILD_DIR"
  "$ROOT/scripts/build.sh" Release "$BUILD_DIR" -DHFHUB_BUILD_TESTS=OFF -DHFHUB_BUILD_BENCH=OFF >/dev/null
fi
HFHUBD=$BUILD_DIR/hfhubd
HFHUB=$BUILD_DIR/hfhub
mkdir -p "$RUN/work"
DATA=$RUN/data
W=$RUN/work

"$HFHUBD" admin --data "$DATA" user add bench >/dev/null
"$HFHUBD" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
PORT=$(free_port)
$SRV "$HFHUBD" serve --data "$DATA" --port "$PORT" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
PIDS+=($!)
for _ in $(seq 100); do curl -fs -o /dev/null "http://$HOST:$PORT/api/models" && break; sleep 0.1; done
export HF_ENDPOINT=http://$HOST:$PORT HF_TOKEN=$TOKEN
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS -H "$AUTH" "$@"; }
create() { api -X POST "$HF_ENDPOINT/api/repos/create" -d "{\"name\":\"$1\"}" >/dev/null; }
signed_put_url() { # repo file -> the signed basic-transfer URL for the file's LFS object
  local oid size
  oid=$(sha256sum "$2" | cut -d' ' -f1)
  size=$(stat -c%s "$2")
  api -X POST "$HF_ENDPOINT/bench/$1.git/info/lfs/objects/batch" -H 'Content-Type: application/vnd.git-lfs+json' \
    -d "{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\",\"objects\":[{\"oid\":\"$oid\",\"size\":$size}]}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"][0]["actions"]["upload"]["href"])'
}

# --- upload of a 2 GiB file: hfhub upload vs curl -T to a signed URL ---------------------------
log "generating a ${SIZE_MB} MiB file"
BIG=$W/big.bin
head -c "$((SIZE_MB << 20))" /dev/urandom >"$BIG"
SIZE=$(stat -c%s "$BIG")
cat "$BIG" >/dev/null
: >"$RUN/up-curl.txt"
: >"$RUN/up-hfhub.txt"
for r in $(seq "$REPEAT"); do
  # Objects are stored per repo, so every run uploads to a new repo.
  create "upcurl$r"
  create "uphfhub$r"
  href=$(signed_put_url "upcurl$r" "$BIG")
  sync
  t0=$(now)
  $CLI curl -fsS -o /dev/null -T "$BIG" -H 'Content-Type: application/octet-stream' -H 'Expect:' "$href"
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/up-curl.txt"
  sync
  t0=$(now)
  $CLI "$HFHUB" upload "bench/uphfhub$r" "$BIG" big.bin --quiet >/dev/null
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/up-hfhub.txt"
done
UP_CURL=$(median <"$RUN/up-curl.txt")
UP_HFHUB=$(median <"$RUN/up-hfhub.txt")
log "upload 2 GiB: hfhub $UP_HFHUB MB/s (runs: $(tr '\n' ' ' <"$RUN/up-hfhub.txt")), curl -T $UP_CURL MB/s (runs: $(tr '\n' ' ' <"$RUN/up-curl.txt"))"

# --- download of the 2 GiB file: hfhub vs curl -o vs @huggingface/hub ---------------------------
# The clients are not pinned here: hfhub verifies the sha256 on a second thread while the bytes
# arrive, and one core for everything would serialize that (curl and node verify nothing).
DL="env"
REPO=uphfhub1
URL=$HF_ENDPOINT/bench/$REPO/resolve/main/big.bin
# The uploads above pushed gigabytes through the page cache: read the served object once, so
# every client is measured against a server whose file is cached, not against the disk.
curl -fsS -H "$AUTH" -o /dev/null "$URL"
: >"$RUN/dl-curl.txt"
: >"$RUN/dl-hfhub.txt"
: >"$RUN/dl-js.txt"
for r in $(seq "$REPEAT"); do
  rm -rf "$W/curl.bin" "$W/cache-hfhub" "$W/cache-js"
  sync
  t0=$(now)
  $DL curl -fsS -H "$AUTH" -o "$W/curl.bin" "$URL"
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/dl-curl.txt"
  rm -f "$W/curl.bin"
  sync
  t0=$(now)
  HF_HUB_CACHE=$W/cache-hfhub $DL "$HFHUB" download "bench/$REPO" big.bin --quiet >/dev/null
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/dl-hfhub.txt"
  rm -rf "$W/cache-hfhub"
  sync
  t0=$(now)
  $DL node "$HERE/js/transfer.mjs" file "bench/$REPO" big.bin "$W/cache-js" >/dev/null
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/dl-js.txt"
  rm -rf "$W/cache-js"
done
DL_CURL=$(median <"$RUN/dl-curl.txt")
DL_HFHUB=$(median <"$RUN/dl-hfhub.txt")
DL_JS=$(median <"$RUN/dl-js.txt")
log "download 2 GiB: hfhub $DL_HFHUB MB/s ($(tr '\n' ' ' <"$RUN/dl-hfhub.txt")), curl -o $DL_CURL ($(tr '\n' ' ' <"$RUN/dl-curl.txt")), JS $DL_JS ($(tr '\n' ' ' <"$RUN/dl-js.txt"))"

# --- snapshot of 2,000 small files: hfhub vs @huggingface/hub snapshotDownload -------------------
create snap
python3 - "$FILES" >"$W/snap.ndjson" <<'PY'
import base64, json, os, sys
n = int(sys.argv[1])
print(json.dumps({"key": "header", "value": {"summary": f"{n} small files"}}))
for i in range(n):
    data = base64.b64encode(os.urandom(256 + (i * 37) % 4096)).decode()
    print(json.dumps({"key": "file", "value": {"path": f"d{i // 100}/f{i}.txt", "content": data, "encoding": "base64"}}))
PY
api -X POST "$HF_ENDPOINT/api/models/bench/snap/commit/main" -H 'Content-Type: application/x-ndjson' --data-binary @"$W/snap.ndjson" >/dev/null
: >"$RUN/snap-hfhub.txt"
: >"$RUN/snap-js.txt"
for r in $(seq "$REPEAT"); do
  rm -rf "$W/cache-hfhub" "$W/cache-js"
  t0=$(now)
  HF_HUB_CACHE=$W/cache-hfhub $CLI "$HFHUB" download bench/snap --quiet >/dev/null
  t1=$(now)
  echo "$t1 - $t0" | bc >>"$RUN/snap-hfhub.txt"
  t0=$(now)
  $CLI node "$HERE/js/transfer.mjs" snapshot bench/snap "$W/cache-js" >/dev/null
  t1=$(now)
  echo "$t1 - $t0" | bc >>"$RUN/snap-js.txt"
  n_h=$(find "$W/cache-hfhub/models--bench--snap/snapshots" -type l | wc -l)
  n_j=$(find "$W/cache-js/models--bench--snap/snapshots" -type l | wc -l)
  [[ $n_h -ge $FILES && $n_j -ge $FILES ]] || die "snapshot incomplete: hfhub $n_h, js $n_j links"
done
SNAP_HFHUB=$(median <"$RUN/snap-hfhub.txt")
SNAP_JS=$(median <"$RUN/snap-js.txt")
log "snapshot of $FILES files: hfhub ${SNAP_HFHUB}s, JS ${SNAP_JS}s"

# --- peak RSS with a 4 GiB file --------------------------------------------------------------------
log "generating a ${RSS_MB} MiB file"
HUGE=$W/huge.bin
rm -f "$BIG"
head -c "$((RSS_MB << 20))" /dev/urandom >"$HUGE"
create rss
/usr/bin/time -f '%M' -o "$RUN/rss-up.txt" $CLI "$HFHUB" upload bench/rss "$HUGE" huge.bin --quiet >/dev/null
rm -f "$HUGE"
/usr/bin/time -f '%M' -o "$RUN/rss-dl.txt" env HF_HUB_CACHE="$W/cache-rss" $CLI "$HFHUB" download bench/rss huge.bin --quiet >/dev/null
RSS_UP=$(($(tail -1 "$RUN/rss-up.txt") / 1024))
RSS_DL=$(($(tail -1 "$RUN/rss-dl.txt") / 1024))
rm -rf "$W/cache-rss"
log "peak RSS: upload ${RSS_UP} MiB, download ${RSS_DL} MiB (${RSS_MB} MiB file)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cat >"$OUT_MD" <<EOF
# Transfer benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r))

| measure | hfhub | reference | ratio | target |
|---|---|---|---|---|
| download ${SIZE_MB} MiB LFS file | $DL_HFHUB MB/s | curl -o $DL_CURL MB/s | $(ratio "$DL_HFHUB" "$DL_CURL")x | >= 0.9x |
| download ${SIZE_MB} MiB LFS file | $DL_HFHUB MB/s | @huggingface/hub downloadFileToCacheDir $DL_JS MB/s | $(ratio "$DL_HFHUB" "$DL_JS")x | >= 2x |
| snapshot of $FILES small files | ${SNAP_HFHUB} s | @huggingface/hub snapshotDownload ${SNAP_JS} s | $(ratio "$SNAP_JS" "$SNAP_HFHUB")x faster | >= 5x |
| upload ${SIZE_MB} MiB file | $UP_HFHUB MB/s | curl -T signed URL $UP_CURL MB/s | $(ratio "$UP_HFHUB" "$UP_CURL")x | >= 0.8x |
| peak RSS, ${RSS_MB} MiB download | ${RSS_DL} MiB | | | < 100 MiB |
| peak RSS, ${RSS_MB} MiB upload | ${RSS_UP} MiB | | | < 100 MiB |

Medians of $REPEAT runs; raw numbers in $(basename "$RUN")/.
EOF
cat "$OUT_MD"
