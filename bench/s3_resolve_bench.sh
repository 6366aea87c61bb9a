#!/usr/bin/env bash
# What a download redirect costs hfhubd with the blobs on an S3-compatible server
# (docs/deployment.md#blobs-on-s3-compatible-storage): N keep-alive HEADs of an LFS file's
# resolve (hfhubd answers 302 to a presigned GET), beside the reference of the same run, N
# keep-alive GETs of the first byte of that presigned URL on the store itself (curl, no hfhubd;
# a GET because the URL is signed for GET). Then, with the
# store frozen (SIGSTOP), whether the resolve still answers: it must, since a redirect reads the
# deleted-objects record (lfs_tombstones) in the metadata database, not the store.
#
# Usage: bench/s3_resolve_bench.sh   Knobs: BUILD_DIR (default build/test) N=500 REPEAT=3
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${N:-500}
source "$HERE/s3_bench_setup.sh"

# Median milliseconds of N keep-alive requests of URL (one curl, one connection; the first 20 warm
# up), each answered with STATUS.
median_ms() { # status url curl-args...
  local status=$1 url=$2
  shift 2
  local args=()
  for _ in $(seq $((N + 20))); do args+=(-o /dev/null "$url"); done
  curl -sS "$@" -w '%{http_code} %{time_total}\n' "${args[@]}" | tail -n "$N" |
    awk -v s="$status" '$1 != s {print "unexpected status " $1 > "/dev/stderr"; exit 1} {print $2 * 1000}' | median
}

log "uploading a 100 kB LFS file"
head -c 100000 /dev/urandom > "$WORK/w.bin"
start_hfhubd
curl -fsS -H "Authorization: Bearer $TOKEN" -X POST "$HF_ENDPOINT/api/repos/create" -d '{"name":"resolve"}' >/dev/null
HF_TOKEN=$TOKEN HF_HUB_DISABLE_XET=1 "$BUILD_DIR/hfhub" upload bench/resolve "$WORK/w.bin" w.bin --quiet >/dev/null
URL=$HF_ENDPOINT/bench/resolve/resolve/main/w.bin
LOCATION=$(curl -fsS -I -o /dev/null -w '%{redirect_url}' "$URL")
[[ $LOCATION == "$S3_ENDPOINT"* ]] || { log "expected a redirect to the store, got '$LOCATION'"; exit 1; }

echo "| round | hfhubd resolve HEAD (302), median ms | store GET of the URL's first byte (206), median ms |"
echo "|---:|---:|---:|"
for r in $(seq "$REPEAT"); do
  hfhubd_ms=$(median_ms 302 "$URL" -I)
  store_ms=$(median_ms 206 "$LOCATION" -r 0-0)
  echo "| $r | $hfhubd_ms | $store_ms |"
done

kill -STOP "$S3_PID"
codes=$(for _ in $(seq 20); do curl -s -I -o /dev/null -m 3 -w '%{http_code}\n' "$URL"; done | sort | uniq -c | tr -s ' ' | tr '\n' ';')
kill -CONT "$S3_PID"
echo
echo "store frozen (SIGSTOP): 20 resolve HEADs answered:$codes"
