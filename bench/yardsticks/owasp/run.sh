#!/usr/bin/env bash
# OWASP Benchmark yardstick (issue 12): Youden score per category for the Python and Java suites.
# Usage: bench/yardsticks/owasp/run.sh [--no-build] [--work DIR] [SUITE...]   (suites: python java)
# Needs the mirrors named in manifest.tsv under /work/.mirror (OWASP_MIRROR). Writes diffs,
# findings and scores under bench/yardsticks/owasp/work/ (gitignored); prints the score tables.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
WORK="$HERE/work"
BUILD=1
SUITES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --work) WORK="$2"; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) SUITES+=("$1") ;;
  esac
  shift
done
[ ${#SUITES[@]} -gt 0 ] || SUITES=(python java)
JAR="$ROOT/target/synapse.jar"
if [ "$BUILD" = 1 ] || [ ! -f "$JAR" ]; then
  echo "owasp: building $JAR" >&2
  (cd "$ROOT" && mvn -B -o -q package -DskipTests)
fi
mkdir -p "$WORK"
for s in "${SUITES[@]}"; do
  python3 "$HERE/owasp.py" prepare "$WORK" "$s"
  java -Xmx1g -XX:+UseSerialGC -cp "$JAR" "$HERE/OwaspDriver.java" "$WORK/$s/list.tsv" "$WORK/$s/findings.jsonl"
  python3 "$HERE/owasp.py" score "$WORK" "$s"
done
