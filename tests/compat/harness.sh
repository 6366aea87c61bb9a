# Shared by the compatibility runners (tests/compat/*/run.sh); sourced, not run.
# Before sourcing, set HARNESS_NAME (the log prefix). Every harness failure exits with 2.

harness_fail() {
  echo "$HARNESS_NAME: $*" >&2
  exit 2
}

# Checks the one argument (the hfhubd binary) and the node toolchain; sets HFHUBD (absolute).
harness_check() { # "$@" of the runner
  [[ $# -eq 1 ]] || { echo "usage: $0 PATH_TO_HFHUBD" >&2; exit 2; }
  HFHUBD="$1"
  [[ "$HFHUBD" == /* ]] || HFHUBD="$PWD/$HFHUBD"
  [[ -x "$HFHUBD" ]] || harness_fail "hfhubd not found or not executable: $HFHUBD"
  local tool
  for tool in node npm; do
    command -v "$tool" > /dev/null || harness_fail "'$tool' is not installed (Debian packages: nodejs npm)"
  done
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  ((major >= 18)) || harness_fail "node >= 18 is required (found $(node --version))"
}

# npm ci in DIR, only when node_modules is missing, lacks PACKAGE (default @huggingface/hub) or
# package-lock.json changed since the last one.
harness_npm_ci() { # dir [package]
  local stamp="$1/node_modules/.hfhub-lock.sha256" sum package="${2:-@huggingface/hub}"
  sum="$(sha256sum "$1/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$sum" || ! -d "$1/node_modules/$package" ]]; then
    echo "$HARNESS_NAME: installing the npm packages (npm ci)"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" > "$stamp"
  fi
}

# The fixture's accounts and tokens: hfhubd admin on $DATA, output to $DATA/admin.log.
admin() { "$HFHUBD" admin --data "$DATA" "$@" >> "$DATA/admin.log" 2>&1; }

# Starts `hfhubd serve` on $DATA with a free port and the extra flags given; sets SERVER_PID and
# PORT once the server has printed "listening <port>" (up to ~10 s).
harness_start_server() { # extra serve flags...
  "$HFHUBD" serve --data "$DATA" --host 127.0.0.1 --port 0 --no-rate-limit "$@" \
    > "$DATA/server.out" 2> "$DATA/server.log" &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 100); do
    PORT="$(awk '$1 == "listening" { print $2; exit }' "$DATA/server.out" 2> /dev/null || true)"
    [[ -n "$PORT" ]] && return 0
    kill -0 "$SERVER_PID" 2> /dev/null || harness_fail "hfhubd exited before listening"
    sleep 0.1
  done
  harness_fail "hfhubd did not print 'listening <port>' within 10 s"
}

# The runners' exit trap: stops the server of $DATA (if any), removes $DATA, and keeps the exit
# status. Installs itself with the INT and TERM traps when called as `harness_traps`.
harness_cleanup() {
  local status=$?
  if [[ -n ${DATA:-} ]]; then
    harness_stop_server "$status"
    rm -rf "$DATA"
  fi
  exit "$status"
}
harness_traps() {
  trap harness_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Stops the server (SIGTERM, then SIGKILL after 5 s); with a failure status, shows the logs' tails.
harness_stop_server() { # exit status of the runner
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2> /dev/null; then
    kill -TERM "$SERVER_PID" 2> /dev/null || true
    for _ in $(seq 50); do
      kill -0 "$SERVER_PID" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
  fi
  if (($1 != 0)); then
    local log
    for log in admin server; do
      if [[ -s "$DATA/$log.log" ]]; then
        echo "$HARNESS_NAME: last lines of the $log log:" >&2
        tail -n 30 "$DATA/$log.log" >&2 || true
      fi
    done
  fi
}
