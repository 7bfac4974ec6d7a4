#!/usr/bin/env bash
# samtal against lean Hugo and Zola sites, on one shared corpus, in one run.
#
#   bench/peers.sh            # N = 10000
#   bench/peers.sh 1000       # another size
#
# The corpus and the peer sites are the shared benchmark's (../shared/bench, see its README):
# `gen_corpus.py N DIR` (front matter title/date/regions/themes/participants/summary) and
# `--flavor zola` (the same data nested the way Zola wants it; byte-identical bodies). The
# peers' sites are copied unchanged: `hugo-site/` (minimal: HTML only; full: RSS, sitemap,
# robots.txt) and `zola-site/` (minimal; full: Atom, sitemap, robots.txt).
#
# samtal builds the plain corpus files as they are (the script checks that every meeting
# file samtal reads is byte-identical to the one Hugo reads, and every body to the one Zola
# reads), inside a samtal site made around them: this repository's site.yaml settings as in
# examples/gen_corpus, content/regions.yaml (its county slugs are the corpus's), a
# content/themes.yaml with the corpus's eight theme slugs and names (read from gen_corpus.py
# itself), content/counties.geojson and themes/default.
#
# Each round builds samtal, Hugo (minimal, full) and Zola (minimal, full) in turn, on tmpfs,
# output folder removed and `sync` before every build; three rounds, interleaved, so a busy
# moment of the machine falls on every tool alike. Every build runs under /usr/bin/time:
# wall, user+system CPU and peak RSS. Reported: medians of wall and CPU, the largest RSS,
# the output (index.html pages, files, MB) and samtal's time divided by each peer's.
#
# Environment (all optional):
#   PEERS_WORK   work folder (default /dev/shm/samtal-peers: tmpfs)
#   PEERS_RUNS   rounds (default 3)
#   PEERS_SEED   corpus seed (default 1, the shared README's reference numbers)
#   SHARED_BENCH the shared benchmark folder (default ../shared/bench beside the repository,
#                else /work/shared/bench)
#   ZOLA         the zola binary (default: zola on PATH, else /opt/zola/bin/zola)
# Hugo is Debian's package (0.111), installed with apt-get when missing. Zola 0.22.1 has no
# Debian package: build it once from its source release with
#   cargo install --path <zola-0.22.1 source> --locked --root /opt/zola
# Without zola the script says so loudly and times the others.
# Prints Markdown tables; they are also kept in $PEERS_WORK/results.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-10000}
WORK=${PEERS_WORK:-/dev/shm/samtal-peers}
RUNS=${PEERS_RUNS:-3}
SEED=${PEERS_SEED:-1}
SHARED=${SHARED_BENCH:-}
if [ -z "$SHARED" ]; then
  for d in "$ROOT/../shared/bench" /work/shared/bench; do [ -f "$d/gen_corpus.py" ] && { SHARED=$(cd "$d" && pwd); break; }; done
fi
[ -n "$SHARED" ] && [ -f "$SHARED/gen_corpus.py" ] || { echo "peers.sh: the shared benchmark (gen_corpus.py, hugo-site/, zola-site/) was not found; set SHARED_BENCH" >&2; exit 2; }
export SAMTAL_TODAY=2025-06-01

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
loud() { printf '\033[1;31m!! %s\033[0m\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------
missing=()
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y "${missing[@]}" >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y "${missing[@]}" >&2; }
fi
ZOLA=${ZOLA:-$(command -v zola || true)}
[ -z "$ZOLA" ] && [ -x /opt/zola/bin/zola ] && ZOLA=/opt/zola/bin/zola
if [ -z "$ZOLA" ]; then
  loud "ZOLA IS NOT INSTALLED: Zola is skipped and its rows stay empty."
  loud "Build it once (no Debian package): cargo install --path <zola-0.22.1 source> --locked --root /opt/zola"
fi

log "building samtal (release)"
(cd "$ROOT" && cargo build --release --quiet --bin samtal)
mkdir -p "$WORK/bin" "$WORK/times"
rm -f "$WORK"/times/*
cp "$ROOT/target/release/samtal" "$WORK/bin/"
SAMTAL=$WORK/bin/samtal

# --- corpus and sites -------------------------------------------------------------------
log "N=$N: corpus (shared gen_corpus.py, seed $SEED), plain and zola flavors"
C=$WORK/corpus-$N CZ=$WORK/corpus-$N-zola
rm -rf "$C" "$CZ"
python3 "$SHARED/gen_corpus.py" "$N" "$C" --seed "$SEED"
python3 "$SHARED/gen_corpus.py" "$N" "$CZ" --seed "$SEED" --flavor zola

S=$WORK/samtal H=$WORK/hugo Z=$WORK/zola
rm -rf "$S" "$H" "$Z"
mkdir -p "$S/content/meetings" "$S/themes"
cat > "$S/site.yaml" <<EOF
title: Benchmarkkorpus ($N möten)
description: Den delade benchmarkens korpus med $N möten, byggd av samtal.
base_url: /
language: sv
theme: default
output: public
publisher: Tillväxtverket
allow_raw_html: false
EOF
cp "$ROOT/content/regions.yaml" "$ROOT/content/counties.geojson" "$S/content/"
cp -r "$ROOT/themes/default" "$S/themes/"
# The corpus's themes, with their names, from gen_corpus.py itself.
python3 - "$SHARED" > "$S/content/themes.yaml" <<'EOF'
import json, sys
sys.path.insert(0, sys.argv[1])
import gen_corpus
print("# The shared benchmark corpus's themes (gen_corpus.THEMES).")
for slug, name in gen_corpus.THEMES.items():
    print(f"- slug: {slug}\n  name: {json.dumps(name[0].upper() + name[1:], ensure_ascii=False)}")
EOF
# Every region slug of the corpus is a county of content/regions.yaml.
python3 - "$SHARED" "$S/content/regions.yaml" <<'EOF'
import re, sys
sys.path.insert(0, sys.argv[1])
import gen_corpus
known = set(re.findall(r"^\s*- slug: (\S+)", open(sys.argv[2], encoding="utf-8").read(), re.M))
unknown = sorted(set(gen_corpus.REGIONS) - known)
sys.exit(f"peers.sh: region slugs missing from regions.yaml: {unknown}" if unknown else 0)
EOF
cp "$C"/*.md "$S/content/meetings/"
cp -r "$SHARED/hugo-site" "$H"; mkdir -p "$H/content/meetings"; cp "$C"/*.md "$H/content/meetings/"
cp -r "$SHARED/zola-site" "$Z"; mkdir -p "$Z/content/meetings"; cp "$CZ"/*.md "$Z/content/meetings/"
chmod -R u+w "$S" "$H" "$Z"

# The same Markdown for everyone: samtal's files are Hugo's, byte for byte, and every body
# (after the front matter) is Zola's.
diff -r "$S/content/meetings" "$C" >/dev/null || { echo "peers.sh: samtal's meetings differ from the corpus" >&2; exit 1; }
python3 - "$C" "$CZ" <<'EOF'
import os, sys
a, b = sys.argv[1:3]
def body(p):
    t = open(p, encoding="utf-8").read()
    return t.split("\n---\n", 1)[1]
bad = [f for f in sorted(os.listdir(a)) if f.endswith(".md") and body(os.path.join(a, f)) != body(os.path.join(b, f))]
sys.exit(f"peers.sh: {len(bad)} bodies differ between the flavors, e.g. {bad[:3]}" if bad else 0)
EOF
log "corpus: $(ls "$C" | wc -l) meetings, $(du -sm "$C" | cut -f1) MB of Markdown; bodies identical for all three tools"

# --- timing -----------------------------------------------------------------------------
# tool name, folder, output folder (inside it), command
TOOLS=(samtal hugo hugo-full)
[ -n "$ZOLA" ] && TOOLS+=(zola zola-full)
dir_of() { case $1 in samtal) echo "$S" ;; hugo*) echo "$H" ;; zola*) echo "$Z" ;; esac; }
cmd_of() {
  case $1 in
    samtal) echo "$SAMTAL --root $S build --quiet --output $S/public" ;;
    hugo) echo "hugo --quiet" ;;
    hugo-full) echo "hugo --quiet --environment full" ;;
    zola) echo "$ZOLA build" ;;
    zola-full) echo "$ZOLA --config config.full.toml build" ;;
  esac
}
version_of() {
  case $1 in
    samtal) echo "samtal $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml themes 2>/dev/null || echo '+changes')" ;;
    hugo*) hugo version | awk '{print "hugo " $2}' ;;
    zola*) "$ZOLA" --version ;;
  esac
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M')
for run in $(seq "$RUNS"); do
  for tool in "${TOOLS[@]}"; do
    d=$(dir_of "$tool")
    rm -rf "$d/public" "$d/resources" "$d/.cache"
    sync
    log "round $run/$RUNS: $tool"
    if ! (cd "$d" && /usr/bin/time -f '%e %U %S %M' -a -o "$WORK/times/$tool" $(cmd_of "$tool") > "$WORK/times/$tool.log" 2>&1); then
      loud "$tool failed (see $WORK/times/$tool.log)"; tail -5 "$WORK/times/$tool.log" >&2; exit 1
    fi
    tail -1 "$WORK/times/$tool" >&2
    if [ "$run" = "$RUNS" ]; then
      echo "$(find "$d/public" -name index.html | wc -l)|$(find "$d/public" -type f | wc -l)|$(du -sm "$d/public" | cut -f1)" > "$WORK/times/$tool.out"
    fi
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
wall() { awk '{ print $1 }' "$WORK/times/$1" | median; }
cpu() { awk '{ print $2 + $3 }' "$WORK/times/$1" | median; }
walls() { awk '{ printf "%s%.2f", (NR > 1 ? " / " : ""), $1 }' "$WORK/times/$1"; }
rss() { awk '{ print $4 }' "$WORK/times/$1" | sort -n | tail -1 | awk '{ printf "%d", $1 / 1024 }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

{
  echo "### samtal against lean Hugo and Zola, $N meetings ($started UTC)"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r); work folder $WORK ($(df -T "$WORK" | awk 'NR==2 {print $2}'))"
  echo "- corpus: shared gen_corpus.py, N=$N, seed $SEED; $RUNS interleaved rounds (${TOOLS[*]}), output removed and sync before each build"
  echo "- load average at start: $load_start; at end: $load_end"
  echo
  echo "| tool | version | wall, median | wall per round | CPU (user+sys), median | peak RSS | index.html pages | files | output MB | samtal ÷ tool, wall | samtal ÷ tool, CPU |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for tool in "${TOOLS[@]}"; do
    IFS='|' read -r pages files mb < "$WORK/times/$tool.out"
    r_wall=$(div "$(wall samtal)" "$(wall "$tool")") r_cpu=$(div "$(cpu samtal)" "$(cpu "$tool")")
    [ "$tool" = samtal ] && r_wall=– r_cpu=–
    echo "| $tool | $(version_of "$tool") | $(wall "$tool") s | $(walls "$tool") | $(cpu "$tool") s | $(rss "$tool") MB | $pages | $files | $mb | **$r_wall** | $r_cpu |"
  done
  [ -z "$ZOLA" ] && echo && echo "**Zola was not installed: its rows are missing.**"
} > "$WORK/results.md"
cat "$WORK/results.md"
