#!/usr/bin/env bash
# Yardsticks for issue 12: ordinary commits and re-introduced real vulnerabilities.
# Usage (from anywhere): bench/yardsticks/run.sh [--no-build] [--work DIR] [--timeout S]
# Needs the mirrors listed in the two manifests under /work/.mirror (YARDSTICKS_MIRROR), fetched
# with the search tool's fetch verb (github:OWNER/NAME). Writes diffs, findings and the report under
# bench/yardsticks/work/ (gitignored); prints the headline figures.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/work"
BUILD=1
TIMEOUT=60
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --work) WORK="$2"; shift ;;
    --timeout) TIMEOUT="$2"; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$WORK"
JAR="$ROOT/target/synapse.jar"
if [ "$BUILD" = 1 ] || [ ! -f "$JAR" ]; then
  echo "yardsticks: building $JAR" >&2
  (cd "$ROOT" && mvn -B -o -q package -DskipTests)
fi
python3 "$HERE/yardsticks.py" prepare "$WORK"
# one JVM for every diff; the driver compiles from source against the shaded jar
java -Xmx1g -XX:+UseSerialGC -cp "$JAR" "$HERE/YardstickDriver.java" "$WORK/list.tsv" "$WORK/findings.jsonl" "$TIMEOUT"
python3 "$HERE/yardsticks.py" report "$WORK"
echo "yardsticks: full report in $WORK/report.md, every finding in $WORK/findings.tsv" >&2
