#!/usr/bin/env bash
# Measures SockBench beside the tools people use instead (socat, iperf3, minimal C loops), on
# loopback, in one run: each pair runs SB_BENCH_RUNS times (5) in alternation, and the table
# gives the median of each side and their ratio. Figures, never pass/fail. Builds a Release in
# build-release, installs the peers like the other scripts, and writes the table with the
# machine's description into tests/bench/RESULTS.md.
#   ./scripts/bench.sh            everything (a few minutes)
#   SB_BENCH_RUNS=3 ./scripts/bench.sh
set -euo pipefail
SB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$SB_ROOT/scripts/deps.sh"

sb_install $SB_BUILD_PACKAGES socat iperf3 python3 iproute2
build="$SB_ROOT/build-release"
sb_configure "$build" Release -DSB_BENCH=ON
cmake -S "$SB_ROOT" -B "$build" -DSB_BENCH=ON >/dev/null
targets="sockbench-cli bench_core"
ninja -C "$build" -t targets all 2>/dev/null | grep -q '^guiflood:' && targets="$targets guiflood"
ninja -C "$build" -t targets all 2>/dev/null | grep -q '^sockbench:' && targets="$targets sockbench"
# shellcheck disable=SC2086
cmake --build "$build" -j2 --target $targets

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
CLI="$build/app/cli/sockbench-cli"
CORE="$build/tests/bench/bench_core"
RUNS=${SB_BENCH_RUNS:-5}
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

now() { echo "${EPOCHREALTIME/./}"; } # microseconds
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Waits for "listening on ENDPOINT" in a file; prints ENDPOINT.
listening() {
    for _ in $(seq 200); do
        if grep -q 'listening on' "$1" 2>/dev/null; then
            grep -o 'listening on [^ ]*' "$1" | head -1 | cut -d' ' -f3
            return 0
        fi
        sleep 0.05
    done
    echo "bench.sh: no listener in $1" >&2
    return 1
}
waitlisten() { # until something listens on 127.0.0.1:$1 (without connecting to it)
    for _ in $(seq 200); do
        ss -Hltn "sport = :$1" 2>/dev/null | grep -q LISTEN && return 0
        sleep 0.02
    done
    return 1
}
waitpath() { for _ in $(seq 200); do [ -S "$1" ] && return 0; sleep 0.05; done; return 1; }

rows=()
# row NAME UNIT TARGET(≥|≤ ratio) SB_MEDIAN PEER_MEDIAN PEER_NAME [NOTE]
row() {
    local name=$1 unit=$2 target=$3 sb=$4 peer=$5 peername=$6 note=${7:-}
    local ratio met=""
    if [ -n "$peer" ] && [ "$peer" != "-" ]; then
        ratio=$(awk -v a="$sb" -v b="$peer" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }')
        case "$target" in
        ">="*) met=$(awk -v r="$ratio" -v t="${target#>=}" 'BEGIN { print (r >= t ? "yes" : "NO") }') ;;
        "<="*) met=$(awk -v r="$ratio" -v t="${target#<=}" 'BEGIN { print (r <= t ? "yes" : "NO") }') ;;
        esac
    else
        ratio="-"
        peer="-"
    fi
    [ "$peer" != "-" ] && peer="$peer ($peername)"
    rows+=("| $name | $unit | $sb | $peer | $ratio | ${target:--} | ${met:--} | $note |")
    echo "${rows[-1]}"
}

# --- 1. Bulk TCP and UNIX stream: sockbench-cli connect < file -> listen --reply discard ---
size_mib=${SB_BENCH_BULK_MIB:-1024}
head -c "$((size_mib << 20))" /dev/zero >"$tmp/bulk.bin"
cat "$tmp/bulk.bin" >/dev/null # in the page cache for both sides

sb_bulk() { # $1: tcp|unix
    local ep
    if [ "$1" = tcp ]; then
        "$CLI" listen tcp://127.0.0.1:0 --reply discard 2>"$tmp/l.err" &
    else
        rm -f "$tmp/sb.sock"
        "$CLI" listen "unix://$tmp/sb.sock" --reply discard 2>"$tmp/l.err" &
    fi
    local lp=$!
    ep=$(listening "$tmp/l.err")
    local t0 t1
    t0=$(now)
    "$CLI" connect "$ep" <"$tmp/bulk.bin" >/dev/null
    t1=$(now)
    kill "$lp"; wait "$lp" 2>/dev/null || true
    awk -v b="$((size_mib << 20))" -v us="$((t1 - t0))" 'BEGIN { printf "%.0f", b / us }'
}
socat_bulk() {
    local lp t0 t1
    if [ "$1" = tcp ]; then
        local port; port=$(freeport)
        socat -u -b 131072 "TCP-LISTEN:$port,reuseaddr,bind=127.0.0.1" OPEN:/dev/null,wronly &
        lp=$!; waitlisten "$port"
        t0=$(now)
        socat -u -b 131072 "OPEN:$tmp/bulk.bin" "TCP:127.0.0.1:$port"
    else
        rm -f "$tmp/socat.sock"
        socat -u -b 131072 "UNIX-LISTEN:$tmp/socat.sock" OPEN:/dev/null,wronly &
        lp=$!; waitpath "$tmp/socat.sock"
        t0=$(now)
        socat -u -b 131072 "OPEN:$tmp/bulk.bin" "UNIX-CONNECT:$tmp/socat.sock"
    fi
    wait "$lp" 2>/dev/null || true
    t1=$(now)
    awk -v b="$((size_mib << 20))" -v us="$((t1 - t0))" 'BEGIN { printf "%.0f", b / us }'
}
for kind in tcp unix; do
    a=""; b=""
    for _ in $(seq "$RUNS"); do
        a="$a $(sb_bulk $kind)"
        b="$b $(socat_bulk $kind)"
    done
    row "1. bulk $kind, CLI file -> discard (${size_mib} MiB)" "MB/s" ">=1.2" \
        "$(echo "$a" | median)" "$(echo "$b" | median)" "socat -b 131072"
done

# --- 1. The core alone vs iperf3 ---
iperf_bulk() {
    local port; port=$(freeport)
    iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    local sp=$!
    waitlisten "$port"
    iperf3 -c 127.0.0.1 -p "$port" -n "$((4 * size_mib))M" -J >"$tmp/iperf.json" 2>/dev/null || true
    wait "$sp" 2>/dev/null || true
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.0f" % (d["end"]["sum_received"]["bits_per_second"]/8e6))' "$tmp/iperf.json"
}
a=""; b=""
for _ in $(seq "$RUNS"); do
    a="$a $("$CORE" bulk $((4 * size_mib)))"
    b="$b $(iperf_bulk)"
done
row "1. core client -> core server, TCP ($((4 * size_mib)) MiB)" "MB/s" ">=0.9" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "iperf3"

# --- 2. UDP 64-byte datagrams received per second ---
iperf_udp() {
    local port; port=$(freeport)
    iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    local sp=$!
    waitlisten "$port"
    iperf3 -c 127.0.0.1 -p "$port" -u -l 64 -b 0 -t 3 -J >"$tmp/iperf-u.json" 2>/dev/null || true
    wait "$sp" 2>/dev/null || true
    python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["end"]["sum"]
print("%.0f" % ((s["packets"] - s["lost_packets"]) / s["seconds"]))' "$tmp/iperf-u.json"
}
a=""; b=""; udpnote=""
for _ in $(seq "$RUNS"); do
    out=$("$CORE" udp 3)
    a="$a ${out%% *}"
    udpnote="${out#* }"
    b="$b $(iperf_udp)"
done
row "2. UDP 64 B datagrams received" "datagrams/s" ">=1.0" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "iperf3 -u -l 64 -b 0" "last run: $udpnote"

# --- 3. Accept rate, FIN and RST ---
n_accept=${SB_BENCH_ACCEPTS:-5000} # small: each run leaves its connections in TIME_WAIT
for how in fin rst; do
    a=""; b=""
    for _ in $(seq "$RUNS"); do
        a="$a $("$CORE" accept "$n_accept" $how)"
        b="$b $("$CORE" accept "$n_accept" $how --c)"
    done
    row "3. accept rate, close by $how ($n_accept)" "conn/s" ">=0.8" \
        "$(echo "$a" | median)" "$(echo "$b" | median)" "C epoll loop"
done

# --- 4. Echo round trip, 64 bytes, TCP_NODELAY ---
a=""; b=""; ap=""; bp=""
for _ in $(seq "$RUNS"); do
    read -r m p <<<"$("$CORE" echo 20000)"; a="$a $m"; ap="$ap $p"
    read -r m p <<<"$("$CORE" echo 20000 --c)"; b="$b $m"; bp="$bp $p"
done
row "4. echo RTT 64 B, median" "us" "<=1.2" "$(echo "$a" | median)" "$(echo "$b" | median)" "C ping-pong"
row "4. echo RTT 64 B, p99" "us" "" "$(echo "$ap" | median)" "$(echo "$bp" | median)" "C ping-pong"

# --- 5. Concurrent connections ---
n_conns=${SB_BENCH_CONNS:-9000}
a=""; b=""
for _ in $(seq "$RUNS"); do
    read -r s m <<<"$("$CORE" conns "$n_conns")"; a="$a $s"; b="$b $m"
done
row "5. $n_conns clients on one event server: time to open all" "s" "" "$(echo "$a" | median)" "-" ""
row "5. server memory per connection" "bytes" "" "$(echo "$b" | median)" "-" "" "user space (VmRSS); kernel socket memory is extra"

# --- 6. Trace cost ---
a=""; b=""
for _ in $(seq "$RUNS"); do
    a="$a $("$CORE" bulk "$size_mib" --trace --bytes)"
    b="$b $("$CORE" bulk "$size_mib" --bytes)"
done
row "6. bulk, trace recording on vs off (bytes read out both ways)" "MB/s" ">=0.9" \
    "$(echo "$a" | median)" "$(echo "$b" | median)" "trace off" "goal: recording costs < 10%"

# --- 7. Start-up ---
a=""; b=""
for _ in $(seq $((RUNS * 4))); do
    t0=$(now); "$CLI" --version >/dev/null; t1=$(now); a="$a $(((t1 - t0)))"
    t0=$(now); socat -V >/dev/null; t1=$(now); b="$b $(((t1 - t0)))"
done
row "7. --version" "us" "<=1.0" "$(echo "$a" | median)" "$(echo "$b" | median)" "socat -V"
"$CLI" listen tcp://127.0.0.1:0 --reply discard 2>"$tmp/l7.err" &
pids+=($!)
ep=$(listening "$tmp/l7.err")
port=${ep##*:}
a=""; b=""
for _ in $(seq $((RUNS * 4))); do
    t0=$(now); "$CLI" connect "$ep" --send 'x' >/dev/null; t1=$(now); a="$a $(((t1 - t0)))"
    t0=$(now); printf x | socat - "TCP:127.0.0.1:$port" >/dev/null; t1=$(now); b="$b $(((t1 - t0)))"
done
row "7. one-shot connect --send to a discard server" "us" "<=1.0" "$(echo "$a" | median)" \
    "$(echo "$b" | median)" "socat - with x on stdin"

if [ -x "$build/app/gui/sockbench" ]; then
    a=""
    for _ in $(seq $((RUNS * 2))); do
        t0=$(now)
        QT_QPA_PLATFORM=offscreen "$build/app/gui/sockbench" --empty --quit-after-first-paint \
            >/dev/null 2>&1
        t1=$(now); a="$a $(((t1 - t0)))"
    done
    row "7. sockbench exec to first painted window (offscreen, --empty)" "us" "" \
        "$(echo "$a" | median)" "-" "" "whole process: exec, Qt start-up, first paint, exit"
fi

# --- 8. GUI flood (the GUI's own program) ---
guinote="tests/bench/guiflood not built"
if [ -x "$build/tests/bench/guiflood" ]; then
    echo "--- guiflood ---"
    QT_QPA_PLATFORM=offscreen "$build/tests/bench/guiflood" | tee "$tmp/guiflood.txt" || true
    guinote=$(tr '\n' ' ' <"$tmp/guiflood.txt" | sed 's/|/\\|/g')
fi
row "8. GUI flood" "" "" "see note" "-" "" "$guinote"

# --- The table, and RESULTS.md ---
{
    echo "# Benchmark results"
    echo
    echo "Written by \`./scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); median of $RUNS runs per side, run in alternation."
    echo
    echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
    echo "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, Linux $(uname -r)."
    echo
    echo "Ratio = SockBench ÷ peer. Target: the issue's goal for that ratio."
    echo
    echo "| Measure | Unit | SockBench | Peer | Ratio | Target | Met | Note |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    if [ -f "$SB_ROOT/tests/bench/NOTES.md" ]; then
        echo
        cat "$SB_ROOT/tests/bench/NOTES.md"
    fi
} >"$SB_ROOT/tests/bench/RESULTS.md"
echo
cat "$SB_ROOT/tests/bench/RESULTS.md"
