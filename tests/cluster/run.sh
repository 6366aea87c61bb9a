#!/usr/bin/env bash
# The three-node test (docs/deployment.md, "Several nodes"): three hfhubd processes on one
# PostgreSQL, one object store (MinIO, tests/s3/s3_server.sh) and one shared data dir (git),
# behind nginx, driven by the official Python client.
#
#   tests/cluster/run.sh PATH_TO_HFHUBD
#
# Needs the PostgreSQL server and nginx from Debian (scripts/setup.sh installs both) and the
# pinned huggingface_hub environment (made and cached as tests/compat/python/run.sh does).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HARNESS_NAME=cluster
[[ $# -ge 1 ]] || { echo "usage: $0 PATH_TO_HFHUBD" >&2; exit 2; }
HFHUBD="$(realpath "$1")"
PYTHON=${HFHUB_PYTHON:-/usr/bin/python3}
CACHE=${HFHUB_PY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hfhub/compat-python}
source "$HERE/../compat/python/venv.sh"
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { echo "cluster: nginx missing (scripts/setup.sh)" >&2; exit 2; }
venv="$(venv_for "$(awk '!/^#/ && NF { print $1; exit }' "$HERE/../compat/python/versions.txt")")"
export HFHUBD HFHUB_SOURCE_DIR="$(cd "$HERE/../.." && pwd)"
cd "$HERE"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider ${HFHUB_PYTEST_ARGS:-} "$HERE"
