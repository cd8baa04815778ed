#!/bin/bash
# Stalled-upload flood against one node on loopback (issue 14 item 1), bounded in time and count.
# Starts a node from this checkout (java -Xmx256m, a secret set), opens 80 connections that each
# declare a 5,000,000-byte body, send 4.9 MB and stall, prints the answers and whether the node
# survived, then stops the node. MODE: none (no credentials) or fakesig (a wrong signature with a
# fresh timestamp, which passes the header check and is admitted against max_inflight_bytes).
# Usage: reliability/edge/stalled-uploads.sh [none|fakesig] [port]   (after mvn -q -o compile)
set -u
MODE=${1:-none}; PORT=${2:-18450}
cd "$(dirname "$0")/../.."
CPFILE=$(mktemp); mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
LOG=$(mktemp)
SYNAPSE_HTTP_HOST=127.0.0.1 SYNAPSE_HTTP_PORT=$PORT SYNAPSE_SECRET=flood-secret \
SYNAPSE_SECURITY_POOL_SIZE=1 SYNAPSE_PERFORMANCE_POOL_SIZE=1 \
  timeout 120 java -Xmx256m -XX:+ExitOnOutOfMemoryError --add-modules java.se \
  -cp "target/classes:$(cat "$CPFILE")" dev.synapse.cli.Main start > "$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live" && break; sleep 0.5; done
timeout 90 python3 reliability/edge/stalled_uploads.py "$PORT" 80 "$MODE"
sleep 1
if kill -0 $PID 2>/dev/null; then echo "node alive"; kill $PID; else echo "node exited: $(grep -m1 -i 'OutOfMemory' "$LOG")"; fi
wait $PID 2>/dev/null
rm -f "$CPFILE" "$LOG"
