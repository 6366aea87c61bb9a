#!/usr/bin/env bash
# Regenerates the seed corpora of the Xet fuzz targets from our own serializers.
# Usage: tests/fuzz/make-xet-corpus.sh <build-dir>   (a normal g++ build that has hfhub_common)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
tool=$(mktemp /tmp/xet-corpus-XXXXXX)
trap 'rm -f "$tool"' EXIT
g++ -std=c++20 -O1 -I"$root/src" "$root/tests/fuzz/xet_corpus.cpp" "$build/libhfhub_common.a" \
  "$build/libhfhub_blake3.a" -llz4 -lcrypto -o "$tool"
# Overwrites its own seeds only: inputs kept from fuzz runs stay.
mkdir -p "$root/tests/fuzz/corpus/xorb_index_fuzz" "$root/tests/fuzz/corpus/shard_parse_fuzz"
"$tool" "$root/tests/fuzz/corpus/xorb_index_fuzz" "$root/tests/fuzz/corpus/shard_parse_fuzz"
