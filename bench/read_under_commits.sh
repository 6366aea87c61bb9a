#!/usr/bin/env bash
# Reads while commits run (issue 9, defect 4): the rate and p99 of two cheap reads measured with
# wrk alone, then again while K committers commit small files in a loop to other repos of the
# same server. Target: during the commits, reads keep >= 80% of their rate alone and a p99 under
# 20 ms. In the same run, nginx serves the very same bytes at the same URLs, alone and while
# hfhubd commits (what the commits' CPU costs a static-file server on the same cores).
# See bench/README.md ("Reads under commits").
#
# Usage: bench/read_under_commits.sh
# Knobs (environment): DURATION=10 WARMUP=3 CONNS=32 COMMITTERS=4 REPEAT=3
#   THREADS= (server threads and nginx workers; default one per core)
#   BUILD_DIR=build/test  HFHUBD= (a binary to use as is)  SKIP_BUILD=1
#   HFHUBD_ARGS= (extra serve flags, e.g. "--bulk-nice 19")
#   COMMITTER_NICE=0 (nice of the committer processes: 19 leaves the cores to the servers, as
#   clients on other machines would)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNS=${CONNS:-32}
COMMITTERS=${COMMITTERS:-4}
REPEAT=${REPEAT:-3}
RUN=$HERE/results/reads-commits-$(date +%Y%m%d-%H%M%S)
OUT_MD=$HERE/results/reads-commits-latest.md
mkdir -p "$RUN/wrk"
# shellcheck source=bench/load_lib.sh
source "$HERE/load_lib.sh"

need_tools wrk nginx curl python3
build_hfhubd
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
start_hfhubd
log "hfhubd $COMMIT (pid $SRV_PID) at $BASE"
READ_REPO=bench/read
commit_repos=()
for i in $(seq 0 $((COMMITTERS - 1))); do commit_repos+=("bench/commit$i"); done
COMMIT_LIST=$(IFS=,; echo "${commit_repos[*]}")
python3 "$HERE/soak_load.py" seed --base "$BASE" --token "$TOKEN" --repos "$READ_REPO,$COMMIT_LIST"
capture_bodies "$READ_REPO"
start_nginx
for u in "/api/models?limit=1" "/$READ_REPO/resolve/main/config.json"; do
  cmp -s <(curl -fsS "$BASE$u") <(curl -fsS "$NGX_BASE$u") || die "nginx body differs for $u"
done

cat >"$RUN/report.lua" <<'EOF'
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d max_us=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout + e.status))
end
EOF

declare -A PATHS=([list1]="/api/models?limit=1" [resolve]="/$READ_REPO/resolve/main/config.json")
printf 'request\tserver\tcondition\trep\trps\tp50_us\tp99_us\tmax_us\terrors\tcommits_per_s\tcommit_p99_ms\tcommit_errors\tload1\n' >"$RUN/rows.tsv"

# args: request server condition rep base; with condition=commits, committers run around the wrk run.
measure() {
  local req=$1 server=$2 cond=$3 rep=$4 base=$5 cpid= out=$RUN/wrk/$1-$2-$3-r$4
  if [[ $cond == commits ]]; then
    nice -n "${COMMITTER_NICE:-0}" python3 "$HERE/soak_load.py" commit --base "$BASE" --token "$TOKEN" --commit-repos "$COMMIT_LIST" \
      --committers "$COMMITTERS" --seconds $((DURATION + 3)) >"$out.commits.json" &
    cpid=$!
    PIDS+=("$cpid")
    sleep 2 # the committers are under way (and repacking) before wrk starts
  fi
  timeout $((DURATION + 60)) wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 5s --latency -s "$RUN/report.lua" \
    "$base${PATHS[$req]}" >"$out.txt" 2>&1 || die "wrk failed: $(tail -3 "$out.txt")"
  local commits="-" cp99="-" cerr="-"
  if [[ -n $cpid ]]; then
    wait "$cpid" || die "committers failed"
    PIDS=("${PIDS[@]/$cpid/}")
    read -r commits cp99 cerr < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["commits_per_s"], round(d["p99_ms"]) if d["p99_ms"] else "-", d["errors"])' "$out.commits.json")
  fi
  local kv rps p50_us p99_us max_us errors
  kv=$(grep -m1 '^RESULT' "$out.txt" | sed 's/^RESULT //') || die "no RESULT in $out.txt"
  eval "$kv"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$req" "$server" "$cond" "$rep" "$rps" "$p50_us" "$p99_us" \
    "$max_us" "$errors" "$commits" "$cp99" "$cerr" "$(cut -d' ' -f1 /proc/loadavg)" >>"$RUN/rows.tsv"
  log "$(printf '%-8s %-6s %-7s r%s %9.0f req/s  p99 %7.2f ms  errors %s  commits/s %s (p99 %s ms, %s failed)' \
    "$req" "$server" "$cond" "$rep" "$rps" "$(awk -v x="$p99_us" 'BEGIN{print x/1000}')" "$errors" "$commits" "$cp99" "$cerr")"
}

for req in list1 resolve; do
  for b in "$BASE" "$NGX_BASE"; do
    timeout $((WARMUP + 30)) wrk -t1 -c"$CONNS" -d"${WARMUP}s" "$b${PATHS[$req]}" >/dev/null 2>&1 || true
  done
  # Alone and during commits, hfhubd and nginx alternating, so all four see the same share of
  # whatever else the machine is doing.
  for rep in $(seq "$REPEAT"); do
    measure "$req" hfhubd alone "$rep" "$BASE"
    measure "$req" nginx alone "$rep" "$NGX_BASE"
    measure "$req" hfhubd commits "$rep" "$BASE"
    measure "$req" nginx commits "$rep" "$NGX_BASE"
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -------------------------------------------------------------------------------------
med() { # request server condition column -> median over the repetitions
  awk -F'\t' -v q="$1" -v s="$2" -v c="$3" -v col="$4" '
    NR == 1 { for (i = 1; i <= NF; i++) idx[$i] = i; next }
    $1 == q && $2 == s && $3 == c { print $idx[col] }' "$RUN/rows.tsv" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ms() { awk -v x="$1" 'BEGIN{ printf "%.2f", x / 1000 }'; }
{
  echo "# Reads under commits: latest run"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); commit measured: \`$COMMIT\`; hfhubd \`--threads ${THREADS:-default}\`, nginx $(nginx -v 2>&1 | cut -d/ -f2) with as many workers, no pinning"
  echo "- machine: $(machine_line)"
  echo "- load average (1/5/15 min): at start $LOAD_START; at end $LOAD_END (includes this run's own load)"
  echo "- \`wrk -t1 -c$CONNS -d${DURATION}s\`, $REPEAT runs of each, alternating; medians. During commits: $COMMITTERS committers (one keep-alive connection each, one small file per commit, each to its own repo, past 32 packs a repack), started 2 s before wrk"
  echo "- raw: \`${RUN#"$ROOT"/}\`"
  echo
  echo "| request | server | alone req/s | alone p99 ms | during commits req/s | during commits p99 ms | during / alone | commits/s | commit p99 ms |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for req in list1 resolve; do
    for s in hfhubd nginx; do
      a=$(med "$req" "$s" alone rps)
      d=$(med "$req" "$s" commits rps)
      echo "| \`${PATHS[$req]}\` | $s | $(printf %.0f "$a") | $(ms "$(med "$req" "$s" alone p99_us)") | $(printf %.0f "$d") | $(ms "$(med "$req" "$s" commits p99_us)") | $(awk -v a="$a" -v d="$d" 'BEGIN{printf "%.2f", d / a}') | $(med "$req" "$s" commits commits_per_s) | $(med "$req" "$s" commits commit_p99_ms) |"
    done
  done
  echo
  echo "Targets (hfhubd):"
  echo
  echo "| request | during / alone ≥ 0.80 | p99 during commits < 20 ms |"
  echo "|---|---|---|"
  for req in list1 resolve; do
    a=$(med "$req" hfhubd alone rps)
    d=$(med "$req" hfhubd commits rps)
    p=$(med "$req" hfhubd commits p99_us)
    echo "| \`${PATHS[$req]}\` | $(awk -v a="$a" -v d="$d" 'BEGIN{r = d / a; printf "%.2f %s", r, (r >= 0.8) ? "PASS" : "**FAIL**"}') | $(awk -v p="$p" 'BEGIN{printf "%.2f ms %s", p / 1000, (p < 20000) ? "PASS" : "**FAIL**"}') |"
  done
  echo
  echo "req/s of each run (the spread is the machine's noise):"
  echo
  for req in list1 resolve; do
    for s in hfhubd nginx; do
      for c in alone commits; do
        echo "- \`${PATHS[$req]}\` $s $c: $(awk -F'\t' -v q="$req" -v s="$s" -v c="$c" '$1 == q && $2 == s && $3 == c { printf "%s%.0f", sep, $5; sep = ", " }' "$RUN/rows.tsv")"
      done
    done
  done
  errs=$(awk -F'\t' 'NR > 1 { e += $9 } END { print e + 0 }' "$RUN/rows.tsv")
  cerrs=$(awk -F'\t' 'NR > 1 && $12 != "-" { e += $12 } END { print e + 0 }' "$RUN/rows.tsv")
  echo
  echo "Read errors (socket or non-2xx) over all runs: $errs; failed commits: $cerrs."
} >"$RUN/results.md"
cp "$RUN/results.md" "$OUT_MD"
cat "$OUT_MD"
log "written $OUT_MD (raw: $RUN)"
