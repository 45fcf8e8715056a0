#!/usr/bin/env bash
# Installs what is missing (build tools, Qt, and the test peers socat, nc, python3), builds and
# runs every test with CTest. Exits non-zero on any failure. Extra arguments go to ctest.
set -euo pipefail
SB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$SB_ROOT/scripts/deps.sh"

sb_install $SB_BUILD_PACKAGES $SB_TEST_PACKAGES
build="${SB_BUILD_DIR:-$SB_ROOT/build}"
sb_configure "$build" RelWithDebInfo
cmake --build "$build" -j2
cd "$build"
ctest -j2 --output-on-failure "$@"
