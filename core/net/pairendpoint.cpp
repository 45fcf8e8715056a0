#include "core/net/pairendpoint.h"

#include <cerrno>

#include <sys/socket.h>

namespace sb {

PairEndpoint::PairEndpoint(EndpointConfig config, EventSink &sink, Registry &registry)
    : EndpointBase(std::move(config), sink, registry)
{ }

PairEndpoint::~PairEndpoint() { joinWorker(); }

void PairEndpoint::startInLoop()
{
    if (m_ends[0] && !m_ends[0]->isClosed())
        return;
    int fds[2] = {-1, -1};
    const int type = socketType(m_config.spec.transport) | SOCK_NONBLOCK | SOCK_CLOEXEC;
    if (sys::socketpair(sysContext(0), AF_UNIX, type, 0, fds) < 0)
        return postError(0, "socketpair", errno);
    const Address unnamed = Address::unixPath("");
    for (int i = 0; i < 2; ++i) {
        Connection::Context ctx = connectionContext(&m_loop, &m_readBuffer);
        ctx.closeOnPeerEof = false; // both ends are the person's: they decide when to close
        m_ends[i] = std::make_shared<Connection>(ctx, fds[i], static_cast<ConnId>(i + 1), unnamed,
                                                 unnamed);
    }
    m_ends[0]->start();
    m_ends[1]->start();
}

void PairEndpoint::stopInLoop()
{
    for (auto &end : m_ends) {
        if (end)
            end->terminate();
        end.reset();
    }
}

int PairEndpoint::fdOf(ConnId conn) const
{
    if (conn < 1 || conn > 2 || !m_ends[conn - 1])
        return -1;
    return m_ends[conn - 1]->fd();
}

template<class F>
void PairEndpoint::withEnd(ConnId conn, const char *op, F f)
{
    m_loop.runInLoop([this, conn, op, f = std::move(f)]() mutable {
        // conn 0 means the first end, so that "send" with no choice still does something.
        const ConnId which = conn == 0 ? 1 : conn;
        if (which > 2 || !m_ends[which - 1] || m_ends[which - 1]->isClosed())
            return postError(conn, op, EBADF, "that end is closed");
        f(*m_ends[which - 1]);
    });
}

void PairEndpoint::send(ConnId conn, Bytes data, int flags, std::optional<Address>)
{
    withEnd(conn, "send", [data = std::move(data), flags](Connection &c) { c.send(data, flags); });
}

void PairEndpoint::sendFile(ConnId conn, int fd, uint64_t length)
{
    auto file = std::make_shared<FileSource>(fd, length);
    withEnd(conn, "send", [file](Connection &c) { c.sendFile(file); });
}

void PairEndpoint::cancelSend(ConnId conn)
{
    withEnd(conn, "send", [](Connection &c) { c.cancelSend(); });
}

void PairEndpoint::shutdown(ConnId conn, int how)
{
    withEnd(conn, "shutdown", [how](Connection &c) { c.shutdown(how); });
}

void PairEndpoint::close(ConnId conn)
{
    withEnd(conn, "close", [](Connection &c) { c.close(); });
}

void PairEndpoint::abort(ConnId conn)
{
    withEnd(conn, "close", [](Connection &c) { c.abort(); });
}

} // namespace sb
