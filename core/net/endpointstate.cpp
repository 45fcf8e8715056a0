#include "core/net/endpointstate.h"

#include <algorithm>

#include <sys/socket.h>

namespace sb {
namespace {

/// The kind of call an op belongs to, for the last-error rule (see EndpointState).
std::string opClass(const std::string &op)
{
    if (op == "send" || op == "sendto" || op == "sendmsg" || op == "sendfile" || op == "write"
        || op == "writev" || op == "splice")
        return "send";
    if (op == "recv" || op == "recvfrom" || op == "recvmsg" || op == "read")
        return "recv";
    if (op.empty() || op == "connect" || op == "accept" || op == "accept4" || op == "bind"
        || op == "listen" || op == "socket" || op == "socketpair" || op == "start")
        return "open";
    return op;
}

bool isOpen(EndpointPhase p)
{
    return p == EndpointPhase::Connected || p == EndpointPhase::HalfClosed;
}

} // namespace

const char *phaseName(EndpointPhase phase)
{
    switch (phase) {
    case EndpointPhase::Idle:
        return "IDLE";
    case EndpointPhase::Connecting:
        return "CONNECTING";
    case EndpointPhase::Listening:
        return "LISTEN";
    case EndpointPhase::Bound:
        return "BOUND";
    case EndpointPhase::Connected:
        return "ESTABLISHED";
    case EndpointPhase::HalfClosed:
        return "HALF_CLOSED";
    case EndpointPhase::Closed:
        return "CLOSED";
    case EndpointPhase::Failed:
        return "ERROR";
    case EndpointPhase::Stopped:
        return "STOPPED";
    }
    return "";
}

Traffic &Traffic::operator+=(const Traffic &other)
{
    bytesIn += other.bytesIn;
    bytesOut += other.bytesOut;
    msgsIn += other.msgsIn;
    msgsOut += other.msgsOut;
    return *this;
}

Traffic ConnectionState::traffic() const
{
    return Traffic {std::max(fromEvents.bytesIn, fromRegistry.bytesIn),
                    std::max(fromEvents.bytesOut, fromRegistry.bytesOut),
                    std::max(fromEvents.msgsIn, fromRegistry.msgsIn),
                    std::max(fromEvents.msgsOut, fromRegistry.msgsOut)};
}

EndpointState::EndpointState(EndpointId endpoint, Role role)
    : m_endpoint(endpoint)
    , m_role(role)
{ }

ConnectionState &EndpointState::conn(ConnId id, int64_t nowNs)
{
    auto [it, added] = m_conns.try_emplace(id);
    if (added) {
        it->second.id = id;
        it->second.openedNs = nowNs;
    }
    return it->second;
}

const ConnectionState *EndpointState::connection(ConnId conn) const
{
    const auto it = m_conns.find(conn);
    return it == m_conns.end() ? nullptr : &it->second;
}

std::vector<ConnId> EndpointState::liveConnections() const
{
    std::vector<ConnId> out;
    for (const auto &[id, c] : m_conns)
        if (id != 0 && !c.closed)
            out.push_back(id);
    return out;
}

const ConnectionState *EndpointState::current() const
{
    if (m_role == Role::Datagram)
        return connection(0);
    const ConnectionState *newest = nullptr;
    for (const auto &[id, c] : m_conns) {
        if (id == 0)
            continue;
        if (!c.closed || !newest || newest->closed)
            newest = &c;
    }
    return newest;
}

void EndpointState::setError(std::string op, int err, std::string detail, ConnId conn,
                             int64_t nowNs, int family)
{
    m_lastError = LastError {std::move(op), err, std::move(detail), nowNs, conn, family};
}

void EndpointState::succeeded(const char *cls)
{
    if (m_lastError.isSet() && opClass(m_lastError.op) == cls)
        m_lastError = {};
}

void EndpointState::closeConn(ConnectionState &c, int err, const std::string &reason, int64_t nowNs)
{
    if (c.closed)
        return;
    c.closed = true;
    c.closeErr = err;
    c.closeReason = reason;
    c.closedNs = nowNs;
    c.queued = 0;
    c.tcpState = "CLOSED";
    if (c.id != 0)
        ++m_closed;
}

void EndpointState::apply(const Event &e)
{
    const int64_t now = e.monoNs;
    m_lastNs = std::max(m_lastNs, now);
    std::visit(Overloaded {
                       [](const ev::Trace &) {},
                       [&](const ev::Listening &b) {
                           m_local = b.local;
                           m_phase = isServer() ? EndpointPhase::Listening : EndpointPhase::Bound;
                           succeeded("open");
                       },
                       [&](const ev::Connecting &b) {
                           // A relay's leg to the target connects; the relay still listens.
                           if (isServer())
                               return;
                           m_peer = b.peer;
                           m_phase = EndpointPhase::Connecting;
                       },
                       [&](const ev::Opened &b) {
                           ConnectionState &c = conn(e.conn, now);
                           c = ConnectionState {};
                           c.id = e.conn;
                           c.local = b.local;
                           c.peer = b.peer;
                           c.openedNs = now;
                           if (m_role != Role::Datagram)
                               c.tcpState = "ESTABLISHED";
                           if (e.conn != 0)
                               ++m_opened;
                           if (!isServer()) {
                               m_local = b.local;
                               m_peer = b.peer;
                               if (m_role != Role::Datagram)
                                   m_phase = EndpointPhase::Connected;
                           }
                           succeeded("open");
                       },
                       [&](const ev::Data &b) {
                           ConnectionState &c = conn(e.conn, now);
                           if (b.dir == Direction::In) {
                               c.fromEvents.bytesIn += b.length;
                               ++c.fromEvents.msgsIn;
                               succeeded("recv");
                           } else {
                               c.fromEvents.bytesOut += b.length;
                               ++c.fromEvents.msgsOut;
                               succeeded("send");
                           }
                           if (c.lastErr)
                               c.lastErr = 0;
                       },
                       [&](const ev::Shutdown &b) {
                           ConnectionState &c = conn(e.conn, now);
                           c.weShutRd = c.weShutRd || b.how == SHUT_RD || b.how == SHUT_RDWR;
                           c.weShutWr = c.weShutWr || b.how == SHUT_WR || b.how == SHUT_RDWR;
                           if (c.weShutWr && c.tcpState == "ESTABLISHED")
                               c.tcpState = "FIN_WAIT";
                           if (!isServer() && isOpen(m_phase))
                               m_phase = EndpointPhase::HalfClosed;
                           succeeded("shutdown");
                       },
                       [&](const ev::PeerEof &) {
                           ConnectionState &c = conn(e.conn, now);
                           c.peerEof = true;
                           if (c.tcpState == "ESTABLISHED")
                               c.tcpState = "CLOSE_WAIT";
                           if (!isServer() && isOpen(m_phase))
                               m_phase = EndpointPhase::HalfClosed;
                       },
                       [&](const ev::Closed &b) {
                           const auto it = m_conns.find(e.conn);
                           if (it != m_conns.end())
                               closeConn(it->second, b.err, b.reason, now);
                           // An Error event before it already said which call failed.
                           if (b.err && m_lastError.err != b.err)
                               setError("", b.err, b.reason, e.conn, now);
                           const EndpointPhase end
                                   = b.err ? EndpointPhase::Failed : EndpointPhase::Closed;
                           if (m_role == Role::Client)
                               m_phase = end;
                           else if (m_role == Role::Pair) {
                               if (liveConnections().empty())
                                   m_phase = end;
                           } else if (e.conn == 0) {
                               m_phase = end;
                           }
                           prune();
                       },
                       [&](const ev::Error &b) {
                           ++m_errors;
                           setError(b.op, b.err, b.detail, e.conn, now, b.family);
                           m_lastError.hint = b.hint;
                           if (const auto it = m_conns.find(e.conn); it != m_conns.end())
                               it->second.lastErr = b.err;
                           // A failed socket, bind or listen leaves nothing open; a failed send or
                           // a reset client leaves a listening server or bound socket as it was.
                           if (m_phase == EndpointPhase::Idle
                               || (isServer() && m_phase != EndpointPhase::Listening)
                               || (m_role == Role::Datagram && m_phase != EndpointPhase::Bound))
                               m_phase = EndpointPhase::Failed;
                       },
                       [&](const ev::Stopped &) {
                           for (auto &[id, c] : m_conns)
                               closeConn(c, 0, "stopped", now);
                           m_phase = EndpointPhase::Stopped;
                           prune();
                       },
                       [&](const ev::Dropped &b) { m_dropped += b.entries; },
                       [&](const ev::SendQueue &b) {
                           if (const auto it = m_conns.find(e.conn); it != m_conns.end())
                               it->second.queued = b.queued;
                       },
                       [&](const ev::TlsEstablished &b) {
                           if (const auto it = m_conns.find(e.conn); it != m_conns.end())
                               it->second.tls = std::make_shared<const ev::TlsEstablished>(b);
                       },
                       // Options report their own failures in the Options view; they neither
                       // raise nor clear the endpoint's error.
                       [](const ev::OptionValue &) {},
                       [&](const ev::CallDone &b) {
                           if (b.err) {
                               ++m_errors;
                               setError(b.op, b.err, std::string(), e.conn, now);
                           } else {
                               succeeded(opClass(b.op).c_str());
                           }
                       },
                       // A rule that matched informs the log only; its Data and Closed
                       // events carry the state.
                       [](const ev::RuleMatched &) {},
                       // A relay's fault informs the log; the datagram's Data events count.
                       [](const ev::Fault &) {},
                       // A captured packet informs the Wire view; the state is the sockets'.
                       [](const ev::Packet &) {},
               },
               e.body);
}

void EndpointState::applySnapshot(const std::vector<SocketRow> &rows)
{
    for (const SocketRow &r : rows) {
        if (r.endpoint != m_endpoint)
            continue;
        m_kernelDrops = std::max(m_kernelDrops, r.kernelDrops);
        auto it = m_conns.find(r.conn);
        // A connection the events have not opened yet waits for its Opened; one that was
        // pruned after it closed must not come back from an older snapshot.
        if (it == m_conns.end()) {
            if (r.conn != 0)
                continue;
            it = m_conns.try_emplace(0).first;
        }
        ConnectionState &c = it->second;
        Traffic &reg = c.fromRegistry;
        reg.bytesIn = std::max(reg.bytesIn, r.bytesIn);
        reg.bytesOut = std::max(reg.bytesOut, r.bytesOut);
        reg.msgsIn = std::max(reg.msgsIn, r.msgsIn);
        reg.msgsOut = std::max(reg.msgsOut, r.msgsOut);
        if (c.closed)
            continue;
        if (!r.state.empty())
            c.tcpState = r.state;
        c.recvQ = r.recvQ;
        c.sendQ = r.sendQ;
        c.queued = r.queued;
        if (!c.local.valid())
            c.local = r.local;
        if (!c.peer.valid())
            c.peer = r.peer;
    }
}

void EndpointState::prune()
{
    size_t closed = 0;
    for (const auto &[id, c] : m_conns)
        closed += id != 0 && c.closed;
    while (closed > kKeepClosed) {
        auto oldest = m_conns.end();
        for (auto it = m_conns.begin(); it != m_conns.end(); ++it)
            if (it->first != 0 && it->second.closed
                && (oldest == m_conns.end() || it->second.closedNs < oldest->second.closedNs))
                oldest = it;
        m_retired += oldest->second.traffic();
        m_conns.erase(oldest);
        --closed;
    }
}

EndpointTotals EndpointState::totals() const
{
    EndpointTotals t;
    t.traffic = m_retired;
    for (const auto &[id, c] : m_conns)
        t.traffic += c.traffic();
    t.accepted = m_opened;
    t.active = liveConnections().size();
    t.closed = m_closed;
    t.errors = m_errors;
    return t;
}

uint64_t EndpointState::queued() const
{
    uint64_t sum = 0;
    for (const auto &[id, c] : m_conns)
        if (!c.closed)
            sum += c.queued;
    return sum;
}

bool EndpointState::isActive() const
{
    return m_phase == EndpointPhase::Connecting || m_phase == EndpointPhase::Listening
            || m_phase == EndpointPhase::Bound || isOpen(m_phase);
}

bool EndpointState::canShutdown(int how) const
{
    if (m_role == Role::Relay)
        return false; // a relay's directions are closed by its close fault
    if (m_role == Role::Server || m_role == Role::Pair)
        return !liveConnections().empty();
    if (m_role == Role::Datagram || !isOpen(m_phase))
        return false;
    const ConnectionState *c = current();
    if (!c)
        return false;
    if (how == SHUT_RD)
        return !c->weShutRd;
    if (how == SHUT_WR)
        return !c->weShutWr;
    return !(c->weShutRd && c->weShutWr);
}

bool EndpointState::canAbort() const
{
    if (m_role == Role::Server || m_role == Role::Pair || m_role == Role::Relay)
        return !liveConnections().empty();
    return m_role == Role::Client && (isOpen(m_phase) || m_phase == EndpointPhase::Connecting);
}

bool EndpointState::canSend() const
{
    switch (m_role) {
    case Role::Server:
    case Role::Pair:
        return !liveConnections().empty();
    case Role::Datagram:
        return m_phase == EndpointPhase::Bound || m_phase == EndpointPhase::Idle;
    case Role::Client: {
        const ConnectionState *c = current();
        return m_phase == EndpointPhase::Connected
                || (m_phase == EndpointPhase::HalfClosed && c && !c->weShutWr);
    }
    case Role::Relay:
        return false; // a relay forwards what its peers send, nothing of its own
    }
    return false;
}

} // namespace sb
