#!/usr/bin/env bash
# One bulk import into PostgreSQL, measured (bench/README.md "3M catalog", PostgreSQL): wall time,
# CPU of hfhubd and of the PostgreSQL server processes (backend, parallel workers, checkpointer,
# WAL writer), peak RSS of hfhubd, and the 1-minute load average before and after.
#   PGDIR=/work/pg3m DB=trial bench/pg_import_bench.sh seed-demo --models 300000 --datasets 0 --spaces 0
#   PGDIR=/work/pg3m DB=trial bench/pg_import_bench.sh import models.jsonl --type model
# DB is created if missing (KEEP_DB=0 drops it first). HFHUBD defaults to build/bench/hfhubd.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pgdir=${PGDIR:?PGDIR: the cluster directory of scripts/pg-bench-server.sh}
db=${DB:?DB: the database to import into}
hfhubd=${HFHUBD:-$root/build/bench/hfhubd}
base=$("$root/scripts/pg-bench-server.sh" url "$pgdir")
url=${base%/postgres}/$db
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

[[ ${KEEP_DB:-1} == 0 ]] && psql -q "$base" -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null
psql -qtA "$base" -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
  psql -q "$base" -c "CREATE DATABASE \"$db\"" >/dev/null

# shellcheck source=bench/pg_cpu.sh
source "$root/bench/pg_cpu.sh"
pg_cpu() { pg_cluster_cpu "$pgdir"; }

load() { cut -d' ' -f1 /proc/loadavg; }

# The schema first (a plain admin command migrates), so the measured run is the load alone.
"$hfhubd" admin --data "$data" --database "$url" seed-demo --models 0 --datasets 0 --spaces 0 >/dev/null 2>&1
load_before=$(load)
cpu_before=$(pg_cpu)
start=$(date +%s.%N)
/usr/bin/time -f '%e %U %S %M' -o "$data/time" "$hfhubd" admin --data "$data" --database "$url" "$@"
end=$(date +%s.%N)
sleep 1 # the backend ends after hfhubd, and its time reaches the postmaster's once it is reaped
cpu_after=$(pg_cpu)
read -r wall user sys rss_kib <"$data/time"
echo "load before $load_before, after $(load)"
echo "wall $(echo "$end - $start" | bc) s; hfhubd CPU ${user} + ${sys} s, peak RSS $((rss_kib / 1024)) MiB;" \
  "postgres CPU $(echo "$cpu_after - $cpu_before" | bc) s"
echo "database size $(psql -qtA "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
