#!/usr/bin/env bash
# Synapse benchmark harness: builds, runs the JMH benchmarks of the analysis engine, starts one
# embedded node on 127.0.0.1 (free port) and loads it with wrk: reviews vs. the echo ceiling,
# then a rate-limited latency run (and optionally a soak). Prints and writes the tables.
# Usage: bench/run.sh [--quick] [--no-build] [--no-jmh] [--no-http] [--jfr] [--soak [MIN]]
#                     [--duration S] [--connections N] [--threads N] [--rate R] [--sets "a b"]
# See bench/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

ARGS="$*"
QUICK=0; BUILD=1; JMH=1; HTTP=1; JFR=0; SOAK_MIN=0
DURATION=20; CONNS=64; WRK_THREADS=2; RATE=2500; RATE_CONNS=32
SETS="typical typical_deep mix trivial_deep"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; DURATION=8 ;;
    --no-build) BUILD=0 ;;
    --no-jmh) JMH=0 ;;
    --no-http) HTTP=0 ;;
    --jfr) JFR=1 ;;
    --soak) SOAK_MIN=10; if [[ "${2:-}" =~ ^[0-9]+$ ]]; then SOAK_MIN="$2"; shift; fi ;;
    --duration) DURATION="$2"; shift ;;
    --connections) CONNS="$2"; shift ;;
    --threads) WRK_THREADS="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --sets) SETS="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
# bounds: every load run is limited in time and in requests
[ "$DURATION" -le 600 ] || { echo "--duration must be <= 600" >&2; exit 2; }
[ "$SOAK_MIN" -le 60 ] || { echo "--soak must be <= 60 minutes" >&2; exit 2; }
MAX_REQ_PER_THREAD=5000000
mkdir -p "$OUT"
DEFAULT_CORPUS="$ROOT/../shared/corpus/review-cases.jsonl"
[ -f "$DEFAULT_CORPUS" ] || DEFAULT_CORPUS="$ROOT/src/test/resources/corpus/review-cases.jsonl"
export SYNAPSE_CORPUS="${SYNAPSE_CORPUS:-$DEFAULT_CORPUS}"
[ -f "$SYNAPSE_CORPUS" ] || { echo "corpus not found: $SYNAPSE_CORPUS (set SYNAPSE_CORPUS)" >&2; exit 2; }
CP="$ROOT/bench/target/benchmarks.jar:$ROOT/target/synapse.jar"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GB RAM"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "command: bench/run.sh $ARGS"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

if [ "$BUILD" = 1 ]; then
  log "building target/synapse.jar and bench/target/benchmarks.jar"
  mvn -o -q -B package -DskipTests
  mvn -o -q -B -f bench/pom.xml package
fi

if [ "$JMH" = 1 ]; then
  log "JMH: analysis engine (one thread)"
  java -cp "$CP" dev.synapse.bench.BenchMain jmh $([ "$QUICK" = 1 ] && echo --quick) --out "$OUT/jmh.md" \
    > "$OUT/jmh.log" 2>&1 || { tail -40 "$OUT/jmh.log" >&2; exit 1; }
fi

[ "$HTTP" = 1 ] || { [ -f "$OUT/jmh.md" ] && cat "$OUT/jmh.md"; exit 0; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (Debian package)"
  (apt-get install -y wrk >/dev/null 2>&1) || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

java -cp "$CP" dev.synapse.bench.BenchMain lua "$OUT/bodies.lua"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# G1 with -XX:MaxTenuringThreshold=1 as bin/synapse sets it for production nodes (docs/cluster.md, "Sizing").
JAVA_OPTS_BENCH="${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxTenuringThreshold=1}"
JFR_OPTS=""
[ "$JFR" = 1 ] && JFR_OPTS="-XX:StartFlightRecording=filename=$OUT/server.jfr,settings=profile,dumponexit=true"
log "starting server on 127.0.0.1:$PORT ($JAVA_OPTS_BENCH)"
# shellcheck disable=SC2086
SYNAPSE_HTTP_HOST=127.0.0.1 SYNAPSE_HTTP_PORT="$PORT" SYNAPSE_BENCH_ECHO=true \
  java $JAVA_OPTS_BENCH -Xlog:gc:file="$OUT/gc.log":timemillis $JFR_OPTS -jar "$ROOT/target/synapse.jar" start \
  > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
cleanup() { kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data '{}' "$BASE/bench/echo" || true)"
  [ "$code" = 200 ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$OUT/server.log" >&2; exit 1; }
  sleep 0.5
done
[ "$code" = 200 ] || { echo "server did not come up" >&2; exit 1; }
CLK_TCK="$(getconf CLK_TCK)"

proc_ticks() { awk '{print $14+$15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0; }
machine_ticks() { awk '/^cpu /{idle=$5+$6; t=0; for(i=2;i<=NF;i++) t+=$i; print t, idle}' /proc/stat; }
now_ms() { date +%s%3N; }

# heap_window START_MS END_MS -> "peak_MB maxPostGC_MB gcs" from the GC log
heap_window() {
  perl -ne '
    BEGIN { ($s, $e) = @ARGV[0, 1]; @ARGV = ($ARGV[2]); }
    next unless /^\[(\d+)ms\]/; next if $1 < $s || $1 > $e;
    if (/(\d+)M->(\d+)M\((\d+)M\)/) { $n++; $p = $1 if $1 > $p; $q = $2 if $2 > $q; }
    END { printf "%d %d %d\n", $p, $q, $n }' "$1" "$2" "$OUT/gc.log"
}

RESULTS="$OUT/http.tsv"
printf 'phase\tset\tconns\trps\tp50_ms\tp99_ms\tp999_ms\tok\tnot_done\tother\tserver_cores\tmachine_cpu_pct\tpeak_heap_mb\tpost_gc_mb\n' > "$RESULTS"

# run_wrk PHASE SET PATH CONNS DURATION DELAY_MS -> appends a row; prints rps
run_wrk() {
  local phase="$1" set="$2" path="$3" conns="$4" dur="$5" delay="$6"
  local t0 t1 p0 p1 m0 m1 line
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "bench: the server (pid $SERVER_PID) is gone before phase $phase/$set; see $OUT/server.log" >&2
    exit 1
  fi
  t0="$(now_ms)"; p0="$(proc_ticks)"; m0="$(machine_ticks)"
  line="$(BENCH_DATA="$OUT/bodies.lua" BENCH_SET="$set" BENCH_PATH="$path" BENCH_DELAY_MS="$delay" \
    BENCH_MAX_REQ="$MAX_REQ_PER_THREAD" \
    wrk -t "$WRK_THREADS" -c "$conns" -d "${dur}s" --timeout 10s --latency -s "$ROOT/bench/lua/load.lua" "$BASE" \
    | tee -a "$OUT/wrk.log" | grep '^BENCH_RESULT')"
  t1="$(now_ms)"; p1="$(proc_ticks)"; m1="$(machine_ticks)"
  local secs cores mpct heap
  secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1000}')"
  cores="$(awk -v a="$p0" -v b="$p1" -v s="$secs" -v hz="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/hz/s}')"
  mpct="$(echo "$m0 $m1" | awk '{dt=$3-$1; di=$4-$2; v=0; if (dt>0) v=100*(dt-di)/dt; printf "%.0f", v}')"
  heap="$(heap_window "$t0" "$t1")"
  echo "$line" | awk -v ph="$phase" -v set="$set" -v c="$conns" -v cores="$cores" -v mp="$mpct" -v heap="$heap" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      split(heap, h, " ")
      printf "%s\t%s\t%s\t%.0f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", ph, set, c, v["rps"],
        v["p50_us"]/1000, v["p99_us"]/1000, v["p999_us"]/1000, v["status_200"], v["status_202"],
        v["status_other"] + v["err_connect"] + v["err_read"] + v["err_write"] + v["err_timeout"],
        cores, mp, h[1], h[2] }' | tee -a "$RESULTS" >&2
  echo "$line" | sed 's/.* rps=\([0-9.]*\).*/\1/'
}

# The JIT needs about two minutes of review load on 2 cores before the analysis code is compiled
# (C2 threads take 25-35% of the server CPU before that); BENCH_WARMUP_S overrides the length.
WARM="${BENCH_WARMUP_S:-$(( QUICK == 1 ? 5 : 60 ))}"
log "warm-up (${WARM}s each, not reported)"
for s in typical_deep mix; do
  run_wrk warmup "$s" "/api/reviews?wait=5" "$CONNS" "$WARM" 0 >/dev/null
done
run_wrk warmup typical /bench/echo "$CONNS" 15 0 >/dev/null

declare -A REVIEW_RPS ECHO_RPS
for s in $SETS; do
  log "set $s: echo ceiling, then reviews (${DURATION}s each, $CONNS connections, $WRK_THREADS wrk threads)"
  ECHO_RPS[$s]="$(run_wrk echo "$s" /bench/echo "$CONNS" "$DURATION" 0)"
  REVIEW_RPS[$s]="$(run_wrk review "$s" "/api/reviews?wait=5" "$CONNS" "$DURATION" 0)"
done

# Rate-limited latency run: wrk (not wrk2) has no constant-rate mode; each of RATE_CONNS
# connections pauses DELAY ms after every response (bench/lua/load.lua delay()), so the offered
# rate is about RATE_CONNS / (DELAY + latency). A short calibration run corrects DELAY for latency.
rate_delay() {  # TARGET_RATE -> delay ms for RATE_CONNS connections, calibrated
  local target="$1" d got
  d="$(awk -v c="$RATE_CONNS" -v r="$target" 'BEGIN{printf "%.0f", c*1000/r}')"
  got="$(run_wrk calibrate typical "/api/reviews?wait=5" "$RATE_CONNS" 5 "$d")"
  awk -v c="$RATE_CONNS" -v r="$target" -v d="$d" -v g="$got" 'BEGIN{
    lat = c*1000/g - d; if (lat < 0) lat = 0; nd = c*1000/r - lat; if (nd < 1) nd = 1; printf "%.0f", nd }'
}
# The latency run targets --rate (half of the 5,000/s goal), or half of the measured typical
# review throughput when the server cannot reach twice --rate (a saturated server only measures
# its queue).
TARGET="$RATE"
if [ -n "${REVIEW_RPS[typical]:-}" ]; then
  TARGET="$(awk -v r="$RATE" -v m="${REVIEW_RPS[typical]}" 'BEGIN{h=m/2; if (h < r) r=h; if (r < 1) r=1; printf "%.0f", r}')"
fi
log "latency at ~$TARGET reviews/s (typical and typical_deep sets)"
DELAY="$(rate_delay "$TARGET")"
run_wrk "rate~$TARGET" typical "/api/reviews?wait=5" "$RATE_CONNS" "$DURATION" "$DELAY" >/dev/null
run_wrk "rate~$TARGET" typical_deep "/api/reviews?wait=5" "$RATE_CONNS" "$DURATION" "$DELAY" >/dev/null

if [ "$SOAK_MIN" -gt 0 ]; then
  log "soak: $SOAK_MIN minute(s) at ~$TARGET reviews/s (typical_deep), one row per minute"
  # after each minute a full GC (jcmd GC.run) measures the live set: it must not grow after warm-up
  SOAK_LIVE=""
  for m in $(seq 1 "$SOAK_MIN"); do
    run_wrk "soak-min$m" typical_deep "/api/reviews?wait=5" "$RATE_CONNS" 60 "$DELAY" >/dev/null
    jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
    sleep 1
    live="$(perl -ne 'print "$1\n" if /Pause Full.*\d+M->(\d+)M\(/' "$OUT/gc.log" | tail -1)"
    SOAK_LIVE="$SOAK_LIVE ${live:-?}"
    log "soak minute $m: live heap after full GC ${live:-?} MB"
  done
fi

if [ "$JFR" = 1 ]; then
  jcmd "$SERVER_PID" JFR.dump name=1 filename="$OUT/server.jfr" >/dev/null 2>&1 || true
fi
jcmd "$SERVER_PID" GC.heap_info > "$OUT/heap_info.txt" 2>&1 || true

{
  echo
  echo "HTTP load, embedded node on 127.0.0.1, wrk $WRK_THREADS threads (same 2 cores), ?wait=5"
  echo "| phase | set | conns | req/s | p50 ms | p99 ms | p99.9 ms | 200 | 202 (not done in 5 s) | errors | server CPU (cores) | machine CPU % | peak heap MB | max post-GC heap MB |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  grep -v '^phase\|^warmup\|^calibrate' "$RESULTS" | awk -F'\t' '{printf "| %s |", $1; for (i = 2; i <= NF; i++) printf " %s |", $i; print ""}'
  if [ "$SOAK_MIN" -gt 0 ]; then
    echo
    echo "Soak: live heap after a full GC at the end of each minute (MB):$SOAK_LIVE"
    echo "$SOAK_LIVE" | awk '{ if (NF >= 3) printf "Growth from minute 2 to minute %d: %+d MB (the store and the signal history fill to their bounds first)\n", NF, $NF-$2 }'
  fi
  echo
  echo "| set | review req/s | echo req/s | review/echo |"
  echo "|---|---:|---:|---:|"
  for s in $SETS; do
    awk -v s="$s" -v r="${REVIEW_RPS[$s]}" -v e="${ECHO_RPS[$s]}" 'BEGIN{q=0; if (e>0) q=100*r/e; printf "| %s | %.0f | %.0f | %.1f%% |\n", s, r, e, q}'
  done
} > "$OUT/http.md"

[ -f "$OUT/jmh.md" ] && cat "$OUT/jmh.md"
cat "$OUT/machine.txt" "$OUT/http.md"
log "results in $OUT"
