#!/usr/bin/env bash
# README command 2: set up, build, and run every test (unit, integration, compat).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/build/test

"$root/scripts/setup.sh"
"$root/scripts/build.sh" Release "$dir"
cd "$dir"
# Unit and integration binaries are independent; the compat test starts its own server.
ctest --output-on-failure --timeout 900 -j "$(nproc)"
