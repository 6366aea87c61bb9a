#!/usr/bin/env bash
# Builds build/asan with ASan+UBSan (-DHFHUB_SANITIZE=address,undefined) and runs the unit and
# integration tests in it (not the compat tests: they test the JS client, not our memory safety).
# Usage: scripts/test-sanitizers.sh [extra ctest args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/build/asan

# -O1 -g with assertions on: readable stacks, and tests that run at a usable speed.
"$root/scripts/build.sh" RelWithDebInfo "$dir" -DHFHUB_SANITIZE=address,undefined -DHFHUB_BUILD_BENCH=OFF \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g"

# ASan: every process writes its reports to <logs>/asan.<pid> and exits with 23, so a report from
# a child (the hfhubd of the integration tests, the CLI) is neither lost nor unnoticed.
# UBSan (gcc's runtime ignores log_path when linked with ASan) writes to stderr and aborts the
# process: a test binary fails, the CLI exits non-zero, and the integration fixture fails the test
# when hfhubd's log holds a report (tests/integration/server_fixture.cpp).
logs=$dir/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:exitcode=23:check_initialization_order=1:strict_init_order=1:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# Hang guards of the tests (not speed checks) stretched for builds that run 10-20x slower.
export HFHUB_TEST_TIMEOUT_SCALE=${HFHUB_TEST_TIMEOUT_SCALE:-8}

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
