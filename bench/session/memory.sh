#!/usr/bin/env bash
# The session's resident memory over an agent's day: 50 open conversations holding 2,000 messages
# (the simulator's seed, then 39 more consumer messages each), every conversation opened once
# (`lpa show`, as an agent works through them), then the session's RSS and Java heap.
# Rerunnable: bench/session/memory.sh   Env: LPA_SESSION_JAVA_OPTS to try other flags.
# Prints one line per measurement; run.sh calls it and puts the figures in RESULTS.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
lpa="$root/lpa"
convs="${CONVS:-50}"
per="${PER:-40}"
work="$(mktemp -d)"
sim_pid=""
cleanup() {
  "$lpa" session stop --keep >/dev/null 2>&1 || true
  [ -z "$sim_pid" ] || kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export LPA_CONFIG_DIR="$work/config" LPA_DATA_DIR="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$work/run"

"$lpa" --version >/dev/null
"$lpa" sim --port 0 --admin --data "$work/sim" > "$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 1 200); do grep -q '^admin API' "$work/sim.out" 2>/dev/null && break; sleep 0.1; done
csds="$(sed -n 's/^CSDS domain: *//p' "$work/sim.out")"
account="$(sed -n 's/^account: *//p' "$work/sim.out")"
ca="$(sed -n 's/^CA file: *//p' "$work/sim.out")"
admin="$(sed -n 's/^admin API: *//p' "$work/sim.out")"
[ -n "$csds" ] || { cat "$work/sim.out" >&2; exit 1; }
echo "agent1-pass" | "$lpa" login --account "$account" --username agent1 --password-stdin --csds "$csds" \
  --ca-file "$ca" >/dev/null
"$lpa" session start >/dev/null
pid="$("$lpa" session status --json | jq -r .pid)"
rss() { ps -o rss= -p "$pid" | tr -d ' '; }
echo "session started: rss $(( $(rss) / 1024 )) MB"

curl -s --cacert "$ca" -X POST -H 'content-type: application/json' \
  -d "{\"count\":$convs,\"agent\":\"agent1\"}" "$admin/seed" >/dev/null
# the rest of each conversation's messages, one keep-alive curl per conversation
"$lpa" list --json | jq -r '.[].id' > "$work/ids"
[ "$(wc -l < "$work/ids")" -ge "$convs" ] || { echo "memory.sh: the seed did not reach the session" >&2; exit 1; }
while read -r id; do
  cfg="$work/curl.cfg"; : > "$cfg"
  for i in $(seq 2 "$per"); do
    [ "$i" = 2 ] || echo next >> "$cfg"
    printf 'url = "%s/conversations/%s/says"\ncacert = "%s"\nheader = "content-type: application/json"\nsilent\noutput = "/dev/null"\ndata = "{\\"text\\":\\"message %d of the day, long enough to look like what a consumer writes when something went wrong with an order\\"}"\n' \
      "$admin" "$id" "$ca" "$i" >> "$cfg"
  done
  curl -K "$cfg"
done < "$work/ids"
sleep 2
while read -r id; do "$lpa" show "$id" --json >/dev/null; done < "$work/ids"
total="$(while read -r id; do "$lpa" show "$id" --json | jq '.messages | length'; done < "$work/ids" | paste -sd+ | bc)"
echo "conversations: $(wc -l < "$work/ids"), messages in the session: $total"
echo "after the day: rss $(( $(rss) / 1024 )) MB"
jcmd "$pid" GC.heap_info 2>/dev/null | sed -n '2,9p' || true
case "${LPA_SESSION_JAVA_OPTS:-}" in
  *NativeMemoryTracking*) jcmd "$pid" VM.native_memory summary | grep -E '^-|committed=' | sed -n '1,60p' ;;
esac
sleep 5
echo "5 s later: rss $(( $(rss) / 1024 )) MB"
