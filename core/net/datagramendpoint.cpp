#include "core/net/datagramendpoint.h"

#include <cerrno>

#include <sys/epoll.h>
#include <sys/socket.h>

namespace sb {
namespace {

constexpr int kDatagramsPerWakeup = 64;

/// What an errno of a send to a group or broadcast address means beyond its usual cause.
std::string multicastSendHint(int err, const Address &to)
{
    if (err == ENETUNREACH && to.family() == AF_INET6 && isMulticast(to))
        return ": no IPv6 route for a multicast group; lo has no IFF_MULTICAST, so IPv6 will "
               "not send a group out of it (IPv4 will, with IP_MULTICAST_IF 127.0.0.1)";
    if (err == EACCES && to.family() == AF_INET)
        return ": (a broadcast address takes datagrams only from a socket with SO_BROADCAST)";
    return {};
}

} // namespace

DatagramEndpoint::DatagramEndpoint(EndpointConfig config, EventSink &sink, Registry &registry)
    : EndpointBase(std::move(config), sink, registry)
{ }

DatagramEndpoint::~DatagramEndpoint() { joinWorker(); }

void DatagramEndpoint::startInLoop()
{
    if (m_fd >= 0)
        return;
    const EndpointSpec &spec = m_config.spec;
    if (m_config.remote) {
        const auto r = resolve(*m_config.remote, false, 0);
        if (r.empty())
            return;
        m_remote = r.front();
    }
    std::optional<Address> bindTo;
    if (m_config.bindDatagram) {
        const auto b = resolve(spec, true, 0);
        if (b.empty())
            return;
        bindTo = b.front();
        // An unspecified bind address follows the family of the remote it talks to.
        if (m_remote && !spec.isUnix() && spec.host.empty() && m_remote->family() == AF_INET6)
            bindTo = Address::ipv6Any(spec.port);
    }
    const int family = bindTo ? bindTo->family() : m_remote ? m_remote->family() : AF_INET;
    m_fd = openSocket(family, 0);
    if (m_fd < 0)
        return;
    // Ask the kernel to tell, with every datagram, how many it has dropped for lack of room.
    const int one = 1;
    sys::setsockopt(sysContext(0), m_fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof one);
    if (bindTo) {
        if (!bindSocket(m_fd, *bindTo, 0))
            return closeFd(m_fd, 0);
    } else if (family == AF_UNIX) {
        // An unbound UNIX datagram socket cannot be answered: autobind gives it an abstract
        // name, as binding with only sun_family asks.
        Address autobind = Address::unixPath("");
        autobind.setLength(sizeof(sa_family_t));
        if (!bindSocket(m_fd, autobind, 0))
            return closeFd(m_fd, 0);
    }
    if (family == AF_INET || family == AF_INET6)
        setUpMulticast(family);
    if (m_remote && m_config.connectDatagram) {
        if (sys::connect(sysContext(0), m_fd, *m_remote) < 0) {
            const int err = errno;
            postError(0, "connect", err, m_remote->toString() + multicastSendHint(err, *m_remote));
            return closeFd(m_fd, 0);
        }
        m_connected = true;
    }
    sys::getsockname(sysContext(0), m_fd, &m_local);
    m_registry.add({m_id, 0, m_config.label, m_fd, spec.transport, false, m_local,
                    m_connected ? *m_remote : Address(), monotonicNs(), m_counters});
    m_loop.watch(m_fd, EPOLLIN, [this](uint32_t events) {
        if (events & (EPOLLIN | EPOLLERR))
            handleRead();
        if (events & EPOLLOUT)
            flush();
    });
    post(Event(0, ev::Listening {.local = m_local, .fd = m_fd}));
    if (m_connected)
        post(Event(0, ev::Opened {.local = m_local, .peer = *m_remote}));
    flush();
    attachStdin();
}

void DatagramEndpoint::handleRead()
{
    for (int i = 0; i < kDatagramsPerWakeup && m_fd >= 0; ++i) {
        Bytes data;
        Address from;
        size_t realLen = 0;
        uint32_t drops = m_lastDrops;
        const ssize_t n = sys::recvfrom(sysContext(0), m_fd, m_readBuffer.data(),
                                        m_readBuffer.size(), 0, &data, &from, &realLen, &drops);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
                break;
            // A connected UDP socket hears of an ICMP port unreachable as ECONNREFUSED on its
            // next call; the socket stays usable.
            postError(0, "recvfrom", err, m_connected ? m_remote->toString() : std::string());
            continue;
        }
        if (drops != m_lastDrops) {
            m_counters->kernelDrops.store(drops, std::memory_order_relaxed);
            post(Event(0,
                       ev::Error {.op = "recvfrom",
                                  .err = ENOBUFS,
                                  .detail = std::to_string(drops - m_lastDrops)
                                          + " datagrams dropped by the kernel: the receive "
                                            "buffer was full",
                                  .dropped = drops - m_lastDrops}));
            m_lastDrops = drops;
        }
        // An unbound UNIX datagram sender comes with sun_family alone: no name to answer.
        const bool named
                = from.valid() && (from.family() != AF_UNIX || from.length() > sizeof(sa_family_t));
        if (!m_connected && named)
            m_lastSender = from;
        m_counters->bytesIn.fetch_add(data ? data->size() : 0, std::memory_order_relaxed);
        m_counters->msgsIn.fetch_add(1, std::memory_order_relaxed);
        const bool truncated = realLen > (data ? data->size() : 0);
        if (!data)
            data = makeBytes(std::string());
        post(Event(0,
                   ev::Data {.dir = Direction::In,
                             .length = realLen,
                             .bytes = data,
                             .peer = from,
                             .truncated = truncated}));
        if (m_responder) {
            m_inRead = true;
            m_responder->datagram(*this, data, from);
            m_inRead = false;
        }
    }
    if (!m_out.empty())
        flush();
}

void DatagramEndpoint::sendDatagram(Bytes data, const Address &to)
{
    m_loop.assertInLoopThread();
    if (!to.valid() && !m_connected)
        return;
    m_out.push_back({std::move(data), 0, m_connected ? std::nullopt : std::optional(to)});
    // Replies made while reading go out together when the read ends.
    if (!m_inRead)
        flush();
}

void DatagramEndpoint::postEvent(Event event) { post(std::move(event)); }

void DatagramEndpoint::flush()
{
    while (!m_out.empty() && m_fd >= 0) {
        Datagram &d = m_out.front();
        ssize_t n;
        std::optional<Address> to = d.to;
        if (!to && !m_connected)
            to = m_remote ? m_remote : m_lastSender;
        if (!to && !m_connected) {
            postError(0, "sendto", EDESTADDRREQ,
                      "no destination: give one, or a remote, or wait for a datagram to answer");
            m_out.pop_front();
            continue;
        }
        if (to && !m_connected)
            n = sys::sendto(sysContext(0), m_fd, d.data, 0, d.data->size(), d.flags, *to);
        else
            n = sys::send(sysContext(0), m_fd, d.data, 0, d.data->size(), d.flags);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
                break;
            postError(0, to && !m_connected ? "sendto" : "send", err,
                      to ? to->toString() + multicastSendHint(err, *to) : std::string());
            m_out.pop_front();
            continue;
        }
        m_counters->bytesOut.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
        m_counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
        Event e(0,
                ev::Data {.dir = Direction::Out,
                          .length = d.data->size(),
                          .bytes = std::move(d.data),
                          .peer = to ? *to : *m_remote,
                          .flags = d.flags});
        m_out.pop_front();
        post(std::move(e));
    }
    updateInterest();
    stdinAfterFlush();
}

void DatagramEndpoint::updateInterest()
{
    if (m_fd >= 0)
        m_loop.modify(m_fd, m_out.empty() ? EPOLLIN : EPOLLIN | EPOLLOUT);
}

void DatagramEndpoint::send(ConnId, Bytes data, int flags, std::optional<Address> to)
{
    m_loop.runInLoop([this, data = std::move(data), flags, to]() mutable {
        m_out.push_back({data ? std::move(data) : makeBytes(std::string()), flags, to});
        if (m_fd >= 0)
            flush();
    });
}

void DatagramEndpoint::sendFile(ConnId conn, int fd, uint64_t)
{
    FileSource file(fd, 0); // closes it: a file has no datagram boundaries to keep
    m_loop.runInLoop([this, conn] {
        postError(conn, "send", EOPNOTSUPP, "a file goes over a stream socket, not datagrams");
    });
}

void DatagramEndpoint::cancelSend(ConnId)
{
    m_loop.runInLoop([this] {
        m_out.clear();
        updateInterest();
        stdinAfterFlush();
    });
}

void DatagramEndpoint::shutdown(ConnId, int how)
{
    m_loop.runInLoop([this, how] {
        if (m_fd < 0)
            return;
        if (sys::shutdown(sysContext(0), m_fd, how) < 0)
            return postError(0, "shutdown", errno);
        post(Event(0, ev::Shutdown {.how = how}));
    });
}

void DatagramEndpoint::close(ConnId)
{
    m_loop.runInLoop([this] { stopInLoop(); });
}

void DatagramEndpoint::abort(ConnId conn) { close(conn); }

void DatagramEndpoint::stopInLoop()
{
    detachStdin();
    if (m_fd < 0)
        return;
    closeFd(m_fd, 0);
    m_out.clear();
    m_connected = false;
    m_lastSender.reset();
    removeSocketFile();
    post(Event(0, ev::Closed {.reason = "closed locally"}));
}

} // namespace sb
