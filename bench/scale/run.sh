#!/usr/bin/env bash
# Scale benchmarks, lpa against LivePerson's node-agent-sdk 1.2.0 on the same simulator, same run:
#
#   bench/scale/run.sh list      # manager1: `lpa list --all --json` vs list-all.js over SIZES open conversations
#   bench/scale/run.sh return    # agent1 holding RETURN_N: `lpa mq return-all --yes` vs return-all.js (one awaited request at a time)
#   bench/scale/run.sh           # both
#
# Env: SIZES (default "1000 5000 10000"), RUNS (default 5; medians, for both jobs), RETURN_N (default 1000),
# CONCURRENCY (lpa mq return-all --concurrency, default 32), LPA (the launcher, default ./lpa:
# point it at another tree's launcher for a before/after run), MVN_FLAGS (default -o).
# lpa runs without a background session (LPA_SESSION=off): each run logs in, connects and
# subscribes, as the SDK script does.
# Prints one markdown table per job; each simulator it starts is stopped when it ends.
# Needs node and `npm ci` once in conformance/node.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
JOB="${1:-all}"
SIZES="${SIZES:-1000 5000 10000}"
RUNS="${RUNS:-5}"
RETURN_N="${RETURN_N:-1000}"
CONCURRENCY="${CONCURRENCY:-32}"
LPA="${LPA:-$ROOT/lpa}"
MVN_FLAGS="${MVN_FLAGS--o}"
ACCOUNT=90233546
# every lpa run is a one-shot on its own connection, as the SDK script is: a background session
# (which a first command would start) would answer later runs from a connection already up
export LPA_SESSION=off
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lpa-scale.XXXXXX")"
SIM_PID=""

[ -d conformance/node/node_modules/node-agent-sdk ] || { echo "run 'npm ci' in conformance/node first" >&2; exit 1; }

stop_sim() {
  if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill "$SIM_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SIM_PID" 2>/dev/null || true
  fi
  SIM_PID=""
}
cleanup() { stop_sim; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

echo "== building the simulator and lpa" >&2
# shellcheck disable=SC2086
./mvnw -B -q $MVN_FLAGS -pl sim compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/sim.cp" >&2
"$LPA" --version >/dev/null

# start_sim N [AGENT]: a fresh simulator seeded with N open conversations (manager1's team, or all on AGENT)
start_sim() {
  local n="$1" agent="${2:-}"
  rm -rf "$WORK/sim-data"
  java -XX:+UseSerialGC -cp "sim/target/classes:$(cat "$WORK/sim.cp")" dev.lpa.sim.SimMain --port 0 \
    --data "$WORK/sim-data" --seed-conversations "$n" ${agent:+--seed-agent "$agent"} >"$WORK/sim.log" 2>&1 &
  SIM_PID=$!
  local ready=""
  for _ in $(seq 1 1200); do
    ready="$(grep -m1 '^lpa-sim listening on ' "$WORK/sim.log" 2>/dev/null || true)"
    [ -n "$ready" ] && break
    kill -0 "$SIM_PID" 2>/dev/null || { echo "the simulator exited:" >&2; cat "$WORK/sim.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "the simulator did not start" >&2; exit 1; }
  PORT="$(sed -E 's#^lpa-sim listening on https://[^:]+:([0-9]+).*#\1#' <<<"$ready")"
  CA="$(sed -E 's/.* ca=(.*)$/\1/' <<<"$ready")"
  # the line can come before the CA file is on disk
  for _ in $(seq 1 100); do [ -s "$CA" ] && break; sleep 0.1; done
}

# lpa_login USER: a fresh profile (config and store) in $WORK/lpa-USER
lpa_login() {
  export LPA_CONFIG_DIR="$WORK/lpa-$1/config" LPA_DATA_DIR="$WORK/lpa-$1/data"
  rm -rf "$WORK/lpa-$1"
  echo "$1-pass" | "$LPA" login --account "$ACCOUNT" --username "$1" --csds "127.0.0.1:$PORT" --ca-file "$CA" \
    --password-stdin >/dev/null
}

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

sdk() { NODE_EXTRA_CA_CERTS="$CA" node "bench/scale/$1" --csds="127.0.0.1:$PORT" --account="$ACCOUNT" --user="$2" --password="$2-pass"; }

list_job() {
  echo "## lpa list --all --json (manager1) vs node-agent-sdk list-all.js, medians of $RUNS"
  echo
  echo "| open conversations | lpa first run (empty store) ms | lpa later runs ms | SDK ms | ratio (later runs / SDK) | rows lpa / SDK |"
  echo "|---|---|---|---|---|---|"
  for n in $SIZES; do
    start_sim "$n"
    lpa_login manager1
    local t first later=() node=() rows_lpa rows_sdk
    t=$(date +%s%N); "$LPA" list --all --json >"$WORK/lpa.json"; first=$(ms "$t")
    rows_lpa=$(grep -c '"id"' "$WORK/lpa.json" || true)
    for _ in $(seq 1 "$RUNS"); do
      t=$(date +%s%N); "$LPA" list --all --json >/dev/null; later+=("$(ms "$t")")
      t=$(date +%s%N); sdk list-all.js manager1 >"$WORK/sdk.jsonl" 2>/dev/null; node+=("$(ms "$t")")
    done
    rows_sdk=$(wc -l <"$WORK/sdk.jsonl")
    local ml mn
    ml=$(echo "${later[*]}" | median); mn=$(echo "${node[*]}" | median)
    echo "| $n | $first | $ml | $mn | $(awk -v a="$ml" -v b="$mn" 'BEGIN {printf "%.2f", a / b}') | $rows_lpa / $rows_sdk |"
    stop_sim
  done
  echo
}

return_job() {
  echo "## return $RETURN_N conversations held by agent1 to the queue, medians of $RUNS (a fresh simulator for each run of each client)"
  echo
  echo "| client | ms (median) | runs ms | returned (last run) |"
  echo "|---|---|---|---|"
  local t took lpa_ms=() sdk_ms=() lpa_n sdk_n
  for _ in $(seq 1 "$RUNS"); do
    start_sim "$RETURN_N" agent1
    lpa_login agent1
    t=$(date +%s%N)
    "$LPA" mq return-all --yes --json --concurrency "$CONCURRENCY" >"$WORK/ret.json" || true
    lpa_ms+=("$(ms "$t")")
    lpa_n=$(grep -oE '"returned" *: *[0-9]+' "$WORK/ret.json" | tail -1 | grep -oE '[0-9]+$' || true)
    stop_sim
    start_sim "$RETURN_N" agent1
    t=$(date +%s%N)
    sdk return-all.js agent1 2>"$WORK/sdk-ret.log" || true
    sdk_ms+=("$(ms "$t")")
    sdk_n=$(sed -E 's/returned ([0-9]+) of.*/\1/' "$WORK/sdk-ret.log" | tail -1)
    stop_sim
  done
  local ml mn
  ml=$(echo "${lpa_ms[*]}" | median); mn=$(echo "${sdk_ms[*]}" | median)
  echo "| lpa mq return-all --yes --concurrency $CONCURRENCY (whole command) | $ml | ${lpa_ms[*]} | $lpa_n |"
  echo "| node-agent-sdk return-all.js, one awaited request at a time (whole script) | $mn | ${sdk_ms[*]} | $sdk_n |"
  echo
  echo "SDK / lpa: $(awk -v a="$ml" -v b="$mn" 'BEGIN {printf "%.2f", b / a}')x"
  echo
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
case "$JOB" in
  list) list_job ;;
  return) return_job ;;
  all) list_job; return_job ;;
  *) echo "usage: bench/scale/run.sh [list|return|all]" >&2; exit 2 ;;
esac
