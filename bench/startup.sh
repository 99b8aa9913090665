#!/usr/bin/env bash
# Start-up time of short lpa commands (the shaded jar) under the JVM flags the ./lpa launcher uses.
# Rerunnable: bench/startup.sh [JAR [BASELINE_JAR]]   (default: cli/target/lpa.jar, built when missing)
# With BASELINE_JAR, the same short commands are timed on both jars (before/after a change).
# Env: RUNS (default 20), WARMUP (default 3), OUT (markdown report, default bench/results/startup.md)
# Needs hyperfine. Never run as root with -Xshare:dump: that rewrites the JDK's own archive; this
# script only writes its own archives (-XX:ArchiveClassesAtExit) into a temporary folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
jar="${1:-$root/cli/target/lpa.jar}"
base="${2:-}"
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
# commands that need a profile find none: `whoami` then exits 4 without touching the network
export LPA_CONFIG_DIR="$work/config" LPA_DATA_DIR="$work/data"
quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"

# the archive of the classes `--help` loads, made the same way the launcher makes it
archive() {
  "$java_bin" -XX:ArchiveClassesAtExit="$2" -XX:TieredStopAtLevel=1 $quiet -jar "$1" --help >/dev/null 2>&1
  [ -f "$2" ] || { echo "startup.sh: the JVM did not write a CDS archive for $1" >&2; exit 1; }
}
archive "$jar" "$work/lpa.jsa"
launcher="$java_bin -XX:+UseSerialGC -Xshare:auto $quiet -XX:TieredStopAtLevel=1"

mkdir -p "$(dirname "$out")"
{
  echo "# lpa start-up"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start,"
  echo "$("$java_bin" -version 2>&1 | head -1), jar $(du -h "$jar" | cut -f1)"
  echo
  echo "## JVM flags, \`lpa --help\`"
  echo
} > "$out"
hyperfine -N --warmup "$warmup" --runs "$runs" --style basic --export-markdown "$work/flags.md" \
  -n "default JVM"            "$java_bin -jar $jar --help" \
  -n "C1 only"                "$java_bin -XX:TieredStopAtLevel=1 -jar $jar --help" \
  -n "AppCDS"                 "$java_bin $quiet -XX:SharedArchiveFile=$work/lpa.jsa -jar $jar --help" \
  -n "AppCDS + C1"            "$java_bin $quiet -XX:SharedArchiveFile=$work/lpa.jsa -XX:TieredStopAtLevel=1 -jar $jar --help" \
  -n "launcher flags (AppCDS + C1 + SerialGC)" \
     "$launcher -XX:SharedArchiveFile=$work/lpa.jsa -jar $jar --help" \
  >&2
cat "$work/flags.md" >> "$out"

# short commands under the launcher's flags; -i: `whoami` exits 4 (no profile) by design
# each command next to its baseline run, so load that drifts during the run hits both alike
cmds=()
[ -z "$base" ] || archive "$base" "$work/base.jsa"
for c in "--help" "send --help" "whoami"; do
  name="lpa $c"; [ "$c" = whoami ] && name="lpa whoami (no profile)"
  cmds+=(-n "$name" "$launcher -XX:SharedArchiveFile=$work/lpa.jsa -jar $jar $c")
  [ -z "$base" ] || cmds+=(-n "baseline: $name" "$launcher -XX:SharedArchiveFile=$work/base.jsa -jar $base $c")
done
{
  echo
  echo "## Short commands, launcher flags${base:+ (baseline: $(basename "$base"))}"
  echo
} >> "$out"
hyperfine -N -i --warmup "$warmup" --runs "$runs" --style basic --export-markdown "$work/cmds.md" \
  --export-json "$work/cmds.json" "${cmds[@]}" >&2
cat "$work/cmds.md" >> "$out"
# CPU time moves less than wall time when other builds share the machine
if command -v jq >/dev/null; then
  {
    echo
    echo "CPU time per run (user + system, mean):"
    echo
    jq -r '.results[] | "- `\(.command)`: \(((.user + .system) * 1000) | round) ms"' "$work/cmds.json"
  } >> "$out"
fi
echo >> "$out"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$out"
cat "$out"
