#!/usr/bin/env bash
# Webhook deliveries against request latency (issue 13): the latency of a repo-info loop (READS
# GETs a second on one keep-alive connection, an open loop that does not saturate the server; and
# wrk's saturated figures beside it) while repo settings change RATE times a second on another
# repo, with WEBHOOKS
# webhooks watching it first disabled (events, no delivery) and then enabled (RATE x WEBHOOKS
# deliveries a second to a receiver on loopback). Phases alternate (off, on, off, on ...) in one
# run; the target is a p50/p99 no more than 10% above the same loop without deliveries.
# See bench/README.md ("Webhooks").
#
# Usage: bench/webhooks_bench.sh
# Knobs (environment): DURATION=15 READS=200 CONNS=8 RATE=25 WEBHOOKS=4 REPEAT=2
#   BUILD_DIR=build/test  HFHUBD= (a binary to use as is)  SKIP_BUILD=1  THREADS=
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DURATION=${DURATION:-15}
CONNS=${CONNS:-8}
READS=${READS:-200}
RATE=${RATE:-25}
WEBHOOKS=${WEBHOOKS:-4}
REPEAT=${REPEAT:-2}
RUN=$HERE/results/webhooks-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN/wrk"
# shellcheck source=bench/load_lib.sh
source "$HERE/load_lib.sh"

need_tools wrk curl python3 nginx
build_hfhubd
HFHUBD_ARGS="--webhook-allow 127.0.0.1/32 ${HFHUBD_ARGS:-}"
start_hfhubd
log "hfhubd $COMMIT (pid $SRV_PID) at $BASE"
# The receiver: nginx answering 200 to every POST, one access-log line per delivery. A cheap
# receiver, because it shares the cores with the server (RECEIVER=python: webhooks_load.py receive).
RECV_DIR=$RUN/receiver
received() {
  if [[ ${RECEIVER:-nginx} == python ]]; then cat "$RUN/received" 2>/dev/null || echo 0; else wc -l <"$RECV_DIR/access.log"; fi
}
start_receiver() {
  mkdir -p "$RECV_DIR"
  RECV_PORT=$(free_port)
  if [[ ${RECEIVER:-nginx} == python ]]; then
    python3 "$HERE/webhooks_load.py" receive --port "$RECV_PORT" --count-file "$RUN/received" &
    PIDS+=($!)
    return
  fi
  cat >"$RECV_DIR/nginx.conf" <<EOF
worker_processes 1;
pid $RECV_DIR/nginx.pid;
error_log $RECV_DIR/error.log warn;
daemon off;
user root;
events { worker_connections 1024; }
http {
  access_log $RECV_DIR/access.log;
  client_body_temp_path $RECV_DIR/tmp-body; proxy_temp_path $RECV_DIR/tmp-proxy;
  fastcgi_temp_path $RECV_DIR/tmp-fcgi; uwsgi_temp_path $RECV_DIR/tmp-uwsgi; scgi_temp_path $RECV_DIR/tmp-scgi;
  server { listen 127.0.0.1:$RECV_PORT; location / { return 200; } }
}
EOF
  nginx -e "$RECV_DIR/error.log" -p "$RECV_DIR" -c "$RECV_DIR/nginx.conf" &
  PIDS+=($!)
  for _ in $(seq 50); do
    curl -fs -o /dev/null -X POST "http://127.0.0.1:$RECV_PORT/" && break
    sleep 0.1
  done
}
start_receiver
IDS=$(python3 "$HERE/webhooks_load.py" setup --base "$BASE" --token "$TOKEN" --receiver "http://127.0.0.1:$RECV_PORT" \
  --webhooks "$WEBHOOKS")
URL="$BASE/api/models/bench/read"
wrk -t1 -c"$CONNS" -d3s "$URL" >/dev/null  # warm-up

# One phase: webhooks on|off, events at RATE/s during the open loop (DURATION s) and then wrk
# (DURATION s); prints "p50 p90 p99 server_cpu% wrk_p50 wrk_p99 wrk_rps delivered/s" (the server's CPU
# during the open loop, in % of one core).
phase() { # state index
  local state=$1 i=$2 before after open gen
  python3 "$HERE/webhooks_load.py" toggle --base "$BASE" --token "$TOKEN" --ids "$IDS" \
    --state "$([[ $state == on ]] && echo enable || echo disable)"
  sleep 2  # deliveries of the previous phase drain
  before=$(received)
  python3 "$HERE/webhooks_load.py" generate --base "$BASE" --token "$TOKEN" --rate "$RATE" \
    --seconds $((2 * DURATION + 2)) >"$RUN/events-$state-$i" &
  gen=$!
  sleep 1
  local cpu0 cpu1
  cpu0=$(awk '{print $14 + $15}' "/proc/$SRV_PID/stat")
  open=$(python3 "$HERE/webhooks_load.py" latency --url "$URL" --rate "$READS" --seconds "$DURATION")
  cpu1=$(awk '{print $14 + $15}' "/proc/$SRV_PID/stat")
  wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "$URL" >"$RUN/wrk/$state-$i.txt"
  wait "$gen"
  sleep 1
  after=$(received)
  python3 - "$RUN/wrk/$state-$i.txt" "$before" "$after" "$((2 * DURATION + 4))" "$open" \
    "$(((cpu1 - cpu0) * 100 / $(getconf CLK_TCK) / DURATION))" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
delivered = (int(sys.argv[3]) - int(sys.argv[2])) / float(sys.argv[4])
p50, p90, p99, _ = sys.argv[5].split()
print(f"{p50} {p90} {p99} {sys.argv[6]} {ms('50'):.3f} {ms('99'):.3f} {rps:.0f} {delivered:.1f}")
PY
}

printf '| phase | run | p50 ms | p90 ms | p99 ms | server CPU %% | wrk p50 ms | wrk p99 ms | wrk requests/s | deliveries/s |\n' >"$RUN/table.md"
printf '|---|---|---|---|---|---|---|---|---|---|\n' >>"$RUN/table.md"
for i in $(seq "$REPEAT"); do
  for state in off on; do
    read -r p50 p90 p99 cpu w50 w99 rps per_s < <(phase "$state" "$i")
    log "webhooks $state, run $i: p50 $p50 ms, p90 $p90, p99 $p99, server CPU $cpu%; wrk p50 $w50, p99 $w99, $rps req/s; $per_s deliveries/s"
    printf '| webhooks %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$state" "$i" "$p50" "$p90" "$p99" "$cpu" "$w50" \
      "$w99" "$rps" "$per_s" >>"$RUN/table.md"
  done
done
echo "hfhubd $COMMIT, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $READS GETs/s then wrk -t1 -c$CONNS -d${DURATION}s on $URL; events $RATE/s x $WEBHOOKS webhooks"
cat "$RUN/table.md"
