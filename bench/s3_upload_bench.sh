#!/usr/bin/env bash
# LFS uploads with the blobs on an S3-compatible server (docs/deployment.md#uploads-straight-to-the-store):
# the official Python client (huggingface_hub 2.4.0, Xet off) uploads one SIZE_MB file, each run
# into a new repo, and the figure is the whole `upload_file` call, commit included, as MB/s:
#   - presigned PUT: one PUT to the store, then hfhubd checks it at the commit (claim copy, hash
#     read back, final copy);
#   - presigned parts: lfs-multipart-threshold-mb lowered so the same file goes as presigned
#     UploadPart PUTs of 64 MiB, checked at the completion POST;
#   - through hfhubd (s3-proxy-uploads): the old path, hfhubd spools and hashes the body, then
#     uploads it to the store in parts of s3-part-size-mb.
# The store is the test server of tests/s3/s3_server.sh on the same machine: not a production
# store, so the figures show where the bytes go and what each path costs, not what S3 delivers.
#
# Usage: bench/s3_upload_bench.sh   Knobs: BUILD_DIR (default build/test) SIZE_MB=1024 REPEAT=3 VENV
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
VENV=${VENV:-$(ls -d "$HOME"/.cache/hfhub/compat-python/hub-2.4.0-* | head -1)}
source "$HERE/s3_bench_setup.sh"
# MB/s of upload_file of the big file into a new repo (bench/<name>-<n>), median of REPEAT runs.
timed_upload() { # name
  for run in $(seq "$REPEAT"); do
    sync
    HF_TOKEN=$TOKEN HF_HUB_DISABLE_XET=1 HF_HUB_DISABLE_PROGRESS_BARS=1 HF_HOME=$WORK/home "$VENV/bin/python" - \
      "$WORK/big.bin" "bench/$1-$run" <<'PY'
import sys, time
from huggingface_hub import HfApi
api = HfApi()
api.create_repo(sys.argv[2])
start = time.monotonic()
api.upload_file(path_or_fileobj=sys.argv[1], path_in_repo="big.bin", repo_id=sys.argv[2])
print(time.monotonic() - start)
api.delete_repo(sys.argv[2])  # its objects go with it: the store stays small on a shared disk
PY
  done | awk -v s=$((SIZE_MB << 20)) '{printf "%.0f\n", s / $1 / 1e6}' | median
}

log "making a ${SIZE_MB} MiB file"
head -c "$((SIZE_MB << 20))" /dev/urandom > "$WORK/big.bin"
# The sha256 the client computes first is in every figure; time it alone too.
HASH=$( { /usr/bin/time -f %e sha256sum "$WORK/big.bin" >/dev/null; } 2>&1 | awk -v s=$((SIZE_MB << 20)) '{printf "%.0f", s / $1 / 1e6}')

start_hfhubd
log "presigned PUT"
PRESIGNED=$(timed_upload put)
stop_hfhubd
start_hfhubd --lfs-multipart-threshold-mb 256 --lfs-multipart-chunk-mb 64
log "presigned parts"
PARTS=$(timed_upload parts)
stop_hfhubd
start_hfhubd --s3-proxy-uploads true
log "through hfhubd"
PROXY=$(timed_upload proxy)
stop_hfhubd

cat <<MD
| ${SIZE_MB} MiB LFS upload with huggingface_hub (median of $REPEAT, MB/s, commit included) | |
|---|---|
| presigned PUT to the store, checked at the commit | $PRESIGNED |
| presigned parts (64 MiB) to the store, checked at the completion | $PARTS |
| through hfhubd (s3-proxy-uploads: spool, hash, multipart to the store) | $PROXY |
| (sha256sum of the file alone, which the client does first) | $HASH |
MD
