#!/usr/bin/env bash
# Start-up of short commands with and without a background session, against the JVM floor
# (`java -version`) and LivePerson's Node SDK doing the same job (log in, list), in one run on a
# simulator with an agent who has 4 open conversations.
# Rerunnable: bench/session/run.sh   Env: RUNS (default 15), WARMUP (default 2),
# OUT (default bench/session/RESULTS.md). Needs hyperfine, node, jq and conformance/node/node_modules
# (npm ci there once).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
here="$root/bench/session"
runs="${RUNS:-15}"
warmup="${WARMUP:-2}"
out="${OUT:-$here/RESULTS.md}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
lpa="$root/lpa"

for t in hyperfine node jq; do
  command -v "$t" >/dev/null || { echo "run.sh: $t is not installed" >&2; exit 1; }
done
[ -d "$root/conformance/node/node_modules/node-agent-sdk" ] || {
  echo "run.sh: run (cd conformance/node && npm ci) first" >&2; exit 1; }

work="$(mktemp -d)"
sim_pid=""
cleanup() {
  LPA_CONFIG_DIR="$work/config" LPA_DATA_DIR="$work/data" XDG_RUNTIME_DIR="$work/run" \
    "$lpa" session stop --keep >/dev/null 2>&1 || true
  [ -z "$sim_pid" ] || kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export LPA_CONFIG_DIR="$work/config" LPA_DATA_DIR="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$work/run"

"$lpa" --version >/dev/null   # builds the jar and the class-data archive when needed
"$lpa" sim --port 0 --admin --data "$work/sim" > "$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 1 200); do grep -q '^admin API' "$work/sim.out" 2>/dev/null && break; sleep 0.1; done
csds="$(sed -n 's/^CSDS domain: *//p' "$work/sim.out")"
account="$(sed -n 's/^account: *//p' "$work/sim.out")"
ca="$(sed -n 's/^CA file: *//p' "$work/sim.out")"
admin="$(sed -n 's/^admin API: *//p' "$work/sim.out")"
[ -n "$csds" ] || { cat "$work/sim.out" >&2; exit 1; }
user=agent1

echo "$user-pass" | "$lpa" login --account "$account" --username "$user" --password-stdin --csds "$csds" \
  --ca-file "$ca" >/dev/null
# the agent's 4 conversations (Billing: agent1 takes 4 at once; agent4, the only other, never logs in)
"$lpa" session start >/dev/null
"$lpa" state online >/dev/null
for i in 1 2 3 4; do
  curl -s --cacert "$ca" -X POST -H 'content-type: application/json' \
    -d "{\"skillId\":1003,\"consumerName\":\"Bench $i\",\"messages\":[\"hello $i\"]}" "$admin/conversations" >/dev/null
  "$lpa" accept --next --wait 20s >/dev/null
done
"$lpa" state away >/dev/null
count="$("$lpa" list --json | jq length)"
[ "$count" = 4 ] || { echo "run.sh: expected 4 conversations, lpa list shows $count" >&2; exit 1; }
node_count="$(NODE_EXTRA_CA_CERTS="$ca" node "$here/login-and-list.js" "$csds" "$account" "$user" "$user-pass" | jq length)"
[ "$node_count" = 4 ] || { echo "run.sh: the Node SDK script lists $node_count" >&2; exit 1; }

# the launcher prints a help rendered at build time: it must be what lpa itself prints
diff <("$lpa" --help) <("$java_bin" -cp "$root/cli/target/lpa.jar" dev.lpa.cli.Main --help) >/dev/null \
  || { echo "run.sh: the launcher's lpa --help differs from lpa's own" >&2; exit 1; }
log="$("$lpa" session status --json | jq -r .log)"
served_before="$(grep -c 'served: send' "$log" || true)"

# the launcher's work (staleness check, tty flags) is part of what a user waits for: time ./lpa
hyperfine -N -i --warmup "$warmup" --runs "$runs" --style basic --export-json "$work/r.json" \
  -n "java -version" "$java_bin -version" \
  -n "lpa --help" "$lpa --help" \
  -n "lpa list --json (session)" "$lpa list --json" \
  -n "lpa send ID text (session)" "$lpa send $("$lpa" list --json | jq -r '.[0].id') bench" \
  -n "lpa list --json --no-session" "$lpa list --json --no-session" \
  -n "node SDK login-and-list" "env NODE_EXTRA_CA_CERTS=$ca node $here/login-and-list.js $csds $account $user $user-pass" \
  >&2
# the round trip of a send: what the session spent on it (publish and the server's answer)
send_rt="$(grep 'served: send (exit 0' "$log" | tail -n +"$(( served_before + 1 ))" | sed 's/.*, \([0-9]*\) ms).*/\1/' \
  | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
rss_kb="$(ps -o rss= -p "$(LPA_CONFIG_DIR="$work/config" "$lpa" session status --json | jq -r .pid)" | tr -d ' ')"

"$lpa" session stop --keep >/dev/null
# the first command: no session yet, it starts one and runs in it
first=()
for _ in $(seq 1 5); do
  s=$(date +%s%N); "$lpa" list --json >/dev/null; e=$(date +%s%N)
  first+=($(( (e - s) / 1000000 )))
  # the session it started comes up after it: wait, so the next first run finds none
  for _ in $(seq 1 300); do "$lpa" session status >/dev/null 2>&1 && break; sleep 0.1; done
  "$lpa" session stop --keep >/dev/null
done
first_median="$(printf '%s\n' "${first[@]}" | sort -n | sed -n 3p)"

median() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median * 1000 | round' "$work/r.json"; }
jv="$(median "java -version")"; nd="$(median "node SDK login-and-list")"
{
  echo "# Session start-up (bench/session/run.sh)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end,"
  echo "$("$java_bin" -version 2>&1 | head -1), node $(node --version), simulator on 127.0.0.1, agent with 4 open conversations,"
  echo "$runs runs after $warmup warm-up, medians; wall time of ./lpa (launcher included)."
  echo
  echo "| Command | Median [ms] | x java -version | x Node SDK |"
  echo "|:---|---:|---:|---:|"
  for n in "java -version" "lpa --help" "lpa list --json (session)" "lpa send ID text (session)" \
      "lpa list --json --no-session" "node SDK login-and-list"; do
    m="$(median "$n")"
    echo "| \`$n\` | $m | $(jq -n "$m / $jv * 100 | round / 100") | $(jq -n "$m / $nd * 100 | round / 100") |"
  done
  echo "| \`lpa list --json\` (first: runs on its own connection, then starts the session; 5 runs) | $first_median | $(jq -n "$first_median / $jv * 100 | round / 100") | $(jq -n "$first_median / $nd * 100 | round / 100") |"
  echo
  echo "The session's own time for a send (publish to the server's answer, median of its log): $send_rt ms;"
  echo "1.5x java -version plus that: $(jq -n "$jv * 1.5 + $send_rt | round") ms."
  echo
  echo "Session resident memory after the runs: $(( rss_kb / 1024 )) MB."
} > "$out"
cat "$out"
