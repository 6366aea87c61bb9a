#!/usr/bin/env bash
# Repository content benchmark: hfhubd side by side with a reference in the same run.
#   - GET of a 1 GiB LFS file          vs nginx serving the same file (sendfile) from the same disk
#   - 64 KiB range GETs, HEAD resolve   vs nginx on the same file
#   - upload of a 1 GiB LFS object (basic PUT): throughput and server RSS growth
#   - one commit of 5,000 small files
#   - clone of a 1,000-file repo        vs git-http-backend behind nginx (fcgiwrap) on the same repo
# The server runs on core 0, the load generators on core 1 (taskset). See bench/README.md.
#
# Usage: bench/content_bench.sh     Knobs: BUILD_DIR SKIP_BUILD=1 SIZE_MB=1024 DURATION=10 CONNS=32 REPEAT=11
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/bench}
SIZE_MB=${SIZE_MB:-1024}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
REPEAT=${REPEAT:-11}
HOST=127.0.0.1
TOKEN=hf_bench_write_token_0001
RUN=$HERE/results/content-$(date +%Y%m%d-%H%M%S)
OUT_MD=$HERE/results/content-latest.md
SRV="taskset -c 0"
CLI="taskset -c 1"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

for t in wrk ab nginx curl hyperfine fcgiwrap git python3; do
  command -v "$t" >/dev/null || die "missing $t (HFHUB_SETUP_BENCH=1 scripts/setup.sh installs the tools)"
done

declare -a PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.3
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

if [[ -z ${SKIP_BUILD:-} ]]; then
  log "building Release into $BUILD_DIR"
  "$ROOT/scripts/build.sh" Release "$BUILD_DIR" -DHFHUB_BUILD_TESTS=OFF -DHFHUB_BUILD_BENCH=OFF >/dev/null
fi
HFHUBD=$BUILD_DIR/hfhubd
mkdir -p "$RUN/nginx" "$RUN/work"
DATA=$RUN/data

# --- hfhubd ------------------------------------------------------------------------------
"$HFHUBD" admin --data "$DATA" user add bench >/dev/null
"$HFHUBD" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
PORT=$(free_port)
$SRV "$HFHUBD" serve --data "$DATA" --port "$PORT" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
SRV_PID=$!
PIDS+=("$SRV_PID")
for _ in $(seq 100); do curl -fs -o /dev/null "http://$HOST:$PORT/api/models" && break; sleep 0.1; done
BASE=http://$HOST:$PORT
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS -H "$AUTH" "$@"; }

api -X POST "$BASE/api/repos/create" -d '{"name":"content"}' >/dev/null
api -X POST "$BASE/api/repos/create" -d '{"name":"clone1k"}' >/dev/null
REPO_ID=$(curl -fs "$BASE/api/models/bench/content" | python3 -c 'import json,sys; print(json.load(sys.stdin)["_id"])')
CLONE_ID=$(curl -fs "$BASE/api/models/bench/clone1k" | python3 -c 'import json,sys; print(json.load(sys.stdin)["_id"])')

# --- upload of a 1 GiB LFS object (basic PUT) --------------------------------------------
log "generating a ${SIZE_MB} MiB file"
BIG=$RUN/work/big.bin
head -c "$((SIZE_MB << 20))" /dev/urandom >"$BIG"
OID=$(sha256sum "$BIG" | cut -d' ' -f1)
SIZE=$(stat -c%s "$BIG")
upload_href() { # repo -> signed PUT URL for the big file
  api -X POST "$BASE/bench/$1.git/info/lfs/objects/batch" -H 'Content-Type: application/vnd.git-lfs+json' \
    -d "{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\",\"objects\":[{\"oid\":\"$OID\",\"size\":$SIZE}]}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"][0]["actions"]["upload"]["href"])'
}
cat "$BIG" >/dev/null # page cache warm: measure the server, not the disk read of the client
RSS0=$(rss_kib "$SRV_PID")
# Three uploads of the same bytes, to three repos (objects are stored per repo, so each is new).
: >"$RUN/upload.txt"
: >"$RUN/dd.txt"
for r in content up2 up3; do
  [[ $r == content ]] || api -X POST "$BASE/api/repos/create" -d "{\"name\":\"$r\"}" >/dev/null
  HREF=$(upload_href "$r")
  # The server answers only once the object is fsynced, so the disk bounds the upload. The
  # reference: the same bytes written to the same data dir by dd with fsync, right before.
  sync
  $CLI dd if="$BIG" of="$DATA/tmp/dd-reference" bs=4M conv=fsync 2>&1 |
    awk -F', ' '/copied/ {split($3, t, " "); print t[1]}' | awk -v s="$SIZE" '{printf "%.0f\n", s / $1 / 1e6}' >>"$RUN/dd.txt"
  rm -f "$DATA/tmp/dd-reference"
  sync
  secs=$($CLI curl -fsS -o /dev/null -w '%{time_total}' -T "$BIG" -H 'Content-Type: application/octet-stream' -H 'Expect:' "$HREF")
  awk -v s="$SIZE" -v t="$secs" 'BEGIN {printf "%.0f\n", s / t / 1e6}' >>"$RUN/upload.txt"
done
DD_MBS=$(median <"$RUN/dd.txt")
RSS1=$(hwm_kib "$SRV_PID")
UP_MBS=$(median <"$RUN/upload.txt")
log "upload: $(tr '\n' ' ' <"$RUN/upload.txt")MB/s (median $UP_MBS); RSS $((RSS0 / 1024)) MiB before, peak $((RSS1 / 1024)) MiB"
printf '{"key":"header","value":{"summary":"big file"}}\n{"key":"lfsFile","value":{"path":"big.bin","algo":"sha256","oid":"%s","size":%s}}\n{"key":"file","value":{"path":"config.json","content":"eyJtb2RlbF90eXBlIjoiYmVydCJ9","encoding":"base64"}}\n' "$OID" "$SIZE" |
  api -X POST "$BASE/api/models/bench/content/commit/main" -H 'Content-Type: application/x-ndjson' --data-binary @- >/dev/null
BLOB=$DATA/lfs/$REPO_ID/${OID:0:2}/${OID:2:2}/$OID
[[ -f $BLOB ]] || die "LFS object not stored at $BLOB"

# --- nginx: the same LFS file, and git-http-backend through fcgiwrap ---------------------
NGX_PORT=$(free_port)
FCGI_SOCK=$RUN/nginx/fcgiwrap.sock
fcgiwrap -c 2 -s "unix:$FCGI_SOCK" &
PIDS+=($!)
cat >"$RUN/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log warn;
daemon off;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  # tcp_nopush (TCP_CORK) off: with it, 64 KiB range answers stall ~40 ms on delayed ACKs
  # (817 req/s, p99 48 ms in a first run), which would make the reference unfairly slow.
  sendfile on; tcp_nopush off; tcp_nodelay on;
  keepalive_timeout 120s; keepalive_requests 100000000;
  open_file_cache max=1000 inactive=120s;
  default_type application/octet-stream;
  client_body_temp_path $RUN/nginx/tmp-body; fastcgi_temp_path $RUN/nginx/tmp-fcgi;
  proxy_temp_path $RUN/nginx/tmp-proxy; uwsgi_temp_path $RUN/nginx/tmp-uwsgi; scgi_temp_path $RUN/nginx/tmp-scgi;
  server {
    listen $HOST:$NGX_PORT;
    location = /big.bin { alias $BLOB; }
    location ~ ^/git(/.*) {
      client_max_body_size 0;
      fastcgi_pass unix:$FCGI_SOCK;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
      fastcgi_param GIT_PROJECT_ROOT $DATA/repos;
      fastcgi_param GIT_HTTP_EXPORT_ALL 1;
      fastcgi_param PATH_INFO \$1;
    }
  }
}
EOF
$SRV nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" 2>>"$RUN/nginx/error.log" &
PIDS+=($!)
for _ in $(seq 50); do curl -fs -o /dev/null -r 0-0 "http://$HOST:$NGX_PORT/big.bin" && break; sleep 0.1; done
NGX=http://$HOST:$NGX_PORT

# --- GET of the whole file, alternating servers ------------------------------------------
RESOLVE=$BASE/bench/content/resolve/main/big.bin
get_mbs() { $CLI curl -fsS -o /dev/null -w '%{speed_download}\n' "$1" | awk '{printf "%.0f\n", $1 / 1e6}'; }
: >"$RUN/get-hfhubd.txt"
: >"$RUN/get-nginx.txt"
for _ in $(seq "$REPEAT"); do
  get_mbs "$RESOLVE" >>"$RUN/get-hfhubd.txt"
  get_mbs "$NGX/big.bin" >>"$RUN/get-nginx.txt"
done
GET_H=$(median <"$RUN/get-hfhubd.txt")
GET_N=$(median <"$RUN/get-nginx.txt")
log "GET 1 GiB: hfhubd $GET_H MB/s, nginx $GET_N MB/s"

# --- wrk: 64 KiB ranges at random offsets, and HEAD resolve ------------------------------
cat >"$RUN/range.lua" <<EOF
local size = $SIZE
request = function()
  local a = math.random(0, size - 65536 - 1)
  return wrk.format("GET", nil, {["Range"] = "bytes=" .. a .. "-" .. (a + 65535)})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000))
end
EOF
wrk_run() { # script url -> "req/s p99ms"
  $CLI wrk -t1 -c"$CONNS" -d"${DURATION}s" -s "$1" "$2" | awk '/^RESULT/ {print $2, $3}'
}
RANGE_H=$(wrk_run "$RUN/range.lua" "$RESOLVE")
RANGE_N=$(wrk_run "$RUN/range.lua" "$NGX/big.bin")
# wrk cannot time HEAD (it waits for the body a HEAD response never has): ApacheBench -i does.
ab_head() { # url -> "req/s p99ms"
  $CLI ab -q -k -i -c "$CONNS" -t "$DURATION" -n 100000000 "$1" 2>/dev/null |
    awk '/Requests per second/ {r = $4} /^ +99%/ {p = $2} END {printf "%.0f %s\n", r, p}'
}
HEAD_LFS=$(ab_head "$RESOLVE")
HEAD_REG=$(ab_head "$BASE/bench/content/resolve/main/config.json")
HEAD_N=$(ab_head "$NGX/big.bin")
log "range 64K: hfhubd $RANGE_H, nginx $RANGE_N; HEAD: lfs $HEAD_LFS, regular $HEAD_REG, nginx $HEAD_N"

# --- one commit of 5,000 small files -----------------------------------------------------
: >"$RUN/commit5k.txt"
for r in $(seq 3); do
  python3 - "$r" >"$RUN/work/commit5k-$r.ndjson" <<'EOF'
import base64, json, os, sys
r = sys.argv[1]
print(json.dumps({"key": "header", "value": {"summary": f"5,000 files, run {r}"}}))
for i in range(5000):
    content = base64.b64encode(os.urandom(512)).decode()
    print(json.dumps({"key": "file", "value": {"path": f"run{r}/d{i // 100}/f{i}.txt", "content": content, "encoding": "base64"}}))
EOF
  $CLI curl -fsS -o /dev/null -w '%{time_total}\n' -H "$AUTH" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$RUN/work/commit5k-$r.ndjson" "$BASE/api/models/bench/content/commit/main" >>"$RUN/commit5k.txt"
done
COMMIT5K=$(median <"$RUN/commit5k.txt")
log "commit of 5,000 files: ${COMMIT5K}s (median of 3)"

# --- clone of a 1,000-file repo ----------------------------------------------------------
python3 - >"$RUN/work/clone1k.ndjson" <<'EOF'
import base64, json, os
print(json.dumps({"key": "header", "value": {"summary": "1,000 files"}}))
for i in range(1000):
    content = base64.b64encode(os.urandom(2048)).decode()
    print(json.dumps({"key": "file", "value": {"path": f"d{i // 50}/f{i}.txt", "content": content, "encoding": "base64"}}))
EOF
api -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$RUN/work/clone1k.ndjson" \
  "$BASE/api/models/bench/clone1k/commit/main" >/dev/null
CLONE_H=$BASE/bench/clone1k
CLONE_N=$NGX/git/$CLONE_ID.git
git clone -q "$CLONE_N" "$RUN/work/check-n" || die "git-http-backend clone failed: $(tail -3 "$RUN/nginx/error.log")"
git clone -q "$CLONE_H" "$RUN/work/check-h" || die "hfhubd clone failed"
[[ $(git -C "$RUN/work/check-h" rev-parse HEAD) == $(git -C "$RUN/work/check-n" rev-parse HEAD) ]] || die "clones differ"
$CLI hyperfine -N -w 2 -r "$REPEAT" --export-json "$RUN/clone.json" \
  -n hfhubd "git clone -q $CLONE_H $RUN/work/c-h" \
  -n nginx+git-http-backend "git clone -q $CLONE_N $RUN/work/c-n" \
  --prepare "rm -rf $RUN/work/c-h $RUN/work/c-n" >"$RUN/clone.txt" 2>&1 || die "hyperfine failed: $(tail "$RUN/clone.txt")"
CLONE_MS=$(python3 -c "import json; r=json.load(open('$RUN/clone.json'))['results']; print(' '.join('%.1f' % (x['median']*1000) for x in r))")
log "clone 1,000 files (median ms): hfhubd / git-http-backend: $CLONE_MS"

read -r RH RHP <<<"$RANGE_H"
read -r RN RNP <<<"$RANGE_N"
read -r HL HLP <<<"$HEAD_LFS"
read -r HR HRP <<<"$HEAD_REG"
read -r HN HNP <<<"$HEAD_N"
read -r CH CN <<<"$CLONE_MS"
{
  echo "## Content benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- $(nproc) cores; hfhubd and nginx pinned to core 0, curl/wrk/git/hyperfine to core 1; loopback; ${SIZE_MB} MiB random file"
  echo "- ranges: wrk -t1 -c$CONNS -d${DURATION}s; HEAD: ab -k -i -c$CONNS -t$DURATION (wrk cannot time HEAD); GET figures are medians of $REPEAT alternating runs; nginx $(nginx -v 2>&1 | cut -d/ -f2)"
  echo
  echo "| measure | hfhubd | reference | ratio | target |"
  echo "|---|---|---|---|---|"
  echo "| GET ${SIZE_MB} MiB LFS file (MB/s) | $GET_H | nginx $GET_N | $(awk -v a="$GET_H" -v b="$GET_N" 'BEGIN {printf "%.2f", a / b}') | ≥ 0.9× nginx |"
  echo "| 64 KiB range GETs (req/s, p99 ms) | $RH ($RHP) | nginx $RN ($RNP) | $(awk -v a="$RH" -v b="$RN" 'BEGIN {printf "%.2f", a / b}') | ≥ 10,000 req/s |"
  echo "| HEAD resolve, LFS file (req/s, p99 ms) | $HL ($HLP) | nginx HEAD $HN ($HNP) | | ≥ 20,000 req/s |"
  echo "| HEAD resolve, regular file (req/s, p99 ms) | $HR ($HRP) | | | ≥ 20,000 req/s |"
  echo "| upload ${SIZE_MB} MiB, basic PUT (MB/s, median of 3: $(tr '\n' ' ' <"$RUN/upload.txt")) | $UP_MBS | dd conv=fsync to the same dir: $DD_MBS ($(tr '\n' ' ' <"$RUN/dd.txt")) | $(awk -v a="$UP_MBS" -v b="$DD_MBS" 'BEGIN {printf "%.2f", a / b}') | ≥ 500 MB/s |"
  echo "| server RSS before the uploads → peak (VmHWM) after them (MiB) | $((RSS0 / 1024)) → $((RSS1 / 1024)) | | | growth < 64 MiB |"
  echo "| commit of 5,000 small files (s, median of 3) | $COMMIT5K | | | < 5 s |"
  echo "| clone of 1,000 files (ms, median) | $CH | git-http-backend via nginx $CN | $(awk -v a="$CH" -v b="$CN" 'BEGIN {printf "%.2f", a / b}') | ≤ 1.0× |"
} | tee "$OUT_MD"
cp "$OUT_MD" "$RUN/results.md"
rm -rf "$RUN/work" "$BIG"
