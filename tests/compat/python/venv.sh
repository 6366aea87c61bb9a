# venv_for VERSION: the virtual environment of the official Python clients at huggingface_hub
# VERSION (requirements/hub-VERSION.txt), made once and cached. Sourced by run.sh and by
# tests/cluster/run.sh; the caller sets PYTHON, CACHE and HARNESS_NAME.
PY_COMPAT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The environment for one version: reused while its requirements file is unchanged. Built in a
# temp dir and renamed into place, so an interrupted install is never taken for a finished one.
venv_for() { # version -> prints the venv path
  local version=$1 req="$PY_COMPAT_DIR/requirements/hub-$1.txt" sum dir tmp
  [[ -f $req ]] || req="$PY_COMPAT_DIR/requirements/unpinned.txt"
  sum="$(cat "$req" | sha256sum | cut -c1-16)"
  dir="$CACHE/hub-$version-$sum"
  if [[ ! -x $dir/bin/pytest ]]; then
    mkdir -p "$CACHE"
    tmp="$(mktemp -d "$CACHE/.building.XXXXXX")"
    echo "$HARNESS_NAME: creating the environment for huggingface_hub $version (pip install)" >&2
    "$PYTHON" -m venv "$tmp" >&2
    if [[ $req == */unpinned.txt ]]; then
      "$tmp/bin/pip" install -q --disable-pip-version-check "huggingface_hub[cli]==$version" -r "$req" >&2
    else
      "$tmp/bin/pip" install -q --disable-pip-version-check --no-deps -r "$req" >&2
    fi
    rm -rf "$dir"
    mv "$tmp" "$dir"
    # A venv's scripts name its own path in their shebangs: rewrite them for the final place.
    grep -rlI --null "$tmp" "$dir/bin" | xargs -0 -r sed -i "s|$tmp|$dir|g"
  fi
  echo "$dir"
}

