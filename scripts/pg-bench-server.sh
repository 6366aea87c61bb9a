#!/usr/bin/env bash
# A persistent PostgreSQL cluster for the large catalog benchmarks (bench/README.md "3M catalog",
# on PostgreSQL): unlike pg-test-server.sh it keeps its data, fsyncs, and is tuned for a bulk
# load followed by read-mostly listing traffic on a 2-core, 23 GiB machine. Loopback only, trust
# authentication. As root the cluster belongs to the `postgres` user, so DIR's parents must be
# readable by it (mode 0755).
#   scripts/pg-bench-server.sh init DIR    initdb (once), then start
#   scripts/pg-bench-server.sh start DIR   start the existing cluster; prints its URL
#   scripts/pg-bench-server.sh stop DIR    stop it (data kept)
#   scripts/pg-bench-server.sh url DIR     print the URL of its `postgres` database
# PORT (default 55432) is the port at init; it is kept in DIR/port.
set -euo pipefail
cmd=${1:?usage: pg-bench-server.sh init|start|stop|url DIR}
dir=$(realpath -m "${2:?usage: pg-bench-server.sh init|start|stop|url DIR}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/initdb" ]] || { echo "pg-bench-server: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/postgres"; }

# Why each setting (docs/deployment.md "Metadata on PostgreSQL"):
# - shared_buffers 2GB: the hot part of the 3M catalog (the listing indexes, ~1.5 GB) stays in
#   PostgreSQL's own cache; effective_cache_size tells the planner the OS cache holds more.
# - maintenance_work_mem 1GB, 2 parallel maintenance workers: CREATE INDEX sorts in memory at
#   the end of a bulk load (the load raises it per transaction too).
# - wal_level minimal, max_wal_senders 0: a bulk load's index builds skip the WAL (the files are
#   fsynced at commit instead). A cluster with standbys needs wal_level replica.
# - max_wal_size 16GB, checkpoint_timeout 30min: no checkpoint in the middle of an import.
# - random_page_cost 1.1: SSD.
settings() {
  cat <<EOF
listen_addresses = '127.0.0.1'
port = $(cat "$dir/port")
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 2GB
effective_cache_size = 12GB
work_mem = 32MB
maintenance_work_mem = 1GB
max_parallel_maintenance_workers = 2
max_parallel_workers_per_gather = 2
wal_level = minimal
max_wal_senders = 0
wal_compression = on
max_wal_size = 16GB
min_wal_size = 1GB
checkpoint_timeout = 30min
checkpoint_completion_target = 0.9
random_page_cost = 1.1
effective_io_concurrency = 64
jit = off
log_min_duration_statement = -1
EOF
}

case "$cmd" in
  init)
    [[ -d "$dir/data" ]] && { echo "pg-bench-server: $dir/data exists; use start" >&2; exit 1; }
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    echo "${PORT:-55432}" >"$dir/port"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    settings | as_owner tee "$dir/data/conf.d-hfhub.conf" >/dev/null
    echo "include 'conf.d-hfhub.conf'" | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    "$0" start "$dir"
    ;;
  start)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start >/dev/null ||
      { tail -20 "$dir/server.log" >&2; exit 1; }
    url
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 300 stop >/dev/null
    ;;
  url)
    url
    ;;
  *)
    echo "usage: pg-bench-server.sh init|start|stop|url DIR" >&2
    exit 2
    ;;
esac
