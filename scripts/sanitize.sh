#!/usr/bin/env bash
# Builds and runs the tests under a sanitizer, in its own build directory:
#   ./scripts/sanitize.sh asan   whole suite, AddressSanitizer + UndefinedBehaviorSanitizer
#   ./scripts/sanitize.sh tsan   core and CLI tests, ThreadSanitizer (no GUI: Debian's Qt is
#                                not built for TSan, so Qt stays out of the instrumented run)
#   ./scripts/sanitize.sh fuzz   each libFuzzer target for SB_FUZZ_SECONDS (20) if clang is here
# Any report stops the process (halt_on_error) and fails the test. Extra arguments go to ctest.
set -euo pipefail
SB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$SB_ROOT/scripts/deps.sh"

kind=${1:-}
[ $# -gt 0 ] && shift
case "$kind" in
asan)
    sb_install $SB_BUILD_PACKAGES $SB_TEST_PACKAGES
    build="$SB_ROOT/build-asan"
    sb_configure "$build" Debug -DSB_SANITIZE=address,undefined
    # The whole suite, whatever an earlier configure of this directory said.
    cmake -S "$SB_ROOT" -B "$build" -DSB_SANITIZE=address,undefined -DSB_WITH_GUI=ON >/dev/null
    cmake --build "$build" -j2
    # detect_leaks: every fd and buffer has an owner; a leak is a bug. Qt's own one-time
    # allocations are not reported as leaks (they stay reachable from globals).
    export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    cd "$build"
    ctest -j2 --output-on-failure "$@"
    ;;
tsan)
    sb_install $SB_BUILD_PACKAGES $SB_TEST_PACKAGES
    build="$SB_ROOT/build-tsan"
    sb_configure "$build" Debug -DSB_SANITIZE=thread -DSB_WITH_GUI=OFF
    cmake -S "$SB_ROOT" -B "$build" -DSB_SANITIZE=thread -DSB_WITH_GUI=OFF >/dev/null
    cmake --build "$build" -j2
    # die_after_fork=0: a test that forks while threads run (the lab's probe, whose child only
    # calls unshare and _exit) is not killed by TSan's own refusal to go on after such a fork.
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$SB_ROOT/scripts/tsan.supp"
    cd "$build"
    ctest -j2 --output-on-failure -L 'core|cli' "$@"
    ;;
fuzz)
    cxx=$(command -v clang++ || command -v clang++-14 || true)
    if [ -z "$cxx" ] && [ "${CI:-}" = true ]; then
        sb_install clang && cxx=$(command -v clang++ || true)
    fi
    if [ -z "$cxx" ]; then
        echo "sanitize.sh fuzz: no clang++ here, libFuzzer targets skipped"
        exit 0
    fi
    build="$SB_ROOT/build-fuzz"
    sb_configure "$build" Debug -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="${cxx%++}" \
        -DSB_FUZZ=ON -DSB_BUILD_TESTS=OFF -DSB_WITH_GUI=OFF
    cmake --build "$build" -j2 --target fuzz_parse_endpoint fuzz_parse_escaped_text fuzz_parse_hex \
        fuzz_parse_demo fuzz_rules fuzz_parse_workspace fuzz_packetsender_import
    seconds=${SB_FUZZ_SECONDS:-20}
    for target in parse_endpoint parse_escaped_text parse_hex parse_demo rules parse_workspace \
        packetsender_import; do
        # A demo or workspace file is a few KiB, a packets.ini 4 KiB; a rules file and its stream 2 KiB (tests/fuzz/CMakeLists.txt);
        # the other inputs are one field.
        maxlen=512
        [ "$target" = parse_demo ] && maxlen=8192
        [ "$target" = parse_workspace ] && maxlen=8192
        [ "$target" = packetsender_import ] && maxlen=4096
        [ "$target" = rules ] && maxlen=2048
        found="$build/tests/fuzz/found-$target"
        mkdir -p "$found"
        echo "fuzz_$target: ${seconds}s"
        "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len="$maxlen" \
            -print_final_stats=1 "$found" "$SB_ROOT/tests/fuzz/corpus/$target" 2>&1 | tail -n 3
        [ "${PIPESTATUS[0]}" = 0 ] || exit 1
    done
    ;;
*)
    echo "usage: $0 asan|tsan|fuzz [ctest arguments]" >&2
    exit 2
    ;;
esac
