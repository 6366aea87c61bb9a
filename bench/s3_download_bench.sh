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
source "$HERE/s3_bench_setup.sh"
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
