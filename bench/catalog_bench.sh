#!/usr/bin/env bash
# Catalog API benchmark: hfhubd on a generated 1M-model (or 3M-model) catalog, measured with wrk over
# keep-alive, side by side with nginx serving the very same response bodies as static files
# (the upper-bound reference). See bench/README.md for the method.
#
# Usage: bench/catalog_bench.sh            (everything; ~10 min plus the first catalog import)
# Knobs (environment):
#   BUILD_DIR=build/bench   CATALOG_DIR=bench/results/catalog-1m   REGEN=1 (re-import the catalog)
#   MODELS=1000000 DATASETS=125000 SPACES=100000   DURATION=10 WARMUP=5 CONNS=32
#   MODES="pinned shared"   WAIT_LOAD=0.5 WAIT_LOAD_MAX=0 (seconds to wait for a quiet machine)
#   CACHE_MB=64 (hfhubd response cache; 0 measures every request through the store)
#   N_IDS=2000 (model ids model_info rotates through)   REPEAT=3 (runs per request and server)   SKIP_BUILD=1
#   RSS_TARGET_MIB=1024 (the VmHWM target: 1 GiB at 1M models; issue 16 allows 2 GiB at 3M)
# The 3M catalog of issue 16: CATALOG_DIR=bench/results/catalog-3m MODELS=3000000 DATASETS=500000 SPACES=1000000
# On PostgreSQL: DATABASE_URL=postgresql://... (a database the import creates if missing; the
#   catalog dir keeps the git data dir and the stamp), PG_DIR=/work/pg3m (the cluster dir of
#   scripts/pg-bench-server.sh, to report PostgreSQL's memory). See bench/README.md "3M catalog".
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/bench}
RESULTS=$HERE/results
CATALOG_DIR=${CATALOG_DIR:-$RESULTS/catalog-1m}
MODELS=${MODELS:-1000000}
DATASETS=${DATASETS:-125000}
SPACES=${SPACES:-100000}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
CONNS=${CONNS:-32}
MODES=${MODES:-"pinned shared"}
WAIT_LOAD=${WAIT_LOAD:-0.5}
WAIT_LOAD_MAX=${WAIT_LOAD_MAX:-0}
N_IDS=${N_IDS:-2000}
REPEAT=${REPEAT:-3}
RSS_TARGET_MIB=${RSS_TARGET_MIB:-1024}
HOST=127.0.0.1 # loopback only
HFHUBD=$BUILD_DIR/hfhubd
OUT_MD=$RESULTS/catalog-latest.md

LIST_PATH='/api/models?sort=createdAt&direction=-1&limit=50&filter=text-generation'
SEARCH_PATH="$LIST_PATH&search=llama"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- tools -------------------------------------------------------------------------------
need=()
for t in wrk nginx curl taskset cmake ninja; do command -v "$t" >/dev/null || need+=("$t"); done
if ((${#need[@]})); then
  log "missing: ${need[*]}; installing the Debian packages"
  pkgs=()
  for t in "${need[@]}"; do
    case $t in taskset) pkgs+=(util-linux) ;; ninja) pkgs+=(ninja-build) ;; *) pkgs+=("$t") ;; esac
  done
  timeout 600 apt-get install -y "${pkgs[@]}" >/dev/null 2>&1 ||
    { timeout 300 apt-get update >/dev/null && timeout 600 apt-get install -y "${pkgs[@]}" >/dev/null; }
fi
(($(nproc) >= 2)) || die "needs at least 2 cores (server and load generator on separate cores)"

# --- processes we start, stopped on any exit ---------------------------------------------
declare -a PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  PIDS=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() { # pid
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# --- build -------------------------------------------------------------------------------
if [[ -z ${SKIP_BUILD:-} ]]; then
  if [[ ! -f $BUILD_DIR/build.ninja ]]; then
    log "configuring a Release build in $BUILD_DIR"
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    timeout 600 cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHFHUB_BUILD_BENCH=ON "${launcher[@]}" >/dev/null
  fi
  bt=$(grep -m1 '^CMAKE_BUILD_TYPE' "$BUILD_DIR/CMakeCache.txt" | cut -d= -f2)
  [[ $bt == Release ]] || die "$BUILD_DIR is a '$bt' build, not Release"
  log "building hfhubd (Release)"
  timeout 3600 cmake --build "$BUILD_DIR" --target hfhubd -j"$(nproc)" >/dev/null || die "build failed"
fi
[[ -x $HFHUBD ]] || die "no $HFHUBD"
COMMIT=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src apps include CMakeLists.txt 2>/dev/null | wc -l)
((DIRTY)) && COMMIT="$COMMIT+dirty($DIRTY files in src/apps/include)"

# Waits (at most WAIT_LOAD_MAX seconds) for the 1-min load average to drop below WAIT_LOAD.
wait_quiet() {
  local waited=0
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$WAIT_LOAD" 'BEGIN{exit !(l >= m)}' && ((waited < WAIT_LOAD_MAX)); do
    ((waited % 60 == 0)) && log "load $(cut -d' ' -f1 /proc/loadavg) >= $WAIT_LOAD, waiting (max ${WAIT_LOAD_MAX}s)"
    sleep 10
    waited=$((waited + 10))
  done
  return 0
}

# shellcheck source=bench/pg_cpu.sh
source "$ROOT/bench/pg_cpu.sh"

# --- catalog -----------------------------------------------------------------------------
mkdir -p "$RESULTS"
PARAMS="models=$MODELS datasets=$DATASETS spaces=$SPACES seed=42"
DB_ARGS=()
if [[ -n ${DATABASE_URL:-} ]]; then
  command -v psql >/dev/null || die "DATABASE_URL needs psql (apt-get install postgresql-client)"
  DB_ARGS=(--database "$DATABASE_URL")
  PARAMS="$PARAMS database=postgresql"
fi
# The catalog's size on disk: the SQLite file, or the PostgreSQL database.
db_bytes() {
  if [[ -n ${DATABASE_URL:-} ]]; then
    psql -qtA "$DATABASE_URL" -c "SELECT pg_database_size(current_database())"
  else
    du -cb "$CATALOG_DIR/data" | tail -1 | cut -f1
  fi
}
# (Re)creates the PostgreSQL database of DATABASE_URL, empty.
fresh_pg_database() {
  local name=${DATABASE_URL##*/} admin_url=${DATABASE_URL%/*}/postgres
  name=${name%%\?*}
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\"" >/dev/null ||
    die "cannot create database $name"
}
STAMP=$CATALOG_DIR/import.txt
if [[ -n ${REGEN:-} || ! -f $STAMP ]] || ! grep -qx "params: $PARAMS" "$STAMP"; then
  log "importing the catalog ($PARAMS) into $CATALOG_DIR"
  rm -rf "$CATALOG_DIR"
  mkdir -p "$CATALOG_DIR/data"
  [[ -n ${DATABASE_URL:-} ]] && fresh_pg_database
  wait_quiet
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  pg0=$(pg_cluster_cpu "${PG_DIR:-}")
  t0=$(date +%s.%N)
  # /usr/bin/time: hfhubd's own CPU and peak RSS; pg_cluster_cpu: the PostgreSQL cluster's (PG_DIR).
  timeout 3600 /usr/bin/time -o "$CATALOG_DIR/import.time" -f '%U %S %M' \
    "$HFHUBD" admin --data "$CATALOG_DIR/data" "${DB_ARGS[@]}" seed-demo --models "$MODELS" --datasets "$DATASETS" \
    --spaces "$SPACES" >"$CATALOG_DIR/seed.out" 2>"$CATALOG_DIR/seed.err" || die "seed-demo failed: $(tail -3 "$CATALOG_DIR/seed.err")"
  t1=$(date +%s.%N)
  [[ -n ${PG_DIR:-} ]] && sleep 1 # the backend's time reaches the postmaster's once it is reaped
  {
    echo "params: $PARAMS"
    echo "commit: $COMMIT"
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "wall_seconds: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')"
    echo "rows: $((MODELS + DATASETS + SPACES))"
    echo "tool: $(tail -1 "$CATALOG_DIR/seed.out")"
    echo "load_before: $load_before"
    echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "db_bytes: $(db_bytes)"
    read -r user sys rss_kib <"$CATALOG_DIR/import.time"
    echo "hfhubd_cpu: $user + $sys s"
    echo "hfhubd_max_rss: $((rss_kib / 1024)) MiB"
    echo "postgresql_cpu: $(awk -v a="$pg0" -v b="$(pg_cluster_cpu "${PG_DIR:-}")" 'BEGIN{ if (a == "-") print "-"; else printf "%.1f s", b - a }')"
  } >"$STAMP"
else
  log "reusing the catalog in $CATALOG_DIR ($(grep -m1 '^date:' "$STAMP"))"
fi
imp() { grep -m1 "^$1:" "$STAMP" | cut -d' ' -f2-; }
IMPORT_WALL=$(imp wall_seconds)
IMPORT_ROWS=$(imp rows)
IMPORT_RATE=$(awk -v r="$IMPORT_ROWS" -v s="$IMPORT_WALL" 'BEGIN{printf "%.0f", r/s}')

# --- quiet machine -----------------------------------------------------------------------
wait_quiet
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average at start: $LOAD_START"

# --- scratch -----------------------------------------------------------------------------
RUN=$RESULTS/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN/www/_bodies" "$RUN/wrk" "$RUN/nginx"

cat >"$RUN/report.lua" <<'EOF'
-- Prints one machine-readable line when wrk is done; with -s ids.lua first it also rotates ids.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f errors=%d status_errors=%d bytes=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect + e.read + e.write + e.timeout, e.status, summary.bytes))
end
EOF

free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
  die "no free port"
}

# utime+stime of a process (all its threads) and of its children (nginx workers), in ticks.
cpu_ticks() {
  local p t=0
  for p in "$1" $(pgrep -P "$1" || true); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
TCK=$(getconf CLK_TCK)
# Busy ticks of the whole machine (user+nice+system+irq+softirq+steal): what other engineers'
# work costs during a run is this minus the server's and wrk's own CPU.
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }

# Runs wrk against URL; appends one TSV row to $RUN/rows.tsv.
# args: mode server query conns duration url server_pid [lua]
run_wrk() {
  local mode=$1 server=$2 query=$3 conns=$4 dur=$5 url=$6 spid=$7 lua=${8:-}
  local base="$RUN/wrk/$mode-$server-$query-c$conns-r${REP:-1}"
  local script=(-s "$RUN/report.lua")
  [[ -n $lua ]] && script=(-s "$lua")
  local c0 c1 t0 t1 b0 b1 load1
  load1=$(cut -d' ' -f1 /proc/loadavg) # next to each figure: other helpers' builds share the 2 cores
  b0=$(busy_ticks)
  c0=$(cpu_ticks "$spid")
  t0=$(date +%s.%N)
  local TIMEFORMAT='%U %S'
  { time timeout $((dur + 30)) $WRK_PREFIX wrk -t1 -c"$conns" -d"${dur}s" --timeout 5s --latency "${script[@]}" "$url" \
      >"$base.txt" 2>&1; } 2>"$base.time" || die "wrk failed: $(tail -3 "$base.txt")"
  t1=$(date +%s.%N)
  c1=$(cpu_ticks "$spid")
  b1=$(busy_ticks)
  local res
  res=$(grep -m1 '^RESULT' "$base.txt") || die "no RESULT line in $base.txt"
  local wall srv_cpu wrk_cpu other_cpu
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  srv_cpu=$(awk -v a="$c0" -v b="$c1" -v w="$wall" -v t="$TCK" 'BEGIN{printf "%.2f", (b-a)/t/w}')
  wrk_cpu=$(awk -v w="$wall" '{printf "%.2f", ($1+$2)/w}' "$base.time")
  other_cpu=$(awk -v a="$b0" -v b="$b1" -v w="$wall" -v t="$TCK" -v s="$srv_cpu" -v k="$wrk_cpu" \
    'BEGIN{o = (b-a)/t/w - s - k; printf "%.2f", o < 0 ? 0 : o}')
  local kv
  kv=$(sed 's/^RESULT //' <<<"$res")
  # shellcheck disable=SC2034 # some of these are only for eval
  local requests duration_us rps p50_us p90_us p99_us max_us mean_us errors status_errors bytes
  eval "$kv"
  if ((errors + status_errors > 0)); then log "WARNING: $server $query: $errors socket errors, $status_errors non-2xx"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$server" "$query" "$conns" "$rps" "$p50_us" \
    "$p90_us" "$p99_us" "$max_us" "$srv_cpu" "$wrk_cpu" "$((errors + status_errors))" "$requests" "$other_cpu" "${REP:-1}" "$load1" >>"$RUN/rows.tsv"
  log "$(printf '%-7s r%s %-6s %-11s c%-3s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  server %s  wrk %s  other %s cores  load %s' \
    "$mode" "${REP:-1}" "$server" "$query" "$conns" "$rps" "$(awk -v x="$p50_us" 'BEGIN{print x/1000}')" \
    "$(awk -v x="$p99_us" 'BEGIN{print x/1000}')" "$srv_cpu" "$wrk_cpu" "$other_cpu" "$load1")"
}

warm() { # url [lua]
  local script=()
  [[ -n ${2:-} ]] && script=(-s "$2")
  timeout $((WARMUP + 20)) $WRK_PREFIX wrk -t1 -c"$CONNS" -d"${WARMUP}s" --timeout 5s "${script[@]}" "$1" >/dev/null 2>&1 || true
}

# The measured requests: name, path, extra wrk args (model_info rotates ids through a Lua script).
QUERIES=(list search model_info)
q_path() { case $1 in list) echo "$LIST_PATH" ;; search) echo "$SEARCH_PATH" ;; model_info) echo /api/models/x/y ;; esac; }
q_lua() { [[ $1 == model_info ]] && echo "$RUN/ids.lua" || true; }

start_hfhubd() { # threads -> sets SRV_PID SRV_PORT
  local threads=$1
  : >"$RUN/hfhubd.out"
  echo "response-cache-mb = ${CACHE_MB:-64}" >"$RUN/hfhubd.conf"
  [[ -n ${DATABASE_URL:-} ]] && echo "database = $DATABASE_URL" >>"$RUN/hfhubd.conf"
  $SRV_PREFIX "$HFHUBD" serve --config "$RUN/hfhubd.conf" --data "$CATALOG_DIR/data" --host "$HOST" --port 0 \
    --threads "$threads" --no-access-log --no-rate-limit >"$RUN/hfhubd.out" 2>>"$RUN/hfhubd.err" &
  SRV_PID=$!
  PIDS+=("$SRV_PID")
  SRV_PORT=
  for _ in $(seq 600); do
    SRV_PORT=$(awk '/^listening/{print $2; exit}' "$RUN/hfhubd.out")
    [[ -n $SRV_PORT ]] && break
    kill -0 "$SRV_PID" 2>/dev/null || die "hfhubd exited: $(tail -3 "$RUN/hfhubd.err")"
    sleep 0.1
  done
  [[ -n $SRV_PORT ]] || die "hfhubd did not start in 60 s"
}

# Captures the response bodies from hfhubd (for nginx) and the ids model_info rotates through.
capture() { # base
  local base=$1 sort dir
  curl -fsS --max-time 30 -o "$RUN/www/_bodies/list.json" "$base$LIST_PATH"
  curl -fsS --max-time 30 -o "$RUN/www/_bodies/search.json" "$base$SEARCH_PATH"
  # Ids from both ends of four sort orders (8000 rows), deduplicated, shuffled with a fixed seed:
  # a spread of old/new, popular/unpopular rows rather than one hot row.
  : >"$RUN/ids.all"
  for sort in createdAt lastModified downloads likes; do
    for dir in -1 1; do
      curl -fsS --max-time 60 "$base/api/models?sort=$sort&direction=$dir&limit=1000" |
        grep -o '"modelId":"[^"]*"' | cut -d'"' -f4 >>"$RUN/ids.all"
    done
  done
  sort -u "$RUN/ids.all" >"$RUN/ids.uniq"
  shuf -n "$N_IDS" --random-source=<(yes 42 2>/dev/null || true) "$RUN/ids.uniq" >"$RUN/ids.txt"
  local n
  n=$(wc -l <"$RUN/ids.txt")
  ((n > 0)) || die "no model ids"
  # One curl process (keep-alive) fetches every model_info body into the nginx tree.
  awk -v b="$base" -v w="$RUN/www" '{printf "url = \"%s/api/models/%s\"\noutput = \"%s/api/models/%s\"\n", b, $0, w, $0}' \
    "$RUN/ids.txt" >"$RUN/curl-ids.cfg"
  timeout 600 curl -fsS --create-dirs -K "$RUN/curl-ids.cfg"
  {
    echo 'local ids = {}'
    echo "for line in io.lines(\"$RUN/ids.txt\") do ids[#ids + 1] = \"/api/models/\" .. line end"
    echo 'local i = 0'
    echo 'request = function() i = i % #ids + 1; return wrk.format("GET", ids[i]) end'
    cat "$RUN/report.lua"
  } >"$RUN/ids.lua"
  log "captured bodies: list $(stat -c%s "$RUN/www/_bodies/list.json") B, search $(stat -c%s "$RUN/www/_bodies/search.json") B, $n model_info bodies"
}

start_nginx() { # workers -> sets NGX_PID NGX_PORT
  local workers=$1
  NGX_PORT=$(free_port)
  local d=$RUN/nginx
  cat >"$d/nginx.conf" <<EOF
worker_processes $workers;
pid $d/nginx.pid;
error_log $d/error.log warn;
daemon off;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_timeout 120s; keepalive_requests 100000000;
  open_file_cache max=10000 inactive=120s; open_file_cache_valid 120s;
  types { } default_type application/json; charset utf-8; charset_types application/json;
  client_body_temp_path $d/tmp-body; proxy_temp_path $d/tmp-proxy; fastcgi_temp_path $d/tmp-fcgi;
  uwsgi_temp_path $d/tmp-uwsgi; scgi_temp_path $d/tmp-scgi;
  server {
    listen $HOST:$NGX_PORT;
    root $RUN/www;
    # The same URLs as hfhubd: the listing's query string picks the captured body.
    location = /api/models {
      if (\$arg_search) { rewrite ^ /_bodies/search.json last; }
      rewrite ^ /_bodies/list.json last;
    }
    location /api/models/ { try_files \$uri =404; }
    location /_bodies/ { internal; }
  }
}
EOF
  $SRV_PREFIX nginx -e "$d/error.log" -p "$d" -c "$d/nginx.conf" 2>>"$d/error.log" &
  NGX_PID=$!
  PIDS+=("$NGX_PID")
  for _ in $(seq 100); do
    curl -fs --max-time 2 -o /dev/null "http://$HOST:$NGX_PORT$LIST_PATH" && return
    kill -0 "$NGX_PID" 2>/dev/null || die "nginx exited: $(tail -3 "$d/error.log")"
    sleep 0.1
  done
  die "nginx did not start"
}

# Same bytes from both servers?
check_same() { # nginx_base
  local f
  cmp -s <(curl -fsS "$1$LIST_PATH") "$RUN/www/_bodies/list.json" || die "nginx list body differs"
  cmp -s <(curl -fsS "$1$SEARCH_PATH") "$RUN/www/_bodies/search.json" || die "nginx search body differs"
  f=$(sed -n 1p "$RUN/ids.txt")
  cmp -s <(curl -fsS "$1/api/models/$f") "$RUN/www/api/models/$f" || die "nginx model_info body differs"
}

mem() { grep -E "^$2:" "/proc/$1/status" | awk '{printf "%.0f", $2/1024}'; } # MiB
# PostgreSQL's memory (MiB): the proportional set size (shared buffers counted once) of the
# postmaster of PG_DIR and its children.
pg_pss() {
  [[ -n ${PG_DIR:-} && -f $PG_DIR/data/postmaster.pid ]] || { echo "-"; return; }
  local pm
  pm=$(head -1 "$PG_DIR/data/postmaster.pid")
  for p in "$pm" $(pgrep -P "$pm"); do grep -m1 '^Pss:' "/proc/$p/smaps_rollup" 2>/dev/null; done |
    awk '{s += $2} END {printf "%.0f", s/1024}'
}

printf 'mode\tserver\tquery\tconns\trps\tp50_us\tp90_us\tp99_us\tmax_us\tserver_cores\twrk_cores\terrors\trequests\tother_cores\trep\tload1\n' >"$RUN/rows.tsv"
: >"$RUN/mem.tsv"
captured=
for mode in $MODES; do
  case $mode in
    pinned) # server (and nginx) on cpu 0 with one worker, wrk alone on cpu 1
      SRV_PREFIX="taskset -c 0" WRK_PREFIX="taskset -c 1" THREADS=1 ;;
    shared) # no pinning: server with one worker per core (its default), wrk competing for the same 2 cores
      SRV_PREFIX="" WRK_PREFIX="" THREADS=$(nproc) ;;
    *) die "unknown mode $mode" ;;
  esac
  log "== mode $mode: hfhubd --threads $THREADS ${SRV_PREFIX:+($SRV_PREFIX)}, wrk -t1 -c$CONNS -d${DURATION}s ${WRK_PREFIX:+($WRK_PREFIX)}"
  start_hfhubd "$THREADS"
  hb="http://$HOST:$SRV_PORT"
  [[ -n $captured ]] || { capture "$hb"; captured=1; }
  start_nginx "$THREADS"
  nb="http://$HOST:$NGX_PORT"
  check_same "$nb"
  echo "$mode load_before $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RUN/mem.tsv"
  # Both servers are up (only the one under test is busy); the runs alternate hfhubd, nginx,
  # hfhubd, ... so that both see the same share of whatever else the machine is doing.
  for q in "${QUERIES[@]}"; do
    warm "$hb$(q_path "$q")" "$(q_lua "$q")"
    warm "$nb$(q_path "$q")" "$(q_lua "$q")"
    for REP in $(seq "$REPEAT"); do
      run_wrk "$mode" hfhubd "$q" "$CONNS" "$DURATION" "$hb$(q_path "$q")" "$SRV_PID" "$(q_lua "$q")"
      run_wrk "$mode" nginx "$q" "$CONNS" "$DURATION" "$nb$(q_path "$q")" "$NGX_PID" "$(q_lua "$q")"
    done
  done
  REP=1
  for q in "${QUERIES[@]}"; do # unloaded latency: one connection, no queueing
    run_wrk "$mode" hfhubd "$q" 1 5 "$hb$(q_path "$q")" "$SRV_PID" "$(q_lua "$q")"
  done
  printf '%s\thfhubd\t%s\t%s\t%s\t%s\n' "$mode" "$(mem "$SRV_PID" VmHWM)" "$(mem "$SRV_PID" VmRSS)" \
    "$(mem "$SRV_PID" RssAnon)" "$(mem "$SRV_PID" RssFile)" >>"$RUN/mem.tsv"
  [[ -n ${DATABASE_URL:-} ]] && printf '%s\tpostgres\t%s\n' "$mode" "$(pg_pss)" >>"$RUN/mem.tsv"
  stop_pid "$SRV_PID"
  stop_pid "$NGX_PID"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------
vals() { # mode server query conns column -> that column of every repetition, sorted
  awk -F'\t' -v m="$1" -v s="$2" -v q="$3" -v c="$4" -v col="$5" '
    NR == 1 { for (i = 1; i <= NF; i++) idx[$i] = i; next }
    $1 == m && $2 == s && $3 == q && $4 == c { print $idx[col] }' "$RUN/rows.tsv" | sort -g
}
get() { vals "$@" | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; } # median
range() { vals "$@" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR > 1) printf "%.0f–%.0f", lo, hi }'; }
ms() { awk -v x="$1" 'BEGIN{ if (x == "") print "–"; else printf "%.2f", x/1000 }'; }
f2() { awk -v x="$1" 'BEGIN{ if (x == "") print "–"; else printf "%.2f", x }'; }
num() { awk -v x="$1" 'BEGIN{ if (x == "") print "–"; else printf "%.0f", x }'; }
verdict() { awk -v x="$1" -v op="$2" -v t="$3" 'BEGIN{ if (x == "") print "–"; else if ((op == "<" && x < t) || (op == ">=" && x >= t)) print "PASS"; else print "**FAIL**" }'; }

{
  echo "# Catalog API benchmark: latest run"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); commit measured: \`$COMMIT\`"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r)"
  echo "- load average (1/5/15 min): at start $LOAD_START; at end $LOAD_END (includes this run's own load)"
  echo "- response cache: ${CACHE_MB:-64} MiB (0: every request goes through the store)"
  awk -v l="${LOAD_START%% *}" -v m="${PROVISIONAL_LOAD:-2}" 'BEGIN{ if (l >= m) print "- **provisional**: the load average was " l " at the start (others building on the same 2 cores); see the load column per figure" }' 
  echo "- catalog: $PARAMS ($IMPORT_ROWS repos), $(awk -v b="$(imp db_bytes)" 'BEGIN{printf "%.2f GiB", b/2^30}') of $([[ -n ${DATABASE_URL:-} ]] && echo PostgreSQL || echo SQLite)"
  echo "- wrk $(wrk -v 2>&1 | awk 'NR == 1 {print $2}') -t1 -c$CONNS -d${DURATION}s --latency, keep-alive, $REPEAT runs per request and server alternating hfhubd/nginx (after a ${WARMUP}s warm-up of each); figures are medians of the runs; nginx $(nginx -v 2>&1 | cut -d/ -f2) serving the same bodies"
  echo "- model_info rotates through $(wc -l <"$RUN/ids.txt") ids; raw output: \`${RUN#"$ROOT"/}\`"
  echo
  echo "## Import"
  echo
  echo "| rows | wall time | rows/s | hfhubd CPU (user + sys) | hfhubd peak RSS | PostgreSQL CPU | load before | tool's own report |"
  echo "|---:|---:|---:|---:|---:|---:|---|---|"
  echo "| $IMPORT_ROWS | $IMPORT_WALL s | $IMPORT_RATE | $(imp hfhubd_cpu) | $(imp hfhubd_max_rss) | $(imp postgresql_cpu) | $(imp load_before) | $(imp tool) |"
  echo
  echo "(imported $(imp date), commit \`$(imp commit)\`)"
  for mode in $MODES; do
    echo
    case $mode in
      pinned) echo "## Mode \`pinned\`: server on cpu 0 (1 worker thread / 1 nginx worker), wrk on cpu 1" ;;
      shared) echo "## Mode \`shared\`: no pinning, server with $(nproc) worker threads / $(nproc) nginx workers, wrk on the same cores" ;;
    esac
    echo
    echo "| request | server | req/s | req/s range | p50 ms | p90 ms | p99 ms | max ms | server CPU (cores) | server CPU µs/req | wrk CPU | other CPU | load (1 min) | hfhubd / nginx req/s |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for q in list search model_info; do
      for s in hfhubd nginx; do
        rps=$(get "$mode" "$s" "$q" "$CONNS" rps)
        frac=""
        if [[ $s == hfhubd ]]; then
          nr=$(get "$mode" nginx "$q" "$CONNS" rps)
          frac=$(awk -v a="$rps" -v b="$nr" 'BEGIN{ if (b > 0) printf "%.1f%%", 100*a/b }')
        fi
        echo "| $q | $s | $(num "$rps") | $(range "$mode" "$s" "$q" "$CONNS" rps) | $(ms "$(get "$mode" "$s" "$q" "$CONNS" p50_us)") | $(ms "$(get "$mode" "$s" "$q" "$CONNS" p90_us)") | $(ms "$(get "$mode" "$s" "$q" "$CONNS" p99_us)") | $(ms "$(get "$mode" "$s" "$q" "$CONNS" max_us)") | $(f2 "$(get "$mode" "$s" "$q" "$CONNS" server_cores)") | $(awk -v c="$(get "$mode" "$s" "$q" "$CONNS" server_cores)" -v r="$rps" 'BEGIN{ if (r > 0) printf "%.0f", c*1e6/r }') | $(f2 "$(get "$mode" "$s" "$q" "$CONNS" wrk_cores)") | $(f2 "$(get "$mode" "$s" "$q" "$CONNS" other_cores)") | $(f2 "$(get "$mode" "$s" "$q" "$CONNS" load1)") | $frac |"
      done
    done
    echo
    echo "Unloaded latency (hfhubd, one connection, 5 s):"
    echo
    echo "| request | req/s | p50 ms | p99 ms | server CPU µs/req | other CPU | load (1 min) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for q in list search model_info; do
      rps=$(get "$mode" hfhubd "$q" 1 rps)
      cores=$(get "$mode" hfhubd "$q" 1 server_cores)
      echo "| $q | $(num "$rps") | $(ms "$(get "$mode" hfhubd "$q" 1 p50_us)") | $(ms "$(get "$mode" hfhubd "$q" 1 p99_us)") | $(awk -v c="$cores" -v r="$rps" 'BEGIN{ if (r > 0) printf "%.0f", c*1e6/r }') | $(f2 "$(get "$mode" hfhubd "$q" 1 other_cores)") | $(f2 "$(get "$mode" hfhubd "$q" 1 load1)") |"
    done
    echo
    echo "Load average (1/5/15 min) before this mode's runs: $(awk -v m="$mode" '$1 == m && $2 == "load_before" {print $3, $4, $5}' "$RUN/mem.tsv")"
    echo
    echo "Memory (MiB, after the runs): $(awk -F'\t' -v m="$mode" '$1 == m && $2 == "hfhubd" {printf "hfhubd VmHWM %s, VmRSS %s (RssAnon %s, RssFile %s)", $3, $4, $5, $6} $1 == m && $2 == "postgres" {printf "; PostgreSQL PSS %s", $3}' "$RUN/mem.tsv")"
    echo
    echo "Targets:"
    echo
    echo "| target | measured | verdict |"
    echo "|---|---:|---|"
    rps=$(get "$mode" hfhubd list "$CONNS" rps)
    p99=$(get "$mode" hfhubd list "$CONNS" p99_us)
    echo "| list p99 < 10 ms | $(ms "$p99") ms | $(verdict "$p99" "<" 10000) |"
    echo "| list ≥ 10,000 req/s | $(num "$rps") | $(verdict "$rps" ">=" 10000) |"
    p99=$(get "$mode" hfhubd search "$CONNS" p99_us)
    echo "| search p99 < 20 ms | $(ms "$p99") ms | $(verdict "$p99" "<" 20000) |"
    rps=$(get "$mode" hfhubd model_info "$CONNS" rps)
    echo "| model_info ≥ 20,000 req/s | $(num "$rps") | $(verdict "$rps" ">=" 20000) |"
    hwm=$(awk -F'\t' -v m="$mode" '$1 == m && $2 == "hfhubd" {print $3}' "$RUN/mem.tsv")
    echo "| RSS < $RSS_TARGET_MIB MiB (VmHWM) | $hwm MiB | $(verdict "$hwm" "<" "$RSS_TARGET_MIB") |"
  done
} >"$RUN/results.md"
cp "$RUN/results.md" "$OUT_MD"
cat "$OUT_MD"
log "written $OUT_MD (raw: $RUN)"
