#!/usr/bin/env bash
# End to end check of `hfhubd admin migrate-store` (ctest `migrate_store_e2e`): a small demo
# catalog on SQLite, served by one hfhubd while it is copied into a throwaway PostgreSQL cluster
# (scripts/pg-test-server.sh); then a second hfhubd on the same data dir with `--database` set to
# the copy (the `database` setting), and the same API answers asked of both must be equal byte for byte.
#
# Usage: scripts/migrate-store-check.sh path/to/hfhubd
set -euo pipefail
hfhubd=${1:?usage: migrate-store-check.sh path/to/hfhubd}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/hfhub-migrate-e2e-XXXXXX)
pg=$(mktemp -d /tmp/hfhub-migrate-pg-XXXXXX)  # of its own: the script gives it to the postgres user
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$root/scripts/pg-test-server.sh" stop "$pg"
  rm -rf "$work"
}
trap cleanup EXIT

url=$("$root/scripts/pg-test-server.sh" start "$pg")
data=$work/data
"$hfhubd" admin --data "$data" seed-demo --models 300 --datasets 40 --spaces 20 --users 12 --orgs 4 >/dev/null 2>&1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Starts hfhubd serve with the given flags and waits until it answers.
serve() {
  local port=$1
  shift
  "$hfhubd" serve --data "$data" --port "$port" --no-access-log --no-rate-limit "$@" >"$work/serve-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/api/models?limit=1" >/dev/null && return 0
    sleep 0.1
  done
  echo "migrate-store-check: hfhubd on port $port did not start" >&2
  cat "$work/serve-$port.log" >&2
  return 1
}

sqlite_port=$(free_port)
serve "$sqlite_port"
# The copy runs while the SQLite server is up: it reads one WAL snapshot and takes no lock.
"$hfhubd" admin --data "$data" migrate-store --from "sqlite:$data" --to "$url" 2>/dev/null | tail -1
pg_port=$(free_port)
echo "database = $url" >"$work/pg.conf"
serve "$pg_port" --config "$work/pg.conf"

first_model=$(curl -fs "http://127.0.0.1:$sqlite_port/api/models?limit=1&sort=downloads" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
status=0
for path in "/api/models?limit=50&sort=downloads" "/api/models?limit=20&sort=likes&full=true" \
  "/api/models?search=a&limit=30" "/api/models?filter=license:mit&limit=10" "/api/datasets?limit=20" \
  "/api/spaces?limit=20&sort=createdAt" "/api/models/$first_model" "/api/models-tags-by-type"; do
  a=$(curl -fs "http://127.0.0.1:$sqlite_port$path")
  b=$(curl -fs "http://127.0.0.1:$pg_port$path")
  if [[ "$a" == "$b" ]]; then
    echo "same: $path (${#a} bytes)"
  else
    echo "DIFFERENT: $path" >&2
    diff <(echo "$a" | python3 -m json.tool) <(echo "$b" | python3 -m json.tool) | head -20 >&2 || true
    status=1
  fi
done
"$hfhubd" admin migrate-store --from "sqlite:$data" --to "$url" --verify-only | tail -1
exit $status
