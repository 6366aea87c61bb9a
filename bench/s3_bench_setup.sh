# The setup the S3 benchmarks share (s3_download_bench.sh, s3_upload_bench.sh). Source it with
# ROOT set. It takes the knobs BUILD_DIR (default build/test), SIZE_MB (1024) and REPEAT (3),
# starts the S3 server of the tests (tests/s3/s3_server.sh) in a work dir ($WORK, removed on exit
# with any hfhubd still running), makes a data dir ($DATA) with the user `bench` and its write
# token ($TOKEN), and defines log, start_hfhubd FLAGS... (sets HF_ENDPOINT), stop_hfhubd, median.
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
