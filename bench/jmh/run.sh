#!/usr/bin/env bash
# JMH micro-benchmarks of the workspace state (StateBench: one message into a 10,000-conversation
# team, then the first 50 rows; ListAllBench: the reducer's share of `lpa list --all`;
# CollectionsBench: pcollections against copy-on-write java.util maps).
#
#   bench/jmh/run.sh                       # all benchmarks on this tree
#   bench/jmh/run.sh StateBench            # extra arguments go to JMH
#   CORE_SRC=/tmp/old/core/src/main/java bench/jmh/run.sh StateBench   # another tree's core (before/after)
#
# Env: MVN_FLAGS (default -o; "" the first time, to fetch JMH), CORE_SRC.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
MVN_FLAGS="${MVN_FLAGS--o}"
SUFFIX=""
EXTRA=()
if [ -n "${CORE_SRC:-}" ]; then
  SUFFIX="-other"
  EXTRA=(-Dlpa.buildSuffix="$SUFFIX" -Dcore.src="$CORE_SRC")
fi
# shellcheck disable=SC2086
./mvnw -B -q $MVN_FLAGS -f bench/jmh/pom.xml "${EXTRA[@]}" package >&2
exec java -jar "bench/jmh/target$SUFFIX/benchmarks.jar" "$@"
