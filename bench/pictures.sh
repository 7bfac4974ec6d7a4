#!/usr/bin/env bash
# Picture benchmark (BENCHMARKS.md, "Pictures"): a site of N meetings, each showing its own
# photo-like 3000×2000 JPEG (examples/pictures.rs), built with a cold cache (no previous
# output: every variant is encoded) and a warm one (the previous output holds every variant,
# so nothing is encoded). Release build.
#
#   bench/pictures.sh        # N = 100
#   bench/pictures.sh 20     # another N
#
# Environment: BENCH_WORK (default /dev/shm/samtal-pictures), BENCH_RUNS (default 3).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-100}
WORK=${BENCH_WORK:-/dev/shm/samtal-pictures}
RUNS=${BENCH_RUNS:-3}
export SAMTAL_TODAY=2025-06-01

cd "$ROOT"
cargo build --release --quiet --bin samtal --example pictures
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
BIN=$TARGET/release/samtal

rm -rf "$WORK" && mkdir -p "$WORK"
"$TARGET/release/examples/pictures" site "$WORK/site" "$N"
echo "pictures: $N, $(du -sh "$WORK/site/static" | cut -f1) of JPEG"
BUILD="$BIN --root $WORK/site build --output $WORK/out"

echo "== cold: no previous output, every variant encoded"
hyperfine --runs "$RUNS" --prepare "rm -rf $WORK/out" "$BUILD"
rm -rf "$WORK/out"
/usr/bin/time -f "cold: %e s wall, %U s user, %S s sys, %M KB max RSS" $BUILD > /dev/null

echo "== warm: the previous output holds every variant"
hyperfine --runs "$RUNS" --warmup 1 "$BUILD"
/usr/bin/time -f "warm: %e s wall, %U s user, %S s sys, %M KB max RSS" $BUILD > /dev/null

echo "output: $(find "$WORK/out" -name '*.webp' | wc -l) WebP and $(find "$WORK/out" -name '*.[0-9]*.jpg' | wc -l) JPEG variants, $(du -sh "$WORK/out/bilder" | cut -f1) in bilder/"

# Hugo (Debian's hugo, extended) on the same pictures, with its fastest idiomatic setup: one
# page bundle per meeting and a render hook making the same variants (bench/hugo-pictures).
# Cold: no resources/_gen cache; warm: Hugo's image cache kept.
if command -v hugo >/dev/null 2>&1; then
  HUGO_SITE=$WORK/hugo
  rm -rf "$HUGO_SITE" && cp -r "$ROOT/bench/hugo-pictures" "$HUGO_SITE"
  for photo in "$WORK"/site/static/bilder/*.jpg; do
    name=$(basename "$photo" .jpg)
    mkdir -p "$HUGO_SITE/content/moten/$name"
    cp "$photo" "$HUGO_SITE/content/moten/$name/foto.jpg"
    printf -- '---\ntitle: "%s"\n---\n![Foto från mötet](foto.jpg)\n' "$name" >"$HUGO_SITE/content/moten/$name/index.md"
  done
  HUGO_BUILD="hugo --quiet --source $HUGO_SITE"
  echo "== Hugo $(hugo version | cut -d' ' -f2), cold: no image cache"
  hyperfine --runs "$RUNS" --prepare "rm -rf $HUGO_SITE/resources $HUGO_SITE/public" "$HUGO_BUILD"
  rm -rf "$HUGO_SITE/resources" "$HUGO_SITE/public"
  /usr/bin/time -f "hugo cold: %e s wall, %U s user, %S s sys, %M KB max RSS" $HUGO_BUILD
  echo "== Hugo, warm: its image cache kept"
  hyperfine --runs "$RUNS" --warmup 1 "$HUGO_BUILD"
  /usr/bin/time -f "hugo warm: %e s wall, %U s user, %S s sys, %M KB max RSS" $HUGO_BUILD
  echo "hugo output: $(find "$HUGO_SITE/public" -name '*.webp' | wc -l) WebP and $(find "$HUGO_SITE/public" -name '*_*.jpg' | wc -l) JPEG variants"
else
  echo "no hugo on PATH (apt-get install hugo): the Hugo comparison is left out"
fi
