#!/usr/bin/env bash
# CAS reconstruction latency (issue 12): one large file (10 GiB by default) uploaded once through
# Xet by the hfhub CLI, then, against the same server in the same run, REPEAT timed queries each of:
#   - GET /xet/v2/reconstructions/{hash} for the whole file
#   - the same with Range: a 64 MiB slice in the middle
#   - GET /xet/v1/reconstructions/{hash} for the whole file
#   - reference: GET /api/models/{id} (repo info) on the same server
# each with curl (a fresh connection per query, as a client's first call), medians and p95 of
# curl's time_total. Results go to bench/README.md (section "Xet reconstruction latency").
#
# Usage: bench/xet_reconstruction_bench.sh   Knobs: BUILD_DIR (default build/test) SIZE_MB=10240 REPEAT=30
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/test}
SIZE_MB=${SIZE_MB:-10240}
REPEAT=${REPEAT:-30}
HOST=127.0.0.1
TOKEN=hf_bench_write_token_0001
RUN=$HERE/results/xet-reconstruction-$(date +%Y%m%d-%H%M%S)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
for t in curl python3 openssl "$BUILD_DIR/hfhubd" "$BUILD_DIR/hfhub"; do
  command -v "$t" >/dev/null || die "missing $t"
done
SERVER=
cleanup() {
  [[ -n $SERVER ]] && kill -TERM "$SERVER" 2>/dev/null || true
  sleep 0.5
  rm -rf "$RUN/data" "$RUN/work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Median and 95th percentile (nearest rank) of the numbers on stdin, in ms.
stats() { sort -g | awk '{a[NR]=$1*1000} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; i=int(NR*0.95+0.999); printf "%.2f %.2f\n", m, a[i]}'; }

mkdir -p "$RUN/work"
DATA=$RUN/data
W=$RUN/work
"$BUILD_DIR/hfhubd" admin --data "$DATA" user add bench >/dev/null
"$BUILD_DIR/hfhubd" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
PORT=$(free_port)
"$BUILD_DIR/hfhubd" serve --data "$DATA" --port "$PORT" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
SERVER=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://$HOST:$PORT/api/models" && break; sleep 0.1; done
export HF_ENDPOINT=http://$HOST:$PORT HF_TOKEN=$TOKEN HF_HUB_DISABLE_PROGRESS_BARS=1 HF_HOME=$W/home
unset HF_HUB_DISABLE_XET
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

log "generating a ${SIZE_MB} MiB random file and uploading it through Xet with hfhub"
BIG=$W/big.bin
# AES-CTR keystream: incompressible bytes at disk speed (/dev/urandom is several times slower).
# openssl dies of SIGPIPE when head has enough: not a failure.
{ openssl enc -aes-128-ctr -nosalt -pass pass:hfhub-bench -in /dev/zero 2>/dev/null || true; } | head -c "$((SIZE_MB << 20))" >"$BIG"
"$BUILD_DIR/hfhub" repo create bench/recon >/dev/null
start=$(date +%s.%N)
"$BUILD_DIR/hfhub" upload bench/recon "$BIG" big.bin >/dev/null 2>"$RUN/upload.log"
upload_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
rm -f "$BIG"
HASH=$(curl -fsSI -H "Authorization: Bearer $TOKEN" "$HF_ENDPOINT/bench/recon/resolve/main/big.bin" |
  tr -d '\r' | awk -F': ' 'tolower($1)=="x-xet-hash" {print $2}')
[[ -n $HASH ]] || die "the upload is not Xet-backed"
XET=$(curl -fs -H "Authorization: Bearer $TOKEN" "$HF_ENDPOINT/api/models/bench/recon/xet-read-token/main" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["accessToken"], d["casUrl"])')
read -r XTOKEN CAS <<<"$XET"
half=$((SIZE_MB << 19))
RANGE="bytes=$half-$((half + (64 << 20) - 1))"

query() {  # label, then curl arguments; prints time_total per run into $RUN/<label>.txt
  local label=$1
  shift
  : >"$RUN/$label.txt"
  for _ in $(seq "$REPEAT"); do
    curl -fs -o "$W/$label.json" -w '%{time_total}\n' "$@" >>"$RUN/$label.txt"
  done
}
query v2-whole -H "Authorization: Bearer $XTOKEN" "$CAS/v2/reconstructions/$HASH"
query v2-range -H "Authorization: Bearer $XTOKEN" -H "Range: $RANGE" "$CAS/v2/reconstructions/$HASH"
query v1-whole -H "Authorization: Bearer $XTOKEN" "$CAS/v1/reconstructions/$HASH"
query repo-info -H "Authorization: Bearer $TOKEN" "$HF_ENDPOINT/api/models/bench/recon"
terms=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["terms"]))' "$W/v2-whole.json")
bytes=$(stat -c%s "$W/v2-whole.json")
rss=$(awk '/^VmHWM/ {print $2}' "/proc/$SERVER/status")

{
  echo "file: ${SIZE_MB} MiB, uploaded by hfhub in ${upload_s%.*} s; the whole-file answer: $terms terms, $bytes bytes of JSON"
  echo "hfhubd peak RSS (VmHWM) over the run: $((rss / 1024)) MiB; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "| query ($REPEAT runs, fresh connection each) | median ms | p95 ms |"
  echo "|---|---:|---:|"
  for l in v2-whole v2-range v1-whole repo-info; do
    read -r m p < <(stats <"$RUN/$l.txt")
    echo "| $l | $m | $p |"
  done
} | tee "$RUN/summary.md"
