#!/usr/bin/env bash
# Compatibility test: the official, unmodified @huggingface/hub npm client against a live hfhubd.
#
#   tests/compat/js/run.sh PATH_TO_HFHUBD
#
# Installs the pinned client into tests/compat/js/node_modules (npm ci, only when missing or when
# package-lock.json changed), creates a throw-away data dir with a fixture user, org, tokens and a
# demo catalog, starts hfhubd on a free port and runs `node --test` on hub_client.test.mjs, then on
# content.test.mjs.
# Exits with 1 if any test failed. Works from any cwd. Needs node >= 18 and npm (Debian: nodejs npm).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 PATH_TO_HFHUBD" >&2
  exit 2
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HFHUBD="$1"
[[ "$HFHUBD" == /* ]] || HFHUBD="$PWD/$HFHUBD"
if [[ ! -x "$HFHUBD" ]]; then
  echo "compat_js: hfhubd not found or not executable: $HFHUBD" >&2
  exit 2
fi

for tool in node npm; do
  if ! command -v "$tool" > /dev/null; then
    echo "compat_js: '$tool' is not installed (Debian packages: nodejs npm)" >&2
    exit 2
  fi
done
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if (( NODE_MAJOR < 18 )); then
  echo "compat_js: node >= 18 is required (found $(node --version))" >&2
  exit 2
fi

# --- the client: npm ci only when node_modules is missing or the lockfile changed -----------------
STAMP="$HERE/node_modules/.hfhub-lock.sha256"
LOCK_SUM="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$LOCK_SUM" || ! -d "$HERE/node_modules/@huggingface/hub" ]]; then
  echo "compat_js: installing the client (npm ci)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$LOCK_SUM" > "$STAMP"
fi
echo "compat_js: @huggingface/hub $(node -p "require('$HERE/node_modules/@huggingface/hub/package.json').version"), node $(node --version)"

# --- a throw-away server --------------------------------------------------------------------------
DATA="$(mktemp -d "${TMPDIR:-/tmp}/hfhub-compat-js.XXXXXX")"
SERVER_PID=""
cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2> /dev/null; then
    kill -TERM "$SERVER_PID" 2> /dev/null || true
    for _ in $(seq 50); do
      kill -0 "$SERVER_PID" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
  fi
  if (( status != 0 )); then
    for log in admin server; do
      if [[ -s "$DATA/$log.log" ]]; then
        echo "compat_js: last lines of the $log log:" >&2
        tail -n 30 "$DATA/$log.log" >&2 || true
      fi
    done
  fi
  rm -rf "$DATA"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

USER_NAME="jscompat-user"
ORG_NAME="jscompat-org"
OTHER_NAME="jscompat-other"
WRITE_TOKEN="hf_jscompatWrite0123456789abcdefghijklmn"
OTHER_TOKEN="hf_jscompatOther0123456789abcdefghijklmn"
DEMO_MODELS=3000
LFS_CHUNK_MB=12  # content.test.mjs: a 10 MiB file goes through the basic transfer, 26 MiB through multipart

admin() { "$HFHUBD" admin --data "$DATA" "$@" >> "$DATA/admin.log" 2>&1; }
admin user add "$USER_NAME" --fullname "JS Compat User" --email "jscompat@example.com"
admin user add "$OTHER_NAME" --fullname "JS Compat Other" --email "jscompat-other@example.com"
admin org add "$ORG_NAME" --fullname "JS Compat Org" --member "$USER_NAME:admin"
admin token add "$USER_NAME" --role write --value "$WRITE_TOKEN" --name compat-js-write
admin token add "$OTHER_NAME" --role read --value "$OTHER_TOKEN" --name compat-js-other
admin seed-demo --models "$DEMO_MODELS" --datasets 50 --spaces 50

echo "lfs-multipart-chunk-mb = $LFS_CHUNK_MB" > "$DATA/hfhubd.conf"
"$HFHUBD" serve --config "$DATA/hfhubd.conf" --data "$DATA" --host 127.0.0.1 --port 0 --no-rate-limit --no-access-log \
  > "$DATA/server.out" 2> "$DATA/server.log" &
SERVER_PID=$!

PORT=""
for _ in $(seq 100); do  # up to ~10 s for "listening <port>"
  PORT="$(awk '$1 == "listening" { print $2; exit }' "$DATA/server.out" 2> /dev/null || true)"
  [[ -n "$PORT" ]] && break
  if ! kill -0 "$SERVER_PID" 2> /dev/null; then
    echo "compat_js: hfhubd exited before listening" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$PORT" ]]; then
  echo "compat_js: hfhubd did not print 'listening <port>' within 10 s" >&2
  exit 1
fi
echo "compat_js: hfhubd listening on 127.0.0.1:$PORT ($DEMO_MODELS demo models)"

# --- the tests ------------------------------------------------------------------------------------
export HFHUB_ENDPOINT="http://127.0.0.1:$PORT" \
  HFHUB_TOKEN="$WRITE_TOKEN" \
  HFHUB_USER="$USER_NAME" \
  HFHUB_ORG="$ORG_NAME" \
  HFHUB_OTHER_TOKEN="$OTHER_TOKEN" \
  HFHUB_OTHER_USER="$OTHER_NAME" \
  HFHUB_DEMO_MODELS="$DEMO_MODELS" \
  HFHUB_LFS_CHUNK_MB="$LFS_CHUNK_MB"
# One file after the other (node 18 has no --test-concurrency): hub_client's catalog listings
# must not see content.test.mjs create repos while they page.
STATUS=0
set +e
for file in hub_client.test.mjs content.test.mjs; do
  node --test "$HERE/$file" || STATUS=1
done
set -e
exit "$STATUS"
