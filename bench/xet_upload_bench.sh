#!/usr/bin/env bash
# Xet uploads (issue 12): one random file uploaded to a fresh repo by `hfhub upload` (libhfhub's
# Xet path) and by `hf upload` (huggingface_hub + hf_xet from the compat venv), each run to its own
# new repo on the same hfhubd, alternating, each with a fresh random file; medians of MB/s (the
# time includes each client's sha256, which both compute in their Xet pass), and the server's
# peak RSS sampled during each upload. See bench/README.md ("Xet uploads").
#
# Usage: bench/xet_upload_bench.sh     Knobs: BUILD_DIR SKIP_BUILD=1 HFHUBD=<binary> HFHUB=<cli>
#                                             SIZE_MB=2048 RUNS=3 VENV=<huggingface_hub venv>
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/bench}
SIZE_MB=${SIZE_MB:-2048}
RUNS=${RUNS:-3}
VENV=${VENV:-$(ls -d "$HOME"/.cache/hfhub/compat-python/hub-2.4.0-* 2>/dev/null | head -1)}
HOST=127.0.0.1
TOKEN=hf_bench_write_token_0001
RUN=$(mktemp -d /tmp/hfhub-xet-upload-XXXXXX)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
for t in curl python3; do command -v "$t" >/dev/null || die "missing $t"; done
[[ -x $VENV/bin/hf ]] || die "no huggingface_hub venv with hf (VENV=$VENV); run tests/compat/python/run.sh once"

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
HFHUB=${HFHUB:-$(dirname "$HFHUBD")/hfhub}
[[ -x $HFHUB ]] || die "no hfhub CLI at $HFHUB"
DATA=$RUN/data
"$HFHUBD" admin --data "$DATA" user add bench >/dev/null
"$HFHUBD" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$HFHUBD" serve --data "$DATA" --port "$PORT" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
SRV_PID=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://$HOST:$PORT/api/models" && break; sleep 0.1; done
BASE=http://$HOST:$PORT

BYTES=$((SIZE_MB << 20))

# upload <client> <n>: one timed upload of a fresh random file (never seen by the server, so
# global dedup finds nothing: each run sends every byte) to a new repo, with a fresh HF_HOME (no
# local shard cache); prints "seconds peak_rss_kib".
upload() {
  local repo="bench/$1-$2" start end peak=0 rss pid
  curl -fsS -H "Authorization: Bearer $TOKEN" -X POST "$BASE/api/repos/create" -d "{\"name\":\"$1-$2\"}" >/dev/null
  head -c "$BYTES" /dev/urandom >"$RUN/file.bin"
  rm -rf "$RUN/home-hfhub" "$RUN/home-hf"
  start=$(date +%s.%N)
  if [[ $1 == hfhub ]]; then
    HF_ENDPOINT=$BASE HF_TOKEN=$TOKEN HF_HOME=$RUN/home-hfhub "$HFHUB" upload "$repo" "$RUN/file.bin" file.bin \
      >"$RUN/$1-$2.out" 2>&1 &
  else
    HF_ENDPOINT=$BASE HF_TOKEN=$TOKEN HF_HOME=$RUN/home-hf HF_HUB_DISABLE_TELEMETRY=1 \
      "$VENV/bin/hf" upload "$repo" "$RUN/file.bin" file.bin >"$RUN/$1-$2.out" 2>&1 &
  fi
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$SRV_PID/status")
    ((rss > peak)) && peak=$rss
    sleep 0.1
  done
  wait "$pid" || { cat "$RUN/$1-$2.out" >&2; die "$1 upload $2 failed"; }
  end=$(date +%s.%N)
  # The bytes must be there: a plain resolve of the file has its size.
  local size
  size=$(curl -fsS -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $TOKEN" "$BASE/$repo/resolve/main/file.bin")
  [[ $size == "$BYTES" ]] || die "$1 run $2: resolve gave $size bytes, expected $BYTES"
  rm -f "$RUN/file.bin"
  echo "$(python3 -c "print($end - $start)") $peak"
}

declare -A secs rss
for n in $(seq "$RUNS"); do
  for client in hfhub hf; do
    read -r s p < <(upload "$client" "$n")
    secs[$client]+="$s "
    rss[$client]+="$p "
    log "$client run $n: $(python3 -c "print(f'{$BYTES / $s / 1e6:.1f}')") MB/s, server peak RSS $((p / 1024)) MiB"
  done
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; file $SIZE_MB MiB random"
echo
echo "| client | MB/s per run | median MB/s | server peak RSS (max of runs) |"
echo "|---|---|---|---|"
for client in hfhub hf; do
  python3 - "$client" "$BYTES" "${secs[$client]}" "${rss[$client]}" <<'PY'
import statistics, sys
client, size, secs, rss = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4].split()
rates = [size / float(s) / 1e6 for s in secs]
label = "`hfhub upload`" if client == "hfhub" else "`hf upload` (hf_xet)"
print(f"| {label} | {', '.join(f'{r:.1f}' for r in rates)} | {statistics.median(rates):.1f} | "
      f"{max(int(r) for r in rss) // 1024} MiB |")
PY
done
