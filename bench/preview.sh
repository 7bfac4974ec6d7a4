#!/usr/bin/env bash
# The editor's preview (issue 25): how long `samtal serve` takes to render an unsaved entry of
# the example site as its page, with its problems (POST /__samtal/preview), 20 times.
# The editor asks 150 ms after the last key, so the page follows typing after that plus this.
#   bash bench/preview.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
site=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$site"' EXIT
cp -r site.yaml content "$site/"
printf 'cms:\n  backend: github\n  repo: a/b\n' >> "$site/site.yaml"
./target/release/samtal --root "$site" serve --port 18199 >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18199/ && break; sleep 0.1; done
entry='{"collection":"meetings","path":null,"pristine":false,"pending":[],"data":{"title":"Dialog med Region Gotland 2019","date":"2019-05-22","regions":["gotland"],"summary":"Vi enades om tre steg.","outcomes":["Ett resultat"],"draft":true,"body":"Text.\n"}}'
for _ in $(seq 1 20); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' --data "$entry" http://127.0.0.1:18199/__samtal/preview
done | sort -n | awk '{t[NR]=$1*1000} END {printf "preview of one entry: median %.0f ms, p95 %.0f ms, max %.0f ms (%d requests)\n", t[int(NR/2)], t[int(NR*0.95)], t[NR], NR}'
