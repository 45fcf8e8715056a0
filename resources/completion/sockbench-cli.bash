# bash completion for sockbench-cli                            -*- shell-script -*-
# SPDX-License-Identifier: GPL-3.0-or-later
# Completes the global options, the commands, each command's options and their fixed values,
# the endpoint schemes, file names after unix*:// schemes, and the built-in demos' names.

_sockbench_cli()
{
    local cur prev words cword
    _init_completion -n =: || return

    local globals="--trace --log --opt --lab --packets -w --overwrite -4 -6 --help --version"
    local commands="listen connect relay demo netstat resolve trace capture run import-packets send-message"
    local schemes="tcp:// udp:// tls:// unix:// unix-dgram:// unix-seqpacket://"
    local sockopts="SO_REUSEADDR= SO_REUSEPORT= SO_KEEPALIVE= SO_RCVBUF= SO_SNDBUF= SO_LINGER=
        SO_BROADCAST= SO_RCVTIMEO= SO_SNDTIMEO= SO_OOBINLINE= SO_RXQ_OVFL= TCP_NODELAY= IP_TTL=
        IPV6_V6ONLY="

    # The command is the first word after the global options (and --log's, --opt's values).
    local i command="" command_at=0
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --log | --opt | -w) ((i++)) ;;
            -*) ;;
            *)
                command=${words[i]}
                command_at=$i
                break
                ;;
        esac
    done

    # An option's value.
    case $prev in
        --log)
            if [[ $command == trace ]]; then
                COMPREPLY=($(compgen -W "text hex none" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "text hex jsonl" -- "$cur"))
            fi
            return
            ;;
        -p | -o)
            if [[ $command == trace ]]; then
                if [[ $prev == -p ]]; then
                    COMPREPLY=($(compgen -W "$(ls /proc | grep -E '^[0-9]+$')" -- "$cur"))
                else
                    _filedir
                fi
                return
            fi
            ;;
        --opt)
            compopt -o nospace
            COMPREPLY=($(compgen -W "$sockopts" -- "$cur"))
            return
            ;;
        --reply)
            COMPREPLY=($(compgen -W "stdout echo discard daytime chargen fixed:" -- "$cur"))
            [[ ${COMPREPLY[0]-} == fixed: ]] && compopt -o nospace
            return
            ;;
        --model)
            COMPREPLY=($(compgen -W "event concurrent iterative" -- "$cur"))
            return
            ;;
        --shutdown)
            COMPREPLY=($(compgen -W "wr none" -- "$cur"))
            return
            ;;
        --multicast-loop | --multicast-all)
            COMPREPLY=($(compgen -W "0 1" -- "$cur"))
            return
            ;;
        --multicast-if)
            COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur"))
            return
            ;;
        --lang)
            COMPREPLY=($(compgen -W "en es" -- "$cur"))
            return
            ;;
        --family)
            COMPREPLY=($(compgen -W "any inet inet6" -- "$cur"))
            return
            ;;
        --type)
            COMPREPLY=($(compgen -W "stream dgram raw seqpacket" -- "$cur"))
            return
            ;;
        --protocol)
            COMPREPLY=($(compgen -W "tcp udp" -- "$cur"))
            return
            ;;
        --tls-version)
            COMPREPLY=($(compgen -W "1.2 1.3" -- "$cur"))
            return
            ;;
        --send-file | --file | --rules | --cert | --key | --ca | --keylog | -w)
            _filedir
            return
            ;;
        --bind)
            _sockbench_cli_endpoint
            return
            ;;
        --backlog | --count | --duration | --timeout | --send | --send-hex | --repeat | \
            --interval | --wait | --pace | --flags | --chop* | --coalesce* | --delay* | \
            --throttle* | --reset-after* | --join | --source | --multicast-ttl | --alpn | \
            --servername)
            return
            ;;
    esac

    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$globals" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    local options=""
    case $command in
        listen) options="--reply --rules --model --backlog --count --duration --help" ;;
        relay)
            options="--chop --chop-gap --coalesce --delay --throttle --stall --close --reset-after
                --chop-up --chop-down --chop-gap-up --chop-gap-down --coalesce-up --coalesce-down
                --delay-up --delay-down --throttle-up --throttle-down --stall-up --stall-down
                --close-up --close-down --reset-after-up --reset-after-down --help"
            ;;
        connect)
            options="--bind --timeout --send --send-hex --send-file --repeat --interval
                --shutdown --wait --help"
            ;;
        demo) options="--list --file --lang --pace --help" ;;
        netstat)
            options="-a -t -u -x -l -n -p -g --all --tcp --udp --unix --listening --numeric
                --program --groups --help"
            ;;
        resolve) options="--family --type --protocol --flags --reverse --help" ;;
        trace) options="--log --jsonl -o -p --help" ;;
        capture) options="-w --overwrite --port -c --count --for --help" ;;
        run) options="--junit --force --jsonl --set --lang --help" ;;
        import-packets) options="-o --output --force --help" ;;
        send-message) options="--to --help" ;;
    esac
    # A udp:// endpoint of listen or connect also takes the multicast and broadcast options.
    if [[ ($command == listen || $command == connect) && ${words[command_at + 1]-} == udp* ]]; then
        options="${options% --help} --join --source --multicast-if --multicast-ttl
            --multicast-loop --multicast-all --broadcast --help"
    fi
    # A tls:// endpoint takes the TLS options: a server's certificate, a client's checks.
    if [[ $command == listen && ${words[command_at + 1]-} == tls* ]]; then
        options="${options% --help} --cert --key --self-signed --alpn --keylog --tls-version
            --help"
    elif [[ $command == connect && ${words[command_at + 1]-} == tls* ]]; then
        options="${options% --help} --ca --insecure --servername --cert --key --alpn --keylog
            --tls-version --help"
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    case $command in
        listen | connect)
            # One endpoint, right after the command.
            ((cword == command_at + 1)) && _sockbench_cli_endpoint
            ;;
        relay)
            # Two endpoints: where it listens, then the target.
            ((cword == command_at + 1 || cword == command_at + 2)) && _sockbench_cli_endpoint
            ;;
        demo)
            if ((cword == command_at + 1)); then
                local names
                names=$("${words[0]}" demo --list 2>/dev/null | awk '{ print $1 }')
                COMPREPLY=($(compgen -W "$names" -- "$cur"))
            fi
            ;;
    esac
}

# An endpoint: a scheme, then a file name for the UNIX path schemes. Called from _sockbench_cli,
# whose locals (cur, schemes) it sees.
_sockbench_cli_endpoint()
{
    compopt -o nospace
    if [[ $cur == unix*://* && $cur != unix://@* ]]; then
        local scheme=${cur%%://*}:// path=${cur#*://}
        local files
        files=$(compgen -f -- "$path")
        COMPREPLY=()
        local f
        while IFS= read -r f; do
            [[ -n $f ]] || continue
            [[ -d $f ]] && f+=/
            COMPREPLY+=("$scheme$f")
        done <<<"$files"
        # The word was split at ':' by readline; offer only what follows the last colon.
        __ltrim_colon_completions "$cur"
        return
    fi
    local offered=$schemes
    # The relay forwards bytes as they come: tls:// is not one of its endpoints.
    [[ ${command-} == relay ]] && offered=${offered/tls:\/\/ /}
    COMPREPLY=($(compgen -W "$offered" -- "$cur"))
    __ltrim_colon_completions "$cur"
}

complete -F _sockbench_cli sockbench-cli
