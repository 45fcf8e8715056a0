#include "core/net/streamclient.h"

#include <cerrno>

#include <sys/epoll.h>
#include <sys/socket.h>

namespace sb {

StreamClient::StreamClient(EndpointConfig config, EventSink &sink, Registry &registry)
    : EndpointBase(std::move(config), sink, registry)
{ }

StreamClient::~StreamClient() { joinWorker(); }

void StreamClient::startInLoop()
{
    if (m_fd >= 0 || (m_conn && !m_conn->isClosed()))
        return; // already connecting or connected
    m_conn.reset();
    m_connId = m_connId + 1;
    if (!prepareTls(m_connId)) {
        post(Event(m_connId, ev::Closed {.reason = "TLS settings refused"}));
        return;
    }
    m_addresses = resolve(m_config.spec, false, m_connId);
    m_next = 0;
    if (m_addresses.empty()) {
        post(Event(m_connId,
                   ev::Closed {.err = EINVAL,
                               .reason = "could not resolve " + m_config.spec.toString()}));
        return;
    }
    connectNext();
}

void StreamClient::connectNext()
{
    const Address peer = m_addresses[m_next++];
    m_fd = openSocket(peer.family(), m_connId);
    if (m_fd < 0)
        return failAttempt(nullptr, 0, "socket failed");
    if (m_config.localBind) {
        const auto local = resolve(*m_config.localBind, true, m_connId);
        if (local.empty() || !bindSocket(m_fd, local.front(), m_connId))
            return failAttempt(nullptr, 0, "bind failed");
    }
    post(Event(m_connId, ev::Connecting {.peer = peer}));
    if (sys::connect(sysContext(m_connId), m_fd, peer) == 0)
        return connectFinished(0);
    const int err = errno;
    // TCP says EINPROGRESS; a UNIX listener whose backlog is full says EAGAIN at once.
    if (err != EINPROGRESS)
        return failAttempt("connect", err, peer.toString());
    m_loop.watch(m_fd, EPOLLOUT, [this](uint32_t) {
        int soError = 0;
        socklen_t len = sizeof soError;
        if (sys::getsockopt(sysContext(m_connId), m_fd, SOL_SOCKET, SO_ERROR, &soError, &len) < 0)
            soError = errno;
        connectFinished(soError);
    });
    m_timer = m_loop.runAfter(m_config.connectTimeoutMs, [this] {
        m_timer = 0;
        failAttempt("connect", ETIMEDOUT,
                    "no answer within " + std::to_string(m_config.connectTimeoutMs) + " ms");
    });
}

void StreamClient::failAttempt(const char *op, int err, const std::string &text)
{
    if (m_timer)
        m_loop.cancelTimer(m_timer);
    m_timer = 0;
    if (op)
        postError(m_connId, op, err, text);
    closeFd(m_fd, m_connId);
    if (op && m_next < m_addresses.size())
        return connectNext();
    m_pending.clear();
    m_pendingShutdown.reset();
    post(Event(m_connId,
               ev::Closed {.err = err, .reason = op ? std::string(op) + " failed" : text}));
}

void StreamClient::connectFinished(int err)
{
    if (err != 0) {
        const Address peer = m_addresses[m_next - 1];
        return failAttempt("connect", err, peer.toString());
    }
    if (m_timer)
        m_loop.cancelTimer(m_timer);
    m_timer = 0;
    m_loop.unwatch(m_fd);
    Address local, peer;
    sys::getsockname(sysContext(m_connId), m_fd, &local);
    if (sys::getpeername(sysContext(m_connId), m_fd, &peer) < 0)
        peer = m_addresses[m_next - 1];
    const int fd = m_fd;
    m_fd = -1;
    m_conn = std::make_shared<Connection>(connectionContext(&m_loop, &m_readBuffer), fd, m_connId,
                                          local, peer);
    m_conn->start();
    for (Pending &p : m_pending)
        m_conn->send(std::move(p.data), p.flags);
    m_pending.clear();
    if (m_pendingShutdown)
        m_conn->shutdown(*m_pendingShutdown);
    m_pendingShutdown.reset();
}

void StreamClient::stopInLoop()
{
    if (m_timer)
        m_loop.cancelTimer(m_timer);
    m_timer = 0;
    closeFd(m_fd, m_connId);
    if (m_conn)
        m_conn->close();
    m_conn.reset(); // the destructor closes what an unsent buffer still held open
    removeSocketFile();
}

int StreamClient::fdOf(ConnId) const
{
    if (m_conn && !m_conn->isClosed())
        return m_conn->fd();
    return m_fd;
}

template<class F>
void StreamClient::withConnection(ConnId conn, const char *op, F f)
{
    m_loop.runInLoop([this, conn, op, f = std::move(f)]() mutable {
        if (m_conn && !m_conn->isClosed() && (conn == 0 || conn == m_conn->id()))
            f(*m_conn);
        else
            postError(conn, op, ENOTCONN, "not connected");
    });
}

void StreamClient::send(ConnId conn, Bytes data, int flags, std::optional<Address>)
{
    m_loop.runInLoop([this, conn, data = std::move(data), flags]() mutable {
        if (m_fd >= 0) { // still connecting: keep it for the connection
            m_pending.push_back({std::move(data), flags});
            return;
        }
        if (m_conn && !m_conn->isClosed() && (conn == 0 || conn == m_conn->id()))
            m_conn->send(std::move(data), flags);
        else
            postError(conn, "send", ENOTCONN, "not connected");
    });
}

void StreamClient::sendFile(ConnId conn, int fd, uint64_t length)
{
    // Owned from here: if the loop is gone before this runs, the fd still gets closed.
    auto file = std::make_shared<FileSource>(fd, length);
    m_loop.runInLoop([this, conn, file = std::move(file)]() mutable {
        if (m_conn && !m_conn->isClosed() && (conn == 0 || conn == m_conn->id()))
            m_conn->sendFile(std::move(file));
        else
            postError(conn, "send", ENOTCONN, "not connected");
    });
}

void StreamClient::cancelSend(ConnId conn)
{
    m_loop.runInLoop([this, conn] {
        m_pending.clear();
        if (m_conn && !m_conn->isClosed() && (conn == 0 || conn == m_conn->id()))
            m_conn->cancelSend();
    });
}

void StreamClient::shutdown(ConnId conn, int how)
{
    m_loop.runInLoop([this, conn, how] {
        if (m_fd >= 0) {
            m_pendingShutdown = how;
            return;
        }
        withConnection(conn, "shutdown", [how](Connection &c) { c.shutdown(how); });
    });
}

void StreamClient::close(ConnId)
{
    m_loop.runInLoop([this] {
        if (m_fd >= 0)
            return failAttempt(nullptr, 0, "closed while connecting");
        if (m_conn)
            m_conn->close();
    });
}

void StreamClient::abort(ConnId)
{
    m_loop.runInLoop([this] {
        if (m_fd >= 0)
            return failAttempt(nullptr, 0, "closed while connecting");
        if (m_conn)
            m_conn->abort();
    });
}

} // namespace sb
