#!/usr/bin/env bash
# Installs every system package hfhub needs to build, test and benchmark.
# Idempotent: packages already present are not reinstalled, apt is not touched when nothing is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git git-lfs
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libcurl4-openssl-dev libsqlite3-dev libgit2-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
  libyaml-dev zlib1g-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  # The web UI's Mustache templates (header-only; docs/web.md), and the browser its tests drive.
  libkainjow-mustache-dev chromium
  # Repo cards: the HTML parser under the card sanitizer (src/server/metadata/html_sanitizer.cpp).
  libxml2-dev
  # Xet: LZ4 frames for xorb chunks, and the BLAKE3 reference C sources (cmake/blake3.cmake).
  liblz4-dev librust-blake3-dev
  curl
  # Metadata on PostgreSQL (docs/deployment.md#metadata-on-postgresql): libpq to build, and the
  # server that scripts/pg-test-server.sh starts for the PostgreSQL tests.
  postgresql libpq-dev
  # Several nodes (tests/cluster): the load balancer in front of them; the deployment files'
  # check (tests/deploy) reads YAML.
  nginx python3-yaml
  # tests/shape/check_shape.py (the file and function size rules); python3-venv makes the
  # environments of the official Python clients (tests/compat/python, from PyPI).
  python3 python3-venv
  # libFuzzer and its sanitizer runtimes (tests/fuzz): Debian 12's clang is clang 14.
  clang libclang-rt-14-dev
)
# Node.js and npm run the compatibility test with the official JS client. Machines that already
# have them (from another source) keep theirs: Debian's npm conflicts with a newer node.
command -v node >/dev/null || PACKAGES+=(nodejs)
command -v npm >/dev/null || PACKAGES+=(npm)
# Only needed to run the benchmarks.
if [[ "${HFHUB_SETUP_BENCH:-0}" == 1 ]]; then
  PACKAGES+=(wrk hyperfine fcgiwrap apache2-utils gnuplot-nox)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all system packages present"
fi

# The S3-compatible server of the integration_s3 test (tests/s3/s3_server.sh): MinIO, built once
# from the Go module proxy with the machine's Go toolchain (Debian 12's golang is too old for it)
# and cached under ~/.cache/hfhub/minio.
if command -v go >/dev/null; then
  source "$(dirname "${BASH_SOURCE[0]}")/../tests/s3/s3_server.sh"
  s3_server_binary >/dev/null
else
  echo "setup: no Go toolchain: the integration_s3 test will fail to start MinIO" >&2
fi
