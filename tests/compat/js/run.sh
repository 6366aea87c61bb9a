#!/usr/bin/env bash
# Compatibility test: the official, unmodified @huggingface/hub npm client against a live hfhubd.
#
#   tests/compat/js/run.sh PATH_TO_HFHUBD
#
# Installs the pinned client into tests/compat/js/node_modules (npm ci, only when missing or when
# package-lock.json changed), creates a throw-away data dir with a fixture user, org, tokens and a
# demo catalog, starts hfhubd on a free port and runs `node --test` on hub_client.test.mjs, then on
# content.test.mjs, then on cache_interop.test.mjs and xet_upload_interop.test.mjs (with the hfhub
# CLI built beside hfhubd). HFHUB_SERVE_EXTRA_ARGS adds `hfhubd serve` flags and HFHUB_COMPAT_FILES
# picks the test files (tests/s3/run.sh: s3_upload.test.mjs with the blobs on S3).
# Exits with 1 if any test failed, 2 if the harness broke. Works from any cwd. Needs node >= 18 and npm (Debian: nodejs npm).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HARNESS_NAME=compat_js
source "$HERE/../harness.sh"
harness_check "$@"
harness_npm_ci "$HERE"
echo "compat_js: @huggingface/hub $(node -p "require('$HERE/node_modules/@huggingface/hub/package.json').version"), node $(node --version)"

# --- a throw-away server --------------------------------------------------------------------------
DATA="$(mktemp -d "${TMPDIR:-/tmp}/hfhub-compat-js.XXXXXX")"
SERVER_PID=""
harness_traps

USER_NAME="jscompat-user"
ORG_NAME="jscompat-org"
OTHER_NAME="jscompat-other"
WRITE_TOKEN="hf_jscompatWrite0123456789abcdefghijklmn"
OTHER_TOKEN="hf_jscompatOther0123456789abcdefghijklmn"
DEMO_MODELS=3000
LFS_CHUNK_MB=12  # content.test.mjs: a 10 MiB file goes through the basic transfer, 26 MiB through multipart

admin user add "$USER_NAME" --fullname "JS Compat User" --email "jscompat@example.com"
admin user add "$OTHER_NAME" --fullname "JS Compat Other" --email "jscompat-other@example.com"
admin org add "$ORG_NAME" --fullname "JS Compat Org" --member "$USER_NAME:admin"
admin token add "$USER_NAME" --role write --value "$WRITE_TOKEN" --name compat-js-write
admin token add "$OTHER_NAME" --role read --value "$OTHER_TOKEN" --name compat-js-other
admin seed-demo --models "$DEMO_MODELS" --datasets 50 --spaces 50

printf 'lfs-multipart-chunk-mb = %s\nlfs-multipart-threshold-mb = 0\n' "$LFS_CHUNK_MB" > "$DATA/hfhubd.conf"
harness_start_server --config "$DATA/hfhubd.conf" --no-access-log ${HFHUB_SERVE_EXTRA_ARGS:-}
echo "compat_js: hfhubd listening on 127.0.0.1:$PORT ($DEMO_MODELS demo models)"

# --- the tests ------------------------------------------------------------------------------------
export HFHUB_ENDPOINT="http://127.0.0.1:$PORT" \
  HFHUB_TOKEN="$WRITE_TOKEN" \
  HFHUB_USER="$USER_NAME" \
  HFHUB_ORG="$ORG_NAME" \
  HFHUB_OTHER_TOKEN="$OTHER_TOKEN" \
  HFHUB_OTHER_USER="$OTHER_NAME" \
  HFHUB_DEMO_MODELS="$DEMO_MODELS" \
  HFHUB_LFS_CHUNK_MB="$LFS_CHUNK_MB" \
  HFHUB_CLI="$(dirname "$HFHUBD")/hfhub"
# One file after the other (node 18 has no --test-concurrency): hub_client's catalog listings
# must not see content.test.mjs create repos while they page.
STATUS=0
set +e
for file in ${HFHUB_COMPAT_FILES:-hub_client.test.mjs content.test.mjs cache_interop.test.mjs xet_upload_interop.test.mjs collections.test.mjs}; do
  node --test "$HERE/$file" || STATUS=1
done
set -e
exit "$STATUS"
