#!/usr/bin/env bash
# Configures and builds hfhub.
# Usage: scripts/build.sh [Release|Debug|RelWithDebInfo] [build-dir] [extra cmake args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
type=${1:-Release}
dir=${2:-$root/build/${type,,}}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${launcher[@]}" "${@:3}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
