#include "core/net/streamserver.h"

#include "core/net/sockopt.h"

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr int kAcceptsPerWakeup = 64;

} // namespace

StreamServer::StreamServer(EndpointConfig config, EventSink &sink, Registry &registry)
    : EndpointBase(std::move(config), sink, registry)
{
    // A TCP server sets SO_REUSEADDR before bind, as the course's servers (and nc, Python's
    // socketserver, socat's reuseaddr) do, so a restart does not fail on the last run's
    // TIME_WAIT. Saying SO_REUSEADDR=0 keeps the kernel default, for the demo of why it exists.
    const bool explicitReuse = std::any_of(
            m_config.options.begin(), m_config.options.end(), [](const OptionSetting &o) {
                const OptionInfo *info = findOption(o.name);
                return info && info->level == SOL_SOCKET && info->optname == SO_REUSEADDR;
            });
    if (m_config.spec.transport == Transport::Tcp && !explicitReuse)
        m_config.options.insert(m_config.options.begin(), OptionSetting {"SO_REUSEADDR", "1"});
}

StreamServer::~StreamServer() { joinWorker(); }

void StreamServer::startInLoop()
{
    if (m_listenFd >= 0)
        return;
    if (!prepareTls(0))
        return;
    const auto addresses = resolve(m_config.spec, true, 0);
    if (addresses.empty())
        return;
    const Address &address = addresses.front();
    m_listenFd = openSocket(address.family(), 0);
    if (m_listenFd < 0)
        return;
    if (!bindSocket(m_listenFd, address, 0)) {
        closeFd(m_listenFd, 0);
        return;
    }
    if (sys::listen(sysContext(0), m_listenFd, m_config.backlog) < 0) {
        postError(0, "listen", errno);
        closeFd(m_listenFd, 0);
        return;
    }
    sys::getsockname(sysContext(0), m_listenFd, &m_local);
    // Bound to one address (or a UNIX path), every accepted socket has that same local name:
    // no getsockname per client. Only a wildcard listener must ask which address was used.
    const std::string host = m_local.isIp() ? m_local.host() : std::string();
    m_localIsFixed = m_local.isUnix() || (m_local.isIp() && host != "0.0.0.0" && host != "::");
    if (m_spareFd < 0)
        m_spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    m_registry.add({m_id, 0, m_config.label, m_listenFd, m_config.spec.transport, true, m_local,
                    Address(), monotonicNs(), nullptr});
    m_loop.watch(m_listenFd, EPOLLIN, [this](uint32_t) { handleAccept(); });
    m_listenerArmed = true;
    post(Event(0, ev::Listening {.local = m_local, .fd = m_listenFd}));
}

void StreamServer::armListener(bool on)
{
    if (m_listenFd < 0 || m_listenerArmed == on)
        return;
    m_listenerArmed = on;
    m_loop.modify(m_listenFd, on ? uint32_t(EPOLLIN) : 0u);
}

void StreamServer::handleAccept()
{
    for (int i = 0; i < kAcceptsPerWakeup && m_listenFd >= 0 && m_listenerArmed; ++i) {
        Address peer;
        const int fd = sys::accept4(sysContext(0), m_listenFd, &peer);
        if (fd >= 0) {
            adopt(fd, peer);
            continue;
        }
        const int err = errno;
        if (err == EAGAIN || err == EWOULDBLOCK)
            return;
        if (err == ECONNABORTED || err == EPROTO)
            continue; // the client gave up while queued; the next one may be fine
        postError(0, "accept", err);
        if ((err == EMFILE || err == ENFILE) && m_spareFd >= 0) {
            // Out of fds the pending connection stays queued and the listener stays readable:
            // a busy loop. Free the spare, take the client and close it, keep the spare again.
            ::close(m_spareFd);
            const int victim = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (victim >= 0)
                ::close(victim);
            m_spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            continue;
        }
        return;
    }
}

void StreamServer::adopt(int fd, const Address &peer)
{
    const ConnId id = m_nextConn++;
    Address local = m_local;
    if (!m_localIsFixed && sys::getsockname(sysContext(id), fd, &local) < 0)
        local = m_local;
    Client client;
    if (m_config.model == ServerModel::Concurrent) {
        client.worker = std::make_unique<Worker>();
        client.worker->readBuffer.resize(m_readBuffer.size());
        client.loop = &client.worker->loop;
        client.worker->thread = std::thread([loop = client.loop] { loop->loop(); });
    } else {
        client.loop = &m_loop;
    }
    std::vector<char> *buffer = client.worker ? &client.worker->readBuffer : &m_readBuffer;
    client.conn = std::make_shared<Connection>(connectionContext(client.loop, buffer), fd, id,
                                               local, peer);
    client.conn->setClosedCallback([this](ConnId closed) {
        // Runs on the client's loop; the table belongs to the endpoint's loop.
        m_loop.queueInLoop([this, closed] { clientClosed(closed); });
    });
    client.loop->runInLoop([conn = client.conn] { conn->start(); });
    m_clients.emplace(id, std::move(client));
    if (m_config.model == ServerModel::Iterative)
        armListener(false); // the next client waits in the backlog until this one is done
}

void StreamServer::clientClosed(ConnId id)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    if (it->second.worker) {
        it->second.worker->loop.quit();
        it->second.worker->thread.join();
    }
    m_clients.erase(it);
    if (m_config.model == ServerModel::Iterative && m_clients.empty()) {
        armListener(true);
        handleAccept(); // a waiting client may be there already; level-triggered would tell too
    }
}

void StreamServer::closeListener()
{
    if (m_listenFd < 0)
        return;
    closeFd(m_listenFd, 0);
    m_listenerArmed = false;
    removeSocketFile();
    // The panel learns that it no longer listens from this, not from a missing registry row.
    post(Event(0, ev::Closed {.reason = "listener closed", .local = m_local}));
}

void StreamServer::stopInLoop()
{
    closeListener();
    for (auto &[id, client] : m_clients) {
        Client *c = &client;
        if (c->worker) {
            c->loop->runInLoop([conn = c->conn] { conn->terminate(); });
            c->worker->loop.quit();
            c->worker->thread.join();
        } else {
            c->conn->terminate();
        }
    }
    m_clients.clear();
    if (m_spareFd >= 0)
        ::close(m_spareFd);
    m_spareFd = -1;
}

int StreamServer::fdOf(ConnId conn) const
{
    if (conn == 0)
        return m_listenFd;
    const auto it = m_clients.find(conn);
    return it == m_clients.end() ? -1 : it->second.conn->fd();
}

template<class F>
void StreamServer::forClients(ConnId conn, const char *op, F f)
{
    m_loop.runInLoop([this, conn, op, f = std::move(f)] {
        if (conn != 0 && !m_clients.count(conn)) {
            postError(conn, op, ENOTCONN, "no such client");
            return;
        }
        for (auto &[id, client] : m_clients) {
            if (conn == 0 || conn == id)
                client.loop->runInLoop([c = client.conn, f] { f(*c); });
        }
    });
}

void StreamServer::send(ConnId conn, Bytes data, int flags, std::optional<Address>)
{
    forClients(conn, "send",
               [data = std::move(data), flags](Connection &c) { c.send(data, flags); });
}

void StreamServer::sendFile(ConnId conn, int fd, uint64_t length)
{
    auto file = std::make_shared<FileSource>(fd, length);
    if (conn == 0) { // one file offset cannot feed several clients
        m_loop.runInLoop([this] {
            postError(0, "send", EINVAL, "a file goes to one client: name its connection");
        });
        return;
    }
    forClients(conn, "send", [file](Connection &c) { c.sendFile(file); });
}

void StreamServer::cancelSend(ConnId conn)
{
    forClients(conn, "send", [](Connection &c) { c.cancelSend(); });
}

void StreamServer::shutdown(ConnId conn, int how)
{
    forClients(conn, "shutdown", [how](Connection &c) { c.shutdown(how); });
}

void StreamServer::close(ConnId conn)
{
    if (conn == 0)
        m_loop.runInLoop([this] { closeListener(); });
    forClients(conn, "close", [](Connection &c) { c.close(); });
}

void StreamServer::abort(ConnId conn)
{
    forClients(conn, "close", [](Connection &c) { c.abort(); });
}

} // namespace sb
