#!/usr/bin/env bash
# A very big site: generates N meetings (default 100,000), builds them with the release
# binary and records wall time and peak memory (/usr/bin/time -v).
#
#   scripts/big.sh [MEETINGS] [WORK_DIR]
#
# The corpus comes from `cargo run --release --example gen_corpus` when that example exists,
# else from the small generator below. WORK_DIR (default: a new folder under /tmp) ends up
# holding site/, public/ and time-*.txt; delete it afterwards, it is large.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-100000}
work=${2:-$(mktemp -d /tmp/samtal-big.XXXXXX)}
mkdir -p "$work"
site=$work/site

nice -n 10 cargo build --release --quiet --bin samtal
if [ -f examples/gen_corpus.rs ]; then
  rm -rf "$site"
  nice -n 10 cargo run --release --quiet --example gen_corpus -- --meetings "$n" --out "$site"
else
  # Fallback: a valid site with N short meetings and the repository's registries and theme.
  rm -rf "$site"
  mkdir -p "$site/content/meetings"
  cp site.yaml "$site/"
  cp content/regions.yaml content/themes.yaml "$site/content/"
  cp -r themes "$site/"
  awk -v n="$n" -v dir="$site/content/meetings" 'BEGIN {
    split("stockholm uppsala skane gotland norrbotten", r, " ")
    for (i = 0; i < n; i++) {
      f = sprintf("%s/m%06d.md", dir, i)
      printf "---\ntitle: \"Möte %d\"\ndate: %d-%02d-%02d\nregions: [%s]\nsummary: Sammanfattning %d.\noutcomes: [Resultat %d]\n---\n", i, 2000 + i % 25, 1 + i % 12, 1 + i % 28, r[1 + i % 5], i, i > f
      for (p = 0; p < 5; p++) printf "Stycke %d om regional utveckling i möte %d, med **fetstil** och en [länk](https://example.org/%d).\n\n", p, i, i > f
      close(f)
    }
  }'
fi
echo "corpus: $(find "$site/content/meetings" -name '*.md' | wc -l) meetings, $(du -sh "$site/content" | cut -f1)"

measure() {
  local name=$1
  shift
  /usr/bin/time -v "$@" 2>"$work/time-$name.txt" >/dev/null || {
    tail -n 40 "$work/time-$name.txt"
    echo "$name FAILED"
    exit 1
  }
  local rss wall
  rss=$(grep -E "Maximum resident set size" "$work/time-$name.txt" | grep -Eo "[0-9]+$")
  wall=$(grep -E "Elapsed \(wall clock\)" "$work/time-$name.txt" | awk '{print $NF}')
  echo "$name: wall $wall, peak RSS $((rss / 1024)) MiB"
}

measure check target/release/samtal --root "$site" check --quiet
measure build target/release/samtal --root "$site" build --quiet --output "$work/public"
# A rebuild replaces the previous output (the swap path, with an old build to remove).
measure rebuild target/release/samtal --root "$site" build --quiet --output "$work/public"
echo "output: $(find "$work/public" -type f | wc -l) files, $(du -sh "$work/public" | cut -f1)"
leftovers=$(find "$work" -maxdepth 1 -name '.public.samtal-*' | wc -l)
echo "temp folders left: $leftovers"
[ "$leftovers" -eq 0 ]
echo "work dir: $work"
