#!/usr/bin/env bash
# LFS downloads with the blobs on an S3-compatible server (docs/deployment.md#blobs-on-s3-compatible-storage):
# one figure each for a SIZE_MB file fetched
#   - through resolve's 302 (curl -L: hfhubd answers, the store sends the bytes),
#   - through hfhubd with s3-proxy-downloads (first fetch: store -> cache -> client; then from the cache),
#   - from the presigned URL directly (curl, no hfhubd at all).
# The store is the test server of tests/s3/s3_server.sh on the same machine: not a production
# store, so the figures show hfhubd's overhead, not what S3 delivers. See bench/README.md.
#
# Usage: bench/s3_download_bench.sh   Knobs: BUILD_DIR (default build/test) SIZE_MB=1024 REPEAT=3
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/test}
SIZE_MB=${SIZE_MB:-1024}
REPEAT=${REPEAT:-3}
TOKEN=hf_bench_write_token_0001
source "$ROOT/tests/s3/s3_server.sh"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hfhub-s3-bench.XXXXXX")
SERVER=""
stop_hfhubd() {
  if [[ -n $SERVER ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  SERVER=""
}
on_exit() {
  local status=$?
  set +e  # clean up whatever failed
  [[ $status == 0 ]] || tail -5 "$WORK/hfhubd.log" "$WORK/minio.log" >&2 2>/dev/null
  stop_hfhubd
  s3_server_stop
  rm -rf "$WORK"
}
trap on_exit EXIT
s3_server_start "$WORK"

DATA=$WORK/data
"$BUILD_DIR/hfhubd" admin --data "$DATA" user add bench >/dev/null
"$BUILD_DIR/hfhubd" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
start_hfhubd() { # extra flags
  local port
  port=$(s3_free_port)
  "$BUILD_DIR/hfhubd" serve --data "$DATA" --port "$port" --no-access-log --no-rate-limit --blob-store s3 \
    --s3-endpoint "$S3_ENDPOINT" --s3-bucket "$S3_BUCKET" --s3-prefix bench "$@" > "$WORK/hfhubd.out" 2>> "$WORK/hfhubd.log" &
  SERVER=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/api/models" && break; sleep 0.1; done
  export HF_ENDPOINT=http://127.0.0.1:$port
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# MB/s of `curl ARGS... URL` into a file (the same disk for every variant), median of REPEAT runs.
timed() {
  for _ in $(seq "$REPEAT"); do
    rm -f "$WORK/out.bin"
    sync
    curl -fsS -o "$WORK/out.bin" -w '%{time_total}\n' "$@"
    [[ $(stat -c %s "$WORK/out.bin") == $((SIZE_MB << 20)) ]] || { log "short download"; exit 1; }
  done | awk -v s=$((SIZE_MB << 20)) '{printf "%.0f\n", s / $1 / 1e6}' | median
}

log "making a ${SIZE_MB} MiB file and uploading it (plain LFS)"
head -c "$((SIZE_MB << 20))" /dev/urandom > "$WORK/big.bin"
start_hfhubd
curl -fsS -H "Authorization: Bearer $TOKEN" -X POST "$HF_ENDPOINT/api/repos/create" -d '{"name":"s3bench"}' >/dev/null
HF_TOKEN=$TOKEN HF_HUB_DISABLE_XET=1 "$BUILD_DIR/hfhub" upload bench/s3bench "$WORK/big.bin" big.bin --quiet >/dev/null
URL=$HF_ENDPOINT/bench/s3bench/resolve/main/big.bin

REDIRECT=$(timed -L "$URL")
PRESIGNED_URL=$(curl -fsS -o /dev/null -w '%{redirect_url}' "$URL")
DIRECT=$(timed "$PRESIGNED_URL")
stop_hfhubd
start_hfhubd --s3-proxy-downloads true
URL=$HF_ENDPOINT/bench/s3bench/resolve/main/big.bin
rm -rf "$DATA/s3-cache"
PROXY_COLD=$(REPEAT=1 timed "$URL")
PROXY_WARM=$(timed "$URL")
stop_hfhubd

cat <<MD
| ${SIZE_MB} MiB LFS download (median of $REPEAT, MB/s) | |
|---|---|
| resolve 302, followed to the presigned GET (curl -L) | $REDIRECT |
| the presigned GET directly (curl) | $DIRECT |
| s3-proxy-downloads, first fetch (store -> cache -> client, one run) | $PROXY_COLD |
| s3-proxy-downloads, from the cache (sendfile) | $PROXY_WARM |
MD
