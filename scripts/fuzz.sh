#!/usr/bin/env bash
# Fuzzes every cargo-fuzz target for a bounded time each, on stable Rust.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, all targets)
#
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
# The corpus starts from fuzz/seeds/ plus every meeting and page in the repository, and
# grows in fuzz/corpus/ (git-ignored). A crash stops the run, leaves its input in
# fuzz/artifacts/<target>/ and makes this script exit non-zero: turn that input into a
# regression test in tests/reliability.rs, fix it, and run again.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(meeting_file render_meeting)
fi

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

mkdir -p fuzz/logs
status=0
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  cp -n fuzz/seeds/meeting_file/* "$corpus"/ 2>/dev/null || true
  for f in content/meetings/*.md content/pages/*.md tests/sites/*/content/meetings/*.md tests/sites/*/content/pages/*.md; do
    [ -f "$f" ] && cp -n "$f" "$corpus/seed-$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")" 2>/dev/null || true
  done
  log=fuzz/logs/$target.log
  echo "== $target: ${seconds}s"
  if ! nice -n 10 cargo fuzz run "$target" "$corpus" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
      -dict=fuzz/meeting.dict -print_final_stats=1 >"$log" 2>&1; then
    status=1
    echo "!! $target found a problem; see $log and fuzz/artifacts/$target/"
    grep -E "panicked|ERROR|SUMMARY|overflow" "$log" | head -n 5 || true
  fi
  runs=$(grep -Eo "stat::number_of_executed_units: [0-9]+" "$log" | tail -n 1 | grep -Eo "[0-9]+" || echo "?")
  cov=$(grep -Eo "cov: [0-9]+" "$log" | tail -n 1 | grep -Eo "[0-9]+" || echo "?")
  echo "   executions: $runs, coverage edges: $cov, corpus: $(ls "$corpus" | wc -l) inputs"
done
exit $status
