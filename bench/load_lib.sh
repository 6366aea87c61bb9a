# Shared by bench/soak_bench.sh and bench/read_under_commits.sh (sourced, not run): the tools
# check, the Release build, one hfhubd on a fresh data dir on loopback with a write token, the
# nginx reference, and a trap that stops whatever was started. Needs RUN and ROOT set.

HOST=127.0.0.1 # loopback only
TOKEN=hf_bench_soak_write_token_0001
BUILD_DIR=${BUILD_DIR:-$ROOT/build/test}

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

need_tools() { # tool...
  local t missing=()
  for t in "$@"; do command -v "$t" >/dev/null || missing+=("$t"); done
  ((${#missing[@]} == 0)) || die "missing ${missing[*]}: run HFHUB_SETUP_BENCH=1 scripts/setup.sh"
}

# Builds hfhubd (Release) in BUILD_DIR unless HFHUBD names a binary; sets HFHUBD and COMMIT.
build_hfhubd() {
  if [[ -z ${HFHUBD:-} ]]; then
    if [[ -z ${SKIP_BUILD:-} ]]; then
      [[ -f $BUILD_DIR/build.ninja ]] || "$ROOT/scripts/build.sh" Release "$BUILD_DIR" >/dev/null
      local bt
      bt=$(grep -m1 '^CMAKE_BUILD_TYPE' "$BUILD_DIR/CMakeCache.txt" | cut -d= -f2)
      [[ $bt == Release ]] || die "$BUILD_DIR is a '$bt' build, not Release"
      log "building hfhubd (Release) in $BUILD_DIR"
      timeout 3600 nice -n 10 cmake --build "$BUILD_DIR" --target hfhubd >/dev/null || die "build failed"
    fi
    HFHUBD=$BUILD_DIR/hfhubd
  fi
  [[ -x $HFHUBD ]] || die "no $HFHUBD"
  COMMIT=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  local dirty
  dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src apps CMakeLists.txt 2>/dev/null | wc -l)
  ((dirty == 0)) || COMMIT="$COMMIT+dirty($dirty files in src/apps)"
}

declare -a PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  PIDS=()
  [[ -n ${KEEP_DATA:-} ]] || rm -rf "${DATA_DIR:-$RUN/data}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts hfhubd on a fresh data dir with user `bench` and its write token; sets SRV_PID, BASE,
# DATA. NOFILE, when set, is the server's `ulimit -n` (the probe's 300 makes the fd leak fail
# commits within minutes).
start_hfhubd() {
  DATA=${DATA_DIR:-$RUN/data}
  rm -rf "$DATA"
  "$HFHUBD" admin --data "$DATA" user add bench >/dev/null
  "$HFHUBD" admin --data "$DATA" token add bench --role write --value "$TOKEN" >/dev/null
  : >"$RUN/hfhubd.out"
  (
    [[ -z ${NOFILE:-} ]] || ulimit -n "$NOFILE"
    exec "$HFHUBD" serve --data "$DATA" --host "$HOST" --port 0 --no-access-log --no-rate-limit ${THREADS:+--threads "$THREADS"} ${HFHUBD_ARGS:-}
  ) >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
  SRV_PID=$!
  PIDS+=("$SRV_PID")
  local port=
  for _ in $(seq 300); do
    port=$(awk '/^listening/{print $2; exit}' "$RUN/hfhubd.out")
    [[ -n $port ]] && break
    kill -0 "$SRV_PID" 2>/dev/null || die "hfhubd exited: $(tail -3 "$RUN/hfhubd.log")"
    sleep 0.1
  done
  [[ -n $port ]] || die "hfhubd did not start in 30 s"
  BASE=http://$HOST:$port
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# nginx serving $RUN/www as static files with the catalog benchmark's settings (keep-alive without
# a request cap, sendfile, open_file_cache, no access log); `location = /api/models` answers the
# captured listing body. Sets NGX_PID and NGX_BASE. The same worker count as hfhubd's threads.
start_nginx() {
  local d=$RUN/nginx port workers=${THREADS:-$(nproc)}
  mkdir -p "$d"
  port=$(free_port)
  cat >"$d/nginx.conf" <<EOF
worker_processes $workers;
pid $d/nginx.pid;
error_log $d/error.log warn;
daemon off;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on; tcp_nopush off; tcp_nodelay on;
  keepalive_timeout 120s; keepalive_requests 100000000;
  open_file_cache max=1000 inactive=120s; open_file_cache_valid 120s;
  types { } default_type application/json;
  client_body_temp_path $d/tmp-body; proxy_temp_path $d/tmp-proxy; fastcgi_temp_path $d/tmp-fcgi;
  uwsgi_temp_path $d/tmp-uwsgi; scgi_temp_path $d/tmp-scgi;
  server {
    listen $HOST:$port;
    root $RUN/www;
    location = /api/models { rewrite ^ /_bodies/list1.json last; }
    location /_bodies/ { internal; }
  }
}
EOF
  nginx -e "$d/error.log" -p "$d" -c "$d/nginx.conf" 2>>"$d/error.log" &
  NGX_PID=$!
  PIDS+=("$NGX_PID")
  NGX_BASE=http://$HOST:$port
  for _ in $(seq 100); do
    curl -fs --max-time 2 -o /dev/null "$NGX_BASE/api/models?limit=1" && return
    kill -0 "$NGX_PID" 2>/dev/null || die "nginx exited: $(tail -3 "$d/error.log")"
    sleep 0.1
  done
  die "nginx did not start"
}

# Copies hfhubd's answers to the cheap reads into $RUN/www so nginx serves the same bytes at the
# same URLs: the one-item listing and a small file of REPO.
capture_bodies() { # repo
  mkdir -p "$RUN/www/_bodies" "$RUN/www/$1/resolve/main"
  curl -fsS --max-time 30 -o "$RUN/www/_bodies/list1.json" "$BASE/api/models?limit=1"
  curl -fsS --max-time 30 -o "$RUN/www/$1/resolve/main/config.json" "$BASE/$1/resolve/main/config.json"
}

machine_line() {
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r)"
}
