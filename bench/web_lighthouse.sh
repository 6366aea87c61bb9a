#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices) of the web UI's home, listing and
# repo pages (issue 15; bench/README.md#web-pages), in Debian's chromium, on the demo catalog with
# git content as scripts/demo.sh serves it. Lighthouse (npm, pinned in bench/lighthouse) applies
# its default mobile emulation and simulated throttling, so its FCP differs from web_fcp.mjs's.
#
# Usage: bench/web_lighthouse.sh      Knobs: HFHUBD=build/test/hfhubd
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
RUN=$HERE/results/lighthouse-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
source "$HERE/load_lib.sh"
HFHUBD=${HFHUBD:-$ROOT/build/test/hfhubd}
need_tools node npm python3
CHROME_PATH=/usr/lib/chromium/chromium
[[ -x $CHROME_PATH ]] || CHROME_PATH=$(command -v chromium) || die "chromium is not installed"
export CHROME_PATH
[[ -d $HERE/lighthouse/node_modules/lighthouse ]] ||
  (cd "$HERE/lighthouse" && npm ci --no-audit --no-fund >/dev/null) || die "npm ci failed"

DATA=$RUN/data
"$HFHUBD" serve --data "$DATA" --host "$HOST" --port 0 --demo 2000 --demo-content 60 --no-rate-limit \
  >"$RUN/hfhubd.out" 2>"$RUN/hfhubd.log" &
PIDS+=("$!")
for _ in $(seq 300); do grep -q '^listening' "$RUN/hfhubd.out" && break; sleep 0.1; done
BASE=http://$HOST:$(awk '/^listening/{print $2; exit}' "$RUN/hfhubd.out")
REPO=$(curl -fsS "$BASE/api/models?sort=likes&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

echo "| page | performance | accessibility | best practices | FCP (simulated mobile) |" | tee "$RUN/table.md"
echo "|---|---:|---:|---:|---:|" | tee -a "$RUN/table.md"
for path in / /models "/$REPO"; do
  out=$RUN/$(echo "$path" | tr '/' '_').json
  timeout 180 "$HERE/lighthouse/node_modules/.bin/lighthouse" "$BASE$path" --quiet \
    --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility,best-practices \
    --output=json --output-path="$out" >/dev/null 2>>"$RUN/lighthouse.log" || die "lighthouse failed on $path"
  python3 - "$out" "$path" <<'PY' | tee -a "$RUN/table.md"
import json, sys
r = json.load(open(sys.argv[1])); c = r["categories"]
score = lambda k: round(c[k]["score"] * 100)
print(f"| `{sys.argv[2]}` | {score('performance')} | {score('accessibility')} | {score('best-practices')} | "
      f"{r['audits']['first-contentful-paint']['displayValue']} |")
PY
done
