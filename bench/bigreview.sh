#!/usr/bin/env bash
# Times each diff of the large-diff set (bench/bigdiffs.sh) reviewed alone by one embedded node with a
# 512 MB heap (issue 16 target: 50 MB in < 15 s, heap < 512 MB), one after the other, as raw diffs
# (POST /api/reviews?wait=300&labels=security, text/x-diff: every specialist runs).
# Usage: bench/bigreview.sh [DIFF_DIR]   (server options: BENCH_JAVA_OPTS, default -Xmx512m; journal on
#        unless BENCH_JOURNAL=off)
# Results: bench/results/bigreview-<UTC>/ (bigreview.md, gc.log, server.log, machine.txt).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${1:-$ROOT/bench/results/bigdiffs}"
ls "$DIR"/*.diff >/dev/null 2>&1 || "$ROOT/bench/bigdiffs.sh" "$DIR"
OUT="$ROOT/bench/results/bigreview-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT/journal"
JAR="${BENCH_JAR:-$ROOT/target/synapse.jar}"
JOURNAL="${BENCH_JOURNAL:-$OUT/journal}"   # BENCH_JOURNAL=off: no journal (a clustered node keeps none either)
OPTS="${BENCH_JAVA_OPTS:--Xmx512m -XX:+UseG1GC -XX:MaxTenuringThreshold=1 -XX:+ExitOnOutOfMemoryError}"
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GB RAM"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (dirty)'); jar: $JAR"
  echo "server: $OPTS; journal: $JOURNAL"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# shellcheck disable=SC2086
SYNAPSE_HTTP_HOST=127.0.0.1 SYNAPSE_HTTP_PORT="$PORT" SYNAPSE_JOURNAL_DIR="$JOURNAL" \
  java $OPTS -Xlog:gc:file="$OUT/gc.log":timemillis -jar "$JAR" start > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live" && break
  kill -0 $PID 2>/dev/null || { tail -20 "$OUT/server.log"; exit 1; }
  sleep 0.5
done
heap_since() { perl -ne 'BEGIN{$s=shift} next unless /^\[(\d+)ms\]/; next if $1 < $s; if (/(\d+)M->(\d+)M\(/) { $p=$1 if $1>$p; $q=$2 if $2>$q } END { print "$p $q\n" }' "$1" "$OUT/gc.log"; }
echo "| diff | bytes | files | HTTP | time s | findings | peak heap MB (before GC) | largest live after GC MB |" | tee "$OUT/bigreview.md"
echo "|---|---:|---:|---:|---:|---:|---:|---:|" | tee -a "$OUT/bigreview.md"
for f in $(ls "$DIR"/*.diff | sort -V); do
  t0="$(date +%s%3N)"
  code="$(timeout 600 curl -s -o "$OUT/answer.json" -w '%{http_code}' -X POST -H 'Content-Type: text/x-diff' \
    --data-binary @"$f" "http://127.0.0.1:$PORT/api/reviews?wait=300&labels=security" || echo 000)"
  t1="$(date +%s%3N)"
  nf="$(python3 -c "import json,sys; d=json.load(open('$OUT/answer.json')); print(len(d.get('findings', [])), d.get('status',''))" 2>/dev/null || echo '? ?')"
  read -r peak live <<<"$(heap_since "$t0")"
  printf '| %s | %s | %s | %s | %.2f | %s | %s | %s |\n' "$(basename "$f")" "$(stat -L -c %s "$f")" "$(grep -c '^diff --git ' "$f")" \
    "$code" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1000}')" "$nf" "$peak" "$live" | tee -a "$OUT/bigreview.md"
  kill -0 $PID 2>/dev/null || { echo "server died; see $OUT/server.log" | tee -a "$OUT/bigreview.md"; exit 1; }
done
grep -c OutOfMemoryError "$OUT/server.log" | sed 's/^/OutOfMemoryError lines in the server log: /' | tee -a "$OUT/bigreview.md"
echo "results: $OUT"
