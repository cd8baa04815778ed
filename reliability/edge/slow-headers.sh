#!/bin/bash
# Slow-header flood against one node on loopback (issue 14 item 4), bounded in time and count.
# Starts a node from this checkout (java -Xmx256m, a secret set, default http_header_timeout_ms
# 10 s), opens 300 connections that send a request line and then one header byte per second for
# up to 20 s, prints how many the server closed and when, then stops the node.
# Usage: reliability/edge/slow-headers.sh [port]   (after mvn -q -o compile)
set -u
PORT=${1:-18450}
cd "$(dirname "$0")/../.."
CPFILE=$(mktemp); mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
LOG=$(mktemp)
SYNAPSE_HTTP_HOST=127.0.0.1 SYNAPSE_HTTP_PORT=$PORT SYNAPSE_SECRET=flood-secret \
SYNAPSE_SECURITY_POOL_SIZE=1 SYNAPSE_PERFORMANCE_POOL_SIZE=1 \
  timeout 120 java -Xmx256m -XX:+ExitOnOutOfMemoryError --add-modules java.se \
  -cp "target/classes:$(cat "$CPFILE")" dev.synapse.cli.Main start > "$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live" && break; sleep 0.5; done
timeout 90 python3 reliability/edge/slow_headers.py "$PORT" 300 20
sleep 1
if kill -0 $PID 2>/dev/null; then echo "node alive"; kill $PID; else echo "node exited: $(grep -m1 -i 'OutOfMemory' "$LOG")"; fi
wait $PID 2>/dev/null
rm -f "$CPFILE" "$LOG"
