#include "core/datagramendpoint.h"

#include <cerrno>

#include <sys/epoll.h>
#include <sys/socket.h>

namespace sb {
namespace {

constexpr int kDatagramsPerWakeup = 64;

} // namespace

DatagramEndpoint::DatagramEndpoint(EndpointConfig config, EventSink &sink)
    : EndpointBase(std::move(config), sink)
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
    if (m_remote && m_config.connectDatagram) {
        if (sys::connect(sysContext(0), m_fd, *m_remote) < 0) {
            postError(0, "connect", errno, m_remote->toString());
            return closeFd(m_fd, 0);
        }
        m_connected = true;
    }
    sys::getsockname(sysContext(0), m_fd, &m_local);
    Registry::instance().add({m_id, 0, m_config.label, m_fd, spec.transport, false, m_local,
                              m_connected ? *m_remote : Address(), monotonicNs(), m_counters});
    m_loop.watch(m_fd, EPOLLIN, [this](uint32_t events) {
        if (events & (EPOLLIN | EPOLLERR))
            handleRead();
        if (events & EPOLLOUT)
            flush();
    });
    Event e;
    e.kind = EventKind::Listening;
    e.local = m_local;
    e.size = static_cast<uint64_t>(m_fd);
    post(std::move(e));
    if (m_connected) {
        Event o;
        o.kind = EventKind::Opened;
        o.local = m_local;
        o.peer = *m_remote;
        post(std::move(o));
    }
    flush();
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
            Event d;
            d.kind = EventKind::Error;
            d.op = "recvfrom";
            d.err = ENOBUFS;
            d.size = drops - m_lastDrops;
            d.text = std::to_string(drops - m_lastDrops)
                    + " datagrams dropped by the kernel: the receive buffer was full";
            post(std::move(d));
            m_lastDrops = drops;
        }
        m_counters->bytesIn.fetch_add(data ? data->size() : 0, std::memory_order_relaxed);
        m_counters->msgsIn.fetch_add(1, std::memory_order_relaxed);
        Event e;
        e.kind = EventKind::Data;
        e.dir = Direction::In;
        e.peer = from;
        e.size = realLen;
        e.how = realLen > (data ? data->size() : 0) ? MSG_TRUNC : 0;
        if (!data)
            data = makeBytes(std::string());
        e.bytes = data;
        post(std::move(e));
        if (m_responder) {
            if (auto reply = m_responder->replyToDatagram(data); reply && *reply) {
                if (from.valid() || m_connected)
                    m_out.push_back({std::move(*reply), 0,
                                     m_connected ? std::nullopt : std::optional(from)});
            }
        }
    }
    if (!m_out.empty())
        flush();
}

void DatagramEndpoint::flush()
{
    while (!m_out.empty() && m_fd >= 0) {
        Datagram &d = m_out.front();
        ssize_t n;
        std::optional<Address> to = d.to;
        if (!to && !m_connected)
            to = m_remote;
        if (!to && !m_connected) {
            postError(0, "sendto", EDESTADDRREQ, "no destination: give one, or a remote");
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
                      to ? to->toString() : std::string());
            m_out.pop_front();
            continue;
        }
        m_counters->bytesOut.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
        m_counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
        Event e;
        e.kind = EventKind::Data;
        e.dir = Direction::Out;
        e.how = d.flags;
        e.peer = to ? *to : *m_remote;
        e.size = d.data->size();
        e.bytes = std::move(d.data);
        m_out.pop_front();
        post(std::move(e));
    }
    updateInterest();
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
    });
}

void DatagramEndpoint::shutdown(ConnId, int how)
{
    m_loop.runInLoop([this, how] {
        if (m_fd < 0)
            return;
        if (sys::shutdown(sysContext(0), m_fd, how) < 0)
            return postError(0, "shutdown", errno);
        Event e;
        e.kind = EventKind::Shutdown;
        e.dir = Direction::Out;
        e.how = how;
        post(std::move(e));
    });
}

void DatagramEndpoint::close(ConnId)
{
    m_loop.runInLoop([this] { stopInLoop(); });
}

void DatagramEndpoint::abort(ConnId conn) { close(conn); }

void DatagramEndpoint::stopInLoop()
{
    if (m_fd < 0)
        return;
    closeFd(m_fd, 0);
    m_out.clear();
    m_connected = false;
    if (!m_unlinkOnClose.empty())
        sys::unlink(sysContext(0), m_unlinkOnClose);
    m_unlinkOnClose.clear();
    Event e;
    e.kind = EventKind::Closed;
    e.text = "closed locally";
    post(std::move(e));
}

} // namespace sb
