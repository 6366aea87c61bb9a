#!/usr/bin/env bash
# Configures and builds hfhub.
# Usage: scripts/build.sh [Release|Debug|RelWithDebInfo] [build-dir] [extra cmake args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
type=${1:-Release}
dir=${2:-$root/build/${type,,}}
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Paths relative to the checkout, so a clone in another folder hits the same cache entries.
  export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
fi
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${launcher[@]}" "${@:3}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
