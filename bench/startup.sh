#!/usr/bin/env bash
# Start-up time of `lpa --help` (the shaded jar) under the JVM flags the ./lpa launcher can use.
# Rerunnable: bench/startup.sh [JAR]   (default: cli/target/lpa.jar, built when missing)
# Env: RUNS (default 20), WARMUP (default 3), OUT (markdown report, default bench/results/startup.md)
# Needs hyperfine. Never run as root with -Xshare:dump: that rewrites the JDK's own archive; this
# script only writes its own archive (-XX:ArchiveClassesAtExit) into a temporary folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
jar="${1:-$root/cli/target/lpa.jar}"
runs="${RUNS:-20}"
warmup="${WARMUP:-3}"
out="${OUT:-$root/bench/results/startup.md}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

command -v hyperfine >/dev/null || { echo "startup.sh: hyperfine is not installed" >&2; exit 1; }
if [ ! -f "$jar" ]; then
  echo "startup.sh: building $jar" >&2
  (cd "$root" && ./mvnw -B -q -DskipTests -pl cli -am package)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jsa="$work/lpa.jsa"
# the archive of the classes `--help` loads, made the same way the launcher makes it
"$java_bin" -XX:ArchiveClassesAtExit="$jsa" -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$jar" --help >/dev/null 2>&1
[ -f "$jsa" ] || { echo "startup.sh: the JVM did not write a CDS archive" >&2; exit 1; }

quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
mkdir -p "$(dirname "$out")"
{
  echo "# lpa --help start-up"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$java_bin" -version 2>&1 | head -1), jar $(du -h "$jar" | cut -f1)"
  echo
} > "$out"
hyperfine --warmup "$warmup" --runs "$runs" --style basic --export-markdown "$work/table.md" \
  -n "default JVM"            "$java_bin -jar $jar --help" \
  -n "C1 only"                "$java_bin -XX:TieredStopAtLevel=1 -jar $jar --help" \
  -n "AppCDS"                 "$java_bin $quiet -XX:SharedArchiveFile=$jsa -jar $jar --help" \
  -n "AppCDS + C1"            "$java_bin $quiet -XX:SharedArchiveFile=$jsa -XX:TieredStopAtLevel=1 -jar $jar --help" \
  -n "launcher flags (AppCDS + C1 + SerialGC)" \
     "$java_bin -XX:+UseSerialGC -Xshare:auto $quiet -XX:SharedArchiveFile=$jsa -XX:TieredStopAtLevel=1 -jar $jar --help" \
  >&2
cat "$work/table.md" >> "$out"
cat "$out"
