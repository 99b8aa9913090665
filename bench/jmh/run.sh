#!/usr/bin/env bash
# JMH micro-benchmarks of the workspace state and the console (StateBench: one message into a 10,000-conversation
# team, then the first 50 rows; ListAllBench: the reducer's share of `lpa list --all`;
# CollectionsBench: pcollections against copy-on-write java.util maps; RenderBench: a 200x50 frame of
# the manager's All tab over 10,000 conversations, after a message and after a cursor move).
#
#   bench/jmh/run.sh                       # all benchmarks on this tree
#   bench/jmh/run.sh StateBench            # extra arguments go to JMH
#   CORE_SRC=/tmp/old/core/src/main/java bench/jmh/run.sh StateBench   # another tree's core (before/after)
#   TUI_SRC=/tmp/old/tui/src/main bench/jmh/run.sh RenderBench        # another tree's tui (before/after)
#
# Env: MVN_FLAGS (default -o; "" the first time, to fetch JMH), CORE_SRC, TUI_SRC.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
MVN_FLAGS="${MVN_FLAGS--o}"
SUFFIX=""
EXTRA=()
if [ -n "${CORE_SRC:-}${TUI_SRC:-}" ]; then
  SUFFIX="-other"
  EXTRA=(-Dlpa.buildSuffix="$SUFFIX")
  [ -n "${CORE_SRC:-}" ] && EXTRA+=(-Dcore.src="$CORE_SRC")
  [ -n "${TUI_SRC:-}" ] && EXTRA+=(-Dtui.src="$TUI_SRC")
fi
# shellcheck disable=SC2086
./mvnw -B -q $MVN_FLAGS -f bench/jmh/pom.xml "${EXTRA[@]}" package >&2
exec java -jar "bench/jmh/target$SUFFIX/benchmarks.jar" "$@"
