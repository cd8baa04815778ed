#!/bin/bash
# Rogue member on loopback (issue 14 item 6), real processes, bounded in time and count.
# Starts A and B with one random secret and C with none, all three pointed at the same Hazelcast
# members and cluster name; then checks that C stays alone, that a review accepted by C is not
# served by A, that A's review is served by B but not C, and that A's event bus (fixed port)
# refuses a TLS client without a member certificate. Every node is killed at the end.
# Usage: reliability/cluster/rogue-member.sh [base-port]   (after mvn -q -o compile)
# Run 2026-12-08 (2 shared cores): A nodes 2, C nodes 1, C's review on A 404, A's review on B
# served (200), on C 404, event bus without certificate: "alert bad certificate"; 91 s in all.
set -u
BASE=${1:-15700}
cd "$(dirname "$0")/../.."
CPFILE=$(mktemp); mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
DIR=$(mktemp -d)
M=127.0.0.1:$((BASE+1)),127.0.0.1:$((BASE+2)),127.0.0.1:$((BASE+3))
S=rogue-test-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
PIDS=()
start() { # name hazelcast-port http-port secret-or-empty event-bus-port
  env SYNAPSE_CLUSTER=true SYNAPSE_CLUSTER_MEMBERS=$M SYNAPSE_CLUSTER_PORT=$2 SYNAPSE_CLUSTER_NAME=rogue-test \
    SYNAPSE_HTTP_HOST=127.0.0.1 SYNAPSE_HTTP_PORT=$3 SYNAPSE_SECRET=$4 SYNAPSE_CLUSTER_EVENTBUS_PORT=$5 \
    SYNAPSE_SECURITY_POOL_SIZE=1 SYNAPSE_PERFORMANCE_POOL_SIZE=1 \
    timeout 180 java -Xmx256m --add-modules java.se -Dhazelcast.logging.type=slf4j \
    -cp "target/classes:$(cat "$CPFILE")" dev.synapse.cli.Main start > "$DIR/$1.log" 2>&1 &
  PIDS+=($!)
}
up() { for _ in $(seq 1 180); do curl -s -o /dev/null -m 2 "http://127.0.0.1:$1/health/live" && return 0; sleep 0.5; done; echo "node on $1 not up"; }
count() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)["nodes"]))' 2>/dev/null || echo "?"; }
A=$((BASE+11)); B=$((BASE+12)); C=$((BASE+13)); EB=$((BASE+21))
start A $((BASE+1)) $A "$S" $EB; up $A
start B $((BASE+2)) $B "$S" 0; up $B
start C $((BASE+3)) $C "" 0; up $C
AUTH="Authorization: Bearer $S"
DIFF=src/main/resources/samples/sql-injection.diff
echo "A sees nodes: $(curl -s -m 10 -H "$AUTH" "http://127.0.0.1:$A/api/agents" | count) (want 2)"
echo "C sees nodes: $(curl -s -m 10 "http://127.0.0.1:$C/api/agents" | count) (want 1)"
curl -s -o /dev/null -m 40 -X POST "http://127.0.0.1:$C/api/reviews?labels=security&review_id=rogue-1&wait=20" \
  -H 'Content-Type: text/x-diff' --data-binary @$DIFF
echo "A serves C's review: $(curl -s -o /dev/null -w '%{http_code}' -m 10 -H "$AUTH" "http://127.0.0.1:$A/api/reviews/rogue-1") (want 404)"
curl -s -o /dev/null -m 40 -X POST "http://127.0.0.1:$A/api/reviews?labels=security&review_id=good-1&wait=20" \
  -H "$AUTH" -H 'Content-Type: text/x-diff' --data-binary @$DIFF
echo "B serves A's review: $(curl -s -o /dev/null -w '%{http_code}' -m 10 -H "$AUTH" "http://127.0.0.1:$B/api/reviews/good-1") (want 200)"
echo "C serves A's review: $(curl -s -o /dev/null -w '%{http_code}' -m 10 "http://127.0.0.1:$C/api/reviews/good-1") (want 404)"
echo "A's event bus, TLS client without certificate: $(timeout 10 openssl s_client -connect 127.0.0.1:$EB -tls1_2 </dev/null 2>&1 | grep -m1 -io 'alert [a-z ]*' | head -1 || echo 'no alert')"
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
sleep 8
for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
wait 2>/dev/null
rm -rf "$DIR" "$CPFILE"
