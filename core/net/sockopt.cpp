#include "core/net/sockopt.h"

#include "core/text/errnoinfo.h"
#include "core/text/names.h"

#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <optional>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>

namespace sb {
namespace {

constexpr int64_t kDay = 24 * 3600;

const std::vector<OptionInfo> kOptions = {
        {"SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, OptionKind::Bool, true, OptionScope::Any, 0, 1,
         "Bind a port that an old connection still holds in TIME_WAIT (set before bind)."},
        {"SO_REUSEPORT", SOL_SOCKET, SO_REUSEPORT, OptionKind::Bool, true, OptionScope::Ip, 0, 1,
         "Several sockets of the same user bind one port; the kernel spreads connections or "
         "datagrams among them (set on each before bind)."},
        {"SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, OptionKind::Bool, true, OptionScope::Tcp, 0, 1,
         "Probe an idle connection so a vanished peer is noticed (after 2 h by default)."},
        {"SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, OptionKind::Bytes, true, OptionScope::Any, 0,
         INT_MAX / 2,
         "Receive buffer size. The kernel doubles the value asked for (bookkeeping) and caps it "
         "at net.core.rmem_max."},
        {"SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, OptionKind::Bytes, true, OptionScope::Any, 0,
         INT_MAX / 2,
         "Send buffer size. The kernel doubles the value asked for and caps it at "
         "net.core.wmem_max."},
        {"SO_LINGER", SOL_SOCKET, SO_LINGER, OptionKind::Linger, true, OptionScope::Stream, 0, kDay,
         "What close does with unsent data: off returns at once; on,N waits up to N s; on,0 "
         "discards it and sends a RST (abortive close)."},
        {"SO_BROADCAST", SOL_SOCKET, SO_BROADCAST, OptionKind::Bool, true, OptionScope::Udp, 0, 1,
         "Allow sending datagrams to a broadcast address."},
        {"SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO, OptionKind::TimeoutMs, true, OptionScope::Any, 0,
         kDay * 1000,
         "A blocking receive gives up with EAGAIN after this long (0: never). SockBench's own "
         "sockets are non-blocking, so it shows only on blocking calls."},
        {"SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO, OptionKind::TimeoutMs, true, OptionScope::Any, 0,
         kDay * 1000, "A blocking send gives up with EAGAIN after this long (0: never)."},
        {"SO_OOBINLINE", SOL_SOCKET, SO_OOBINLINE, OptionKind::Bool, true, OptionScope::Tcp, 0, 1,
         "Urgent (MSG_OOB) bytes arrive in the normal data stream instead of apart."},
        {"SO_RXQ_OVFL", SOL_SOCKET, SO_RXQ_OVFL, OptionKind::Bool, true, OptionScope::Datagram, 0,
         1,
         "Each received datagram carries the count of datagrams the kernel dropped for lack of "
         "buffer space."},
        {"TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, OptionKind::Bool, true, OptionScope::Tcp, 0, 1,
         "Turn off Nagle's algorithm: small writes go out at once instead of being coalesced."},
        {"IP_TTL", IPPROTO_IP, IP_TTL, OptionKind::Int, true, OptionScope::Ipv4, 1, 255,
         "Time to live of outgoing IPv4 packets (hops)."},
        {"IP_MULTICAST_ALL", IPPROTO_IP, IP_MULTICAST_ALL, OptionKind::Bool, true, OptionScope::Udp,
         0, 1,
         "On (the kernel's default): a socket bound to a group's address and port receives the "
         "group's datagrams when any socket of this host joined it, not only when it did."},
        {"IPV6_V6ONLY", IPPROTO_IPV6, IPV6_V6ONLY, OptionKind::Bool, true, OptionScope::Ipv6, 0, 1,
         "An IPv6 socket takes IPv6 only; off, it also takes IPv4 as ::ffff:a.b.c.d (set before "
         "bind)."},
        {"SO_TYPE", SOL_SOCKET, SO_TYPE, OptionKind::Int, false, OptionScope::Any, 0, INT_MAX,
         "The socket type: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET."},
        {"SO_ERROR", SOL_SOCKET, SO_ERROR, OptionKind::Int, false, OptionScope::Any, 0, INT_MAX,
         "The pending error, as a non-blocking connect leaves it. Reading it clears it."},
        {"SO_ACCEPTCONN", SOL_SOCKET, SO_ACCEPTCONN, OptionKind::Bool, false, OptionScope::Stream,
         0, 1, "Whether the socket is listening."},
};

std::string normalized(std::string_view name)
{
    std::string out;
    for (char c : name)
        if (c != '_' && c != '-')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<int64_t> integer(std::string_view s)
{
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty())
        return std::nullopt;
    return v;
}

std::optional<bool> boolean(std::string_view s)
{
    const std::string l = lower(s);
    if (l == "1" || l == "on" || l == "true" || l == "yes")
        return true;
    if (l == "0" || l == "off" || l == "false" || l == "no")
        return false;
    return std::nullopt;
}

InputError outOfRange(const OptionInfo &o, int64_t v, const char *unit = "")
{
    return InputError {std::string(o.name) + " must be between " + std::to_string(o.min) + unit
                       + " and " + std::to_string(o.max) + unit + "; got " + std::to_string(v)
                       + unit};
}

Result<OptionValue> parseBytes(const OptionInfo &o, std::string_view s)
{
    // The number, then an optional binary suffix: k, kb, kib, m, mb, mib.
    size_t digits = 0;
    while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits])))
        ++digits;
    const auto n = integer(s.substr(0, digits));
    const std::string suffix = lower(trimmed(s.substr(digits)));
    int64_t scale = 1;
    if (suffix == "k" || suffix == "kb" || suffix == "kib")
        scale = 1024;
    else if (suffix == "m" || suffix == "mb" || suffix == "mib")
        scale = 1024 * 1024;
    else if (!suffix.empty() && suffix != "b")
        return InputError {"'" + std::string(s) + "' is not a size for " + o.name
                           + ": use bytes, or k/M (e.g. 65536, 64k, 1M)"};
    if (!n)
        return InputError {"'" + std::string(s) + "' is not a size for " + o.name
                           + ": use bytes, or k/M (e.g. 65536, 64k, 1M)"};
    if (*n > o.max / scale)
        return outOfRange(o, *n * scale);
    return OptionValue {*n * scale, false};
}

Result<OptionValue> parseTimeout(const OptionInfo &o, std::string_view s)
{
    const std::string l = lower(s);
    std::string_view num = l;
    double scale = 1; // to ms
    if (num.ends_with("ms")) {
        num.remove_suffix(2);
    } else if (num.ends_with("s")) {
        num.remove_suffix(1);
        scale = 1000;
    }
    num = trimmed(num);
    double v = 0;
    const auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
    if (num.empty() || ec != std::errc() || end != num.data() + num.size() || !std::isfinite(v))
        return InputError {"'" + std::string(s) + "' is not a timeout for " + o.name
                           + ": use milliseconds (1500) or seconds (1.5s); 0 for none"};
    const double ms = std::round(v * scale);
    if (ms < double(o.min) || ms > double(o.max))
        return InputError {std::string(o.name) + " must be between 0 and " + std::to_string(o.max)
                           + " ms; got " + std::string(s)};
    return OptionValue {static_cast<int64_t>(ms), false};
}

Result<OptionValue> parseLinger(const OptionInfo &o, std::string_view s)
{
    const std::string hint = ": use off, on,SECONDS or 1,SECONDS (on,0 makes close send a RST)";
    const auto comma = s.find(',');
    const std::string_view first = trimmed(s.substr(0, comma));
    const auto on = boolean(first);
    if (!on)
        return InputError {"'" + std::string(s) + "' is not a linger setting for " + o.name + hint};
    if (comma == std::string_view::npos) {
        if (*on)
            return InputError {std::string(o.name) + " on needs the seconds to wait" + hint};
        return OptionValue {0, false};
    }
    const std::string_view secs = trimmed(s.substr(comma + 1));
    const auto n = integer(secs);
    if (!n)
        return InputError {"'" + std::string(secs) + "' is not a number of seconds for " + o.name
                           + hint};
    if (*n < o.min || *n > o.max)
        return outOfRange(o, *n, " s");
    return OptionValue {*n, *on};
}

} // namespace

const std::vector<OptionInfo> &socketOptions() { return kOptions; }

const OptionInfo *findOption(std::string_view name)
{
    const std::string wanted = normalized(trimmed(name));
    if (wanted.empty())
        return nullptr;
    for (const OptionInfo &o : kOptions) {
        const std::string full = normalized(o.name);
        const std::string_view n(o.name);
        const std::string bare = normalized(n.substr(n.find('_') + 1));
        if (wanted == full || wanted == bare)
            return &o;
    }
    return nullptr;
}

Result<OptionValue> parseOptionValue(const OptionInfo &option, std::string_view text)
{
    const std::string_view s = trimmed(text);
    if (s.empty())
        return InputError {std::string("no value given for ") + option.name};
    switch (option.kind) {
    case OptionKind::Bool: {
        const auto b = boolean(s);
        if (!b)
            return InputError {"'" + std::string(s) + "' is not on or off for " + option.name
                               + ": use 1/0, on/off, true/false or yes/no"};
        return OptionValue {*b ? 1 : 0, *b};
    }
    case OptionKind::Int: {
        const auto n = integer(s);
        if (!n)
            return InputError {"'" + std::string(s) + "' is not a whole number for " + option.name};
        if (*n < option.min || *n > option.max)
            return outOfRange(option, *n);
        return OptionValue {*n, false};
    }
    case OptionKind::Bytes:
        return parseBytes(option, s);
    case OptionKind::Linger:
        return parseLinger(option, s);
    case OptionKind::TimeoutMs:
        return parseTimeout(option, s);
    }
    return InputError {"unknown option kind"};
}

std::string formatOptionValue(const OptionInfo &option, const OptionValue &value)
{
    if (option.kind == OptionKind::Linger)
        return value.on        ? "on," + std::to_string(value.number)
                : value.number ? "0," + std::to_string(value.number)
                               : "off";
    return std::to_string(value.number);
}

int applyOption(SysContext ctx, int fd, const OptionInfo &option, const OptionValue &value)
{
    int r;
    switch (option.kind) {
    case OptionKind::Linger: {
        const linger l {value.on ? 1 : 0, static_cast<int>(value.number)};
        r = sys::setsockopt(ctx, fd, option.level, option.optname, &l, sizeof l);
        break;
    }
    case OptionKind::TimeoutMs: {
        timeval tv {};
        tv.tv_sec = static_cast<time_t>(value.number / 1000);
        tv.tv_usec = static_cast<suseconds_t>((value.number % 1000) * 1000);
        r = sys::setsockopt(ctx, fd, option.level, option.optname, &tv, sizeof tv);
        break;
    }
    default: {
        const int v = static_cast<int>(value.number);
        r = sys::setsockopt(ctx, fd, option.level, option.optname, &v, sizeof v);
    }
    }
    return r == 0 ? 0 : errno;
}

OptionReading readOption(SysContext ctx, int fd, const OptionInfo &option)
{
    OptionReading out;
    switch (option.kind) {
    case OptionKind::Linger: {
        linger l {};
        socklen_t len = sizeof l;
        if (sys::getsockopt(ctx, fd, option.level, option.optname, &l, &len) != 0) {
            out.err = errno;
            return out;
        }
        out.value = OptionValue {l.l_linger, l.l_onoff != 0};
        out.text = formatOptionValue(option, out.value);
        return out;
    }
    case OptionKind::TimeoutMs: {
        timeval tv {};
        socklen_t len = sizeof tv;
        if (sys::getsockopt(ctx, fd, option.level, option.optname, &tv, &len) != 0) {
            out.err = errno;
            return out;
        }
        // The kernel keeps timeouts in jiffies; the microseconds round-trip to the nearest ms.
        out.value.number = static_cast<int64_t>(tv.tv_sec) * 1000 + (tv.tv_usec + 500) / 1000;
        out.text = out.value.number == 0 ? "0 (no timeout)"
                                         : std::to_string(out.value.number) + " ms";
        return out;
    }
    default: {
        int v = 0;
        socklen_t len = sizeof v;
        if (sys::getsockopt(ctx, fd, option.level, option.optname, &v, &len) != 0) {
            out.err = errno;
            return out;
        }
        out.value = OptionValue {v, v != 0};
        out.text = std::to_string(v);
        if (option.level == SOL_SOCKET && option.optname == SO_TYPE
            && findName(socketTypeNames(), v))
            out.text = findName(socketTypeNames(), v);
        else if (option.level == SOL_SOCKET && option.optname == SO_ERROR && v != 0)
            out.text = formatErrno(v);
        return out;
    }
    }
}

bool optionApplies(const OptionInfo &option, Transport transport, int family)
{
    const bool ip = transport == Transport::Tcp || transport == Transport::Udp;
    switch (option.scope) {
    case OptionScope::Any:
        return true;
    case OptionScope::Ip:
        return ip;
    case OptionScope::Tcp:
        return transport == Transport::Tcp;
    case OptionScope::Udp:
        return transport == Transport::Udp;
    case OptionScope::Stream:
        return isConnectionOriented(transport);
    case OptionScope::Datagram:
        return !isConnectionOriented(transport);
    case OptionScope::Ipv4:
        return ip && family == AF_INET;
    case OptionScope::Ipv6:
        return ip && family == AF_INET6;
    }
    return false;
}

} // namespace sb
