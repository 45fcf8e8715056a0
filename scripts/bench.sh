#!/usr/bin/env bash
# Measures SockBench beside the tools people use instead (socat, nc, iperf3, minimal C loops) on
# loopback, each pair doing the same work in the same run: every pair runs SB_BENCH_RUNS times
# (5) in alternation, and a row gives the median of each side and their ratio. Figures, never
# pass/fail. Builds a Release in build-release, installs the peers (SB_BENCH_PACKAGES of
# scripts/deps.sh), and writes the table with the machine, date, commit and load into
# tests/bench/RESULTS.md; tests/bench/NOTES.md says how to read it.
#   ./scripts/bench.sh                  everything (about 10 minutes)
#   SB_BENCH_RUNS=3 ./scripts/bench.sh
#   SB_BENCH_QUICK=1 ./scripts/bench.sh tiny sizes, one run each: shows every row prints
#   SB_BENCH_BUILD=DIR SB_BENCH_NOBUILD=1  measure the binaries DIR holds, as they are
set -euo pipefail
# Numbers with a dot, whatever the caller's locale (es_ES writes 1,5 and EPOCHREALTIME with a
# comma); awk, sort -g and printf below read and write them.
export LC_ALL=C
SB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$SB_ROOT/scripts/deps.sh"

QUICK=${SB_BENCH_QUICK:-0}
[ "$QUICK" = 0 ] && QUICK=""
sb_install $SB_BUILD_PACKAGES $SB_BENCH_PACKAGES
build=${SB_BENCH_BUILD:-"$SB_ROOT/build-release"}
if [ -z "${SB_BENCH_NOBUILD:-}" ]; then # SB_BENCH_NOBUILD=1: measure what $build holds
    sb_configure "$build" Release -DSB_BENCH=ON
    cmake -S "$SB_ROOT" -B "$build" -DSB_BENCH=ON >/dev/null
    targets="sockbench-cli bench_core bench_rules"
    # Read whole first: under pipefail, grep -q quitting early would fail ninja with SIGPIPE.
    all_targets=$(ninja -C "$build" -t targets all 2>/dev/null || true)
    grep -q '^guiflood:' <<<"$all_targets" && targets="$targets guiflood"
    grep -q '^sockbench:' <<<"$all_targets" && targets="$targets sockbench"
    # shellcheck disable=SC2086
    cmake --build "$build" -j2 --target $targets
fi

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
CLI="$build/app/cli/sockbench-cli"
CORE="$build/tests/bench/bench_core"
if [ -n "$QUICK" ]; then
    RUNS=${SB_BENCH_RUNS:-1}
    PIPE_MIB=8 HEX_MIB=2 ZC_MIB=16 CORE_MIB=64 UDP_COUNT=20000 ACCEPTS=500 ECHOS=2000 CONNS=500
    RSS_MIB=32 STARTS=2 FLOOD_ARGS="--seconds 2 --rate 20000"
else
    RUNS=${SB_BENCH_RUNS:-5}
    PIPE_MIB=512 HEX_MIB=32 ZC_MIB=1024 CORE_MIB=4096 UDP_COUNT=2000000 ACCEPTS=5000 ECHOS=20000 CONNS=9000
    RSS_MIB=1024 STARTS=$((RUNS * 4)) FLOOD_ARGS=""
fi
# No run may hang the bench: every transfer is killed after this many seconds (a figure from a
# killed run shows as a differing sha256).
T=(timeout "${SB_BENCH_TIMEOUT:-300}")
BLOCK=131072 # the block of the core and of iperf3, and socat's -b
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
t_start=$SECONDS

now() { # microseconds; EPOCHREALTIME has the locale's decimal separator, a dot or a comma
    local t=$EPOCHREALTIME
    echo "${t//[.,]/}"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else printf "%.10g\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mbps() { awk -v b="$1" -v us="$2" 'BEGIN { printf "%.0f", (us > 0 ? b / us : 0) }'; } # bytes, us
freeport() { # $1: tcp or udp
    python3 -c 'import socket, sys
s = socket.socket(type=socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' "$1"
}
# Waits for "listening on ENDPOINT" in a file; prints ENDPOINT.
listening() {
    for _ in $(seq 400); do
        if grep -q 'listening on' "$1" 2>/dev/null; then
            grep -o 'listening on [^ ]*' "$1" | head -1 | cut -d' ' -f3
            return 0
        fi
        sleep 0.025
    done
    echo "bench.sh: no listener in $1" >&2
    return 1
}
waitlisten() { # until something listens on 127.0.0.1:$1 (without connecting to it)
    for _ in $(seq 400); do
        ss -Hltn "sport = :$1" 2>/dev/null | grep -q LISTEN && return 0
        sleep 0.02
    done
    return 1
}
waitudp() { # until a UDP socket is bound to 127.0.0.1:$1
    for _ in $(seq 400); do
        ss -Hlun "sport = :$1" 2>/dev/null | grep -q . && return 0
        sleep 0.02
    done
    return 1
}
waitpath() { for _ in $(seq 400); do [ -S "$1" ] && return 0; sleep 0.02; done; return 1; }
# The peak resident set of a command (its children's ru_maxrss), written to $1 in KiB.
cat >"$tmp/maxrss.py" <<'EOF'
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write("%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(status)
EOF

rows=()
# row NAME UNIT GOAL SB PEER PEER_NAME [NOTE]
#   GOAL: r>=X or r<=X (on the ratio SockBench ÷ peer), r~X (the ratio within X of 1), v<=X (on
#   SockBench's figure), or "".
row() {
    local name=$1 unit=$2 goal=$3 sb=$4 peer=$5 peername=$6 note=${7:-}
    local ratio="-" met="-" shown="-"
    if [ -n "$peer" ] && [ "$peer" != "-" ]; then
        ratio=$(awk -v a="$sb" -v b="$peer" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }')
        shown="$peer ($peername)"
    fi
    local value=$ratio
    [ "${goal:0:1}" = v ] && value=$sb
    case "${goal:1}" in
    ">="*) met=$(awk -v r="$value" -v t="${goal#?>=}" 'BEGIN { print (r == "-" ? "-" : r >= t ? "yes" : "NO") }') ;;
    "<="*) met=$(awk -v r="$value" -v t="${goal#?<=}" 'BEGIN { print (r == "-" ? "-" : r <= t ? "yes" : "NO") }') ;;
    "~"*) met=$(awk -v r="$value" -v t="${goal#?~}" 'BEGIN { d = r - 1; if (d < 0) d = -d; print (r == "-" ? "-" : d <= t ? "yes" : "NO") }') ;;
    esac
    local goaltext="-"
    case "$goal" in
    r~*) goaltext="ratio 1 ± ${goal:2}" ;;
    r*) goaltext="ratio ${goal:1}" ;;
    v*) goaltext="${goal:1} $unit" ;;
    esac
    rows+=("| $name | $unit | $sb | $shown | $ratio | $goaltext | $met | $note |")
    echo "${rows[-1]}"
}

# The data every transfer row sends: random, in the page cache, its sha256 known.
head -c "$((PIPE_MIB << 20))" /dev/urandom >"$tmp/in.bin"
in_sha=$(sha256sum <"$tmp/in.bin" | cut -d' ' -f1)
# The --log hex rows send less (a hex log formats every byte into ~4 characters), and so does
# the socat they compare with, in the same runs.
head -c "$((HEX_MIB << 20))" "$tmp/in.bin" >"$tmp/hex.bin"
hex_sha=$(sha256sum <"$tmp/hex.bin" | cut -d' ' -f1)
HEX_RUNS=$((RUNS < 3 ? RUNS : 3))
# socat -x dumps at about 1 MB/s: its row and SockBench's beside it send 2 MiB.
XDUMP_MIB=2
head -c "$((XDUMP_MIB << 20))" "$tmp/in.bin" >"$tmp/xdump.bin"
xdump_sha=$(sha256sum <"$tmp/xdump.bin" | cut -d' ' -f1)

# --- 1. pipe -> stream socket -> file, every byte stored, sha256 checked ---
# xfer TOOL tcp|unix FILE SHA256: cat FILE | CLIENT; SERVER > out.bin. Prints "MB/s ok|BAD",
# the time from the client's start until both sides have exited.
xfer() {
    local tool=$1 kind=$2 in=$3 sha=$4 out="$tmp/out.bin" sock="$tmp/x.sock" port="" sp t0 t1 target
    local log=()
    rm -f "$out" "$sock"
    [ "$tool" = sbhex ] && log=(--log hex)
    [ "$kind" = tcp ] && port=$(freeport tcp)
    case "$tool:$kind" in
    sb*:tcp) target="tcp://127.0.0.1:$port" ;;
    sb*:unix) target="unix://$sock" ;;
    esac
    local x=()
    [ "$tool" = socatx ] && x=(-x) && tool=socat # socat's hex dump of every byte, on stderr
    if [ "$tool" = ceiling ]; then # the same pipe and file with no socket between: the ceiling
        t0=$(now)
        cat "$in" | "${T[@]}" cat >"$out"
        t1=$(now)
        local ok=ok
        [ "$(sha256sum <"$out" | cut -d' ' -f1)" = "$sha" ] || ok=BAD
        rm -f "$out"
        echo "$(mbps "$(stat -c %s "$in")" "$((t1 - t0))") $ok"
        return
    fi
    case "$tool" in
    sb | sbhex) # the log goes to stderr: /dev/null, so it costs its formatting only
        "${T[@]}" "$CLI" "${log[@]}" listen "$target" --count 1 >"$out" 2>/dev/null &
        sp=$! ;;
    socat)
        if [ "$kind" = tcp ]; then
            "${T[@]}" socat "${x[@]}" -u -b "$BLOCK" "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" \
                "OPEN:$out,creat,trunc,wronly" 2>/dev/null &
        else
            "${T[@]}" socat "${x[@]}" -u -b "$BLOCK" "UNIX-LISTEN:$sock" \
                "OPEN:$out,creat,trunc,wronly" 2>/dev/null &
        fi
        sp=$! ;;
    nc)
        if [ "$kind" = tcp ]; then
            "${T[@]}" nc -d -l 127.0.0.1 "$port" >"$out" </dev/null &
        else
            "${T[@]}" nc -d -U -l "$sock" >"$out" </dev/null &
        fi
        sp=$! ;;
    esac
    if [ "$kind" = tcp ]; then waitlisten "$port"; else waitpath "$sock"; fi
    t0=$(now)
    case "$tool:$kind" in
    sb*) cat "$in" | "${T[@]}" "$CLI" "${log[@]}" connect "$target" >/dev/null 2>/dev/null ;;
    socat:tcp) cat "$in" | "${T[@]}" socat "${x[@]}" -u -b "$BLOCK" STDIN "TCP:127.0.0.1:$port" 2>/dev/null ;;
    socat:unix) cat "$in" | "${T[@]}" socat "${x[@]}" -u -b "$BLOCK" STDIN "UNIX-CONNECT:$sock" 2>/dev/null ;;
    nc:tcp) cat "$in" | "${T[@]}" nc -N 127.0.0.1 "$port" >/dev/null ;;
    nc:unix) cat "$in" | "${T[@]}" nc -N -U "$sock" >/dev/null ;;
    esac
    wait "$sp" || true
    t1=$(now)
    local ok=ok
    [ "$(sha256sum <"$out" | cut -d' ' -f1)" = "$sha" ] || ok=BAD
    rm -f "$out" "$sock"
    echo "$(mbps "$(stat -c %s "$in")" "$((t1 - t0))") $ok"
}
declare -A got bad
check() { # TOOL TOOL KIND: the note of a row, whether the bytes arrived intact in every run
    local n=$((${bad[$1.$3]} + ${bad[$2.$3]}))
    if [ "$n" = 0 ]; then echo "sha256 equal in every run"; else echo "sha256 DIFFERED in $n runs"; fi
}
for kind in tcp unix; do
    for tool in sb socat nc ceiling sbhex socathex sbx socatx; do got[$tool.$kind]=""; bad[$tool.$kind]=0; done
    for _ in $(seq "$RUNS"); do
        for tool in sb socat nc ceiling; do
            read -r v ok <<<"$(xfer "$tool" "$kind" "$tmp/in.bin" "$in_sha")"
            got[$tool.$kind]+=" $v"
            [ "$ok" = ok ] || bad[$tool.$kind]=$((${bad[$tool.$kind]} + 1))
        done
    done
    for _ in $(seq "$HEX_RUNS"); do
        for tool in sbhex socathex; do
            read -r v ok <<<"$(xfer "${tool/socathex/socat}" "$kind" "$tmp/hex.bin" "$hex_sha")"
            got[$tool.$kind]+=" $v"
            [ "$ok" = ok ] || bad[$tool.$kind]=$((${bad[$tool.$kind]} + 1))
        done
        for tool in sbx socatx; do
            read -r v ok <<<"$(xfer "${tool/sbx/sbhex}" "$kind" "$tmp/xdump.bin" "$xdump_sha")"
            got[$tool.$kind]+=" $v"
            [ "$ok" = ok ] || bad[$tool.$kind]=$((${bad[$tool.$kind]} + 1))
        done
    done
    K=$(echo "$kind" | tr a-z A-Z)
    row "1. pipe -> $K -> file, $PIPE_MIB MiB" "MB/s" "r>=1.2" "$(echo "${got[sb.$kind]}" | median)" \
        "$(echo "${got[socat.$kind]}" | median)" "socat -b $BLOCK" "$(check sb socat "$kind")"
    row "1. pipe -> $K -> file, $PIPE_MIB MiB" "MB/s" "" "$(echo "${got[sb.$kind]}" | median)" \
        "$(echo "${got[nc.$kind]}" | median)" "nc -N / nc -l" "$(check sb nc "$kind")"
    row "1. pipe -> $K -> file, $HEX_MIB MiB, --log hex both sides (bytes seen)" "MB/s" "r>=0.8" \
        "$(echo "${got[sbhex.$kind]}" | median)" "$(echo "${got[socathex.$kind]}" | median)" \
        "socat -b $BLOCK" "$(check sbhex socathex "$kind"); median of $HEX_RUNS; log to /dev/null"
    row "1. pipe -> $K -> file, $XDUMP_MIB MiB, hex dump of every byte both sides" "MB/s" "" \
        "$(echo "${got[sbx.$kind]}" | median)" "$(echo "${got[socatx.$kind]}" | median)" \
        "socat -x -b $BLOCK" "$(check sbx socatx "$kind"); median of $HEX_RUNS; dumps to /dev/null"
    row "1. pipe -> $K -> file beside the ceiling, $PIPE_MIB MiB" "MB/s" "" \
        "$(echo "${got[sb.$kind]}" | median)" "$(echo "${got[ceiling.$kind]}" | median)" \
        "cat | cat > file" "the same pipe and file with no socket between: no relay can pass it"
done

# --- 2. The core with every byte read out vs iperf3, the same block ---
iperf_bulk() { # $1: MiB; prints the receiver's MB/s
    local port; port=$(freeport tcp)
    iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    local sp=$!
    waitlisten "$port"
    iperf3 -c 127.0.0.1 -p "$port" -l "$BLOCK" -n "${1}M" -J >"$tmp/iperf.json" 2>/dev/null || true
    wait "$sp" 2>/dev/null || true
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.0f" % (d["end"]["sum_received"]["bits_per_second"]/8e6))' "$tmp/iperf.json" 2>/dev/null || echo 0
}
a=""; b=""
for _ in $(seq "$RUNS"); do
    a="$a $("$CORE" bulk "$CORE_MIB" --read --block "$BLOCK")"
    b="$b $(iperf_bulk "$CORE_MIB")"
done
row "2. core client -> core server, TCP, bytes read out ($CORE_MIB MiB, $BLOCK B blocks)" "MB/s" "r>=0.9" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "iperf3 -l $BLOCK" "both read every byte into user space"

# --- 3. Zero-copy discard: what SockBench does when nobody looks at the bytes ---
ZC="(zero-copy discard: skips the copy the peer makes)"
head -c "$((ZC_MIB << 20))" /dev/zero >"$tmp/zc.bin"
cat "$tmp/zc.bin" >/dev/null # in the page cache for both sides
sb_discard() { # $1: tcp|unix; CLI file -> listen --reply discard
    local ep lp t0 t1
    rm -f "$tmp/sb.sock"
    if [ "$1" = tcp ]; then
        "$CLI" listen tcp://127.0.0.1:0 --reply discard 2>"$tmp/l.err" &
    else
        "$CLI" listen "unix://$tmp/sb.sock" --reply discard 2>"$tmp/l.err" &
    fi
    lp=$!
    ep=$(listening "$tmp/l.err")
    t0=$(now)
    "${T[@]}" "$CLI" connect "$ep" <"$tmp/zc.bin" >/dev/null || true
    t1=$(now)
    kill "$lp"; wait "$lp" 2>/dev/null || true
    mbps "$((ZC_MIB << 20))" "$((t1 - t0))"
}
socat_discard() {
    local lp t0 t1
    if [ "$1" = tcp ]; then
        local port; port=$(freeport tcp)
        socat -u -b "$BLOCK" "TCP-LISTEN:$port,reuseaddr,bind=127.0.0.1" OPEN:/dev/null,wronly &
        lp=$!; waitlisten "$port"
        t0=$(now)
        "${T[@]}" socat -u -b "$BLOCK" "OPEN:$tmp/zc.bin" "TCP:127.0.0.1:$port" || true
    else
        rm -f "$tmp/socat.sock"
        socat -u -b "$BLOCK" "UNIX-LISTEN:$tmp/socat.sock" OPEN:/dev/null,wronly &
        lp=$!; waitpath "$tmp/socat.sock"
        t0=$(now)
        "${T[@]}" socat -u -b "$BLOCK" "OPEN:$tmp/zc.bin" "UNIX-CONNECT:$tmp/socat.sock" || true
    fi
    wait "$lp" 2>/dev/null || true
    t1=$(now)
    mbps "$((ZC_MIB << 20))" "$((t1 - t0))"
}
for kind in tcp unix; do
    a=""; b=""
    for _ in $(seq "$RUNS"); do
        a="$a $(sb_discard $kind)"
        b="$b $(socat_discard $kind)"
    done
    row "3. CLI file -> $(echo $kind | tr a-z A-Z) -> discard ($ZC_MIB MiB) $ZC" "MB/s" "" \
        "$(echo "$a" | median)" "$(echo "$b" | median)" "socat -b $BLOCK, file -> /dev/null"
done
rm -f "$tmp/zc.bin"
a=""; b=""
for _ in $(seq "$RUNS"); do
    a="$a $("$CORE" bulk "$CORE_MIB" --block "$BLOCK")"
    b="$b $(iperf_bulk "$CORE_MIB")"
done
row "3. core client -> core discard server, TCP ($CORE_MIB MiB) $ZC" "MB/s" "" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "iperf3 -l $BLOCK"

# --- 4. UDP 64 B: one sender (bench_core udpsend), the same count, into each receiver ---
# Each receiver stores every datagram in a file; its rate is what it stored over the sender's
# window (first send to last, one clock: the sender's).
udp_recv() { # $1: sb|socat; prints "received/s sent received"
    local out="$tmp/udp.bin" port sp secs sent
    rm -f "$out"
    if [ "$1" = sb ]; then
        "$CLI" listen udp://127.0.0.1:0 >"$out" 2>"$tmp/u.err" &
        sp=$!
        local ep; ep=$(listening "$tmp/u.err")
        port=${ep##*:}
    else
        port=$(freeport udp)
        socat -u -b 65536 "UDP-RECV:$port,bind=127.0.0.1" "OPEN:$out,creat,trunc,wronly" &
        sp=$!
        waitudp "$port"
    fi
    read -r secs sent <<<"$("$CORE" udpsend "$port" "$UDP_COUNT")"
    # The receiver drains what its socket still holds: wait until the file stops growing.
    local last=-1 size
    for _ in $(seq 100); do
        size=$(stat -c %s "$out" 2>/dev/null || echo 0)
        [ "$size" = "$last" ] && break
        last=$size
        sleep 0.1
    done
    kill "$sp" 2>/dev/null || true
    wait "$sp" 2>/dev/null || true
    size=$(stat -c %s "$out" 2>/dev/null || echo 0)
    rm -f "$out"
    awk -v n="$((size / 64))" -v s="$secs" -v sent="$sent" 'BEGIN { printf "%.0f %d %d", n / s, sent, n }'
}
a=""; b=""; an=""; bn=""
for _ in $(seq "$RUNS"); do
    read -r r s n <<<"$(udp_recv sb)"; a="$a $r"; an="$n of $s"
    read -r r s n <<<"$(udp_recv socat)"; b="$b $r"; bn="$n of $s"
done
row "4. UDP 64 B datagrams stored, one sender for both ($UDP_COUNT sent)" "datagrams/s" "r>=1.0" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "socat UDP-RECV" \
    "last run stored: SockBench $an, socat $bn"

# --- 5. Accept rate, FIN and RST ---
for how in fin rst; do
    a=""; b=""
    for _ in $(seq "$RUNS"); do
        a="$a $("$CORE" accept "$ACCEPTS" $how)"
        b="$b $("$CORE" accept "$ACCEPTS" $how --c)"
    done
    row "5. accept rate, close by $how ($ACCEPTS)" "conn/s" "r>=0.8" \
        "$(echo "$a" | median)" "$(echo "$b" | median)" "C epoll loop"
done

# --- 6. Echo round trip, 64 bytes, TCP_NODELAY ---
a=""; b=""; ap=""; bp=""
for _ in $(seq "$RUNS"); do
    read -r m p <<<"$("$CORE" echo "$ECHOS")"; a="$a $m"; ap="$ap $p"
    read -r m p <<<"$("$CORE" echo "$ECHOS" --c)"; b="$b $m"; bp="$bp $p"
done
row "6. echo RTT 64 B, median" "us" "r<=1.2" "$(echo "$a" | median)" "$(echo "$b" | median)" "C ping-pong"
row "6. echo RTT 64 B, p99" "us" "" "$(echo "$ap" | median)" "$(echo "$bp" | median)" "C ping-pong"

# --- 7. Concurrent connections ---
a=""; b=""
for _ in $(seq "$RUNS"); do
    read -r s m <<<"$("$CORE" conns "$CONNS")"; a="$a $s"; b="$b $m"
done
row "7. $CONNS clients on one event server: time to open all" "s" "" "$(echo "$a" | median)" "-" ""
row "7. server memory per connection" "bytes" "" "$(echo "$b" | median)" "-" "" "user space (VmRSS); kernel socket memory is extra"

# --- 8. Trace cost, both sides reading every byte out ---
a=""; b=""
for _ in $(seq "$RUNS"); do
    a="$a $("$CORE" bulk "$ZC_MIB" --trace --read --block "$BLOCK")"
    b="$b $("$CORE" bulk "$ZC_MIB" --read --block "$BLOCK")"
done
row "8. core bulk, trace recording on vs off ($ZC_MIB MiB, bytes read out both ways)" "MB/s" "r>=0.9" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "trace off" "goal: recording costs < 10%"

# --- 9. Memory with a slow reader: backpressure both ways ---
# cat | connect -> listen | pv -L 10m | sha256sum: the server's stdout drains at 10 MiB/s.
reps=$((RSS_MIB / PIPE_MIB))
TR=(timeout $((RSS_MIB / 10 + 120))) # 10 MiB/s, and time to spare
rss_sha=$(for _ in $(seq "$reps"); do cat "$tmp/in.bin"; done | sha256sum | cut -d' ' -f1)
port=$(freeport tcp)
t0=$(now)
python3 "$tmp/maxrss.py" "$tmp/rss.l" "${TR[@]}" "$CLI" listen "tcp://127.0.0.1:$port" --count 1 2>"$tmp/r.err" \
    | pv -qL 10m | sha256sum | cut -d' ' -f1 >"$tmp/r.sha" &
sp=$!
waitlisten "$port"
for _ in $(seq "$reps"); do cat "$tmp/in.bin"; done \
    | python3 "$tmp/maxrss.py" "$tmp/rss.c" "${TR[@]}" "$CLI" connect "tcp://127.0.0.1:$port" >/dev/null || true
wait "$sp" || true
t1=$(now)
rss_c=$(cat "$tmp/rss.c" 2>/dev/null || echo 0)
rss_l=$(cat "$tmp/rss.l" 2>/dev/null || echo 0)
rss_max=$(awk -v a="$rss_c" -v b="$rss_l" 'BEGIN { printf "%.1f", (a > b ? a : b) / 1024 }')
[ "$(cat "$tmp/r.sha")" = "$rss_sha" ] && rss_ok="sha256 equal" || rss_ok="sha256 DIFFERED"
row "9. $RSS_MIB MiB through a 10 MiB/s reader (pv -qL 10m): max RSS of both sockbench-cli processes" \
    "MiB" "v<=64" "$rss_max" "-" "" \
    "connect $((rss_c / 1024)) MiB, listen $((rss_l / 1024)) MiB; $rss_ok; $(awk -v us="$((t1 - t0))" 'BEGIN { printf "%.0f s", us / 1e6 }')"

# --- 10. Start-up ---
a=""; b=""
for _ in $(seq "$STARTS"); do
    t0=$(now); "$CLI" --version >/dev/null; t1=$(now); a="$a $((t1 - t0))"
    t0=$(now); socat -V >/dev/null; t1=$(now); b="$b $((t1 - t0))"
done
row "10. --version" "us" "r<=1.0" "$(echo "$a" | median)" "$(echo "$b" | median)" "socat -V"
"$CLI" listen tcp://127.0.0.1:0 --reply discard 2>"$tmp/l10.err" &
pids+=($!)
ep=$(listening "$tmp/l10.err")
port=${ep##*:}
a=""; b=""
for _ in $(seq "$STARTS"); do
    t0=$(now); "$CLI" connect "$ep" --send 'x' >/dev/null; t1=$(now); a="$a $((t1 - t0))"
    t0=$(now); printf x | socat - "TCP:127.0.0.1:$port" >/dev/null; t1=$(now); b="$b $((t1 - t0))"
done
row "10. one-shot connect --send to a discard server" "us" "r<=1.0" "$(echo "$a" | median)" \
    "$(echo "$b" | median)" "socat - with x on stdin"

if [ -x "$build/app/gui/sockbench" ]; then
    a=""
    for _ in $(seq $((STARTS / 2 + 1))); do
        t0=$(now)
        QT_QPA_PLATFORM=offscreen "$build/app/gui/sockbench" --empty --quit-after-first-paint \
            >/dev/null 2>&1
        t1=$(now); a="$a $((t1 - t0))"
    done
    row "10. sockbench exec to first painted window (offscreen, --empty)" "us" "" \
        "$(echo "$a" | median)" "-" "" "whole process: exec, Qt start-up, first paint, exit"
else
    row "10. sockbench exec to first painted window" "us" "" "-" "-" "" "app/gui not built"
fi

# --- 11. GUI flood (the GUI's own program) ---
if [ -x "$build/tests/bench/guiflood" ]; then
    # shellcheck disable=SC2086
    QT_QPA_PLATFORM=offscreen "$build/tests/bench/guiflood" $FLOOD_ARGS >"$tmp/guiflood.txt" 2>&1 || true
    worst=$(sed -n 's/.*worst lateness \([0-9.]*\) ms.*/\1/p' "$tmp/guiflood.txt")
    p99=$(sed -n 's/.*worst lateness [0-9.]* ms, p99 \([0-9.]*\) ms.*/\1/p' "$tmp/guiflood.txt")
    read -r full end <<<"$(sed -n 's/.*memory (VmRSS) *\([0-9]*\) KiB with the log full, \([0-9]*\) KiB at the end.*/\1 \2/p' "$tmp/guiflood.txt")"
    first=$(sed -n 's/^guiflood: //p' "$tmp/guiflood.txt")
    row "11. GUI flood ($first): heartbeat 10 ms, worst lateness" "ms" "v<=50" "${worst:--}" "-" "" "p99 ${p99:--} ms"
    row "11. GUI flood: memory (VmRSS) with the log full, at the end" "KiB" "" "${full:--} / ${end:--}" "-" "" "flat: the end no higher than with the log full"
else
    row "11. GUI flood" "" "" "-" "-" "" "tests/bench/guiflood not built"
fi

# --- 12. Reply rules: 1,000 rules against a 64 KiB message (the last rule matches) ---
a=""; b=""
for _ in $(seq "$RUNS"); do
    read -r e p <<<"$("$build/tests/bench/bench_rules" 1000 64 "$([ -n "$QUICK" ] && echo 0.1 || echo 1)")"
    a="$a $e"; b="$b $p"
done
row "12. reply rules: 1,000 rules, 64 KiB message, last rule matches" "MB/s" "v>=50" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "find() rule by rule" "goal: >= 50 MB/s (#13)"

# --- 13. The fault relay ---
# relay_xfer direct|relay MiB [RELAY OPTIONS...]: connect < file -> [relay ->] listen --count 1 >
# out.bin. Prints "MB/s ok|BAD", from the client's start until the server has exited.
if [ -n "$QUICK" ]; then RELAY_MIB=8 THROTTLE_MIB=1; else RELAY_MIB=64 THROTTLE_MIB=4; fi
relay_xfer() {
    local via=$1 mib=$2 out="$tmp/relay.out" in="$tmp/relay.in" port target sp rp="" t0 t1
    shift 2
    head -c "$((mib << 20))" "$tmp/in.bin" >"$in"
    port=$(freeport tcp)
    "${T[@]}" "$CLI" listen "tcp://127.0.0.1:$port" --count 1 >"$out" 2>/dev/null &
    sp=$!
    waitlisten "$port"
    target="tcp://127.0.0.1:$port"
    if [ "$via" = relay ]; then
        "${T[@]}" "$CLI" relay tcp://127.0.0.1:0 "$target" "$@" </dev/null 2>"$tmp/relay.err" &
        rp=$!
        target=$(listening "$tmp/relay.err")
    elif [ "$via" = socat ]; then # the same third process, doing the same forwarding
        local rport
        rport=$(freeport tcp)
        "${T[@]}" socat -b131072 "TCP-LISTEN:$rport,bind=127.0.0.1" "TCP:127.0.0.1:$port" &
        rp=$!
        waitlisten "$rport"
        target="tcp://127.0.0.1:$rport"
    fi
    t0=$(now)
    "${T[@]}" "$CLI" connect "$target" <"$in" >/dev/null 2>/dev/null || true
    wait "$sp" || true
    t1=$(now)
    if [ -n "$rp" ]; then kill "$rp" 2>/dev/null || true; wait "$rp" 2>/dev/null || true; fi
    local ok=ok
    cmp -s "$in" "$out" || ok=BAD
    rm -f "$out"
    # Three decimals: the throttle row compares about 1 MB/s with the rate set.
    echo "$(awk -v b="$((mib << 20))" -v us="$((t1 - t0))" 'BEGIN { printf "%.3f", (us > 0 ? b / us : 0) }') $ok"
}
a=""; b=""; c=""; nbad=0
for _ in $(seq "$RUNS"); do
    read -r v ok <<<"$(relay_xfer relay "$RELAY_MIB")"; a="$a $v"; [ "$ok" = ok ] || nbad=$((nbad + 1))
    read -r v ok <<<"$(relay_xfer direct "$RELAY_MIB")"; b="$b $v"; [ "$ok" = ok ] || nbad=$((nbad + 1))
    read -r v ok <<<"$(relay_xfer socat "$RELAY_MIB")"; c="$c $v"; [ "$ok" = ok ] || nbad=$((nbad + 1))
done
row "13. relay, $RELAY_MIB MiB, no fault vs direct (connect -> relay -> listen)" "MB/s" "r>=0.8" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "connect -> listen direct" \
    "$([ "$nbad" = 0 ] && echo "bytes equal in every run" || echo "bytes DIFFERED in $nbad runs")"
row "13. relay, $RELAY_MIB MiB, no fault vs socat relaying (connect -> X -> listen)" "MB/s" "" \
    "$(echo "$a" | median)" "$(echo "$c" | median)" "socat -b131072 TCP-LISTEN TCP" \
    "the same three processes on two cores; socat copies through user space, relay splices"
a=""; nbad=0
for _ in $(seq "$RUNS"); do
    read -r v ok <<<"$(relay_xfer relay "$THROTTLE_MIB" --throttle 1M)"; a="$a $v"
    [ "$ok" = ok ] || nbad=$((nbad + 1))
done
row "13. relay --throttle 1M ($THROTTLE_MIB MiB): measured rate" "MB/s" "r~0.1" \
    "$(echo "$a" | median)" "1" "the rate set" \
    "$([ "$nbad" = 0 ] && echo "bytes equal in every run" || echo "bytes DIFFERED in $nbad runs")"

# --- 14. A program under the tracer: sockbench-cli trace vs strace vs untraced ---
# tests/bench/tracepingpong.c: N round trips of 64 B over a socketpair between a parent and
# its child (write/read: every call is a socket call both tracers stop at and print).
# tests/bench/tracefilework.c: no socket work; pread64+getpid+fstat of a file (calls outside
# the seccomp filter: they never stop), and read(2)+lseek of a file (read is in the filter,
# which cannot tell a file from a socket: one stop each, resumed without a second).
# Each traced run writes its trace to /dev/null; elapsed time of the whole command.
cc -O2 -Wall -o "$tmp/tracepingpong" "$SB_ROOT/tests/bench/tracepingpong.c"
cc -O2 -Wall -o "$tmp/tracefilework" "$SB_ROOT/tests/bench/tracefilework.c"
head -c 4096 "$tmp/in.bin" >"$tmp/file4k"
if [ -n "$QUICK" ]; then PINGS=2000 FILEOPS=100000 READOPS=20000; else PINGS=20000 FILEOPS=2000000 READOPS=200000; fi
elapsed_us() { # the command's elapsed microseconds
    local t0 t1
    t0=$(now)
    "${T[@]}" "$@" >/dev/null 2>&1 || true
    t1=$(now)
    echo $((t1 - t0))
}
STRACE=(strace -f -o /dev/null -e trace=network,read,write)
a=""; b=""; c=""; d=""
for _ in $(seq "$RUNS"); do
    a="$a $(elapsed_us "$CLI" trace -o /dev/null -- "$tmp/tracepingpong" "$PINGS")"
    b="$b $(elapsed_us "${STRACE[@]}" "$tmp/tracepingpong" "$PINGS")"
    c="$c $(elapsed_us "$tmp/tracepingpong" "$PINGS")"
    d="$d $(elapsed_us strace -f --seccomp-bpf -o /dev/null -e trace=network,read,write "$tmp/tracepingpong" "$PINGS")"
done
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
row "14. ping-pong, $PINGS round trips over a socketpair (fork), traced" "ms" "r<=1.0" \
    "$(ms "$(echo "$a" | median)")" "$(ms "$(echo "$b" | median)")" "strace -f -e trace=network,read,write" \
    "untraced: $(ms "$(echo "$c" | median)") ms"
row "14. ping-pong, $PINGS round trips, traced" "ms" "" \
    "$(ms "$(echo "$a" | median)")" "$(ms "$(echo "$d" | median)")" "strace -f --seccomp-bpf" \
    "strace with a seccomp filter of its own"
# CPU time (user + system, of every process of the command, the tracer's included), not wall
# time: on shared cores, waiting for a CPU would be counted as the tracer's cost.
cat >"$tmp/cputime.py" <<'EOF2'
import resource, subprocess, sys
subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.0f" % ((r.ru_utime + r.ru_stime) * 1e6))
EOF2
cpu_us() { "${T[@]}" python3 "$tmp/cputime.py" "$@"; }
a=""; c=""
for _ in $(seq "$RUNS"); do
    a="$a $(cpu_us "$CLI" trace -o /dev/null -- "$tmp/tracefilework" pread "$tmp/file4k" "$FILEOPS")"
    c="$c $(cpu_us "$tmp/tracefilework" pread "$tmp/file4k" "$FILEOPS")"
done
# strace stops at each of these calls: one run, on a twentieth of the work, for the note.
b=$(cpu_us "${STRACE[@]}" "$tmp/tracefilework" pread "$tmp/file4k" "$((FILEOPS / 20))")
ops() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", (us > 0 ? n * 1e6 / us : 0) }'; }
row "14. non-socket work ($FILEOPS x pread64+getpid+fstat of a file), traced vs untraced" "ops per CPU s" "r>=0.9" \
    "$(ops "$FILEOPS" "$(echo "$a" | median)")" "$(ops "$FILEOPS" "$(echo "$c" | median)")" "untraced" \
    "strace -f: $(ops "$((FILEOPS / 20))" "$b") ops per CPU s; the seccomp filter lets these calls run"
a=""; c=""
for _ in $(seq "$RUNS"); do
    a="$a $(cpu_us "$CLI" trace -o /dev/null -- "$tmp/tracefilework" read "$tmp/file4k" "$READOPS")"
    c="$c $(cpu_us "$tmp/tracefilework" read "$tmp/file4k" "$READOPS")"
done
row "14. read(2) of a file ($READOPS x read+lseek), traced vs untraced" "ops per CPU s" "" \
    "$(ops "$READOPS" "$(echo "$a" | median)")" "$(ops "$READOPS" "$(echo "$c" | median)")" "untraced" \
    "read is in the filter: one stop a call, then resumed (the fd is not a socket)"

# --- 15. GUI flood with packet capture on vs off (core/capture on lo: root or the lab) ---
if [ -x "$build/tests/bench/guiflood" ]; then
    cap=""
    [ "$(id -u)" = 0 ] || cap="--lab"
    # The lab is a re-exec in a user + network namespace; guiflood has no --lab of its own, so
    # without root it runs under unshare(1), as sockbench --lab would.
    if [ -n "$cap" ]; then
        runner=(unshare -Urn sh -c 'ip link set lo up 2>/dev/null; exec "$@"' sh)
    else
        runner=()
    fi
    # shellcheck disable=SC2086
    QT_QPA_PLATFORM=offscreen "${runner[@]}" "$build/tests/bench/guiflood" $FLOOD_ARGS --capture \
        >"$tmp/guiflood-capture.txt" 2>&1 || true
    cworst=$(sed -n 's/.*worst lateness \([0-9.]*\) ms.*/\1/p' "$tmp/guiflood-capture.txt")
    cp99=$(sed -n 's/.*worst lateness [0-9.]* ms, p99 \([0-9.]*\) ms.*/\1/p' "$tmp/guiflood-capture.txt")
    read -r cfull cend <<<"$(sed -n 's/.*memory (VmRSS) *\([0-9]*\) KiB with the log full, \([0-9]*\) KiB at the end.*/\1 \2/p' "$tmp/guiflood-capture.txt")"
    ccount=$(sed -n 's/.*packets captured *\([0-9]*\), dropped by the kernel \([0-9]*\).*/\1 captured, \2 dropped by the kernel/p' "$tmp/guiflood-capture.txt")
    crecv=$(sed -n 's/.*received (counters) *\([0-9]*\) datagrams.*/\1/p' "$tmp/guiflood-capture.txt")
    worst=$(sed -n 's/.*worst lateness \([0-9.]*\) ms.*/\1/p' "$tmp/guiflood.txt")
    read -r full end <<<"$(sed -n 's/.*memory (VmRSS) *\([0-9]*\) KiB with the log full, \([0-9]*\) KiB at the end.*/\1 \2/p' "$tmp/guiflood.txt")"
    recv=$(sed -n 's/.*received (counters) *\([0-9]*\) datagrams.*/\1/p' "$tmp/guiflood.txt")
    row "15. GUI flood, capture on vs off: heartbeat worst lateness" "ms" "v<=50" "${cworst:--}" "${worst:--}" "capture off" "p99 ${cp99:--} ms; packets ${ccount:--}"
    row "15. GUI flood, capture on vs off: datagrams received" "datagrams" "r>=0.9" "${crecv:--}" "${recv:--}" "capture off"
    row "15. GUI flood, capture on: memory (VmRSS) with the log full, at the end" "KiB" "" "${cfull:--} / ${cend:--}" "${full:--} / ${end:--}" "capture off"
else
    row "15. GUI flood with capture" "" "" "-" "-" "" "tests/bench/guiflood not built"
fi

# --- The table, and RESULTS.md ---
commit=$(git -C "$SB_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
# (RESULTS.md itself, rewritten by the last run, does not count)
git -C "$SB_ROOT" diff --quiet HEAD -- . ':!tests/bench/RESULTS.md' 2>/dev/null \
    || commit="$commit (with uncommitted changes)"
{
    echo "# Benchmark results"
    echo
    echo "Written by \`./scripts/bench.sh\`; how to read it: [NOTES.md](NOTES.md)."
    echo
    if [ -n "$QUICK" ]; then
        echo "**Quick mode (SB_BENCH_QUICK=1): tiny sizes, one run each. These figures show that"
        echo "every row prints; they measure nothing. Run \`./scripts/bench.sh\` for the table.**"
        echo
    fi
    echo "- Run: $started, $((SECONDS - t_start)) s; commit $commit; $("$CLI" --version | head -1)"
    echo "- Runs: median of $RUNS per side, the two sides in alternation"
    echo "- Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
    echo "- Load average (1, 5, 15 min): $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo "- Peers: $(socat -V 2>/dev/null | sed -n 's/^socat version \([^ ]*\).*/socat \1/p'), $(dpkg-query -W -f='netcat-openbsd ${Version}' netcat-openbsd 2>/dev/null || echo nc), $(iperf3 --version 2>/dev/null | head -1 | cut -d' ' -f1-2), $(pv --version 2>/dev/null | head -1 | cut -d' ' -f1-2)"
    echo
    echo "Ratio = SockBench ÷ peer, measured in the same run. Goal: the issue's goal for that row."
    echo
    echo "| Measure | Unit | SockBench | Peer | Ratio | Goal | Met | Note |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} >"$SB_ROOT/tests/bench/RESULTS.md"
echo
cat "$SB_ROOT/tests/bench/RESULTS.md"
