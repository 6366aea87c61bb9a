#!/usr/bin/env bash
# Compatibility test: the official, unmodified Python clients (huggingface_hub with hf_xet, its
# `hf` CLI, transformers, datasets) against a live hfhubd.
#
#   tests/compat/python/run.sh PATH_TO_HFHUBD [VERSION...]
#
# For each huggingface_hub VERSION (default: every line of versions.txt, or HFHUB_PY_VERSIONS,
# space-separated), makes or reuses a virtual environment from requirements/hub-VERSION.txt
# (cached under HFHUB_PY_CACHE, default ~/.cache/hfhub/compat-python, keyed by the file's hash),
# starts hfhubd on a throw-away data dir with fixture accounts, and runs pytest on this folder.
# HFHUB_SERVE_EXTRA_ARGS adds `hfhubd serve` flags (tests/s3/run.sh: the blobs on S3).
# Exits with 1 if any test failed, 2 if the harness broke. Needs python3 with venv (Debian:
# python3-venv) and PyPI.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HARNESS_NAME=compat_python
source "$HERE/../harness.sh"
[[ $# -ge 1 ]] || { echo "usage: $0 PATH_TO_HFHUBD [VERSION...]" >&2; exit 2; }
HFHUBD="$1"
shift
[[ "$HFHUBD" == /* ]] || HFHUBD="$PWD/$HFHUBD"
[[ -x "$HFHUBD" ]] || harness_fail "hfhubd not found or not executable: $HFHUBD"
HFHUB_CLI="$(dirname "$HFHUBD")/hfhub"
PYTHON=${HFHUB_PYTHON:-/usr/bin/python3}
"$PYTHON" -c 'import venv, ensurepip' 2> /dev/null || harness_fail "$PYTHON lacks venv/ensurepip (Debian: python3-venv)"
CACHE=${HFHUB_PY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hfhub/compat-python}

versions=("$@")
if [[ ${#versions[@]} -eq 0 ]]; then
  if [[ -n ${HFHUB_PY_VERSIONS:-} ]]; then
    read -r -a versions <<< "$HFHUB_PY_VERSIONS"
  else
    mapfile -t versions < <(awk '!/^#/ && NF { print $1 }' "$HERE/versions.txt")
  fi
fi

source "$HERE/venv.sh"

DATA=""
SERVER_PID=""
harness_traps

USER_NAME="pycompat-user"
ORG_NAME="pycompat-org"
OTHER_NAME="pycompat-other"
WRITE_TOKEN="hf_pycompatWrite0123456789abcdefghijklmn"
READ_TOKEN="hf_pycompatRead00123456789abcdefghijklmn"
OTHER_TOKEN="hf_pycompatOther0123456789abcdefghijklmn"
OTHER_WRITE_TOKEN="hf_pycompatOtherWrite56789abcdefghijklmn"  # opens pull requests (test_discussions.py)

run_version() { # version
  local version=$1 venv status=0
  venv="$(venv_for "$version")" || harness_fail "could not install huggingface_hub $version"
  DATA="$(mktemp -d "${TMPDIR:-/tmp}/hfhub-compat-py.XXXXXX")"
  admin user add "$USER_NAME" --fullname "Py Compat User" --email "pycompat@example.com"
  admin user add "$OTHER_NAME" --fullname "Py Compat Other" --email "pycompat-other@example.com"
  admin org add "$ORG_NAME" --fullname "Py Compat Org" --member "$USER_NAME:admin"
  admin token add "$USER_NAME" --role write --value "$WRITE_TOKEN" --name compat-py-write
  admin token add "$USER_NAME" --role read --value "$READ_TOKEN" --name compat-py-read
  admin token add "$OTHER_NAME" --role read --value "$OTHER_TOKEN" --name compat-py-other
  admin token add "$OTHER_NAME" --role write --value "$OTHER_WRITE_TOKEN" --name compat-py-other-write
  admin seed-demo --models 300 --datasets 30 --spaces 10
  admin papers import "$HERE/papers.jsonl"  # test_papers.py
  # The metrics listener lets tests measure at the server what a client sent (test_xet_dedup.py).
  harness_start_server --no-access-log --metrics-listen 127.0.0.1:0 \
    --webhook-allow 127.0.0.1/32,::1 --webhook-retry-base-ms 200 ${HFHUB_SERVE_EXTRA_ARGS:-}
  local metrics_port
  metrics_port="$(sed -n 's/^hfhubd: metrics on 127.0.0.1 port \([0-9]*\) .*/\1/p' "$DATA/server.log" | head -1)"
  [[ -n $metrics_port ]] || harness_fail "hfhubd did not announce its metrics port"
  echo "compat_python: huggingface_hub $version, $("$venv/bin/python" --version), hfhubd on 127.0.0.1:$PORT"

  # What a user sets to point the official clients at hfhubd; HF_HOME keeps this run's cache and
  # token apart. hf_xet is active: uploads and downloads of LFS files go through Xet as they do
  # against the Hub (docs/xet.md#negotiation).
  (
    export HF_ENDPOINT="http://127.0.0.1:$PORT" HF_HOME="$DATA/hf-home" HF_HUB_DISABLE_TELEMETRY=1 \
      HF_HUB_DISABLE_PROGRESS_BARS=1 HF_HUB_DISABLE_UPDATE_CHECK=1 HF_DATASETS_CACHE="$DATA/datasets-cache" \
      HFHUB_USER="$USER_NAME" HFHUB_ORG="$ORG_NAME" HFHUB_TOKEN="$WRITE_TOKEN" \
      HFHUB_READ_TOKEN="$READ_TOKEN" HFHUB_OTHER_USER="$OTHER_NAME" HFHUB_OTHER_TOKEN="$OTHER_TOKEN" \
      HFHUB_OTHER_WRITE_TOKEN="$OTHER_WRITE_TOKEN" \
      HFHUB_DATA="$DATA" HFHUB_CLI="$HFHUB_CLI" HFHUB_PY_VERSION="$version" \
      HFHUB_METRICS_URL="http://127.0.0.1:$metrics_port/metrics"
    unset HF_TOKEN HUGGING_FACE_HUB_TOKEN
    cd "$HERE"
    "$venv/bin/python" -m pytest -q -p no:cacheprovider --basetemp="$DATA/pytest" "$HERE" \
      ${HFHUB_PYTEST_ARGS:-}
  ) || status=$?
  harness_stop_server "$status"
  SERVER_PID=""
  rm -rf "$DATA"
  DATA=""
  return "$status"
}

failed=()
for version in "${versions[@]}"; do
  run_version "$version" || failed+=("$version")
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "compat_python: FAILED for huggingface_hub ${failed[*]}" >&2
  exit 1
fi
echo "compat_python: passed for huggingface_hub ${versions[*]}"
