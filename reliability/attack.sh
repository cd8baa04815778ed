#!/bin/bash
# Fault and abuse harness (issue 14): reruns the issue's attacks against a real node on loopback and
# checks their outcomes. Bounded in count and time: the default run sends about 4,000 requests and
# takes 1-3 minutes (JVM start included); SCALE multiplies the counts.
#
#   reliability/attack.sh [SCALE] [BASE_PORT]        (after: mvn -B -q -o compile)
#
# Starts node A (clustered, with a random secret, -Xmx256m, exits on OutOfMemoryError, header
# timeout 3 s, body timeout 5 s) and node C (same Hazelcast members and cluster name, no secret),
# then runs reliability/attack.py against A: malformed bodies, bad percent-escapes and charsets,
# invented HTTP methods (405, /metrics does not grow), oversized declared and chunked bodies (413),
# replayed / re-targeted / stale signatures (401), a request flood, stalled uploads, header
# dribbling (closed by the header timeout), and C trying to join A's cluster (refused: each sees
# one member, A does not serve C's review). Every check must hold: no 5xx, no dropped answer, node
# alive and never out of memory, /metrics bounded. Exit 0 when all hold, 1 otherwise; both nodes
# are stopped at the end. Ports BASE..BASE+12 on 127.0.0.1 (default 18600).
set -u
SCALE=${1:-1}; BASE=${2:-18600}
cd "$(dirname "$0")/.."
CPFILE=$(mktemp); mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
DIR=$(mktemp -d)
SECRET=attack-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
MEMBERS=127.0.0.1:$((BASE+1)),127.0.0.1:$((BASE+2))
A=$((BASE+11)); C=$((BASE+12))
PIDS=()
start() { # name hazelcast-port http-port secret
  env SYNAPSE_CLUSTER=true SYNAPSE_CLUSTER_MEMBERS=$MEMBERS SYNAPSE_CLUSTER_PORT=$2 SYNAPSE_CLUSTER_NAME=attack \
    SYNAPSE_HTTP_HOST=127.0.0.1 SYNAPSE_HTTP_PORT=$3 SYNAPSE_SECRET=$4 \
    SYNAPSE_HTTP_HEADER_TIMEOUT_MS=3000 SYNAPSE_HTTP_BODY_TIMEOUT_MS=5000 SYNAPSE_MAX_DIFF_BYTES=5242880 \
    SYNAPSE_SECURITY_POOL_SIZE=1 SYNAPSE_PERFORMANCE_POOL_SIZE=1 \
    timeout 900 java -Xmx256m -XX:+ExitOnOutOfMemoryError --add-modules java.se -Dhazelcast.logging.type=slf4j \
    -cp "target/classes:$(cat "$CPFILE")" dev.synapse.cli.Main start > "$DIR/$1.log" 2>&1 &
  PIDS+=($!)
}
up() { for _ in $(seq 1 240); do curl -s -o /dev/null -m 2 "http://127.0.0.1:$1/health/live" && return 0; sleep 0.5; done; echo "node on $1 not up"; return 1; }
stop() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for _ in $(seq 1 20); do sleep 0.5; kill -0 "${PIDS[0]}" 2>/dev/null || kill -0 "${PIDS[1]}" 2>/dev/null || break; done
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null
}
start A $((BASE+1)) $A "$SECRET"; up $A || { stop; tail -20 "$DIR/A.log"; exit 1; }
start C $((BASE+2)) $C ""; up $C || { stop; tail -20 "$DIR/C.log"; exit 1; }
HEADER_TIMEOUT_S=3 ROGUE_PORT=$C timeout 600 python3 reliability/attack.py $A "$SECRET" "$SCALE"
RC=$?
if ! kill -0 "${PIDS[0]}" 2>/dev/null; then echo "FAIL node A exited"; RC=1; fi
if grep -q OutOfMemoryError "$DIR/A.log"; then echo "FAIL OutOfMemoryError in node A's log"; RC=1; fi
echo "node A log: $(wc -l < "$DIR/A.log") lines, $(grep -c ' ERROR ' "$DIR/A.log") at ERROR"
stop
rm -rf "$DIR" "$CPFILE"
exit $RC
