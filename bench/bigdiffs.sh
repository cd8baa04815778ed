#!/usr/bin/env bash
# Builds the large-diff set of issue 16 (0.5, 5, 20 and 50 MB) from the history of real repositories
# mirrored in /work/.mirror (bare git dirs; nothing is fetched). Each diff is `git diff -M` across many
# commits of one or more repositories (pinned below), paths under the repository's name as in a
# monorepo (--src-prefix/--dst-prefix), concatenated and cut at the last whole file that fits the size.
# No fetched code goes into git: only this script; the diffs land in bench/results/bigdiffs/ (ignored).
# Usage: bench/bigdiffs.sh [OUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MIRROR="${MIRROR:-/work/.mirror}"
OUT="${1:-$ROOT/bench/results/bigdiffs}"
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# name  target bytes  components: repo@base..head (head pinned; base = first-parent ancestor)
RECIPES=(
  "0.5MB 500000 jellyfin+jellyfin@929834c98213ed4da71a448f788e8975ec5bbbc5..c3ed1407ca"
  "5MB 5000000 square+okhttp@6f178869acc2a2a9a6882c49dfb5bcf7a43b3ddd..HEAD"
  "20MB 20000000 jellyfin+jellyfin@6ff65ba2781d23fef3a4b042f3fca4ac1aeb7375..c3ed1407ca square+okhttp@6f178869acc2a2a9a6882c49dfb5bcf7a43b3ddd..HEAD"
  "50MB 50000000 thorsten+phpMyFAQ@dfb4c06ce5ce37b786d007f1adeba1704e520986..HEAD jellyfin+jellyfin@6ff65ba2781d23fef3a4b042f3fca4ac1aeb7375..c3ed1407ca"
)

for recipe in "${RECIPES[@]}"; do
  read -r name target components <<<"$(echo "$recipe" | awk '{n=$1; t=$2; $1=""; $2=""; sub(/^ +/, ""); print n, t, $0}')"
  : > "$TMP/all.diff"
  manifest=""
  for comp in $components; do
    repo="${comp%@*}"; range="${comp#*@}"; base="${range%..*}"; head="${range#*..}"
    git_dir="$MIRROR/$repo/repo"
    [ -d "$git_dir" ] || { echo "missing mirror $git_dir" >&2; exit 1; }
    head_sha="$(git --git-dir="$git_dir" rev-parse "$head")"
    short="${repo#*+}"
    git --git-dir="$git_dir" diff --no-color --no-ext-diff -M -l5000 \
      --src-prefix="a/$short/" --dst-prefix="b/$short/" "$base" "$head_sha" >> "$TMP/all.diff" 2>/dev/null
    manifest="$manifest $repo $base..$head_sha;"
  done
  python3 - "$TMP/all.diff" "$OUT/$name.diff" "$target" <<'EOF'
import sys
src, dst, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, 'rb').read()
cut = len(data)
if cut > target:
    cut = data.rfind(b'\ndiff --git ', 0, target + 1)
    cut = cut + 1 if cut >= 0 else target
open(dst, 'wb').write(data[:cut])
EOF
  files="$(grep -c '^diff --git ' "$OUT/$name.diff" || true)"
  printf '%s\t%s bytes\t%s files\t%s\n' "$name" "$(stat -c %s "$OUT/$name.diff")" "$files" "$manifest" | tee -a "$OUT/manifest.tsv"
done
