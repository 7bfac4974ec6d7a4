#!/usr/bin/env bash
# The search measurements of BENCHMARKS.md ("Search"), from one command at the repository root:
#
#   bench/search.sh                 # N = 1000 10000 100000; or e.g. bench/search.sh 1000
#
# For each N: generates the corpus (seed 20180101), builds it with `samtal build` (timed, peak
# RSS), builds it again through examples/search_share.rs (the search index's share of the
# build's CPU time), counts the output files and the index's files and bytes (raw and
# gzipped), then runs tests/browser/search.mjs on the built site in headless Chromium: bytes
# fetched per query (DevTools protocol, gzipped as served) and keypress-to-results times, and
# the relevance file's queries for the generated site (MRR@5 per class, bytes per query). At
# 10,000 it also indexes the same built site with Pagefind (bench/pagefind, `npm ci` there)
# and measures Pagefind's bytes per query through its own API.
#
# Needs: chromium, node and `npm ci` in tests/browser and bench/pagefind. Work folder:
# $BENCH_WORK (default /dev/shm/samtal-search-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_WORK:-/dev/shm/samtal-search-bench}
SIZES=${*:-1000 10000 100000}
export SAMTAL_TODAY=2025-06-01
mkdir -p "$WORK/bin"
cargo build --release --quiet --bin samtal --example gen_corpus --example search_share
cp target/release/samtal target/release/examples/gen_corpus target/release/examples/search_share "$WORK/bin/"

gz_bytes() { # total gzipped size of the files under $1 (each gzipped alone, level 6)
  find "$1" -type f -print0 | xargs -0 -n 200 sh -c 'for f; do gzip -6 -c "$f" | wc -c; done' sh | awk '{s+=$1} END {print s}'
}

for N in $SIZES; do
  corpus="$WORK/c$N"
  site="$WORK/s$N"
  echo "== $N meetings"
  "$WORK/bin/gen_corpus" --meetings "$N" --seed 20180101 --out "$corpus" --force >/dev/null
  rm -rf "$site" "$site-share"
  # The corpus's follow-up warnings go to a file; the timing line is printed.
  /usr/bin/time -o "$WORK/time.txt" -f "samtal build: %e s wall, %U s user, %S s sys, %M kB peak RSS" \
    "$WORK/bin/samtal" --root "$corpus" build --quiet --output "$site" 2>"$WORK/warnings.txt"
  cat "$WORK/time.txt"
  "$WORK/bin/search_share" "$corpus" "$site-share" 2>/dev/null
  rm -rf "$site-share"
  echo "output files: $(find "$site" -type f | wc -l), search index files: $(find "$site/sok" -type f -name '*.json' | wc -l)"
  echo "search index: $(find "$site/sok" -type f -name '*.json' -print0 | du -cb --files0-from=- | tail -1 | cut -f1) bytes raw, $(gz_bytes "$site/sok") bytes gzipped (sok/, each file alone)"
  node tests/browser/search.mjs "$site" --relevance tests/search/relevance.json
  if [ "$N" = 10000 ] && [ -x bench/pagefind/node_modules/.bin/pagefind ]; then
    rm -rf "$site/pagefind"
    /usr/bin/time -o "$WORK/time.txt" -f "pagefind: %e s wall, %U s user, %S s sys, %M kB peak RSS" \
      bench/pagefind/node_modules/.bin/pagefind --site "$site" --quiet
    cat "$WORK/time.txt"
    echo "pagefind index: $(find "$site/pagefind" -type f | wc -l) files, $(du -sb "$site/pagefind" | cut -f1) bytes (its files are gzipped already)"
    node tests/browser/search.mjs "$site" --pagefind
  fi
done
