#!/usr/bin/env bash
# Xet download benchmark (issue 12): one file uploaded once through Xet by huggingface_hub +
# hf_xet, then in the same run, each into a fresh cache, REPEAT runs, alternating:
#   - curl -o of its plain resolve (the server reconstructs it)
#   - hfhub download (through the CAS; chunk cache on, as by default, and off)
#   - Python hf_hub_download with hf_xet
# plus the server's peak RSS while it serves the plain resolve. Medians go to bench/README.md
# (section "Xet downloads").
#
# Usage: bench/xet_download_bench.sh   Knobs: BUILD_DIR (default build/test) SIZE_MB=1024 REPEAT=3 VENV
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/test}
SIZE_MB=${SIZE_MB:-1024}
REPEAT=${REPEAT:-3}
VENV=${VENV:-$(ls -d "$HOME"/.cache/hfhub/compat-python/hub-2.4.0-* | head -1)}
HOST=127.0.0.1
TOKEN=hf_bench_write_token_0001
RUN=$HERE/results/xet-download-$(date +%Y%m%d-%H%M%S)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
for t in curl python3 "$VENV/bin/hf" "$BUILD_DIR/hfhubd" "$BUILD_DIR/hfhub"; do
  command -v "$t" >/dev/null || die "missing $t"
done
declare -a PIDS=()
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

mkdir -p "$RUN/work"
DATA=$RUN/data
W=$RUN/work
"$BUILD_DIR/hfhubd" admin --data "$DATA" user add bench >/dev/null
"$BUILD_DIR/hfhubd" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
PORT=$(free_port)
"$BUILD_DIR/hfhubd" serve --data "$DATA" --port "$PORT" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
SERVER=$!
PIDS+=($SERVER)
for _ in $(seq 100); do curl -fs -o /dev/null "http://$HOST:$PORT/api/models" && break; sleep 0.1; done
export HF_ENDPOINT=http://$HOST:$PORT HF_TOKEN=$TOKEN HF_HUB_DISABLE_TELEMETRY=1 HF_HUB_DISABLE_PROGRESS_BARS=1
unset HF_HUB_DISABLE_XET
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

log "generating and uploading a ${SIZE_MB} MiB file through hf_xet"
BIG=$W/big.bin
head -c "$((SIZE_MB << 20))" /dev/urandom >"$BIG"
SIZE=$(stat -c%s "$BIG")
HF_HOME=$W/up-home "$VENV/bin/hf" repos create bench/xetdl >/dev/null
HF_HOME=$W/up-home "$VENV/bin/hf" upload bench/xetdl "$BIG" big.bin >/dev/null 2>"$RUN/upload.log"
rm -f "$BIG"
URL=$HF_ENDPOINT/bench/xetdl/resolve/main/big.bin
curl -fsSI -H "Authorization: Bearer $TOKEN" "$URL" | grep -qi '^x-xet-hash' || die "the upload is not Xet-backed"

# The server's RSS, sampled every 50 ms while the plain resolve is served: the peak.
rss_sampler() {
  local peak=0 v
  while kill -0 "$SERVER" 2>/dev/null && [[ ! -e $W/stop-rss ]]; do
    v=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status")
    ((v > peak)) && peak=$v
    sleep 0.05
  done
  echo "$peak" >"$W/rss-peak"
}

: >"$RUN/curl.txt" ; : >"$RUN/hfhub.txt" ; : >"$RUN/hfhub-nocache.txt" ; : >"$RUN/python.txt" ; : >"$RUN/rss.txt"
for r in $(seq "$REPEAT"); do
  rm -rf "$W/curl.bin" "$W"/home-* "$W/stop-rss"
  sync
  rss_sampler &
  SAMPLER=$!
  t0=$(now)
  curl -fsS -H "Authorization: Bearer $TOKEN" -o "$W/curl.bin" "$URL"
  t1=$(now)
  touch "$W/stop-rss"
  wait "$SAMPLER"
  cat "$W/rss-peak" >>"$RUN/rss.txt"
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/curl.txt"
  rm -f "$W/curl.bin"
  sync
  t0=$(now)
  HF_HOME=$W/home-hfhub "$BUILD_DIR/hfhub" download bench/xetdl big.bin --quiet >/dev/null
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/hfhub.txt"
  rm -rf "$W/home-hfhub"
  sync
  t0=$(now)
  HF_HOME=$W/home-hfhub0 HFHUB_XET_CHUNK_CACHE_SIZE=0 "$BUILD_DIR/hfhub" download bench/xetdl big.bin --quiet >/dev/null
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/hfhub-nocache.txt"
  rm -rf "$W/home-hfhub0"
  sync
  t0=$(now)
  HF_HOME=$W/home-py "$VENV/bin/python" -c 'import sys; from huggingface_hub import hf_hub_download; hf_hub_download("bench/xetdl", "big.bin")'
  t1=$(now)
  mbs "$SIZE" "$(echo "$t1 - $t0" | bc)" >>"$RUN/python.txt"
  rm -rf "$W/home-py"
done
runs() { tr '\n' ' ' <"$1"; }
CURL=$(median <"$RUN/curl.txt")
HFHUB=$(median <"$RUN/hfhub.txt")
HFHUB0=$(median <"$RUN/hfhub-nocache.txt")
PY=$(median <"$RUN/python.txt")
RSS=$(sort -g "$RUN/rss.txt" | tail -1)
{
  echo "| measure (MB/s, median of $REPEAT; runs) | value |"
  echo "|---|---|"
  echo "| curl -o of the plain resolve (server-side reconstruction) | $CURL ($(runs "$RUN/curl.txt")) |"
  echo "| hfhub download through the CAS, chunk cache on | $HFHUB ($(runs "$RUN/hfhub.txt")) |"
  echo "| hfhub download through the CAS, chunk cache off | $HFHUB0 ($(runs "$RUN/hfhub-nocache.txt")) |"
  echo "| Python hf_hub_download with hf_xet | $PY ($(runs "$RUN/python.txt")) |"
  echo "| hfhubd peak RSS while serving the plain resolve | $((RSS / 1024)) MiB |"
  echo
  echo "hfhub / curl: $(awk -v a="$HFHUB" -v b="$CURL" 'BEGIN {printf "%.2f", a / b}'), hfhub / hf_xet: $(awk -v a="$HFHUB" -v b="$PY" 'BEGIN {printf "%.2f", a / b}'); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RUN/summary.md"
