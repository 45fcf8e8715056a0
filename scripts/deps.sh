# Sourced by run.sh and test.sh: installs what SockBench needs, and only what is missing.
# On Debian and Ubuntu it uses apt-get (as root, or through sudo); elsewhere it prints the list.

SB_BUILD_PACKAGES="cmake ninja-build g++ ccache pkg-config libssl-dev qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n"
# Every program a test runs, and the files it reads: hexdump (bsdextrautils), /etc/services
# (netbase), netstat (net-tools), unshare and mount (util-linux), the TLS peers openssl
# s_server/s_client and tshark (the key log decrypting a capture), strace and cc (gcc) for the
# traced example programs (tests/cli/tst_cli_traceprogram.cpp). Under CI=true a test whose
# program is missing fails (tests/support/requiretool.h) instead of skipping.
SB_TEST_PACKAGES="socat netcat-openbsd python3 iproute2 xvfb xauth bsdextrautils netbase net-tools util-linux mount openssl tshark strace gcc make"
# Trying the GUI by hand under Xvfb (scripted clicks, screenshots); not needed by the tests.
SB_TRY_PACKAGES="xdotool imagemagick"
# scripts/package.sh: dpkg-shlibdeps and file (the dependencies CPack computes from the
# binaries), rsvg-convert (the PNG icons, drawn from the SVG at build time), and the checkers:
# lintian, appstreamcli, desktop-file-validate, man; bash-completion, which the completion's
# test sources.
SB_PACKAGE_PACKAGES="dpkg-dev file librsvg2-bin lintian appstream desktop-file-utils man-db
    bash-completion"
# scripts/bench.sh: the peers it measures beside (socat, nc, iperf3) and its slow reader (pv).
SB_BENCH_PACKAGES="socat netcat-openbsd iperf3 pv python3 iproute2 strace gcc"

sb_missing_packages() {
    local missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
            || missing="$missing $p"
    done
    echo "$missing"
}

sb_install() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "This system has no apt-get. Install the equivalents of: $*" >&2
        echo "(CMake 3.25+, Ninja, a C++20 compiler, Qt 6.4+ Widgets and Test)" >&2
        return 0
    fi
    local missing
    missing=$(sb_missing_packages "$@")
    [ -z "$missing" ] && return 0
    echo "Installing:$missing"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "Not root and no sudo: please install:$missing" >&2
            return 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq || return 1
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $missing || return 1
}

# sb_configure DIR BUILD_TYPE [extra cmake args...]
sb_configure() {
    local dir=$1 type=$2
    shift 2
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S "$SB_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" || return 1
    fi
}
