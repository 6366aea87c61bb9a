#!/usr/bin/env bash
# The floor under a 3M-catalog import (bench/README.md "Why 50,000 rows/s is out of reach"):
# the cost of the tag rows alone, with the narrowest rows a tag-filtered listing index can have.
# The 4.5M-repo catalog has 37.5M tag rows (~8.3 per repo); a tag-filtered page sorted by
# createdAt or by likes walks one tag's entries in page order, so an import must produce both
# orders. Here the rows are integers only (repo, type, tag id, created, likes: no tag text, no
# 24-character tie-breaker), in a database holding nothing else:
#   SQLite: write the rows, then CREATE INDEX in each order, with 0 and with 2 sorter threads;
#           LIVE=1 also times keeping the createdAt index up to date while the rows arrive in
#           creation order, instead of sorting afterwards.
#   PostgreSQL (PG_DIR=<cluster of scripts/pg-bench-server.sh>): the same rows and two indexes in
#           one transaction, as the bulk load does, with the cluster's CPU.
# Usage: [ROWS=37500000] [LIVE=1] [PG_DIR=/work/pg3m] bench/tag_index_bound.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${ROWS:-37500000}
work=$(mktemp -d "${TMPDIR:-/var/tmp}/tag-index-bound.XXXXXX")
trap 'rm -rf "$work"' EXIT
log() { printf '[tag-index-bound %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
echo "rows: $rows; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# SQLite's own shell prints "Run Time: real R user U sys S" per statement with .timer on; the
# bulk load's settings: rollback journal, 4 MiB page cache (= sort run size), runs in files.
sqlite_step() { # label sql...
  local label=$1
  shift
  {
    echo "PRAGMA journal_mode=DELETE; PRAGMA temp_store=FILE;"
    printf '%s\n' "$@"
  } | sqlite3 "$work/tags.db" | awk -v l="$label" '/^Run Time/ {r = $4; u = $6; s = $8} END {
    printf "| SQLite | %s | %.1f | %.1f |\n", l, r, u + s }'
}
narrow='(repo INTEGER NOT NULL, type INTEGER NOT NULL, tag INTEGER NOT NULL, created INTEGER NOT NULL, likes INTEGER NOT NULL)'

echo
echo "| engine | step | wall s | CPU s |"
echo "|---|---|---:|---:|"
log "SQLite $(sqlite3 --version | cut -d' ' -f1): generating $rows rows"
# Generated once (random tags among 3,000, 70% of likes 0), then copied: the copy is the write.
sqlite_step "generate the rows (recursive CTE, random values)" "CREATE TABLE src $narrow;" ".timer on" \
  "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $rows - 1)
   INSERT INTO src SELECT i / 8, (i / 8) % 3, abs(random()) % 3000, 1600000000000 + i * 7,
     CASE WHEN abs(random()) % 10 < 7 THEN 0 ELSE abs(random()) % 500 END FROM c;"
sqlite_step "write the rows (INSERT … SELECT)" "PRAGMA cache_size=-1048576;" "CREATE TABLE t $narrow;" ".timer on" \
  "INSERT INTO t SELECT * FROM src ORDER BY rowid;"
for threads in 0 2; do
  sqlite_step "index (type, tag, created, repo), $threads sorter threads" "PRAGMA cache_size=-4096;" \
    "PRAGMA threads=$threads;" ".timer on" "CREATE INDEX by_created_$threads ON t(type, tag, created, repo);"
  sqlite_step "index (type, tag, likes, repo), $threads sorter threads" "PRAGMA cache_size=-4096;" \
    "PRAGMA threads=$threads;" ".timer on" "CREATE INDEX by_likes_$threads ON t(type, tag, likes, repo);"
done
if [[ ${LIVE:-0} == 1 ]]; then
  sqlite_step "write the rows into a table with the createdAt index (kept up to date)" "PRAGMA cache_size=-1048576;" \
    "CREATE TABLE live $narrow;" "CREATE INDEX live_by_created ON live(type, tag, created, repo);" ".timer on" \
    "INSERT INTO live SELECT * FROM src ORDER BY rowid;"
fi
rm -f "$work/tags.db"

if [[ -n ${PG_DIR:-} ]]; then
  # shellcheck source=bench/pg_cpu.sh
  source "$root/bench/pg_cpu.sh"
  base=$("$root/scripts/pg-bench-server.sh" url "$PG_DIR")
  db=tag_index_bound
  PGOPTIONS=--client-min-messages=warning psql -q "$base" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  url=${base%/postgres}/$db
  log "PostgreSQL: $rows rows and two indexes in one transaction"
  cpu0=$(pg_cluster_cpu "$PG_DIR")
  psql -q "$url" -v ON_ERROR_STOP=1 >"$work/pg.out" <<EOF
SET maintenance_work_mem = '1GB';
BEGIN;
CREATE TABLE t(repo int8 NOT NULL, type int2 NOT NULL, tag int4 NOT NULL, created int8 NOT NULL, likes int4 NOT NULL);
\\timing on
INSERT INTO t SELECT i / 8, (i / 8) % 3, (random() * 3000)::int4, 1600000000000 + i * 7,
  CASE WHEN random() < 0.7 THEN 0 ELSE (random() * 500)::int4 END FROM generate_series(0, $rows - 1) i;
CREATE INDEX by_created ON t(type, tag, created, repo);
CREATE INDEX by_likes ON t(type, tag, likes, repo);
COMMIT;
EOF
  sleep 1 # ended backends' CPU reaches the postmaster's once reaped
  cpu1=$(pg_cluster_cpu "$PG_DIR")
  psql -q "$base" -c "DROP DATABASE $db" >/dev/null
  grep '^Time:' "$work/pg.out" | awk '{print $2 / 1000}' | {
    read -r gen
    read -r created
    read -r likes
    read -r commit
    printf '| PostgreSQL | generate and write the rows (INSERT … SELECT generate_series) | %.1f | |\n' "$gen"
    printf '| PostgreSQL | index (type, tag, created, repo), 2 maintenance workers | %.1f | |\n' "$created"
    printf '| PostgreSQL | index (type, tag, likes, repo), 2 maintenance workers | %.1f | |\n' "$likes"
    printf '| PostgreSQL | commit | %.1f | |\n' "$commit"
    printf '| PostgreSQL | all of it (the cluster'"'"'s processes) | %.1f | %.1f |\n' \
      "$(awk -v a="$gen" -v b="$created" -v c="$likes" -v d="$commit" 'BEGIN{print a + b + c + d}')" \
      "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN{print b - a}')"
  }
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
