#!/usr/bin/env bash
# The bash completion of sockbench-cli as the package installs it, driven the way bash drives
# it: COMP_WORDS split as readline splits them (':' is a word of its own), then the answers
# compared with what a person expects to be offered.
# usage: tst_completion.bash PATH.deb
set -u
deb=$1
bash_completion=/usr/share/bash-completion/bash_completion
if [ ! -f "$bash_completion" ]; then
    echo "FAIL: $bash_completion is missing (Debian: bash-completion)"
    exit 1
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root" || { echo "FAIL: dpkg -x $deb"; exit 1; }
# shellcheck disable=SC1090
source "$bash_completion"
source "$root/usr/share/bash-completion/completions/sockbench-cli"
# compopt works only inside a completion that readline started; here there is none.
compopt() { :; }
# demo names come from the installed program itself.
PATH=$root/usr/bin:$PATH

failures=0
# expect "WANTED REPLIES" "TYPED LINE": completes the line's last word, the cursor at its end.
# The words are split as readline splits them: at blanks, and runs of ':' and '=' are words of
# their own (COMP_WORDBREAKS), which _init_completion then joins back.
expect() {
    local wanted=$1 line=$2
    local -a split=()
    local word="" c i
    for ((i = 0; i < ${#line}; i++)); do
        c=${line:i:1}
        case $c in
            " ")
                [ -n "$word" ] && split+=("$word")
                word=""
                ;;
            ":" | "=")
                # A run of break characters is one word ("::" in an IPv6 address).
                if [ "${line:i-1:1}" = ":" ] || [ "${line:i-1:1}" = "=" ]; then
                    split[${#split[@]} - 1]+=$c
                else
                    [ -n "$word" ] && split+=("$word")
                    split+=("$c")
                fi
                word=""
                ;;
            *) word+=$c ;;
        esac
    done
    split+=("$word")
    COMP_WORDS=("${split[@]}")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _sockbench_cli sockbench-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    local got="${COMPREPLY[*]}"
    if [ "$got" != "$wanted" ]; then
        echo "FAIL: [$line] offers '$got', not '$wanted'"
        failures=$((failures + 1))
    fi
}

expect "listen connect relay demo netstat resolve trace" "sockbench-cli "
expect "connect" "sockbench-cli --trace c"
expect "--trace --log --opt --lab --packets --overwrite --help --version" "sockbench-cli --"
expect "text hex jsonl" "sockbench-cli --log "
expect "listen" "sockbench-cli --log hex l"
expect "SO_REUSEADDR= SO_REUSEPORT=" "sockbench-cli --opt SO_REU"
expect "listen" "sockbench-cli --opt SO_REUSEADDR=1 li"
expect "tcp:// udp:// tls:// unix:// unix-dgram:// unix-seqpacket://" "sockbench-cli listen "
expect "unix:// unix-dgram:// unix-seqpacket://" "sockbench-cli connect unix"
# After "udp:" readline replaces only what follows the colon.
expect "//" "sockbench-cli connect udp:"
expect "--reply --rules --model --backlog --count --duration --help" \
    "sockbench-cli listen tcp://127.0.0.1:0 --"
expect "stdout echo discard daytime chargen fixed:" "sockbench-cli listen tcp://[::1]:0 --reply "
expect "event concurrent iterative" "sockbench-cli listen tcp://h:1 --model "
expect "--send --send-hex --send-file" "sockbench-cli connect tcp://h:1 --send"
expect "wr none" "sockbench-cli connect tcp://h:1 --shutdown "
expect "" "sockbench-cli connect tcp://h:1 --send "
expect "tcp-echo" "sockbench-cli demo tcp-e"
expect "tcp:// udp:// unix:// unix-dgram:// unix-seqpacket://" "sockbench-cli relay tcp://127.0.0.1:0 "
expect "--throttle --throttle-up --throttle-down" "sockbench-cli relay tcp://h:1 tcp://h:2 --thr"
expect "en es" "sockbench-cli demo tcp-echo --lang "
expect "--all --tcp --udp --unix --listening --numeric --program --groups --help" "sockbench-cli netstat --"
expect "--multicast-if --multicast-ttl --multicast-loop --multicast-all" \
    "sockbench-cli listen udp://239.255.0.1:0 --mu"
expect "--bind --broadcast" "sockbench-cli connect udp://127.255.255.255:9 --b"
expect "--bind" "sockbench-cli connect tcp://h:1 --b"
expect "0 1" "sockbench-cli connect udp://h:1 --multicast-loop "
expect "stream dgram raw seqpacket" "sockbench-cli resolve localhost --type "
expect "--log --jsonl -o -p --help" "sockbench-cli trace -"
expect "text hex none" "sockbench-cli trace --log "
# A UNIX path completes as file names after the scheme (what follows the colon).
dir=$(mktemp -d)
mkdir "$dir/sub"
: >"$dir/a.sock"
expect "//$dir/a.sock" "sockbench-cli listen unix://$dir/a"
expect "//$dir/sub/" "sockbench-cli listen unix-dgram://$dir/s"
expect "" "sockbench-cli listen unix://@abs"
rm -rf "$dir"

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "PASS"
