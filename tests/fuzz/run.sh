#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time, starting from its seed corpus
# (tests/fuzz/corpus/<target>/). Fails on the first crash, leak, timeout or broken invariant.
# Usage: tests/fuzz/run.sh <fuzz-build-dir> [seconds-per-target] [target...]
# New inputs libFuzzer finds go to a scratch folder, not into the committed corpus; a crashing
# input is kept as <build-dir>/fuzz-artifacts/<target>-crash-<sha1>.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-30}
shift $(($# < 2 ? $# : 2))
targets=("$@")
if ((${#targets[@]} == 0)); then
  for bin in "$build"/tests/fuzz/*_fuzz; do targets+=("$(basename "$bin")"); done
fi

artifacts=$build/fuzz-artifacts
scratch=$(mktemp -d /tmp/hfhub-fuzz-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"
# UB aborts (the targets are built with -fno-sanitize-recover=undefined); leaks fail the run.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# A fixed seed starts every run down the same path. The run is bounded by time, though, so a
# machine of another speed goes further or less far, and CI can still find what a local run did
# not: the crashing input is kept in fuzz-artifacts/ so it can be replayed and added to the corpus.
# HFHUB_FUZZ_SEED=0 lets libFuzzer pick a new seed (for longer local campaigns).
seed=${HFHUB_FUZZ_SEED:-1}

failed=()
for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target"
  log=$build/fuzz-$target.log
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a runaway allocation is a bug.
  if "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -seed="$seed" -artifact_prefix="$artifacts/$target-" \
      "$scratch/$target" "$here/corpus/$target" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $target ok (${seconds}s, ${execs:-?} inputs)"
  else
    echo "fuzz: $target FAILED; see $log and $artifacts/"
    grep -E "ERROR|runtime error|invariant|Test unit written" "$log" | head -20 || true
    failed+=("$target")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]}"
  exit 1
fi
