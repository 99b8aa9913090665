#!/usr/bin/env bash
# Simulator load harness: builds the simulator and this harness, starts SimMain in its own JVM
# (loopback, admin on, N load agents, a fresh temporary data dir), runs SimLoad against it and
# stops the simulator. Everything it starts ends with it.
#
#   bench/sim-load/run.sh                      # the target figures: 200 agents, 2000 conversations, 100 msg/s, 60 s
#   bench/sim-load/run.sh --seconds 20         # extra arguments go to SimLoad (see SimLoad's usage)
#
# Environment: LPA_BUILD_SUFFIX (default -bench: builds into target-bench/), MVN_FLAGS (default -o;
# set to "" the first time if dependencies are missing), SIM_JAVA_OPTS (simulator JVM flags),
# LOAD_JAVA_OPTS (harness JVM flags), AGENTS (default 200; also passed to --load-agents).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SUFFIX="${LPA_BUILD_SUFFIX:--bench}"
MVN_FLAGS="${MVN_FLAGS--o}"
AGENTS="${AGENTS:-200}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lpa-sim-load.XXXXXX")"
SIM_PID=""

cleanup() {
  if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill "$SIM_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SIM_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
echo "== building the simulator and the harness (build suffix $SUFFIX)"
# shellcheck disable=SC2086
./mvnw -B -q $MVN_FLAGS -Dlpa.buildSuffix="$SUFFIX" -pl sim compile "$DEP_PLUGIN" \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/sim.cp"
# shellcheck disable=SC2086
./mvnw -B -q $MVN_FLAGS -Dlpa.buildSuffix="$SUFFIX" -f bench/sim-load/pom.xml compile "$DEP_PLUGIN" \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/load.cp"

echo "== starting the simulator with $AGENTS load agents"
# shellcheck disable=SC2086
java ${SIM_JAVA_OPTS:-} -cp "sim/target$SUFFIX/classes:$(cat "$WORK/sim.cp")" dev.lpa.sim.SimMain \
  --port 0 --admin --load-agents "$AGENTS" --data "$WORK/sim-data" >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
READY=""
for _ in $(seq 1 600); do
  READY="$(grep -m1 '^lpa-sim listening on ' "$WORK/sim.log" 2>/dev/null || true)"
  [ -n "$READY" ] && break
  kill -0 "$SIM_PID" 2>/dev/null || { echo "!! the simulator exited:"; cat "$WORK/sim.log"; exit 1; }
  sleep 0.1
done
[ -n "$READY" ] || { echo "!! the simulator did not start within 60 s:"; cat "$WORK/sim.log"; exit 1; }
BASE="$(sed -E 's/^lpa-sim listening on (https:[^ ]+) ca=.*/\1/' <<<"$READY")"
CA="$(sed -E 's/.* ca=(.*)$/\1/' <<<"$READY")"
echo "== simulator at $BASE (pid $SIM_PID)"

echo "== java: $(java -version 2>&1 | head -1); cores: $(nproc); $(uname -sr); load average before: $(cut -d" " -f1-3 /proc/loadavg)"
set +e
# shellcheck disable=SC2086
java ${LOAD_JAVA_OPTS:-} -cp "bench/sim-load/target$SUFFIX/classes:$(cat "$WORK/load.cp")" dev.lpa.bench.simload.SimLoad \
  --base "$BASE" --ca "$CA" --agents "$AGENTS" "$@"
RC=$?
echo "== load average after: $(cut -d" " -f1-3 /proc/loadavg)"
set -e
if grep -q -E 'Exception|ERROR' "$WORK/sim.log"; then
  echo "== simulator log excerpts (errors):"
  grep -E -A3 'Exception|ERROR' "$WORK/sim.log" | head -40
fi
exit $RC
