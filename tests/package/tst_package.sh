#!/bin/sh
# The Debian package as a person gets it: unpacked with dpkg -x into a scratch root, its
# binaries run from there (no build tree, no LD_LIBRARY_PATH), its files at Debian's paths.
# usage: tst_package.sh PATH.deb VERSION
set -u
deb=$1
version=$2
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

if [ ! -f "$deb" ]; then
    echo "FAIL: no package at $deb (scripts/package.sh makes it; or cpack -G DEB in the build)"
    exit 1
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root" || { echo "FAIL: dpkg -x $deb"; exit 1; }

# The control fields: a section, a maintainer, and the libraries dpkg-shlibdeps found.
fields=$(dpkg-deb -f "$deb" Package Version Section Maintainer Depends)
printf '%s\n' "$fields"
printf '%s\n' "$fields" | grep -qx "Package: sockbench" || fail "Package field"
printf '%s\n' "$fields" | grep -q "^Version: $version-" || fail "Version field is not $version-N"
printf '%s\n' "$fields" | grep -qx "Section: net" || fail "Section field"
printf '%s\n' "$fields" | grep -q "^Maintainer: ..* <..*@..*>" || fail "Maintainer field"
for lib in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6; do
    printf '%s\n' "$fields" | grep -q "^Depends:.*\b$lib\b" || fail "Depends does not name $lib"
done

for path in usr/bin/sockbench usr/bin/sockbench-cli \
    usr/share/man/man1/sockbench.1.gz usr/share/man/man1/sockbench-cli.1.gz \
    usr/share/applications/sockbench.desktop \
    usr/share/metainfo/io.github.sockbench.SockBench.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/sockbench.svg \
    usr/share/bash-completion/completions/sockbench-cli \
    usr/share/doc/sockbench/copyright usr/share/doc/sockbench/changelog.Debian.gz; do
    [ -s "$root/$path" ] || fail "/$path is missing or empty"
done
for size in 16 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x$size/apps/sockbench.png
    # The PNG header's width and height (bytes 17-24, big-endian): the size of its directory.
    dims=$(od --endian=big -An -tu4 -j16 -N8 "$png" 2>/dev/null | tr -s ' ' | sed 's/^ //')
    [ "$dims" = "$size $size" ] || fail "$png is not a ${size}x$size PNG ($dims)"
done

# The man pages are gzipped roff: a .TH in section 1, and a NAME line naming the program.
for page in sockbench sockbench-cli; do
    text=$(gzip -dc "$root/usr/share/man/man1/$page.1.gz") || fail "$page.1.gz is not gzip"
    roffname=$(printf '%s' "$page" | sed 's/-/\\-/g')
    printf '%s\n' "$text" | grep -q '^\.TH [^ ]* 1 ' || fail "$page.1.gz has no .TH of section 1"
    printf '%s\n' "$text" | grep -qF "$roffname \\- " || fail "$page.1.gz has no NAME line for $page"
done

# Stripped, as dh_strip leaves them.
for bin in sockbench sockbench-cli; do
    if readelf -S "$root/usr/bin/$bin" | grep -q '\.debug_info'; then
        fail "/usr/bin/$bin still has its debug information"
    fi
    if readelf -d "$root/usr/bin/$bin" | grep -qE 'RPATH|RUNPATH'; then
        fail "/usr/bin/$bin has an RPATH or RUNPATH; its libraries are the system's"
    fi
done

out=$(env -u LD_LIBRARY_PATH "$root/usr/bin/sockbench-cli" --version 2>&1)
status=$?
echo "sockbench-cli --version: $out (exit $status)"
[ $status -eq 0 ] && [ "$out" = "sockbench-cli $version" ] || fail "sockbench-cli --version"

out=$(env -u LD_LIBRARY_PATH -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen \
    "$root/usr/bin/sockbench" --help 2>&1)
status=$?
echo "sockbench --help (exit $status):"
printf '%s\n' "$out"
[ $status -eq 0 ] || fail "sockbench --help exits $status"
for word in "Usage: " "--empty" "--demo <NAME>" "--lang <LANG>" "--version"; do
    printf '%s\n' "$out" | grep -qF -- "$word" || fail "sockbench --help does not mention '$word'"
done
out=$(env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen "$root/usr/bin/sockbench" --version 2>&1)
printf '%s\n' "$out" | grep -qx "sockbench $version" || fail "sockbench --version says '$out'"

# The man pages keep up with --help: every option a program lists is in its page.
for page in sockbench sockbench-cli; do
    roff=$(gzip -dc "$root/usr/share/man/man1/$page.1.gz" | sed 's/\\-/-/g')
    if [ $page = sockbench ]; then
        help=$(env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen "$root/usr/bin/$page" --help 2>&1)
    else
        help=$("$root/usr/bin/$page" --help 2>&1)
    fi
    for option in $(printf '%s\n' "$help" | grep -oE -- '(^|[ [|])--?[a-z0-9][a-z0-9-]*' \
        | sed 's/^[ [|]//' | sort -u); do
        printf '%s\n' "$roff" | grep -qF -- "$option" || fail "$page.1 does not mention $option"
    done
done

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "PASS"
