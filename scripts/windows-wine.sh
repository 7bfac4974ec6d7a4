#!/usr/bin/env bash
# Proof that samtal works on Windows, on this Linux machine: cross-compiles samtal.exe for
# x86_64-pc-windows-gnu (mingw) and runs it under Wine against a copy of the example site:
#   --version; build (new output, then replacing it: the Windows swap order); check;
#   the output byte-identical to the Linux build's; new meeting (same file as on Linux); mv;
#   a build with a mistake (exit 1, message with `/` paths, the previous output untouched);
#   serve (answers, rebuilds after an edit through the Windows file watcher).
#
# Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64 and wine64
# (.ci/run installs them). Run from anywhere: bash scripts/windows-wine.sh
#
# Known snag: Debian 12's Wine 8 lacks bcryptprimitives.dll (ProcessPrng, which Rust's std
# calls on Windows). A tiny stub (scripts/wine/bcryptprimitives.c, forwarding to advapi32's
# SystemFunction036) is built with mingw and put beside the test's copy of samtal.exe only;
# it is never part of a release.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

target=x86_64-pc-windows-gnu
# The dev profile (dependencies optimised, see Cargo.toml) is plenty for a 70-page site and
# shares nothing with the host build, so it is the cheapest to cross-compile.
profile=${SAMTAL_WINE_PROFILE:-dev}
profile_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
target_dir=${CARGO_TARGET_DIR:-$repo/target}

for tool in x86_64-w64-mingw32-gcc cargo; do
  command -v "$tool" >/dev/null || { echo "windows-wine: $tool is missing (apt-get install gcc-mingw-w64-x86-64)" >&2; exit 1; }
done
wine=$(command -v wine64 || command -v wine || true)
[ -n "$wine" ] || { echo "windows-wine: wine is missing (apt-get install wine64)" >&2; exit 1; }

echo "windows-wine: cross-compiling samtal.exe ($target, $profile) and the Linux binary"
cargo build --quiet --profile "$profile" --target "$target" --bin samtal
cargo build --quiet --profile "$profile" --bin samtal
exe="$target_dir/$target/$profile_dir/samtal.exe"
linux="$target_dir/$profile_dir/samtal"

work=$(mktemp -d)
serve_pid=
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/bin"
cp "$exe" "$work/bin/samtal.exe"
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bin/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c -ladvapi32

export WINEARCH=win64 WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export SAMTAL_TODAY=2026-11-27
fail() { echo "windows-wine: FAILED: $*" >&2; exit 1; }
# Runs samtal.exe in the current folder; stdout and stderr go to $work/out and $work/err.
win() { "$wine" "$work/bin/samtal.exe" "$@" >"$work/out" 2>"$work/err"; }
site_copy() {
  mkdir -p "$1"
  cp -r "$repo/site.yaml" "$repo/content" "$repo/themes" "$1/"
  for extra in static templates; do [ -d "$repo/$extra" ] && cp -r "$repo/$extra" "$1/"; done
  return 0
}

echo "windows-wine: starting Wine ($("$wine" --version))"
wineboot_log="$work/wineboot.log"
"$wine" wineboot --init >"$wineboot_log" 2>&1 || true

site_copy "$work/win"
site_copy "$work/linux"
cd "$work/win"

win --version || fail "--version exited $?: $(cat "$work/err")"
grep -Eq '^samtal [0-9]+\.[0-9]+\.[0-9]+' "$work/out" || fail "--version printed: $(cat "$work/out")"
echo "windows-wine: $(tr -d '\r' <"$work/out")"

win build || fail "build exited $?: $(cat "$work/err")"
win build || fail "the second build (replacing the output) exited $?: $(cat "$work/err")"
[ -f public/index.html ] || fail "no public/index.html"
leftovers=$(find . -maxdepth 1 -name '.public.samtal-*')
[ -z "$leftovers" ] || fail "temporary folders left beside the output: $leftovers"
echo "windows-wine: build ok ($(tr -d '\r' <"$work/err"))"

win check || fail "check exited $?: $(cat "$work/err")"
echo "windows-wine: check ok"

(cd "$work/linux" && "$linux" build --quiet) || fail "the Linux build failed"
diff -r "$work/linux/public" public >"$work/diff" || fail "Windows and Linux output differ:
$(head -40 "$work/diff")"
echo "windows-wine: output byte-identical to the Linux build ($(find public -type f | wc -l) files)"

win new meeting --region skane --date 2019-03-01 --title "Dialogmöte i Malmö" || fail "new meeting exited $?: $(cat "$work/err")"
meeting=content/meetings/2019-03-01-skane.md
[ -f "$meeting" ] || fail "new meeting did not write $meeting: $(cat "$work/err")"
grep -q "content/meetings/2019-03-01-skane.md" "$work/err" || fail "new meeting named the file otherwise: $(cat "$work/err")"
(cd "$work/linux" && "$linux" new meeting --region skane --date 2019-03-01 --title "Dialogmöte i Malmö" 2>/dev/null)
cmp "$meeting" "$work/linux/$meeting" || fail "new meeting wrote another file than on Linux"
win new meeting --region skane --date 2019-03-01 --title "Dialogmöte i Malmö" && fail "new meeting replaced an existing file"
rm "$meeting"
echo "windows-wine: new meeting ok"

# mv with Windows paths: the file moves, its old address goes under aliases:, messages use /.
win mv 'content\meetings\2018-gotland.md' 'content\meetings\2018-visby-gotland.md' || fail "mv exited $?: $(cat "$work/err")"
[ ! -f content/meetings/2018-gotland.md ] || fail "mv left the old file"
grep -q '^  - /moten/2018-gotland/' content/meetings/2018-visby-gotland.md || fail "mv wrote no alias: $(cat content/meetings/2018-visby-gotland.md)"
grep -q 'till content/meetings/2018-visby-gotland.md' "$work/err" || fail "mv named the file otherwise: $(cat "$work/err")"
grep -q '\\' "$work/err" && fail "a backslash in mv's message: $(cat "$work/err")"
rm content/meetings/2018-visby-gotland.md
cp "$work/linux/content/meetings/2018-gotland.md" content/meetings/
echo "windows-wine: mv ok"

cp -r public "$work/before"
broken=content/meetings/2018-blekinge.md
sed -i 's/^regions: .*/regions: [blekingee]/' "$broken"
set +e
win build
code=$?
set -e
[ "$code" = 1 ] || fail "a build with a mistake exited $code, not 1: $(cat "$work/err")"
grep -q "content/meetings/2018-blekinge.md:" "$work/err" || fail "the message does not name the file with /: $(cat "$work/err")"
grep -q '\\' "$work/err" && fail "a backslash in the message: $(cat "$work/err")"
diff -r "$work/before" public >/dev/null || fail "the failed build changed the previous output"
cp "$work/linux/$broken" "$broken"
echo "windows-wine: a mistake gives exit 1 and keeps the previous output"

# serve: a free port, the page answers, an edit is seen by the watcher and rebuilt.
"$wine" "$work/bin/samtal.exe" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
wait_for() { # file pattern seconds
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    kill -0 "$serve_pid" 2>/dev/null || return 1
    sleep 0.2
  done
}
wait_for "$work/serve.out" "http://127.0.0.1:" 60 || fail "serve did not start: $(cat "$work/serve.err")"
url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.out" | head -1)
page=moten/2018-blekinge/
curl -fsS "$url$page" >"$work/page" || fail "serve did not answer $url$page"
grep -q "Blekinge" "$work/page" || fail "serve answered $url$page without the meeting"
wait_for "$work/serve.err" "Byggde" 60 || fail "serve did not report its first build: $(cat "$work/serve.err")"
# Saved in place, as most editors do (a temp file beside it would be a second change).
sed 's/^title: .*/title: "Ändrad under förhandsvisningen"/' "$broken" >"$work/edited"
cat "$work/edited" >"$broken"
deadline=$((SECONDS + 60))
until curl -fsS "$url$page" >"$work/page" && grep -q "Ändrad under förhandsvisningen" "$work/page"; do
  [ "$SECONDS" -lt "$deadline" ] && kill -0 "$serve_pid" 2>/dev/null \
    || fail "serve did not serve the edited page: $(cat "$work/serve.err")"
  sleep 0.2
done
grep -q "Byggde om" "$work/serve.err" || fail "serve rebuilt without saying so: $(cat "$work/serve.err")"
echo "windows-wine: serve answers and rebuilds after an edit"

echo "windows-wine: all Windows checks passed"
