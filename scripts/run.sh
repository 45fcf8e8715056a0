#!/usr/bin/env bash
# Installs what is missing, builds a Release and starts the SockBench GUI.
# Arguments are passed to sockbench (e.g. --empty).
set -euo pipefail
SB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$SB_ROOT/scripts/deps.sh"

sb_install $SB_BUILD_PACKAGES
build="$SB_ROOT/build-release"
sb_configure "$build" Release -DSB_BUILD_TESTS=OFF
cmake --build "$build" -j2

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    cat <<EOT
SockBench is built, but there is no display here (no DISPLAY or WAYLAND_DISPLAY), so the GUI
cannot open. The headless twin works anywhere:

  $build/app/cli/sockbench-cli --help
  $build/app/cli/sockbench-cli listen tcp://127.0.0.1:7000 --reply echo &
  echo hello | $build/app/cli/sockbench-cli --trace connect tcp://127.0.0.1:7000

Or run the GUI in a virtual display: xvfb-run $build/app/gui/sockbench
EOT
    exit 0
fi
exec "$build/app/gui/sockbench" "$@"
