#!/usr/bin/env bash
# Builds build/asan with ASan+UBSan (-DHFHUB_SANITIZE=address,undefined) and runs the unit and
# integration tests in it. hfhubd, the CLI and the git hooks they start inherit the options
# below, so a report from any of them fails the run, not only one from the test binary.
# Usage: scripts/test-sanitizers.sh [extra ctest args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/build/asan

# -O1 -g with assertions: fast enough to run, readable stacks, and a quarter of -O2's compile time.
"$root/scripts/build.sh" RelWithDebInfo "$dir" -DHFHUB_SANITIZE=address,undefined -DHFHUB_BUILD_BENCH=OFF \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g"

# Every process writes its reports to <logs>/<tool>.<pid>: a child's report does not vanish into
# a log no one reads, and exits with 23 (halt_on_error), which the test that started it sees.
logs=$dir/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:exitcode=23:check_initialization_order=1:strict_init_order=1:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"

status=0
(cd "$dir" && ctest --output-on-failure --timeout 1200 -j "$(nproc)" -L 'unit|integration' "$@") || status=$?

reports=$(grep -lE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$logs"/* 2>/dev/null || true)
if [[ -n $reports ]]; then
  for f in $reports; do
    echo "==== sanitizer report $f"
    head -c 20000 "$f"
  done
  echo "sanitizers: $(echo "$reports" | wc -l) report(s) in $logs"
  status=1
fi
exit $status
