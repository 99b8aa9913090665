#!/usr/bin/env bash
# The manager's console (`lpa tui`, the launcher's JVM flags) on the All tab at contact-center
# scale, with LivePerson's node-agent-sdk listing the same conversations in the same run:
#
#   bench/console/run.sh            # both jobs below
#   bench/console/run.sh speed      # N open conversations: time until the All tab shows them (vs the
#                                   # SDK's list-all.js), then CPU per message while consumers write
#   bench/console/run.sh memory     # MEM_N conversations of MEM_MESSAGES messages each: RSS while they write
#
# Env: N (default 5000), RUNS (default 3; medians), RATE (messages/s, default 50), DURATION (s, default 20),
# MEM_N (default 10000), MEM_MESSAGES (default 10: 100,000 messages), LPA (the launcher, default ./lpa:
# another tree's launcher for a before/after run), MVN_FLAGS (default -o), KEEP=1 keeps the work folder.
# The console runs in a private tmux server at 200x50; "shows the list" is the first capture with
# the All tab's count equal to the seeded conversations and a seeded consumer's row on screen.
# CPU is the console JVM's utime+stime (/proc/PID/stat) over the writing and 3 s after it, divided
# by the messages sent; RSS is VmRSS/VmHWM (/proc/PID/status). Needs node, tmux, `npm ci` in conformance/node.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
JOB="${1:-all}"
N="${N:-5000}"
RUNS="${RUNS:-3}"
RATE="${RATE:-50}"
DURATION="${DURATION:-20}"
MEM_N="${MEM_N:-10000}"
MEM_MESSAGES="${MEM_MESSAGES:-10}"
LPA="${LPA:-$ROOT/lpa}"
MVN_FLAGS="${MVN_FLAGS--o}"
ACCOUNT=90233546
# the console measured is the one in the JVM tmux starts: with a background session running (the
# bench's `lpa list` would start one) `lpa tui` attaches to it and that JVM only relays the terminal
export LPA_SESSION=off
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lpa-console.XXXXXX")"
TMUX_SOCK="lpa-bench-$$"
SIM_PID=""
HZ="$(getconf CLK_TCK)"

[ -d conformance/node/node_modules/node-agent-sdk ] || { echo "run 'npm ci' in conformance/node first" >&2; exit 1; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }

# stop_console: ends the tmux server and waits for the console's JVM to be gone (a console still
# shutting down also answers the next `lpa list` as a running session would, which made it look fast)
stop_console() {
  tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
  if [ -n "${CONSOLE_PID:-}" ]; then
    for _ in $(seq 1 100); do kill -0 "$CONSOLE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$CONSOLE_PID" 2>/dev/null || true
    CONSOLE_PID=""
  fi
}
stop_sim() {
  if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill "$SIM_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SIM_PID" 2>/dev/null || true
  fi
  SIM_PID=""
}
cleanup() { stop_console; stop_sim; [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

echo "== building the simulator and lpa" >&2
# shellcheck disable=SC2086
./mvnw -B -q $MVN_FLAGS -pl sim compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/sim.cp" >&2
"$LPA" --version >/dev/null

# start_sim N M: a fresh simulator, N open conversations on manager1's team with M messages each
start_sim() {
  rm -rf "$WORK/sim-data"
  java -XX:+UseSerialGC -cp "sim/target/classes:$(cat "$WORK/sim.cp")" dev.lpa.sim.SimMain --port 0 \
    --data "$WORK/sim-data" --seed-conversations "$1" --seed-messages "$2" >"$WORK/sim.log" 2>&1 &
  SIM_PID=$!
  local ready=""
  for _ in $(seq 1 1200); do
    ready="$(grep -m1 '^lpa-sim listening on ' "$WORK/sim.log" 2>/dev/null || true)"
    [ -n "$ready" ] && break
    kill -0 "$SIM_PID" 2>/dev/null || { echo "the simulator exited:" >&2; cat "$WORK/sim.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "the simulator did not start" >&2; exit 1; }
  BASE="$(sed -E 's#^lpa-sim listening on (https://[^ ]+).*#\1#' <<<"$ready")"
  PORT="$(sed -E 's#^https://[^:]+:([0-9]+).*#\1#' <<<"$BASE")"
  CA="$(sed -E 's/.* ca=(.*)$/\1/' <<<"$ready")"
  grep -m1 'seeded' "$WORK/sim.log" | sed 's/^/   /' >&2 || true
}

login_manager() {
  export LPA_CONFIG_DIR="$WORK/lpa/config" LPA_DATA_DIR="$WORK/lpa/data"
  rm -rf "$WORK/lpa"
  echo "manager1-pass" | "$LPA" login --account "$ACCOUNT" --username manager1 --csds "127.0.0.1:$PORT" \
    --ca-file "$CA" --password-stdin >/dev/null
}

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
screen_text() { tmux -L "$TMUX_SOCK" capture-pane -p -t bench 2>/dev/null || true; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

# start_console: runs `lpa tui` at 200x50; sets CONSOLE_PID (the JVM) and CONSOLE_T0
start_console() {
  stop_console
  CONSOLE_T0=$(date +%s%N)
  tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s bench -x 200 -y 50 \
    "exec env LPA_CONFIG_DIR='$LPA_CONFIG_DIR' LPA_DATA_DIR='$LPA_DATA_DIR' TERM=xterm-256color '$LPA' tui 2>'$WORK/tui.err'"
  CONSOLE_PID="$(tmux -L "$TMUX_SOCK" display-message -p -t bench '#{pane_pid}')"
}

# wait_all_tab COUNT: presses the tab key once the My tab shows, returns when the All tab shows
# COUNT conversations with a seeded row on screen; prints the milliseconds since start_console
wait_all_tab() {
  local want="$1" pressed="" s n
  for _ in $(seq 1 6000); do
    s="$(screen_text)"
    if [ -z "$pressed" ] && grep -q '\[My [0-9,]*\]' <<<"$s"; then
      tmux -L "$TMUX_SOCK" send-keys -t bench t
      pressed=1
    fi
    n="$(grep -oE '\[All [0-9,]+\]' <<<"$s" | head -1 | tr -dc '0-9')"
    if [ -n "$n" ] && [ "$n" -ge "$want" ] && grep -q 'Seed Consumer' <<<"$s"; then
      ms "$CONSOLE_T0"
      return 0
    fi
    kill -0 "$CONSOLE_PID" 2>/dev/null || { echo "the console exited:" >&2; cat "$WORK/tui.err" >&2; exit 1; }
    sleep 0.05
  done
  echo "the All tab did not show $want conversations in 300 s; last screen:" >&2
  screen_text >&2
  exit 1
}

sdk_list_ms() {
  local t
  t=$(date +%s%N)
  NODE_EXTRA_CA_CERTS="$CA" node bench/scale/list-all.js --csds="127.0.0.1:$PORT" --account="$ACCOUNT" \
    --user=manager1 --password=manager1-pass >"$WORK/sdk.jsonl" 2>/dev/null
  ms "$t"
}

# drive: RATE messages/s for DURATION s; prints "CPU-ms sent" of the console over the writing and 3 s after
drive() {
  local c0 c1 out sent
  c0=$(cpu_ticks "$CONSOLE_PID")
  out="$(NODE_EXTRA_CA_CERTS="$CA" node bench/console/say.js --base="$BASE" --rate="$RATE" --seconds="$DURATION")"
  sleep 3
  c1=$(cpu_ticks "$CONSOLE_PID")
  sent="$(sed -E 's/^sent ([0-9]+).*/\1/' <<<"$out")"
  echo "$(( (c1 - c0) * 1000 / HZ )) $sent"
}

# live_heap_mb PID: what the heap holds after a full GC (after RSS was read: the GC may shrink it)
live_heap_mb() {
  local java jcmd
  java="$(readlink -f "/proc/$1/exe")"; jcmd="${java%/java}/jcmd"
  [ -x "$jcmd" ] || { echo "?"; return; }
  "$jcmd" "$1" GC.run >/dev/null 2>&1 || { echo "?"; return; }
  "$jcmd" "$1" GC.heap_info 2>/dev/null | awk '/(generation|DefNew|Tenured) +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i+1); sub(/K,?/, "", v); s += v}} END {printf "%d", s / 1024}'
}

idle_cpu_ms_per_s() {
  local c0 c1
  c0=$(cpu_ticks "$CONSOLE_PID"); sleep 10; c1=$(cpu_ticks "$CONSOLE_PID")
  echo $(( (c1 - c0) * 1000 / HZ / 10 ))
}

speed_job() {
  echo "## console, All tab, $N open conversations (1 message each), medians of $RUNS"
  echo
  echo "| run | list shows ms | SDK list ms | ratio | lpa list --all --json ms | idle CPU ms/s | CPU ms over ${RATE}/s x ${DURATION} s | messages | CPU ms/message | same, the next ${DURATION} s | VmRSS MB | VmHWM MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  start_sim "$N" 1
  login_manager
  local lists=() sdks=() cls=() per=() per2=() rss=() hwm=() r l sd cl t idle cpu sent p cpu2 sent2 p2
  for r in $(seq 1 "$RUNS"); do
    sd=$(sdk_list_ms)
    # the same workspace start without a screen: what of "list shows" is core's, not the console's
    t=$(date +%s%N); "$LPA" list --all --json >/dev/null; cl=$(ms "$t")
    start_console
    l=$(wait_all_tab "$N")
    sleep 3
    idle=$(idle_cpu_ms_per_s)
    read -r cpu sent < <(drive)
    p=$(awk -v a="$cpu" -v b="$sent" 'BEGIN {printf "%.2f", a / b}')
    # the same load again: the first window also pays the JIT compiling what the messages run
    read -r cpu2 sent2 < <(drive)
    p2=$(awk -v a="$cpu2" -v b="$sent2" 'BEGIN {printf "%.2f", a / b}')
    lists+=("$l"); sdks+=("$sd"); per+=("$p"); per2+=("$p2")
    rss+=("$(( $(status_kb "$CONSOLE_PID" VmRSS) / 1024 ))"); hwm+=("$(( $(status_kb "$CONSOLE_PID" VmHWM) / 1024 ))")
    cls+=("$cl")
    echo "| $r | $l | $sd | $(awk -v a="$l" -v b="$sd" 'BEGIN {printf "%.2f", a / b}') | $cl | $idle | $cpu | $sent | $p | $p2 | ${rss[-1]} | ${hwm[-1]} |"
    stop_console
  done
  local ml ms_
  ml=$(echo "${lists[*]}" | median); ms_=$(echo "${sdks[*]}" | median)
  echo "| median | $ml | $ms_ | $(awk -v a="$ml" -v b="$ms_" 'BEGIN {printf "%.2f", a / b}') | $(echo "${cls[*]}" | median) | | | | $(echo "${per[*]}" | median) | $(echo "${per2[*]}" | median) | $(echo "${rss[*]}" | median) | $(echo "${hwm[*]}" | median) |"
  echo
  stop_sim
}

memory_job() {
  echo "## console, All tab, $MEM_N open conversations x $MEM_MESSAGES messages, then ${RATE}/s x ${DURATION} s"
  echo
  echo "| run | list shows ms | SDK list ms | VmRSS MB at list | CPU ms/message | VmRSS MB after | VmHWM MB | heap live after a full GC MB |"
  echo "|---|---|---|---|---|---|---|---|"
  start_sim "$MEM_N" "$MEM_MESSAGES"
  login_manager
  local r l sd rss0 cpu sent rss1 hwm1
  for r in $(seq 1 "$RUNS"); do
    sd=$(sdk_list_ms)
    start_console
    l=$(wait_all_tab "$MEM_N")
    rss0=$(( $(status_kb "$CONSOLE_PID" VmRSS) / 1024 ))
    read -r cpu sent < <(drive)
    rss1=$(( $(status_kb "$CONSOLE_PID" VmRSS) / 1024 )); hwm1=$(( $(status_kb "$CONSOLE_PID" VmHWM) / 1024 ))
    echo "| $r | $l | $sd | $rss0 | $(awk -v a="$cpu" -v b="$sent" 'BEGIN {printf "%.2f", a / b}') | $rss1 | $hwm1 | $(live_heap_mb "$CONSOLE_PID") |"
    stop_console
  done
  echo
  stop_sim
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
case "$JOB" in
  speed) speed_job ;;
  memory) memory_job ;;
  all) speed_job; memory_job ;;
  *) echo "usage: bench/console/run.sh [speed|memory|all]" >&2; exit 2 ;;
esac
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
