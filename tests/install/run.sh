#!/usr/bin/env bash
# Installs the build tree BUILD into a scratch prefix, then builds tests/install/consumer against
# it twice, with find_package(hfhub) and with `pkg-config --static hfhub`, and runs both.
# Usage: tests/install/run.sh BUILD [CXX]
set -euo pipefail
build=$1
cxx=${2:-c++}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
expected="consumer google gemma-2b datasets http://hub.invalid"

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/hfhubd bin/hfhub include/hfhub/hf_api.h include/hfhub/repo_id.h lib/systemd/system/hfhubd.service; do
  [[ -e $prefix/$f ]] || { echo "not installed: $f"; exit 1; }
done
if grep -rlE '#include "(common|client|server)/' "$prefix/include"; then
  echo "installed headers include the source tree"; exit 1
fi

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$here/consumer" -B "$work/cmake-build" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/cmake-build" >/dev/null
out=$("$work/cmake-build/consumer")
[[ $out == "$expected" ]] || { echo "find_package build printed: $out"; exit 1; }
echo "find_package(hfhub): $out"

pc=$(dirname "$(find "$prefix" -name hfhub.pc)")
flags=$(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs --static hfhub)
ccache=$(command -v ccache || true)
$ccache "$cxx" -std=c++20 -O1 "$here/consumer/main.cpp" -o "$work/consumer-pc" $flags
out=$("$work/consumer-pc")
[[ $out == "$expected" ]] || { echo "pkg-config build printed: $out"; exit 1; }
echo "pkg-config --static hfhub ($flags): $out"
