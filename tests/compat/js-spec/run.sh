#!/usr/bin/env bash
# Runs the vitest spec files that ship inside the @huggingface/hub npm package against a live hfhubd.
#
#   tests/compat/js-spec/run.sh PATH_TO_HFHUBD
#
# 1. npm ci in this folder (only when node_modules is missing or package-lock.json changed).
# 2. A throw-away data dir with the fixture the specs expect of hub-ci.huggingface.co: the user
#    hub.js ("@huggingface/hub CI bot", eliott@huggingface.co, the hub-ci avatar, no orgs) and a write
#    token named ci-hub.js.
# 3. hfhubd serve on a free port.
# 4. A copy of the package root (src/, tsconfig.json, index.ts, package.json) in work/hub/, with
#    src/test/consts.ts pointed at the local server: TEST_HUB_URL, and TEST_ACCESS_TOKEN because
#    hfhubd refuses the value hf_hub.js (see README.md). The spec files themselves are unmodified.
# 5. vitest over every spec file, with a fetch guard that blocks any host but the local server and
#    logs each test's requests; then harness/summarize.mjs prints the summary and writes
#    last-results.json.
#
# Exit status: 0 when every test in expected-pass.txt passed (other failures are reported, not
# fatal); 1 when one of them did not; 2 when the harness itself broke.
# Environment: HFHUB_JS_SPEC_INCLUDE (comma-separated globs under the package root, default
# src/**/*.spec.ts), HFHUB_JS_SPEC_ALLOW_NETWORK=1 (switch the guard off), HFHUB_JS_SPEC_WORKERS
# (vitest workers, default 2), HFHUB_JS_SPEC_TEST_TIMEOUT_MS (default 30000).
set -Eeuo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HARNESS_NAME=js-spec
source "$HERE/../harness.sh"
harness_check "$@"

# Any unexpected failure below is a harness failure: exit 2, not 1 (1 is the expected-pass gate).
trap 'echo "js-spec: harness error at line $LINENO" >&2; exit 2' ERR

# --- the client and vitest: npm ci only when node_modules is missing or the lockfile changed --------
harness_npm_ci "$HERE"
PKG="$HERE/node_modules/@huggingface/hub"
HUB_VERSION="$(node -p "require('$PKG/package.json').version")"
VITEST_VERSION="$(node -p "require('$HERE/node_modules/vitest/package.json').version")"
echo "js-spec: @huggingface/hub $HUB_VERSION, vitest $VITEST_VERSION, node $(node --version)"

# --- a throw-away server ------------------------------------------------------------------------------
DATA="$(mktemp -d "${TMPDIR:-/tmp}/hfhub-js-spec.XXXXXX")"
WORK="$HERE/work"
SERVER_PID=""
cleanup() {
  local status=$?
  # Status 1 is the expected-pass gate, not a harness failure: logs are shown for 2 only.
  harness_stop_server "$((status == 2 ? 2 : 0))"
  # keep the logs next to the vitest report for debugging
  if [[ -d "$WORK" ]]; then
    cp -f "$DATA/admin.log" "$DATA/server.log" "$WORK/" 2> /dev/null || true
  fi
  rm -rf "$DATA"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# What hub-ci.huggingface.co has for the CI user (src/lib/who-am-i.spec.ts), its id included.
SPEC_USER="hub.js"
SPEC_FULLNAME="@huggingface/hub CI bot"
SPEC_EMAIL="eliott@huggingface.co"
SPEC_AVATAR="/avatars/934b830e9fdaa879487852f79eef7165.svg"
SPEC_TOKEN_NAME="ci-hub.js"
# The specs use hf_hub.js, which hfhubd refuses (a token is hf_ plus >= 8 of [A-Za-z0-9_-]).
SPEC_TOKEN="hf_hubjs_ci_write_token_0123456789"

admin user add "$SPEC_USER" --fullname "$SPEC_FULLNAME" --email "$SPEC_EMAIL" --avatar-url "$SPEC_AVATAR" --id 62f264b9f3c90f4b6514a269
admin token add "$SPEC_USER" --role write --value "$SPEC_TOKEN" --name "$SPEC_TOKEN_NAME"

harness_start_server
SERVER_URL="http://127.0.0.1:$PORT"
echo "js-spec: hfhubd listening on $SERVER_URL"

# --- the package sources, pointed at the local server -------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/hub"
cp -R "$PKG/src" "$PKG/tsconfig.json" "$PKG/index.ts" "$PKG/package.json" "$WORK/hub/"
CONSTS="$WORK/hub/src/test/consts.ts"
SERVER_URL="$SERVER_URL" SPEC_TOKEN="$SPEC_TOKEN" node - "$CONSTS" << 'EOF'
const fs = require("node:fs");
const file = process.argv[2];
let src = fs.readFileSync(file, "utf8");
const set = (name, value) => {
  const re = new RegExp(`(export const ${name}\\s*=\\s*)"[^"]*"`);
  if (!re.test(src)) {
    console.error(`js-spec: ${file} has no string constant ${name}; the package layout changed`);
    process.exit(2);
  }
  src = src.replace(re, `$1${JSON.stringify(value)}`);
};
set("TEST_HUB_URL", process.env.SERVER_URL);
set("TEST_ACCESS_TOKEN", process.env.SPEC_TOKEN);
fs.writeFileSync(file, src);
EOF

# --- vitest -------------------------------------------------------------------------------------------
REPORT="$WORK/vitest-report.json"
REQUESTS="$WORK/requests.jsonl"
: > "$REQUESTS"
START=$SECONDS
VITEST_STATUS=0
(cd "$WORK/hub" && \
  HFHUB_JS_SPEC_URL="$SERVER_URL" HFHUB_JS_SPEC_LOG="$REQUESTS" \
  timeout 600 "$HERE/node_modules/.bin/vitest" run \
    --config "$HERE/harness/vitest.config.mts" --root "$WORK/hub" \
    --reporter=dot --reporter=json --outputFile.json="$REPORT" \
    > "$WORK/vitest.log" 2>&1) || VITEST_STATUS=$?
echo "js-spec: vitest finished in $((SECONDS - START)) s (status $VITEST_STATUS; output in ${WORK#"$HERE/"}/vitest.log)"
if [[ ! -s "$REPORT" ]]; then
  echo "js-spec: vitest wrote no report (status $VITEST_STATUS); last lines of its output:" >&2
  tail -n 40 "$WORK/vitest.log" >&2 || true
  exit 2
fi

# --- summary and gate ---------------------------------------------------------------------------------
META="$(node -p 'JSON.stringify({hubVersion: process.argv[1], vitestVersion: process.argv[2], node: process.version, serverUrl: process.argv[3], hfhubd: process.argv[4], durationSeconds: +process.argv[5]})' \
  "$HUB_VERSION" "$VITEST_VERSION" "$SERVER_URL" "$HFHUBD" "$((SECONDS - START))")"
trap - ERR
STATUS=0
node "$HERE/harness/summarize.mjs" --report "$REPORT" --requests "$REQUESTS" --work "$WORK/hub" \
  --out "$HERE/last-results.json" --expected "$HERE/expected-pass.txt" \
  --needs-hf "$HERE/needs-huggingface.txt" --meta "$META" || STATUS=$?
exit "$STATUS"
