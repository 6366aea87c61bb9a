#!/usr/bin/env bash
# Browser tests of the web UI (docs/web.md#tests): playwright-core (pinned in package-lock.json)
# drives Debian's chromium, headless, against one live hfhubd.
#
#   tests/browser/run.sh PATH_TO_HFHUBD SCREENSHOT_DIR
#
# Installs playwright-core into tests/browser/node_modules (npm ci, only when missing or when
# package-lock.json changed), creates a throw-away data dir with two users, their tokens and a demo
# catalog, starts hfhubd on a free port and runs `node --test` on every *.test.mjs. Every test saves
# screenshots into SCREENSHOT_DIR. Exits with 1 if a test failed, 2 if the harness broke.
# HFHUB_CHROMIUM names another browser binary.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HARNESS_NAME=browser
source "$HERE/../compat/harness.sh"
[[ $# -eq 2 ]] || { echo "usage: $0 PATH_TO_HFHUBD SCREENSHOT_DIR" >&2; exit 2; }
SHOTS="$2"
harness_check "$1"
harness_npm_ci "$HERE" playwright-core

CHROMIUM="${HFHUB_CHROMIUM:-}"
if [[ -z "$CHROMIUM" ]]; then
  # The binary itself: Debian's /usr/bin/chromium is a shell launcher that adds nothing headless needs.
  for candidate in /usr/lib/chromium/chromium "$(command -v chromium || true)"; do
    [[ -x "$candidate" ]] && { CHROMIUM="$candidate"; break; }
  done
fi
[[ -x "$CHROMIUM" ]] || harness_fail "chromium is not installed (Debian package: chromium)"

DATA="$(mktemp -d "${TMPDIR:-/tmp}/hfhub-browser.XXXXXX")"
SERVER_PID=""
harness_traps

OWNER_NAME="web-owner"
OTHER_NAME="web-other"
OWNER_TOKEN="hf_webOwnerWrite0123456789abcdefghij"
OTHER_TOKEN="hf_webOtherWrite0123456789abcdefghij"
admin user add "$OWNER_NAME" --fullname "Web Owner"
admin user add "$OTHER_NAME" --fullname "Web Other"
admin token add "$OWNER_NAME" --role write --value "$OWNER_TOKEN" --name browser-owner
admin token add "$OTHER_NAME" --role write --value "$OTHER_TOKEN" --name browser-other
# The demo catalog with git content for its most popular repos (cards, configs, weights, history),
# as scripts/demo.sh serves it, so the pages show what a user sees.
harness_start_server --no-access-log --demo 300 --demo-content 60
echo "browser: hfhubd on 127.0.0.1:$PORT, $("$CHROMIUM" --version 2>/dev/null | head -1)"

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
export HFHUB_ENDPOINT="http://127.0.0.1:$PORT" \
  HFHUB_CHROMIUM="$CHROMIUM" \
  HFHUB_SCREENSHOTS="$SHOTS" \
  HFHUB_OWNER="$OWNER_NAME" HFHUB_OWNER_TOKEN="$OWNER_TOKEN" \
  HFHUB_OTHER="$OTHER_NAME" HFHUB_OTHER_TOKEN="$OTHER_TOKEN"
STATUS=0
node --test "$HERE"/*.test.mjs || STATUS=1
exit "$STATUS"
