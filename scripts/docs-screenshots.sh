#!/usr/bin/env bash
# Makes the screenshots of docs/images/ from the test suite, so that they show the program as
# it is: runs the GUI tests that save PNGs into BUILD/screenshots/ (offscreen, as ctest does)
# and copies the chosen ones into docs/images/ under stable names.
#
#   ./scripts/docs-screenshots.sh [--no-build] [BUILD_DIR]     (BUILD_DIR defaults to build/)
#
# BUILD_DIR is an existing, configured build directory. Unless --no-build is given, the four
# test programs are built there first (-j2). pngquant or optipng make the copies smaller when
# one of them is installed; without them the PNGs are copied as the tests wrote them.
set -euo pipefail
SB_ROOT=$(cd "$(dirname "$0")/.." && pwd)

build_first=1
if [ "${1:-}" = "--no-build" ]; then
    build_first=0
    shift
fi
build=$(cd "${1:-$SB_ROOT/build}" 2>/dev/null && pwd) || {
    echo "docs-screenshots: no build directory ${1:-$SB_ROOT/build} (configure one first:" >&2
    echo "  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)" >&2
    exit 2
}
[ -f "$build/CMakeCache.txt" ] || { echo "docs-screenshots: $build is not a CMake build directory" >&2; exit 2; }

tests=(ui_tst_screenshots ui_tst_windowfit ui_tst_demoplayer_gui ui_tst_wirechart ui_tst_contextmenus)
if [ "$build_first" = 1 ]; then
    cmake --build "$build" -j2 --target "${tests[@]}"
fi
for t in "${tests[@]}"; do
    [ -x "$build/tests/$t" ] || { echo "docs-screenshots: $build/tests/$t is not built" >&2; exit 2; }
done


# build/screenshots/NAME -> docs/images/NAME: what each picture of the docs shows.
pairs=(
    "start.png                  workbench-start.png"  # the echo server and its client
    "busy-server-log.png        server-log.png"       # a server's Log, three clients talking
    "busy-server.png            server-clients.png"   # a server's Clients tab, three clients
    "error.png                  syscalls-errno.png"   # EADDRINUSE in the Syscalls tab
    "fit-en-1920x1080.png       every-dock.png"       # eight panels and every dock
    "fit-es-1366x768.png        spanish.png"          # the same in Spanish at 1366x768
    "demo1.png                  demo-player.png"      # the TCP echo demo, stepped
    "wire-demo2-after-close.png wire.png"             # the Wire chart exported: iterative vs concurrent
    "context-menu-log.png       context-menu-log.png" # right-click on a log row
)
# Only pictures made by this run are copied: the old ones go first.
for pair in "${pairs[@]}"; do
    read -r from _ <<<"$pair"
    rm -f "$build/screenshots/$from"
done
# The tests write into BUILD/screenshots; run them as ctest would (offscreen, from BUILD). A
# failing test copies nothing: its pictures may show what it failed on.
(cd "$build" && ctest --output-on-failure -R "^($(IFS='|'; echo "${tests[*]}"))\$") || {
    echo "docs-screenshots: a test failed; docs/images/ is left as it was" >&2
    exit 1
}

out="$SB_ROOT/docs/images"
mkdir -p "$out"
for pair in "${pairs[@]}"; do
    read -r from to _ <<<"$pair"
    src="$build/screenshots/$from"
    [ -f "$src" ] || { echo "docs-screenshots: the tests made no $src" >&2; exit 1; }
    if command -v pngquant >/dev/null; then
        pngquant --force --skip-if-larger --quality 70-95 --output "$out/$to" "$src" \
            || cp "$src" "$out/$to"
    else
        cp "$src" "$out/$to"
    fi
    if command -v optipng >/dev/null; then
        optipng -quiet -o2 "$out/$to"
    fi
    echo "docs/images/$to  <- $from  ($(stat -c %s "$out/$to") bytes)"
done
