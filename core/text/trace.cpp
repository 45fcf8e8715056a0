#include "core/text/trace.h"

#include "core/text/clock.h"
#include "core/text/errnoinfo.h"
#include "core/text/names.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace sb {

const char *sysCallName(SysCall call)
{
    switch (call) {
    case SysCall::Socket:
        return "socket";
    case SysCall::Socketpair:
        return "socketpair";
    case SysCall::Setsockopt:
        return "setsockopt";
    case SysCall::Getsockopt:
        return "getsockopt";
    case SysCall::Bind:
        return "bind";
    case SysCall::Listen:
        return "listen";
    case SysCall::Accept4:
        return "accept4";
    case SysCall::Connect:
        return "connect";
    case SysCall::Getsockname:
        return "getsockname";
    case SysCall::Getpeername:
        return "getpeername";
    case SysCall::Send:
        return "send";
    case SysCall::Sendto:
        return "sendto";
    case SysCall::Recv:
        return "recv";
    case SysCall::Recvfrom:
        return "recvfrom";
    case SysCall::Recvmsg:
        return "recvmsg";
    case SysCall::Shutdown:
        return "shutdown";
    case SysCall::Close:
        return "close";
    case SysCall::Ioctl:
        return "ioctl";
    case SysCall::Splice:
        return "splice";
    case SysCall::Unlink:
        return "unlink";
    case SysCall::Sendfile:
        return "sendfile";
    case SysCall::Accept:
        return "accept";
    case SysCall::Read:
        return "read";
    case SysCall::Write:
        return "write";
    case SysCall::Readv:
        return "readv";
    case SysCall::Writev:
        return "writev";
    case SysCall::Sendmsg:
        return "sendmsg";
    case SysCall::Sendmmsg:
        return "sendmmsg";
    case SysCall::Recvmmsg:
        return "recvmmsg";
    case SysCall::Dup:
        return "dup";
    case SysCall::Dup2:
        return "dup2";
    case SysCall::Dup3:
        return "dup3";
    case SysCall::Fcntl:
        return "fcntl";
    case SysCall::Poll:
        return "poll";
    case SysCall::Ppoll:
        return "ppoll";
    case SysCall::Select:
        return "select";
    case SysCall::Pselect6:
        return "pselect6";
    case SysCall::EpollCtl:
        return "epoll_ctl";
    case SysCall::EpollWait:
        return "epoll_wait";
    case SysCall::EpollPwait:
        return "epoll_pwait";
    case SysCall::Tls:
        return "tls";
    }
    return "?";
}

namespace {

using Named = ConstantName;

// The timeouts go by the names the course and the option table use; newer strace prints
// SO_RCVTIMEO_OLD / SO_SNDTIMEO_OLD, the kernel's names for them since the _NEW variants.
constexpr Named kSolSocket[] = {
        {SO_DEBUG, "SO_DEBUG"},
        {SO_REUSEADDR, "SO_REUSEADDR"},
        {SO_TYPE, "SO_TYPE"},
        {SO_ERROR, "SO_ERROR"},
        {SO_DONTROUTE, "SO_DONTROUTE"},
        {SO_BROADCAST, "SO_BROADCAST"},
        {SO_SNDBUF, "SO_SNDBUF"},
        {SO_RCVBUF, "SO_RCVBUF"},
        {SO_SNDBUFFORCE, "SO_SNDBUFFORCE"},
        {SO_RCVBUFFORCE, "SO_RCVBUFFORCE"},
        {SO_KEEPALIVE, "SO_KEEPALIVE"},
        {SO_OOBINLINE, "SO_OOBINLINE"},
        {SO_NO_CHECK, "SO_NO_CHECK"},
        {SO_PRIORITY, "SO_PRIORITY"},
        {SO_LINGER, "SO_LINGER"},
        {SO_BSDCOMPAT, "SO_BSDCOMPAT"},
        {SO_REUSEPORT, "SO_REUSEPORT"},
        {SO_PASSCRED, "SO_PASSCRED"},
        {SO_PEERCRED, "SO_PEERCRED"},
        {SO_RCVLOWAT, "SO_RCVLOWAT"},
        {SO_SNDLOWAT, "SO_SNDLOWAT"},
        {SO_RCVTIMEO_OLD, "SO_RCVTIMEO"},
        {SO_SNDTIMEO_OLD, "SO_SNDTIMEO"},
        {SO_ACCEPTCONN, "SO_ACCEPTCONN"},
        {SO_PROTOCOL, "SO_PROTOCOL"},
        {SO_DOMAIN, "SO_DOMAIN"},
        {SO_RXQ_OVFL, "SO_RXQ_OVFL"},
        {SO_RCVTIMEO_NEW, "SO_RCVTIMEO_NEW"},
        {SO_SNDTIMEO_NEW, "SO_SNDTIMEO_NEW"},
};
constexpr Named kSolTcp[] = {
        {TCP_NODELAY, "TCP_NODELAY"},
        {TCP_MAXSEG, "TCP_MAXSEG"},
        {TCP_CORK, "TCP_CORK"},
        {TCP_KEEPIDLE, "TCP_KEEPIDLE"},
        {TCP_KEEPINTVL, "TCP_KEEPINTVL"},
        {TCP_KEEPCNT, "TCP_KEEPCNT"},
        {TCP_SYNCNT, "TCP_SYNCNT"},
        {TCP_LINGER2, "TCP_LINGER2"},
        {TCP_DEFER_ACCEPT, "TCP_DEFER_ACCEPT"},
        {TCP_INFO, "TCP_INFO"},
        {TCP_QUICKACK, "TCP_QUICKACK"},
        {TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT"},
        {TCP_FASTOPEN, "TCP_FASTOPEN"},
};
constexpr Named kSolIp[] = {
        {IP_TOS, "IP_TOS"},
        {IP_TTL, "IP_TTL"},
        {IP_HDRINCL, "IP_HDRINCL"},
        {IP_OPTIONS, "IP_OPTIONS"},
        {IP_RECVERR, "IP_RECVERR"},
        {IP_MTU_DISCOVER, "IP_MTU_DISCOVER"},
        {IP_MTU, "IP_MTU"},
        {IP_FREEBIND, "IP_FREEBIND"},
        {IP_MULTICAST_TTL, "IP_MULTICAST_TTL"},
        {IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP"},
        {IP_MULTICAST_IF, "IP_MULTICAST_IF"},
        {IP_MULTICAST_ALL, "IP_MULTICAST_ALL"},
        {IP_ADD_MEMBERSHIP, "IP_ADD_MEMBERSHIP"},
        {IP_DROP_MEMBERSHIP, "IP_DROP_MEMBERSHIP"},
        {IP_ADD_SOURCE_MEMBERSHIP, "IP_ADD_SOURCE_MEMBERSHIP"},
        {IP_DROP_SOURCE_MEMBERSHIP, "IP_DROP_SOURCE_MEMBERSHIP"},
};
constexpr Named kSolIpv6[] = {
        {IPV6_V6ONLY, "IPV6_V6ONLY"},
        {IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS"},
        {IPV6_MULTICAST_HOPS, "IPV6_MULTICAST_HOPS"},
        {IPV6_MULTICAST_LOOP, "IPV6_MULTICAST_LOOP"},
        {IPV6_MULTICAST_IF, "IPV6_MULTICAST_IF"},
        {IPV6_JOIN_GROUP, "IPV6_JOIN_GROUP"},
        {IPV6_LEAVE_GROUP, "IPV6_LEAVE_GROUP"},
        {IPV6_RECVERR, "IPV6_RECVERR"},
        {IPV6_MTU, "IPV6_MTU"},
        {IPV6_TCLASS, "IPV6_TCLASS"},
};
constexpr Named kIoctls[] = {
        {SIOCINQ, "SIOCINQ"}, {SIOCOUTQ, "SIOCOUTQ"},       {SIOCATMARK, "SIOCATMARK"},
        {FIONBIO, "FIONBIO"}, {SIOCOUTQNSD, "SIOCOUTQNSD"},
};

std::string socketType(int64_t type)
{
    const int64_t flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
    std::string s = nameOr(socketTypeNames(), type & ~flags);
    if (flags)
        s += "|" + flagNames(socketTypeFlagNames(), flags);
    return s;
}

std::string protocol(int64_t family, int64_t proto)
{
    if (family == AF_INET || family == AF_INET6)
        return nameOr(protocolNames(), proto);
    return std::to_string(proto);
}

std::string optName(int64_t level, int64_t name)
{
    switch (level) {
    case SOL_SOCKET:
        return nameOr(kSolSocket, name);
    case IPPROTO_TCP:
        return nameOr(kSolTcp, name);
    case IPPROTO_IP:
        return nameOr(kSolIp, name);
    case IPPROTO_IPV6:
        return nameOr(kSolIpv6, name);
    }
    return std::to_string(name);
}

/// strace's quoted buffer: at most kPreview bytes, then "..." outside the quotes when cut.
constexpr size_t kPreview = 32;

std::string quoted(std::string_view data, size_t limit = kPreview)
{
    std::string out = "\"";
    const size_t n = std::min(data.size(), limit);
    for (size_t i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        switch (c) {
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\0':
            out += "\\0";
            break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                out += static_cast<char>(c);
            } else {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            }
        }
    }
    out += '"';
    if (data.size() > n)
        out += "...";
    return out;
}

/// "[16]", or "[128 => 16]" when the caller passed another length in (a[4]), or "NULL".
std::string lengthPair(int64_t in, int64_t out)
{
    if (in == kLenPointerNull)
        return "NULL";
    if (in > 0 && in != out)
        return "[" + std::to_string(in) + " => " + std::to_string(out) + "]";
    return "[" + std::to_string(out) + "]";
}

std::string pointer(int64_t address)
{
    if (address == 0)
        return "NULL";
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(address));
    return buf;
}

/// The payload a record carries: data from dataOffset, at most limit bytes.
std::string_view payload(const TraceRecord &r, int64_t limit)
{
    std::string_view all = view(r.data);
    if (r.dataOffset >= all.size())
        return {};
    all.remove_prefix(r.dataOffset);
    if (limit >= 0 && static_cast<uint64_t>(limit) < all.size())
        all = all.substr(0, static_cast<size_t>(limit));
    return all;
}

std::string optValue(const TraceRecord &r)
{
    if (!r.text.empty())
        return r.text;
    // SO_ERROR holds an errno: named as strace names it, so a refused connect reads
    // [ECONNREFUSED], not [111].
    if (r.call == SysCall::Getsockopt && r.a[0] == SOL_SOCKET && r.a[1] == SO_ERROR && r.a[2] != 0)
        if (const char *name = errnoName(static_cast<int>(r.a[2])))
            return std::string("[") + name + "]";
    return "[" + std::to_string(r.a[2]) + "]";
}

std::string args(const TraceRecord &r)
{
    const std::string fd = std::to_string(r.fd);
    const auto n = [](int64_t v) { return std::to_string(v); };
    switch (r.call) {
    case SysCall::Socket:
        return nameOr(familyNames(), r.a[0]) + ", " + socketType(r.a[1]) + ", "
                + protocol(r.a[0], r.a[2]);
    case SysCall::Socketpair: {
        std::string s = nameOr(familyNames(), r.a[0]) + ", " + socketType(r.a[1]) + ", "
                + protocol(r.a[0], r.a[2]) + ", ";
        return s + (r.result < 0 ? std::string("0x0") : "[" + n(r.a[3]) + ", " + n(r.a[4]) + "]");
    }
    case SysCall::Setsockopt:
        return fd + ", " + nameOr(levelNames(), r.a[0]) + ", " + optName(r.a[0], r.a[1]) + ", "
                + optValue(r) + ", " + n(r.a[3]);
    case SysCall::Getsockopt:
        return fd + ", " + nameOr(levelNames(), r.a[0]) + ", " + optName(r.a[0], r.a[1]) + ", "
                + (r.result < 0 ? std::string("0x0") : optValue(r)) + ", [" + n(r.a[3]) + "]";
    case SysCall::Bind:
    case SysCall::Connect:
        return fd + ", " + r.addr.toStrace() + ", " + n(r.addr.length());
    case SysCall::Listen:
        return fd + ", " + n(r.a[0]);
    case SysCall::Accept4:
        return fd + ", " + r.addr.toStrace() + ", " + lengthPair(r.a[4], r.a[1]) + ", "
                + flagNames(acceptFlagNames(), r.a[0]);
    case SysCall::Accept:
        return fd + ", " + r.addr.toStrace() + ", " + lengthPair(r.a[4], r.a[1]);
    case SysCall::Getsockname:
    case SysCall::Getpeername:
        return fd + ", " + r.addr.toStrace() + ", " + lengthPair(r.a[4], r.a[1]);
    case SysCall::Read:
        return fd + ", " + (r.result < 0 ? pointer(r.a[1]) : quoted(payload(r, r.result))) + ", "
                + n(r.a[0]);
    case SysCall::Write:
        return fd + ", " + quoted(payload(r, r.a[0])) + ", " + n(r.a[0]);
    case SysCall::Readv:
    case SysCall::Writev:
    case SysCall::Sendmsg:
    case SysCall::Sendmmsg:
    case SysCall::Recvmmsg:
    case SysCall::Dup:
    case SysCall::Dup2:
    case SysCall::Dup3:
    case SysCall::Fcntl:
    case SysCall::Poll:
    case SysCall::Ppoll:
    case SysCall::Select:
    case SysCall::Pselect6:
    case SysCall::EpollCtl:
    case SysCall::EpollWait:
    case SysCall::EpollPwait:
        return r.text;
    case SysCall::Send:
        return fd + ", " + quoted(payload(r, r.a[0])) + ", " + n(r.a[0]) + ", "
                + flagNames(msgFlagNames(), r.a[1]);
    case SysCall::Sendto:
        return fd + ", " + quoted(payload(r, r.a[0])) + ", " + n(r.a[0]) + ", "
                + flagNames(msgFlagNames(), r.a[1]) + ", " + r.addr.toStrace() + ", "
                + n(r.addr.valid() ? r.addr.length() : 0);
    case SysCall::Recv:
        return fd + ", " + quoted(payload(r, r.result)) + ", " + n(r.a[0]) + ", "
                + flagNames(msgFlagNames(), r.a[1]);
    case SysCall::Recvmsg:
        if (!r.text.empty())
            return r.text;
        [[fallthrough]];
    case SysCall::Recvfrom:
        return fd + ", " + quoted(payload(r, r.result)) + ", " + n(r.a[0]) + ", "
                + flagNames(msgFlagNames(), r.a[1]) + ", " + r.addr.toStrace() + ", "
                + lengthPair(r.a[4],
                             r.result < 0             ? r.a[4]
                                     : r.addr.valid() ? r.addr.length()
                                                      : 0);
    case SysCall::Shutdown:
        return fd + ", " + shutdownName(int(r.a[0]));
    case SysCall::Close:
        return fd;
    case SysCall::Ioctl:
        return fd + ", " + nameOr(kIoctls, r.a[0]) + ", [" + n(r.a[1]) + "]";
    case SysCall::Splice:
        return fd + ", NULL, " + n(r.a[0]) + ", NULL, " + n(r.a[1]) + ", " + n(r.a[2]);
    case SysCall::Unlink:
        return quoted(r.text.empty() ? r.addr.host() : r.text, SIZE_MAX);
    case SysCall::Sendfile:
        return fd + ", " + n(r.a[0]) + ", NULL, " + n(r.a[1]);
    case SysCall::Tls:
        return r.text;
    }
    return fd;
}

} // namespace

std::string formatTrace(const TraceRecord &record)
{
    if (record.call == SysCall::Tls) // a narration line, not a call: "tls: sent ClientHello"
        return "tls: " + record.text;
    std::string line = sysCallName(record.call);
    line += '(';
    line += args(record);
    line += ") = ";
    if (record.result < 0 && record.err >= 512 && record.err <= 516) {
        // The kernel's own restart codes, seen only by a tracer: the call is redone.
        static const char *const kRestart[] = {
                "ERESTARTSYS (To be restarted if SA_RESTART is set)",
                "ERESTARTNOINTR (To be restarted)",
                "ERESTARTNOHAND (To be restarted if no handler)",
                "ENOIOCTLCMD (Inappropriate ioctl for device)",
                "ERESTART_RESTARTBLOCK (Interrupted by signal)",
        };
        line += "? ";
        line += kRestart[record.err - 512];
    } else if (record.result < 0) {
        line += "-1 ";
        line += formatErrno(record.err);
    } else {
        line += std::to_string(record.result);
    }
    line += record.note;
    return line;
}

std::string quotedPreview(std::string_view data, size_t limit) { return quoted(data, limit); }

int reportedErrno(const TraceRecord &r)
{
    if (r.result < 0)
        return r.err;
    if (r.call == SysCall::Getsockopt && r.a[0] == SOL_SOCKET && r.a[1] == SO_ERROR
        && r.text.empty())
        return static_cast<int>(r.a[2]);
    return 0;
}

} // namespace sb
