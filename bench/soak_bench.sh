#!/usr/bin/env bash
# Soak benchmark: one hfhubd on a fresh data dir on loopback under a mixed load for SOAK_SECONDS
# (10 min by default): reads (wrk cycling through a one-item listing, repo info, tree, resolves of
# small files and paths-info), committers writing small files in a loop (each commit writes a
# pack; past 32 packs the repo is repacked), and LFS uploads (batch, PUT, commit, then the object
# of two rounds before is deleted, so LFS storage stays bounded). After every INTERVAL of reads it
# samples the server process: open fds, fds on deleted files and the bytes they hold, RSS, the
# data dir's disk use. The read rate and p99 of each interval come from that interval's wrk run.
# In the same run, before the writers start: the read mix alone, and nginx serving a static file
# with the same wrk settings. See bench/README.md ("Soak").
#
# Usage: bench/soak_bench.sh
# Knobs (environment): SOAK_SECONDS=600 INTERVAL=15 COMMITTERS=4 CONNS=8 LFS_MB=4 LFS_PAUSE=1
#   READ_REPOS=4 NOFILE= (server's ulimit -n) THREADS= (server threads; default one per core)
#   BUILD_DIR=build/test  HFHUBD= (a binary to use as is)  SKIP_BUILD=1  KEEP_DATA=1
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SOAK_SECONDS=${SOAK_SECONDS:-600}
INTERVAL=${INTERVAL:-15}
COMMITTERS=${COMMITTERS:-4}
CONNS=${CONNS:-8}
LFS_MB=${LFS_MB:-4}
LFS_PAUSE=${LFS_PAUSE:-1}
READ_REPOS=${READ_REPOS:-4}
RUN=$HERE/results/soak-$(date +%Y%m%d-%H%M%S)
OUT_MD=$HERE/results/soak-latest.md
OUT_PNG=$HERE/results/soak-latest.png
mkdir -p "$RUN"
# shellcheck source=bench/load_lib.sh
source "$HERE/load_lib.sh"

need_tools wrk nginx gnuplot curl python3 du
build_hfhubd
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
start_hfhubd
log "hfhubd $COMMIT (pid $SRV_PID) at $BASE, data in $DATA"

# The committers write to the repos the readers read, so reads follow the packs commits add and
# repacks delete. One more repo takes the LFS uploads.
repos=()
for i in $(seq 0 $((READ_REPOS - 1))); do repos+=("bench/soak$i"); done
READ_LIST=$(IFS=,; echo "${repos[*]}")
python3 "$HERE/soak_load.py" seed --base "$BASE" --token "$TOKEN" --repos "$READ_LIST,bench/lfs"
capture_bodies bench/soak0
start_nginx

log "soak: ${SOAK_SECONDS}s, $COMMITTERS committers, LFS ${LFS_MB} MiB every ${LFS_PAUSE}s, wrk -c$CONNS, a sample every ${INTERVAL}s"
python3 "$HERE/soak_load.py" soak --base "$BASE" --token "$TOKEN" --pid "$SRV_PID" --data "$DATA" \
  --seconds "$SOAK_SECONDS" --interval "$INTERVAL" --conns "$CONNS" --committers "$COMMITTERS" \
  --commit-repos "$READ_LIST" --read-repos "$READ_LIST" --lfs-repo bench/lfs --lfs-mb "$LFS_MB" \
  --lfs-pause "$LFS_PAUSE" --nginx-url "$NGX_BASE/bench/soak0/resolve/main/config.json" \
  --run "$RUN" --csv "$RUN/soak.csv" --summary "$RUN/summary.json" || SOAK_FAILED=1
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
NOFILE_SRV=$(awk '/Max open files/{print $4}' "/proc/$SRV_PID/limits" 2>/dev/null || echo "?")
kill -0 "$SRV_PID" 2>/dev/null || log "WARNING: hfhubd is no longer running: $(tail -3 "$RUN/hfhubd.log")"

# --- plot ---------------------------------------------------------------------------------------
gnuplot <<EOF
set terminal pngcairo size 1000,720 font ",9"
set output "$RUN/soak.png"
set datafile separator ","
set key autotitle columnhead top left
set multiplot layout 2,2 title "hfhubd soak: $COMMITTERS committers, LFS uploads, wrk -c$CONNS read mix (commit $COMMIT)"
set xlabel "time (s)"
set grid
set title "open fds"
plot "$RUN/soak.csv" using 1:13 with linespoints title "all fds", "" using 1:14 with linespoints title "fds on deleted files"
set title "memory (MiB)"
plot "$RUN/soak.csv" using 1:16 with linespoints title "RSS"
set title "disk (MiB)"
plot "$RUN/soak.csv" using 1:17 with linespoints title "data dir (du)", "" using 1:15 with linespoints title "held by deleted open files"
set title "reads: p99 (ms, log scale) and rate (req/s)"
set logscale y
set y2tics
set ytics nomirror
plot "$RUN/soak.csv" using 1:5 with linespoints title "p99 ms", "" using 1:3 axes x1y2 with linespoints title "reads/s (right)"
unset multiplot
EOF
cp "$RUN/soak.png" "$OUT_PNG"

# --- report -------------------------------------------------------------------------------------
{
  echo "# Soak benchmark: latest run"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); commit measured: \`$COMMIT\`; hfhubd \`--threads ${THREADS:-default}\`, \`ulimit -n\` $NOFILE_SRV"
  echo "- machine: $(machine_line)"
  echo "- load average (1/5/15 min): at start $LOAD_START; at end $LOAD_END (includes this run's own load)"
  echo "- load: ${SOAK_SECONDS}s; reads: \`wrk -t1 -c$CONNS\` cycling through $((1 + 5 * READ_REPOS)) requests (listing, repo info, tree, 2 resolves, paths-info on $READ_REPOS repos); $COMMITTERS committers (one small file per commit); one LFS upload of $LFS_MB MiB every ${LFS_PAUSE}s"
  echo "- one row per ${INTERVAL}s wrk interval; the process is sampled right after it. \`reads-alone\`: before any write; \`after-load\`: ${INTERVAL}s of reads after the writers stopped"
  echo "- raw: \`${RUN#"$ROOT"/}\` (soak.csv, wrk.txt, hfhubd.log); plot: \`${OUT_PNG#"$ROOT"/}\`"
  [[ -z ${SOAK_FAILED:-} ]] || echo "- **the load driver stopped early** (server gone or wrk failed): the rows below are what it recorded; see the log"
  echo
  python3 "$HERE/soak_load.py" report --csv "$RUN/soak.csv" --summary "$RUN/summary.json"
} >"$RUN/results.md"
cp "$RUN/results.md" "$OUT_MD"
cat "$OUT_MD"
log "written $OUT_MD and $OUT_PNG (raw: $RUN)"
[[ -z ${SOAK_FAILED:-} ]] || die "the load driver stopped early"
