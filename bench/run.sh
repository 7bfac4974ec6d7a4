#!/usr/bin/env bash
# Build-time benchmark of samtal against the I/O floor, on generated corpora: build, check and
# serve's rebuild after an edit. samtal against other generators: bench/peers.sh (lean Hugo and
# Zola sites on the shared corpus).
#
#   bench/run.sh                 # N = 1000 10000 100000
#   bench/run.sh 1000 10000      # chosen sizes
#
# Environment (all optional):
#   BENCH_WORK       corpora and outputs (default /dev/shm/samtal-bench: tmpfs, stable numbers)
#   BENCH_BIG_OUT    outputs for N > 10000 when RAM is short (default /var/tmp/samtal-bench, on
#                    disk): used only if free memory is below ~160 KB per meeting (the build's
#                    own RAM plus its output and corpora on tmpfs); otherwise BENCH_WORK is used
#   BENCH_RUNS       hyperfine runs per point for N <= 10000 (default 5); BENCH_RUNS_BIG (3)
#   BENCH_DETAIL_MAX largest N for the check and rebuild measurements (default 10000)
#   BENCH_EDITS      edits of each kind (body, title) timed for serve's rebuild (default 20)
#   BENCH_SEED       corpus seed; BENCH_KEEP=1 keeps the built outputs
#   BENCH_MEM_WAIT   seconds to wait for enough free memory before a big N (default 1800);
#                    samtal runs under an address-space limit of what is free minus 2 GB,
#                    so on a shared machine it fails alone instead of waking the OOM killer
# Prints Markdown tables; everything is also kept in $BENCH_WORK/results.md and json/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-/dev/shm/samtal-bench}
BIG_OUT=${BENCH_BIG_OUT:-/var/tmp/samtal-bench}
RUNS=${BENCH_RUNS:-5}
RUNS_BIG=${BENCH_RUNS_BIG:-3}
EDITS=${BENCH_EDITS:-20}
DETAIL_MAX=${BENCH_DETAIL_MAX:-10000}
SEED=${BENCH_SEED:-20180101}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
# Overdue follow-ups depend on "today"; fix it so every run does the same work.
export SAMTAL_TODAY=2025-06-01

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v jq >/dev/null || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y "${missing[@]}" >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y "${missing[@]}" >&2; }
fi

# --- binaries: built once, copied so a concurrent `cargo build` cannot swap them mid-run --
log "building samtal, gen_corpus and io_floor (release)"
(cd "$ROOT" && cargo build --release --quiet --bin samtal --example gen_corpus --example io_floor --example rebuild)
mkdir -p "$WORK/bin" "$WORK/json"
rm -f "$WORK"/json/*
cp "$ROOT/target/release/samtal" "$ROOT/target/release/examples/gen_corpus" "$ROOT/target/release/examples/io_floor" "$ROOT/target/release/examples/rebuild" "$WORK/bin/"
SAMTAL=$WORK/bin/samtal
GEN=$WORK/bin/gen_corpus
FLOOR=$WORK/bin/io_floor

# --- helpers ----------------------------------------------------------------------------
# bench NAME RUNS PREPARE CMD: hyperfine, each run also logging its peak RSS (KB) to
# json/NAME.rss. Returns non-zero (and leaves no json) if the command fails.
bench() {
  local name=$1 runs=$2 prepare=$3 cmd=$4 warmup=1
  [ "$runs" -le 3 ] && warmup=0
  rm -f "$WORK/json/$name.rss"
  hyperfine --style none --runs "$runs" --warmup "$warmup" --prepare "$prepare" \
    --export-json "$WORK/json/$name.json" \
    "/usr/bin/time -a -f %M -o $WORK/json/$name.rss $cmd" >&2 || { rm -f "$WORK/json/$name.json"; touch "$WORK/json/$name.failed"; return 1; }
}
ok() { [ -s "$WORK/json/$1.json" ]; }
# p50 / p95 of serve's rebuilds after one edit of KIND (body, title), from examples/rebuild.
serve_rebuild() {
  local f=$WORK/json/serve-rebuild-$1.txt
  [ -s "$f" ] || { echo "–"; return; }
  awk -v kind="$2" '$1 == kind && $2 == "edits" { printf "%s / %s ms", $5, $8 }' "$f"
}
median() { jq -r '.results[0].median' "$WORK/json/$1.json"; }
# "median (min–max)" of wall time, in seconds.
spread() {
  if ok "$1"; then jq -r '.results[0] | "\(.median*100|round/100) s (\(.min*100|round/100)–\(.max*100|round/100))"' "$WORK/json/$1.json"
  elif [ -e "$WORK/json/$1.failed" ]; then echo "failed"; else echo "–"; fi
}
# Mean CPU time (user + system) per run.
cpu() { ok "$1" && jq -r '.results[0] | "\((.user+.system)*10|round/10) s"' "$WORK/json/$1.json" || echo "–"; }
# Largest peak RSS of any run, in MB.
rss() { [ -s "$WORK/json/$1.rss" ] && sort -n "$WORK/json/$1.rss" | awk 'END { printf "%d MB", $1 / 1024 }' || echo "–"; }
ratio() { ok "$1" && ok "$2" && awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN { printf "%.2f", a / b }' || echo "–"; }
files_mb() { [ -d "$1" ] && echo "$(find "$1" -type f | wc -l) / $(du -sm "$1" | cut -f1) MB" || echo "–"; }

{
  echo "### samtal build benchmark ($(date -u '+%Y-%m-%d %H:%M') UTC)"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r)"
  echo "- corpora and outputs in $WORK ($(df -T "$WORK" | awk 'NR==2 {print $2}'))"
  echo "- samtal $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml themes 2>/dev/null || echo ' + uncommitted changes'), hyperfine $(hyperfine --version | cut -d' ' -f2)"
  echo "- $RUNS runs per point for N ≤ 10000, $RUNS_BIG above (one warm-up run when more than 3); wall time as median (min–max); output folder removed before every build"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$WORK/results.md"

avail_mb() { awk '/MemAvailable/ { print int($2 / 1024) }' /proc/meminfo; }

times_rows=() res_rows=()
for N in "${SIZES[@]}"; do
  R=$RUNS OUTDIR=$WORK
  [ "$N" -gt 10000 ] && R=$RUNS_BIG
  if [ "$(avail_mb)" -lt $(( N * 160 / 1024 + 4096 )) ]; then
    OUTDIR=$BIG_OUT
    echo "- N=$N: too little free memory for tmpfs, outputs written to $BIG_OUT ($(mkdir -p "$BIG_OUT" && df -T "$BIG_OUT" | awk 'NR==2 {print $2}'))" >> "$WORK/results.md"
  fi
  # samtal needed ~115 KB of RAM per meeting (1.3 GB at 10k, 11 GB at 100k); wait for room.
  need_mb=$(( N * 115 / 1024 + 2048 )) waited=0
  while [ "$(avail_mb)" -lt "$need_mb" ] && [ "$waited" -lt "${BENCH_MEM_WAIT:-1800}" ]; do
    [ "$waited" -eq 0 ] && log "N=$N: waiting for $need_mb MB of free memory ($(avail_mb) MB now)"
    sleep 30; waited=$(( waited + 30 ))
  done
  LIMIT=$(( ($(avail_mb) - 2048) * 1024 * 1024 ))
  [ "$LIMIT" -lt $(( 2 << 30 )) ] && LIMIT=$(( 2 << 30 ))
  SAMTAL="prlimit --as=$LIMIT $WORK/bin/samtal"
  echo "- N=$N: samtal address-space limit $(( LIMIT >> 20 )) MB (free memory when starting: $(avail_mb) MB)" >> "$WORK/results.md"
  mkdir -p "$OUTDIR"
  S=$WORK/samtal-$N
  OUT=$OUTDIR/out-samtal-$N FOUT=$OUTDIR/out-floor-$N
  log "N=$N: generating the corpus"
  "$GEN" --meetings "$N" --seed "$SEED" --out "$S" --force

  log "N=$N: samtal build"
  bench "samtal-build-$N" "$R" "rm -rf $OUT" "$SAMTAL --root $S build --quiet --output $OUT" || log "samtal build failed"
  out_size=$(files_mb "$OUT")

  if [ "$N" -le "$DETAIL_MAX" ] && [ -d "$OUT" ]; then
    log "N=$N: serve's rebuild after editing one meeting (examples/rebuild.rs)"
    "$WORK/bin/rebuild" "$S" "$EDITS" | tee "$WORK/json/serve-rebuild-$N.txt" >&2 || true
    log "N=$N: samtal check"
    bench "samtal-check-$N" "$R" "true" "$SAMTAL --root $S check --quiet" || true
  fi

  if [ -d "$OUT" ]; then
    log "N=$N: I/O floor"
    "$FLOOR" record "$OUT" "$WORK/manifest-$N"
    [ -z "${BENCH_KEEP:-}" ] && rm -rf "$OUT"
    bench "floor-$N" "$R" "rm -rf $FOUT" "$FLOOR run $S $WORK/manifest-$N $FOUT" || true
    rm -rf "$FOUT"
  fi

  times_rows+=("| $N | $(spread "samtal-build-$N") | $(spread "floor-$N") | **$(ratio "samtal-build-$N" "floor-$N")** | $(spread "samtal-check-$N") | $(ratio "samtal-check-$N" "samtal-build-$N") | $(serve_rebuild "$N" body) | $(serve_rebuild "$N" title) |")
  res_rows+=("| $N | $(cpu "samtal-build-$N") | $(cpu "floor-$N") | $(rss "samtal-build-$N") | $out_size |")
done

{
  echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Wall time of a full clean build, of check, and of serve's in-memory rebuild after editing one meeting's body or title (p50 / p95 of $EDITS edits each):"
  echo
  echo "| meetings | samtal build | I/O floor | samtal ÷ floor | samtal check | check ÷ build | serve rebuild, body edit | serve rebuild, title edit |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${times_rows[@]}"
  echo
  echo "CPU time (user + system, mean per run), peak resident memory, and output:"
  echo
  echo "| meetings | samtal CPU | I/O floor CPU | samtal peak RSS | samtal output (files / size) |"
  echo "|---:|---:|---:|---:|---:|"
  printf '%s\n' "${res_rows[@]}"
  if ok samtal-build-10000 && ok samtal-build-100000; then
    echo
    echo "Scaling: build(100000) ÷ build(10000) = **$(ratio samtal-build-100000 samtal-build-10000)** (wall)"
  fi
} >> "$WORK/results.md"
cat "$WORK/results.md"
