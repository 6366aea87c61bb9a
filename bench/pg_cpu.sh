# Sourced by bench/catalog_bench.sh and bench/pg_import_bench.sh (not run).
# pg_cluster_cpu DIR: CPU seconds (user + sys) of every process of the PostgreSQL cluster of
# scripts/pg-bench-server.sh in DIR, ended backends included (once reaped, their time is in the
# postmaster's cutime/cstime). Prints "-" when no cluster runs there.
pg_cluster_cpu() {
  local dir=$1 pm total=0 f
  [[ -n $dir && -f $dir/data/postmaster.pid ]] || { echo "-"; return; }
  pm=$(head -1 "$dir/data/postmaster.pid")
  read -r -a f < <(sed 's/^.*) //' "/proc/$pm/stat")
  total=$((f[11] + f[12] + f[13] + f[14]))
  for child in $(pgrep -P "$pm"); do
    read -r -a f < <(sed 's/^.*) //' "/proc/$child/stat" 2>/dev/null) || continue
    total=$((total + f[11] + f[12]))
  done
  awk -v t="$total" -v h="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", t / h}'
}
