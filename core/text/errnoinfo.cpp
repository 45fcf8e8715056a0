#include "core/text/errnoinfo.h"

#include <cstring>
#include <type_traits>

#include <errno.h>
#include <sys/socket.h>

namespace sb {

const char *errnoName(int err)
{
    // One case per Linux errno value; the aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) share a
    // number with the name listed here, which is the one strace prints.
    switch (err) {
#define SB_ERRNO(e)                                                                                \
    case e:                                                                                        \
        return #e;
        SB_ERRNO(EPERM)
        SB_ERRNO(ENOENT)
        SB_ERRNO(ESRCH)
        SB_ERRNO(EINTR)
        SB_ERRNO(EIO)
        SB_ERRNO(ENXIO)
        SB_ERRNO(E2BIG)
        SB_ERRNO(ENOEXEC)
        SB_ERRNO(EBADF)
        SB_ERRNO(ECHILD)
        SB_ERRNO(EAGAIN)
        SB_ERRNO(ENOMEM)
        SB_ERRNO(EACCES)
        SB_ERRNO(EFAULT)
        SB_ERRNO(ENOTBLK)
        SB_ERRNO(EBUSY)
        SB_ERRNO(EEXIST)
        SB_ERRNO(EXDEV)
        SB_ERRNO(ENODEV)
        SB_ERRNO(ENOTDIR)
        SB_ERRNO(EISDIR)
        SB_ERRNO(EINVAL)
        SB_ERRNO(ENFILE)
        SB_ERRNO(EMFILE)
        SB_ERRNO(ENOTTY)
        SB_ERRNO(ETXTBSY)
        SB_ERRNO(EFBIG)
        SB_ERRNO(ENOSPC)
        SB_ERRNO(ESPIPE)
        SB_ERRNO(EROFS)
        SB_ERRNO(EMLINK)
        SB_ERRNO(EPIPE)
        SB_ERRNO(EDOM)
        SB_ERRNO(ERANGE)
        SB_ERRNO(EDEADLK)
        SB_ERRNO(ENAMETOOLONG)
        SB_ERRNO(ENOLCK)
        SB_ERRNO(ENOSYS)
        SB_ERRNO(ENOTEMPTY)
        SB_ERRNO(ELOOP)
        SB_ERRNO(ENOMSG)
        SB_ERRNO(EIDRM)
        SB_ERRNO(ECHRNG)
        SB_ERRNO(EL2NSYNC)
        SB_ERRNO(EL3HLT)
        SB_ERRNO(EL3RST)
        SB_ERRNO(ELNRNG)
        SB_ERRNO(EUNATCH)
        SB_ERRNO(ENOCSI)
        SB_ERRNO(EL2HLT)
        SB_ERRNO(EBADE)
        SB_ERRNO(EBADR)
        SB_ERRNO(EXFULL)
        SB_ERRNO(ENOANO)
        SB_ERRNO(EBADRQC)
        SB_ERRNO(EBADSLT)
        SB_ERRNO(EBFONT)
        SB_ERRNO(ENOSTR)
        SB_ERRNO(ENODATA)
        SB_ERRNO(ETIME)
        SB_ERRNO(ENOSR)
        SB_ERRNO(ENONET)
        SB_ERRNO(ENOPKG)
        SB_ERRNO(EREMOTE)
        SB_ERRNO(ENOLINK)
        SB_ERRNO(EADV)
        SB_ERRNO(ESRMNT)
        SB_ERRNO(ECOMM)
        SB_ERRNO(EPROTO)
        SB_ERRNO(EMULTIHOP)
        SB_ERRNO(EDOTDOT)
        SB_ERRNO(EBADMSG)
        SB_ERRNO(EOVERFLOW)
        SB_ERRNO(ENOTUNIQ)
        SB_ERRNO(EBADFD)
        SB_ERRNO(EREMCHG)
        SB_ERRNO(ELIBACC)
        SB_ERRNO(ELIBBAD)
        SB_ERRNO(ELIBSCN)
        SB_ERRNO(ELIBMAX)
        SB_ERRNO(ELIBEXEC)
        SB_ERRNO(EILSEQ)
        SB_ERRNO(ERESTART)
        SB_ERRNO(ESTRPIPE)
        SB_ERRNO(EUSERS)
        SB_ERRNO(ENOTSOCK)
        SB_ERRNO(EDESTADDRREQ)
        SB_ERRNO(EMSGSIZE)
        SB_ERRNO(EPROTOTYPE)
        SB_ERRNO(ENOPROTOOPT)
        SB_ERRNO(EPROTONOSUPPORT)
        SB_ERRNO(ESOCKTNOSUPPORT)
        SB_ERRNO(EOPNOTSUPP)
        SB_ERRNO(EPFNOSUPPORT)
        SB_ERRNO(EAFNOSUPPORT)
        SB_ERRNO(EADDRINUSE)
        SB_ERRNO(EADDRNOTAVAIL)
        SB_ERRNO(ENETDOWN)
        SB_ERRNO(ENETUNREACH)
        SB_ERRNO(ENETRESET)
        SB_ERRNO(ECONNABORTED)
        SB_ERRNO(ECONNRESET)
        SB_ERRNO(ENOBUFS)
        SB_ERRNO(EISCONN)
        SB_ERRNO(ENOTCONN)
        SB_ERRNO(ESHUTDOWN)
        SB_ERRNO(ETOOMANYREFS)
        SB_ERRNO(ETIMEDOUT)
        SB_ERRNO(ECONNREFUSED)
        SB_ERRNO(EHOSTDOWN)
        SB_ERRNO(EHOSTUNREACH)
        SB_ERRNO(EALREADY)
        SB_ERRNO(EINPROGRESS)
        SB_ERRNO(ESTALE)
        SB_ERRNO(EUCLEAN)
        SB_ERRNO(ENOTNAM)
        SB_ERRNO(ENAVAIL)
        SB_ERRNO(EISNAM)
        SB_ERRNO(EREMOTEIO)
        SB_ERRNO(EDQUOT)
        SB_ERRNO(ENOMEDIUM)
        SB_ERRNO(EMEDIUMTYPE)
        SB_ERRNO(ECANCELED)
        SB_ERRNO(ENOKEY)
        SB_ERRNO(EKEYEXPIRED)
        SB_ERRNO(EKEYREVOKED)
        SB_ERRNO(EKEYREJECTED)
        SB_ERRNO(EOWNERDEAD)
        SB_ERRNO(ENOTRECOVERABLE)
        SB_ERRNO(ERFKILL)
        SB_ERRNO(EHWPOISON)
#undef SB_ERRNO
    default:
        return nullptr;
    }
}

std::string errnoText(int err)
{
    char buf[256] = {};
    // glibc's GNU strerror_r (we build with _GNU_SOURCE through g++) returns the text, which
    // may or may not be buf; the XSI one returns int. Handle both without #ifdef soup.
    const auto r = strerror_r(err, buf, sizeof buf);
    if constexpr (std::is_same_v<decltype(r),
                                 const char *const> || std::is_same_v<decltype(r), char *const>)
        return r ? std::string(r) : std::string(buf);
    else
        return std::string(buf);
}

std::string formatErrno(int err)
{
    const char *name = errnoName(err);
    const std::string text = errnoText(err);
    if (!name)
        return "errno " + std::to_string(err) + " (" + text + ")";
    return std::string(name) + " (" + text + ")";
}

} // namespace sb

namespace sb {
namespace {

struct Cause
{
    std::string_view op;
    int err;
    const char *text;
};

// The usual causes, per call, as the course lists them (bind, connect, accept, shutdown,
// socketpair) plus what a person meets on Linux in practice.
constexpr Cause kCauses[] = {
        {"socket", EAFNOSUPPORT, "this kernel does not support that address family"},
        {"socket", EPROTONOSUPPORT, "that protocol does not go with this family and socket type"},
        {"socket", EMFILE, "the process has too many open descriptors (ulimit -n)"},
        {"socket", EACCES, "creating this kind of socket needs privileges (raw sockets need root)"},

        {"bind", EADDRINUSE,
         "another socket is bound to this address and port (or it lingers in TIME_WAIT: set "
         "SO_REUSEADDR)"},
        {"bind", EACCES,
         "ports below 1024 need root (CAP_NET_BIND_SERVICE); for a UNIX path, no write permission "
         "on its directory"},
        {"bind", EADDRNOTAVAIL, "that address is not an address of this machine"},
        {"bind", EINVAL, "the socket is already bound to an address"},
        {"bind", ENOENT, "a directory of the UNIX socket path does not exist"},
        {"bind", ENOTDIR, "a component of the UNIX socket path is not a directory"},
        {"bind", EROFS, "the UNIX socket path is on a read-only file system"},
        {"bind", ENAMETOOLONG, "the UNIX socket path is too long (107 bytes at most)"},

        {"listen", EADDRINUSE, "another socket already listens on the same port"},
        {"listen", EOPNOTSUPP, "this socket type has no listen: datagram sockets do not accept"},

        {"connect", ECONNREFUSED, "nobody listens on that port (the peer answered with a RST)"},
        {"connect", ETIMEDOUT,
         "no answer from the peer: it is down, a firewall drops the SYN, or its backlog is full"},
        {"connect", EHOSTUNREACH, "no route to that host (it is down or unreachable)"},
        {"connect", ENETUNREACH, "no route to that network"},
        {"connect", EISCONN, "the socket is already connected"},
        {"connect", EALREADY, "a non-blocking connect is already in progress on this socket"},
        {"connect", EINPROGRESS,
         "the socket is non-blocking: the connection completes later (wait for writable, then "
         "read SO_ERROR)"},
        {"connect", ENOENT, "no socket file at that path (is the server running?)"},
        {"connect", ECONNRESET, "the peer reset the connection while it was being set up"},
        {"connect", EADDRNOTAVAIL, "no free local port left, or the address is not usable"},
        {"connect", EAFNOSUPPORT, "the address family does not match the socket's"},
        {"connect", EAGAIN, "the UNIX server's backlog is full; try again later"},
        {"connect", EACCES, "no write permission on the UNIX socket file, or a broadcast address"},
        {"connect", EPROTOTYPE,
         "the UNIX socket at that path is of another type (stream/datagram)"},

        {"accept", EMFILE, "the process has too many open descriptors (ulimit -n)"},
        {"accept", ENFILE, "the system has too many open files"},
        {"accept", ECONNABORTED, "the client gave up (reset) before the connection was accepted"},
        {"accept", EAGAIN, "no pending connection on this non-blocking socket"},
        {"accept", EINVAL, "the socket is not listening (call listen first)"},
        {"accept", EOPNOTSUPP, "this socket type does not accept connections"},

        {"send", EPIPE, "the peer closed the connection, or this side shut down writing"},
        {"send", ECONNRESET,
         "the peer reset the connection (it closed with unread data, or aborted)"},
        {"send", EMSGSIZE, "the datagram is larger than the socket can send in one piece"},
        {"send", EAGAIN, "the send buffer is full (non-blocking), or SO_SNDTIMEO expired"},
        {"send", ENOTCONN, "the socket is not connected"},
        {"send", EDESTADDRREQ, "a datagram socket needs a destination: connect it or use sendto"},
        {"send", ECONNREFUSED, "an earlier datagram found nobody on that port (ICMP unreachable)"},
        {"send", ENOBUFS, "the interface queue is full; datagrams are being dropped"},
        {"send", EACCES, "the destination is a broadcast address and SO_BROADCAST is not set"},
        {"send", ENETUNREACH,
         "no route to that network; for an IPv6 multicast group out of lo: lo has no "
         "IFF_MULTICAST, so IPv6 has no route for the group"},

        {"recv", ECONNRESET,
         "the peer reset the connection (it closed with unread data, or aborted)"},
        {"recv", EAGAIN, "nothing to read yet (non-blocking), or SO_RCVTIMEO expired"},
        {"recv", ENOTCONN, "the socket is not connected"},
        {"recv", ECONNREFUSED, "an earlier datagram found nobody on that port (ICMP unreachable)"},
        {"recv", ETIMEDOUT, "the connection timed out (keepalive or retransmissions gave up)"},

        {"shutdown", ENOTCONN, "the socket is not connected"},
        {"shutdown", EINVAL, "how must be SHUT_RD, SHUT_WR or SHUT_RDWR"},

        {"socketpair", EAFNOSUPPORT, "socketpair only makes AF_UNIX sockets"},
        {"socketpair", EOPNOTSUPP, "the protocol does not allow socket pairs"},
        {"socketpair", EPROTONOSUPPORT, "that protocol is not supported in AF_UNIX"},
        {"socketpair", EMFILE, "the process has too many open descriptors (ulimit -n)"},

        {"setsockopt", ENOPROTOOPT, "this socket does not know that option at that level"},
        {"setsockopt", EINVAL, "the value is not valid for that option"},
        {"setsockopt", EPERM, "setting that option needs privileges"},
        {"setsockopt", ENODEV, "no interface of that name or address"},
        {"setsockopt", EADDRNOTAVAIL, "that address is not an address of this machine"},
        {"getsockopt", ENOPROTOOPT, "this socket does not know that option at that level"},

        {"join", EADDRINUSE, "this socket has already joined that group on that interface"},
        {"join", ENODEV,
         "no interface of that name or address, or no route to the group to choose one by "
         "(name the interface: GROUP%lo)"},
        {"join", EINVAL, "not a multicast group, or a group of the other family than the socket"},
        {"join", ENOBUFS,
         "too many memberships on this socket (net.ipv4.igmp_max_memberships, 20 by default)"},
        {"join", EADDRNOTAVAIL, "the interface address is not an address of this machine"},
        {"leave", EADDRNOTAVAIL, "this socket has not joined that group on that interface"},
        {"leave", ENODEV, "no interface of that name or address"},
        {"leave", EINVAL, "not a multicast group, or a group of the other family than the socket"},

        {"unlink", ENOENT, "there is no file at that path"},
        {"unlink", EACCES, "no write permission on the directory of that path"},
};

// What differs when the address is a UNIX path (or an abstract name): files, not ports.
constexpr Cause kUnixCauses[] = {
        {"bind", EADDRINUSE,
         "something is already at that UNIX path (a file, a directory, or a socket a server "
         "listens on); only a socket file nobody listens on is replaced: remove it or choose "
         "another path (an abstract @name: another socket holds it)"},
        {"bind", EACCES, "no write permission on the directory of that UNIX path"},
        {"listen", EADDRINUSE, "another socket already listens on that UNIX path"},
        {"connect", ECONNREFUSED,
         "nobody listens on that UNIX path: its server is gone (a stale socket file), or the "
         "file there is not a socket"},
};

/// Say the same for the variants of a call (sendto of send, accept4 of accept).
std::string_view baseOp(std::string_view op)
{
    if (op == "accept4")
        return "accept";
    if (op == "sendto" || op == "sendmsg" || op == "write")
        return "send";
    if (op == "recvfrom" || op == "recvmsg" || op == "read")
        return "recv";
    return op;
}

} // namespace

const char *errnoCause(std::string_view op, int err, int family)
{
    op = baseOp(op);
    if (family == AF_UNIX)
        for (const Cause &c : kUnixCauses)
            if (c.op == op && c.err == err)
                return c.text;
    for (const Cause &c : kCauses)
        if (c.op == op && c.err == err)
            return c.text;
    switch (err) {
    case EBADF:
        return "the descriptor is not open (closed already?)";
    case ENOTSOCK:
        return "the descriptor is not a socket";
    case EMFILE:
        return "the process has too many open descriptors (ulimit -n)";
    case ENFILE:
        return "the system has too many open files";
    case ENOMEM:
    case ENOBUFS:
        return "the kernel is short of memory for sockets";
    case EINTR:
        return "a signal interrupted the call";
    case EAGAIN:
        return "the call would block on a non-blocking socket; try again when ready";
    case ECONNRESET:
        return "the peer reset the connection";
    case EPIPE:
        return "the connection is closed for writing";
    case ENOTCONN:
        return "the socket is not connected";
    case ECONNREFUSED:
        return "nobody listens there";
    case ETIMEDOUT:
        return "the peer did not answer in time";
    case EHOSTUNREACH:
        return "no route to that host";
    case ENETUNREACH:
        return "no route to that network";
    case ENETDOWN:
        return "the network interface is down";
    case EADDRINUSE:
        return "the address is in use";
    case EADDRNOTAVAIL:
        return "the address is not available on this machine";
    case EAFNOSUPPORT:
        return "the address family is not supported here";
    case EOPNOTSUPP:
        return "this socket type does not support that operation";
    case EACCES:
    case EPERM:
        return "permission denied";
    case EDESTADDRREQ:
        return "no destination address";
    case EMSGSIZE:
        return "the message is too long for this socket";
    case ENOENT:
        return "no such file or directory";
    case ENAMETOOLONG:
        return "the path is too long";
    }
    return "";
}

} // namespace sb
