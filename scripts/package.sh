#!/usr/bin/env bash
# Builds the Debian package of SockBench through CPack in build-package (RelWithDebInfo, as
# scripts/test.sh builds, so ccache reuses the objects; CPack strips the binaries, as dh_strip
# would), checks the desktop entry, the AppStream metadata and the .deb (lintian: no error), then
# installs it into a scratch root and runs what it holds (ctest -L package).
# Prints the path of the .deb last. Extra arguments go to lintian.
set -euo pipefail
SB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$SB_ROOT/scripts/deps.sh"

sb_install $SB_BUILD_PACKAGES $SB_PACKAGE_PACKAGES
build="${SB_PACKAGE_BUILD_DIR:-$SB_ROOT/build-package}"
# The tests of the ordinary suite are not built here; the package test is. Link-time hardening
# (RELRO, immediate binding) as Debian's build flags give it; it leaves the objects, and so
# ccache's hits, as they are.
# Configured every time (cheap), so that a build-package made by an older script takes these.
cmake -S "$SB_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSB_BUILD_TESTS=OFF -DSB_PACKAGE_TEST=ON \
    -DSB_DEBIAN_DOCS=ON "-DCMAKE_EXE_LINKER_FLAGS=-Wl,-z,relro -Wl,-z,now" \
    -DCMAKE_STRIP="$SB_ROOT/cmake/dh-strip.sh" >/dev/null
cmake --build "$build" -j2

echo "== desktop-file-validate"
desktop-file-validate "$SB_ROOT/resources/sockbench.desktop"
echo "== appstreamcli validate"
# --no-net: the screenshots' addresses are checked for form, not fetched.
appstreamcli validate --no-net "$SB_ROOT/resources/io.github.sockbench.SockBench.metainfo.xml"

echo "== cpack"
rm -f "$build"/sockbench_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/sockbench_*.deb)

echo "== lintian $(basename "$deb")"
# Exits non-zero on any error-level tag; warnings are printed and left to the reader.
lintian --display-info "$@" "$deb"

echo "== ctest -L package"
(cd "$build" && ctest -L package --output-on-failure)

echo "== $(dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends)"
echo "$deb ($(stat -c %s "$deb") bytes)"
