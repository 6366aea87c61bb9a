#!/usr/bin/env bash
# The two load benchmarks of issue 9 in one command, on one build: reads under commits
# (bench/read_under_commits.sh), then the soak (bench/soak_bench.sh). Writes both reports into
# bench/results/reliability-latest.md. Every knob of the two scripts passes through the
# environment (SOAK_SECONDS, REPEAT, DURATION, BUILD_DIR, HFHUBD, ...). See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT_MD=$HERE/results/reliability-latest.md

"$HERE/read_under_commits.sh"
SKIP_BUILD=1 "$HERE/soak_bench.sh"
{
  cat "$HERE/results/reads-commits-latest.md"
  echo
  cat "$HERE/results/soak-latest.md"
} >"$OUT_MD"
printf '[bench] written %s (plot: %s)\n' "$OUT_MD" "$HERE/results/soak-latest.png" >&2
