#!/usr/bin/env bash
# What each exclusion of packaging/finetune-studio.spec saves: builds the bundle once as shipped, once
# with nothing excluded, and once per exclusion group with only that group kept (FTS_KEEP=group),
# then prints the size of each and the difference to the shipped bundle. About a minute a build.
#
#   packaging/measure_sizes.sh [group …]        (default: every group)
#
# Builds go to build/measure/ (OUT=… to change); the shipped dist/ is not touched.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-$ROOT/.venv/bin/python}
OUT=${OUT:-$ROOT/build/measure}
# Groups that only prune files after the analysis come first: they reuse its cache and build fast.
GROUPS_ALL="qt-translations qt-plugins nltk-data tiktoken-cl100k rapidfuzz-avx2 system-libs orphans strip
 tk numeric nltk-extras cli-extras dev-tools qt-modules"
groups=${*:-$GROUPS_ALL}

build() {  # build LABEL KEEP → prints bytes
  local label=$1 keep=$2
  FTS_KEEP=$keep "$PY" -m PyInstaller --noconfirm --log-level ERROR --distpath "$OUT/dist-$label" \
    --workpath "$OUT/work" packaging/finetune-studio.spec >"$OUT/log-$label.txt" 2>&1
  du -sb "$OUT/dist-$label/finetune-studio" | cut -f1
}

mkdir -p "$OUT"
shipped=$(build shipped "")
printf '%-18s %8s %9s\n' "bundle" "MB" "saved MB"
printf '%-18s %8.1f %9s\n' "as shipped" "$(echo "$shipped / 1000000" | bc -l)" "-"
for g in $groups; do
  size=$(build "$g" "$g")
  printf '%-18s %8.1f %9.1f\n' "keep $g" "$(echo "$size / 1000000" | bc -l)" "$(echo "($size - $shipped) / 1000000" | bc -l)"
  rm -rf "$OUT/dist-$g"
done
size=$(build all all)
printf '%-18s %8.1f %9.1f\n' "nothing excluded" "$(echo "$size / 1000000" | bc -l)" "$(echo "($size - $shipped) / 1000000" | bc -l)"
