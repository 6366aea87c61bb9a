#!/usr/bin/env bash
# Three hfhubd nodes against one behind the same nginx, on one PostgreSQL and one MinIO
# (bench/cluster_bench.py; bench/README.md, "Several nodes"). Needs wrk (HFHUB_SETUP_BENCH=1
# scripts/setup.sh) and a Release build.   bench/cluster_bench.sh [build/test]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$root/build/test}")
PYTHON=${HFHUB_PYTHON:-/usr/bin/python3}
CACHE=${HFHUB_PY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hfhub/compat-python}
HARNESS_NAME=cluster_bench
source "$root/tests/compat/python/venv.sh"
venv="$(venv_for "$(awk '!/^#/ && NF { print $1; exit }' "$root/tests/compat/python/versions.txt")")"
echo "cluster_bench: $(date -u +%FT%TZ) $(git -C "$root" rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg)"
HFHUBD="$build/hfhubd" HFHUB_SOURCE_DIR="$root" HF_HUB_DISABLE_XET=1 "$venv/bin/python" "$root/bench/cluster_bench.py"
echo "cluster_bench: load after $(cut -d' ' -f1-3 /proc/loadavg)"
