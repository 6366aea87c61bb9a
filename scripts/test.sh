#!/usr/bin/env bash
# README command 2: set up, build, and run every test:
#   1. the Release build: unit, integration and compat tests (build/test);
#   2. the unit and integration tests again under ASan+UBSan (build/asan, scripts/test-sanitizers.sh);
#   3. each libFuzzer target for HFHUB_FUZZ_SECONDS (default 30) from its seed corpus (build/fuzz).
# Every phase runs even when an earlier one fails; the last line says which failed and how long
# each took.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz_seconds=${HFHUB_FUZZ_SECONDS:-30}

"$root/scripts/setup.sh" || exit 1

summary=()
failed=0
phase() {
  local name=$1 start=$SECONDS
  shift
  echo "==== $name"
  if "$@"; then
    summary+=("$name ok $((SECONDS - start))s")
  else
    summary+=("$name FAILED $((SECONDS - start))s")
    failed=1
  fi
}

release_tests() {
  # The micro-benchmarks are off by default; building them here keeps them compiling.
  "$root/scripts/build.sh" Release "$root/build/test" -DHFHUB_BUILD_BENCH=ON || return 1
  # Unit and integration binaries are independent; the compat test starts its own server.
  (cd "$root/build/test" && ctest --output-on-failure --timeout 900 -j "$(nproc)")
}

fuzz_targets() {
  "$root/scripts/build.sh" Debug "$root/build/fuzz" -DHFHUB_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang || return 1
  "$root/tests/fuzz/run.sh" "$root/build/fuzz" "$fuzz_seconds"
}

total=$SECONDS
phase release release_tests
phase sanitizers "$root/scripts/test-sanitizers.sh"
phase fuzz fuzz_targets
result=$([[ $failed == 0 ]] && echo PASSED || echo FAILED)
echo "test.sh: $result in $((SECONDS - total))s ($(IFS=';'; echo "${summary[*]}" | sed 's/;/, /g'))"
exit $failed
