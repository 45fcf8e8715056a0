#include "ui/coretexts.h"

#include <QCoreApplication>

namespace sb {

namespace {

// The English texts core/ hands the UI (text/errnoinfo.cpp causes, tools/resolver.cpp flag
// meanings, net/sockopt.cpp option help), listed here so lupdate sees them: core/ has no Qt and no
// tr(). When core adds or rewords one, add it here too (tst_translation checks every text here has
// a Spanish translation; a text missing here simply shows in English).
[[maybe_unused]] const char *const kCoreTexts[] = {
        QT_TRANSLATE_NOOP("sb::CoreText", "this kernel does not support that address family"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "that protocol does not go with this family and socket type"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the process has too many open descriptors (ulimit -n)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "creating this kind of socket needs privileges (raw sockets need root)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "another socket is bound to this address and port (or it lingers in "
                          "TIME_WAIT: set SO_REUSEADDR)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "ports below 1024 need root (CAP_NET_BIND_SERVICE); for a UNIX path, no "
                          "write permission on its directory"),
        QT_TRANSLATE_NOOP("sb::CoreText", "that address is not an address of this machine"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the socket is already bound to an address"),
        QT_TRANSLATE_NOOP("sb::CoreText", "a directory of the UNIX socket path does not exist"),
        QT_TRANSLATE_NOOP("sb::CoreText", "a component of the UNIX socket path is not a directory"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the UNIX socket path is on a read-only file system"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the UNIX socket path is too long (107 bytes at most)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "another socket already listens on the same port"),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "something is already at that UNIX path (a file, a directory, or a socket a server "
                "listens on); only a socket file nobody listens on is replaced: remove it or "
                "choose another path (an abstract @name: another socket holds it)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no write permission on the directory of that UNIX path"),
        QT_TRANSLATE_NOOP("sb::CoreText", "another socket already listens on that UNIX path"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "nobody listens on that UNIX path: its server is gone (a stale socket "
                          "file), or the file there is not a socket"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "this socket type has no listen: datagram sockets do not accept"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "nobody listens on that port (the peer answered with a RST)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "no answer from the peer: it is down, a firewall drops the SYN, or its "
                          "backlog is full"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no route to that host (it is down or unreachable)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no route to that network"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the socket is already connected"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "a non-blocking connect is already in progress on this socket"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the socket is non-blocking: the connection completes later (wait for "
                          "writable, then read SO_ERROR)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no socket file at that path (is the server running?)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the peer reset the connection while it was being set up"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no free local port left, or the address is not usable"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the address family does not match the socket's"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the UNIX server's backlog is full; try again later"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "no write permission on the UNIX socket file, or a broadcast address"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the UNIX socket at that path is of another type (stream/datagram)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the system has too many open files"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the client gave up (reset) before the connection was accepted"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no pending connection on this non-blocking socket"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the socket is not listening (call listen first)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "this socket type does not accept connections"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the peer closed the connection, or this side shut down writing"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the peer reset the connection (it closed with unread data, or aborted)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the datagram is larger than the socket can send in one piece"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the send buffer is full (non-blocking), or SO_SNDTIMEO expired"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the socket is not connected"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "a datagram socket needs a destination: connect it or use sendto"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "an earlier datagram found nobody on that port (ICMP unreachable)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the interface queue is full; datagrams are being dropped"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "nothing to read yet (non-blocking), or SO_RCVTIMEO expired"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the connection timed out (keepalive or retransmissions gave up)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "how must be SHUT_RD, SHUT_WR or SHUT_RDWR"),
        QT_TRANSLATE_NOOP("sb::CoreText", "socketpair only makes AF_UNIX sockets"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the protocol does not allow socket pairs"),
        QT_TRANSLATE_NOOP("sb::CoreText", "that protocol is not supported in AF_UNIX"),
        QT_TRANSLATE_NOOP("sb::CoreText", "this socket does not know that option at that level"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the value is not valid for that option"),
        QT_TRANSLATE_NOOP("sb::CoreText", "setting that option needs privileges"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the destination is a broadcast address and SO_BROADCAST is not set"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "no route to that network; for an IPv6 multicast group out of lo: lo has "
                          "no IFF_MULTICAST, so IPv6 has no route for the group"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no interface of that name or address"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "this socket has already joined that group on that interface"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "no interface of that name or address, or no route to the group to "
                          "choose one by (name the interface: GROUP%lo)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "not a multicast group, or a group of the other family than the socket"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "too many memberships on this socket (net.ipv4.igmp_max_memberships, 20 "
                          "by default)"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the interface address is not an address of this machine"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "this socket has not joined that group on that interface"),
        QT_TRANSLATE_NOOP("sb::CoreText", "there is no file at that path"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no write permission on the directory of that path"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the descriptor is not open (closed already?)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the descriptor is not a socket"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the kernel is short of memory for sockets"),
        QT_TRANSLATE_NOOP("sb::CoreText", "a signal interrupted the call"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "the call would block on a non-blocking socket; try again when ready"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the peer reset the connection"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the connection is closed for writing"),
        QT_TRANSLATE_NOOP("sb::CoreText", "nobody listens there"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the peer did not answer in time"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no route to that host"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the network interface is down"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the address is in use"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the address is not available on this machine"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the address family is not supported here"),
        QT_TRANSLATE_NOOP("sb::CoreText", "this socket type does not support that operation"),
        QT_TRANSLATE_NOOP("sb::CoreText", "permission denied"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no destination address"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the message is too long for this socket"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no such file or directory"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the path is too long"),
        QT_TRANSLATE_NOOP("sb::CoreText", "no host: the wildcard address, for bind()"),
        QT_TRANSLATE_NOOP("sb::CoreText", "return the host's canonical name on the first row"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the host must be an address literal: no lookup"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the service must be a port number: no lookup"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "only families with a non-loopback address configured on this host"),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "with AF_INET6: IPv4 answers as ::ffff:a.b.c.d when there is no IPv6 one"),
        QT_TRANSLATE_NOOP("sb::CoreText", "with AI_V4MAPPED: IPv6 and mapped IPv4 answers both"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the address as digits, no reverse lookup"),
        QT_TRANSLATE_NOOP("sb::CoreText", "the port as digits, no services lookup"),
        QT_TRANSLATE_NOOP("sb::CoreText", "fail with EAI_NONAME when the address has no name"),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "look the port up as a UDP service (some differ from TCP's)"),
        QT_TRANSLATE_NOOP("sb::CoreText", "only the host part of a local name"),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "Bind a port that an old connection still holds in TIME_WAIT (set before bind)."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "Several sockets of the same user bind one port; the kernel spreads "
                          "connections or datagrams among them (set on each before bind)."),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "Probe an idle connection so a vanished peer is noticed (after 2 h by default)."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "Receive buffer size. The kernel doubles the value asked for "
                          "(bookkeeping) and caps it at net.core.rmem_max."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "Send buffer size. The kernel doubles the value asked for and caps it at "
                          "net.core.wmem_max."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "What close does with unsent data: off returns at once; on,N waits up to "
                          "N s; on,0 discards it and sends a RST (abortive close)."),
        QT_TRANSLATE_NOOP("sb::CoreText", "Allow sending datagrams to a broadcast address."),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "A blocking receive gives up with EAGAIN after this long (0: never). SockBench's "
                "own sockets are non-blocking, so it shows only on blocking calls."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "A blocking send gives up with EAGAIN after this long (0: never)."),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "Urgent (MSG_OOB) bytes arrive in the normal data stream instead of apart."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "Each received datagram carries the count of datagrams the kernel "
                          "dropped for lack of buffer space."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "Turn off Nagle's algorithm: small writes go out at once instead of "
                          "being coalesced."),
        QT_TRANSLATE_NOOP("sb::CoreText", "Time to live of outgoing IPv4 packets (hops)."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "An IPv6 socket takes IPv6 only; off, it also takes IPv4 as "
                          "::ffff:a.b.c.d (set before bind)."),
        QT_TRANSLATE_NOOP("sb::CoreText",
                          "The socket type: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET."),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "The pending error, as a non-blocking connect leaves it. Reading it clears it."),
        QT_TRANSLATE_NOOP(
                "sb::CoreText",
                "Whether the socket is listening."), // strerror's texts for every errno core's
                                                     // cause table explains (ui/display.cpp's
        // errnoLine says them in the person's language).
        QT_TRANSLATE_NOOP("sb::CoreText", "Operation not permitted"),
        QT_TRANSLATE_NOOP("sb::CoreText", "No such file or directory"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Interrupted system call"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Bad file descriptor"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Resource temporarily unavailable"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Cannot allocate memory"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Permission denied"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Not a directory"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Invalid argument"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Too many open files in system"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Too many open files"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Read-only file system"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Broken pipe"),
        QT_TRANSLATE_NOOP("sb::CoreText", "File name too long"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Socket operation on non-socket"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Destination address required"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Message too long"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Protocol wrong type for socket"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Protocol not available"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Protocol not supported"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Operation not supported"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Address family not supported by protocol"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Address already in use"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Cannot assign requested address"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Network is down"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Network is unreachable"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Software caused connection abort"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Connection reset by peer"),
        QT_TRANSLATE_NOOP("sb::CoreText", "No buffer space available"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Transport endpoint is already connected"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Transport endpoint is not connected"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Connection timed out"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Connection refused"),
        QT_TRANSLATE_NOOP("sb::CoreText", "No route to host"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Operation already in progress"),
        QT_TRANSLATE_NOOP("sb::CoreText", "Operation now in progress"),
};

} // namespace

QString coreText(const char *english)
{
    return QCoreApplication::translate("sb::CoreText", english);
}

QStringList coreTexts()
{
    QStringList texts;
    for (const char *text : kCoreTexts)
        texts << QString::fromUtf8(text);
    return texts;
}

} // namespace sb
