#!/usr/bin/env bash
# Several `lpa send` processes at once on one profile, against the simulator: every message must
# reach the consumer exactly once (issue "Trust", item 1). Prints one line per run and a summary;
# exits 1 when any message is missing or doubled.
#
#   bench/trust/concurrent-send.sh              # 8 senders, 3 rounds
#   SENDERS=20 ROUNDS=5 bench/trust/concurrent-send.sh
set -euo pipefail
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)" >&2; exit 2; }
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SENDERS="${SENDERS:-8}"
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-18643}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lpa-concurrent-send.XXXXXX")"
SIM_PID=""
cleanup() {
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"; [ -n "${KEEP:-}" ] && echo "kept $WORK"
}
trap cleanup EXIT INT TERM
export LPA_CONFIG_DIR="$WORK/config" LPA_DATA_DIR="$WORK/data"

./lpa --help >/dev/null   # builds the jar when the sources are newer
./lpa sim --port "$PORT" --data "$WORK/sim" --admin >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do [ -f "$WORK/sim/ca.pem" ] && grep -q "$PORT" "$WORK/sim.log" && break; sleep 0.2; done
CA="$WORK/sim/ca.pem"
admin() { curl -sf --cacert "$CA" -H 'Content-Type: application/json' "https://127.0.0.1:$PORT/admin/$1" ${2:+-d "$2"}; }

echo agent1-pass | ./lpa login --account 90233546 --username agent1 --csds "127.0.0.1:$PORT" --ca-file "$CA" \
  --password-stdin >/dev/null
conv=$(admin conversations '{"consumerName":"Ines Duarte","messages":["hello?"]}' | sed 's/.*"conversationId":"\([^"]*\)".*/\1/')
./lpa accept "$conv" --wait 30s >/dev/null 2>&1 || ./lpa accept --next --wait 30s >/dev/null

bad=0
for round in $(seq 1 "$ROUNDS"); do
  pids=()
  for i in $(seq 1 "$SENDERS"); do
    ./lpa send "$conv" "round $round message $i" >"$WORK/send-$round-$i.out" 2>&1 &
    pids+=($!)
  done
  failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  ./lpa show "$conv" --json >"$WORK/show.json"
  doubled=0; missing=0
  for i in $(seq 1 "$SENDERS"); do
    n=$(jq --arg t "round $round message $i" '[.messages[] | select(.text == $t)] | length' "$WORK/show.json")
    [ "$n" -eq 0 ] && missing=$((missing + 1))
    [ "$n" -gt 1 ] && doubled=$((doubled + 1))
  done
  echo "round $round: $SENDERS senders, exit!=0: $failed, missing: $missing, doubled: $doubled"
  [ "$missing" -eq 0 ] && [ "$doubled" -eq 0 ] && [ "$failed" -eq 0 ] || bad=1
done
[ "$bad" -eq 0 ] && echo "CONCURRENT-SEND OK: every message exactly once" || { echo "CONCURRENT-SEND FAILED"; exit 1; }
