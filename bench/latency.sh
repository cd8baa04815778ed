#!/usr/bin/env bash
# Open-loop latency, saturation and echo ceiling of one embedded node, in one run (issue 16).
# Starts target/synapse.jar on 127.0.0.1 (free port, SYNAPSE_BENCH_ECHO=true), runs
# `BenchMain load` (bench/src/main/java/dev/synapse/bench/LoadClient.java) against it, stops it.
# Usage: bench/latency.sh [--no-build] [LoadClient options: --rate R --duration S --conns N
#        --saturate SETS --open SETS --warmup S --large DIR --large-conns N ...]
# Results: bench/results/latency-<UTC time>/ (load.md, server.log, gc.log, machine.txt). See bench/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUILD=1
if [ "${1:-}" = "--no-build" ]; then BUILD=0; shift; fi
OUT="$ROOT/bench/results/latency-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
DEFAULT_CORPUS="$ROOT/../shared/corpus/review-cases.jsonl"
[ -f "$DEFAULT_CORPUS" ] || DEFAULT_CORPUS="$ROOT/src/test/resources/corpus/review-cases.jsonl"
export SYNAPSE_CORPUS="${SYNAPSE_CORPUS:-$DEFAULT_CORPUS}"
JAR="${BENCH_JAR:-$ROOT/target/synapse.jar}"  # BENCH_JAR: measure another build (e.g. the one before a change)
CP="$ROOT/bench/target/benchmarks.jar:$JAR"
if [ "$BUILD" = 1 ]; then
  mvn -o -q -B package -DskipTests
  mvn -o -q -B -f bench/pom.xml package
fi
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GB RAM"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "command: bench/latency.sh $*"
  echo "jar: $JAR"
  echo "server: ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxTenuringThreshold=1}"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# shellcheck disable=SC2086
SYNAPSE_HTTP_HOST=127.0.0.1 SYNAPSE_HTTP_PORT="$PORT" SYNAPSE_BENCH_ECHO=true SYNAPSE_JOURNAL_DIR=off \
  java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxTenuringThreshold=1} \
  -Xlog:gc:file="$OUT/gc.log":timemillis -jar "$JAR" start > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
cleanup() { kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data '{}' \
    "http://127.0.0.1:$PORT/bench/echo" || true)"
  [ "$code" = 200 ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$OUT/server.log" >&2; exit 1; }
  sleep 0.5
done
[ "$code" = 200 ] || { echo "server did not come up" >&2; exit 1; }
T0="$(awk '{print $14+$15}' "/proc/$SERVER_PID/stat")"; S0="$(date +%s)"
timeout 3000 java -Xmx512m -cp "$CP" dev.synapse.bench.BenchMain load --url "http://127.0.0.1:$PORT" "$@" | tee "$OUT/load.md"
T1="$(awk '{print $14+$15}' "/proc/$SERVER_PID/stat")"; S1="$(date +%s)"
echo "server CPU: $(awk -v a="$T0" -v b="$T1" -v s="$((S1 - S0))" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f cores over %d s", (b-a)/hz/s, s}')" | tee -a "$OUT/load.md"
echo "server heap: peak before GC / largest after GC (MB): $(perl -ne 'if (/(\d+)M->(\d+)M\(/) { $p=$1 if $1>$p; $q=$2 if $2>$q } END { print "$p / $q\n" }' "$OUT/gc.log")" | tee -a "$OUT/load.md"
echo "results: $OUT" >&2
