#include "core/net/relay.h"

#include "core/text/faulttext.h"

#include <cerrno>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr int kAcceptsPerWakeup = 64;

bool isStream(Transport t) { return t == Transport::Tcp || t == Transport::UnixStream; }

} // namespace

Relay::Relay(EndpointConfig config, EventSink &sink, Registry &registry)
    : EndpointBase(std::move(config), sink, registry)
    , m_target(m_config.relayTarget.value_or(EndpointSpec {}))
    , m_plans {m_config.relayFaults[0], m_config.relayFaults[1]}
{ }

Relay::~Relay() { joinWorker(); }

void Relay::setFaults(RelayDir dir, FaultPlan plan)
{
    m_loop.runInLoop([this, dir, plan] {
        m_plans[dir == RelayDir::Up ? 0 : 1] = plan;
        // A copy of the table: a plan that resets a session removes it from the table.
        const auto sessions = m_sessions;
        for (const auto &[id, session] : sessions)
            session->setPlan(dir, plan);
        // From here on every byte read goes through the new plan: say so, so that whoever
        // changed it can wait for it (a demo's next send must meet the new fault).
        post(Event(0, faultsApplied(dir, plan)));
    });
}

void Relay::resetAll()
{
    m_loop.runInLoop([this] {
        const auto sessions = m_sessions;
        for (const auto &[id, session] : sessions)
            session->reset("reset (fault)");
    });
}

void Relay::startInLoop()
{
    if (m_listenFd >= 0)
        return;
    if (!m_config.relayTarget) {
        postError(0, "relay", EDESTADDRREQ, "the relay has no target");
        return;
    }
    if (m_config.spec.tls || m_target.tls) {
        postError(0, "relay", EPROTONOSUPPORT,
                  "a relay forwards the bytes as they come and does not speak TLS: give tcp:// "
                  "(a TLS session passes through it unchanged)");
        return;
    }
    if (!isStream(m_config.spec.transport) || !isStream(m_target.transport)) {
        postError(0, "relay", EPROTOTYPE,
                  "a relay forwards tcp:// and unix:// byte streams, or udp:// datagrams, "
                  "between two endpoints of the same kind");
        return;
    }
    // The target is resolved once, before listening: a name that does not resolve is the
    // person's mistake, said at once rather than at the first client.
    m_targetAddresses = resolve(m_target, false, 0);
    if (m_targetAddresses.empty())
        return;
    const auto addresses = resolve(m_config.spec, true, 0);
    if (addresses.empty())
        return;
    const Address &address = addresses.front();
    m_listenFd = openSocket(address.family(), 0);
    if (m_listenFd < 0)
        return;
    if (address.isIp()) {
        const int on = 1; // as StreamServer: a restarted relay must not fail on TIME_WAIT
        sys::setsockopt(sysContext(0), m_listenFd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    }
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
    m_registry.add({m_id, 0, m_config.label, m_listenFd, m_config.spec.transport, true, m_local,
                    Address(), monotonicNs(), nullptr});
    m_loop.watch(m_listenFd, EPOLLIN, [this](uint32_t) { handleAccept(); });
    post(Event(0, ev::Listening {.local = m_local, .fd = m_listenFd}));
}

void Relay::handleAccept()
{
    for (int i = 0; i < kAcceptsPerWakeup && m_listenFd >= 0; ++i) {
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
            continue;
        postError(0, "accept", err);
        return;
    }
}

void Relay::adopt(int fd, const Address &peer)
{
    const ConnId id = m_nextConn;
    m_nextConn += 2; // the client leg, then the target leg
    Address local = m_local;
    if (m_local.isIp())
        sys::getsockname(sysContext(id), fd, &local);
    RelaySession::Context c;
    c.loop = &m_loop;
    c.sink = &m_sink;
    c.tracer = &m_tracer;
    c.registry = &m_registry;
    c.endpoint = m_id;
    c.owner = m_config.label;
    c.dataBytes = m_config.dataBytes;
    c.connectTimeoutMs = m_config.connectTimeoutMs;
    c.readBuffer = &m_readBuffer;
    auto session = std::make_shared<RelaySession>(std::move(c), id, fd, m_config.spec.transport,
                                                  local, peer);
    session->setClosedCallback([this](ConnId closed) { m_sessions.erase(closed); });
    m_sessions.emplace(id, session);
    session->start(m_targetAddresses, m_target.transport, m_plans[0], m_plans[1]);
}

void Relay::closeListener()
{
    if (m_listenFd < 0)
        return;
    closeFd(m_listenFd, 0);
    removeSocketFile();
    post(Event(0, ev::Closed {.reason = "listener closed", .local = m_local}));
}

void Relay::stopInLoop()
{
    closeListener();
    const auto sessions = std::move(m_sessions);
    m_sessions.clear();
    for (const auto &[id, session] : sessions)
        session->terminate();
}

int Relay::fdOf(ConnId conn) const
{
    if (conn == 0)
        return m_listenFd;
    for (const auto &[id, session] : m_sessions) {
        if (session->owns(conn))
            return session->fdOf(conn);
    }
    return -1;
}

RelaySession *Relay::sessionOf(ConnId conn, const char *op)
{
    for (const auto &[id, session] : m_sessions) {
        if (session->owns(conn))
            return session.get();
    }
    postError(conn, op, ENOTCONN, "no such connection");
    return nullptr;
}

void Relay::send(ConnId conn, Bytes, int, std::optional<Address>)
{
    m_loop.runInLoop([this, conn] {
        postError(conn, "send", EOPNOTSUPP, "a relay only forwards what its peers send");
    });
}

void Relay::sendFile(ConnId conn, int fd, uint64_t)
{
    ::close(fd); // owned from this call on, as Endpoint says
    send(conn, Bytes(), 0, std::nullopt);
}

void Relay::shutdown(ConnId conn, int)
{
    m_loop.runInLoop([this, conn] {
        postError(conn, "shutdown", EOPNOTSUPP, "use the relay's close fault for a direction");
    });
}

void Relay::close(ConnId conn)
{
    m_loop.runInLoop([this, conn] {
        if (conn == 0)
            return closeListener();
        if (RelaySession *s = sessionOf(conn, "close")) {
            const ConnId id = s->id();
            s->terminate();
            m_sessions.erase(id);
        }
    });
}

void Relay::abort(ConnId conn)
{
    if (conn == 0)
        return resetAll();
    m_loop.runInLoop([this, conn] {
        if (RelaySession *s = sessionOf(conn, "close"))
            s->reset("reset (fault)");
    });
}

} // namespace sb
