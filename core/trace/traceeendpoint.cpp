#include "core/trace/traceeendpoint.h"

#include "core/net/registry.h"

#include <atomic>
#include <cerrno>

#include <sys/socket.h>

namespace sb::tracee {
namespace {

/// Traced programs' ids live apart from Endpoint ids (from 1) and RawSocket ids (0x40000000).
std::atomic<EndpointId> g_nextTraceeId {0x60000000};

bool isStream(const SocketFd &s) { return s.type == SOCK_STREAM || s.type == SOCK_SEQPACKET; }

Transport transportOf(const SocketFd &s)
{
    if (s.family == AF_UNIX)
        return s.type == SOCK_DGRAM        ? Transport::UnixDgram
                : s.type == SOCK_SEQPACKET ? Transport::UnixSeqpacket
                                           : Transport::UnixStream;
    return s.type == SOCK_DGRAM ? Transport::Udp : Transport::Tcp;
}

bool isSend(SysCall c)
{
    return c == SysCall::Send || c == SysCall::Sendto || c == SysCall::Sendmsg
            || c == SysCall::Write || c == SysCall::Writev;
}

bool isReceive(SysCall c)
{
    return c == SysCall::Recv || c == SysCall::Recvfrom || c == SysCall::Recvmsg
            || c == SysCall::Read || c == SysCall::Readv;
}

/// A failure worth a mark on the chart: not the would-block and in-progress of a
/// non-blocking program, nor an interrupted call that is restarted.
bool worthAnError(int err)
{
    return err != EAGAIN && err != EINPROGRESS && err != EINTR && err != EALREADY;
}

} // namespace

TraceeEndpoint::TraceeEndpoint(EventSink &sink, Registry *registry, std::string label)
    : m_sink(sink)
    , m_registry(registry)
    , m_label(std::move(label))
    , m_id(g_nextTraceeId.fetch_add(1))
{ }

TraceeEndpoint::~TraceeEndpoint()
{
    if (m_registry)
        for (const auto &[inode, c] : m_conns)
            m_registry->remove(m_id, c.id);
}

void TraceeEndpoint::post(int64_t monoNs, ConnId conn, EventBody body)
{
    sb::Event e(conn, std::move(body));
    e.monoNs = monoNs;
    e.endpoint = m_id;
    m_sink.post(std::move(e));
}

void TraceeEndpoint::add(const Event &e)
{
    if (m_stopped)
        return;
    if (e.as<Started>()) {
        m_mainPid = e.pid;
    } else if (const auto *call = e.as<Call>()) {
        onCall(e, *call);
    } else if (const auto *x = e.as<Exited>()) {
        onEnded(e, x->closedSockets, "the program exited");
    } else if (const auto *k = e.as<Killed>()) {
        onEnded(e, k->closedSockets, "the program was killed by " + signalName(k->signo));
    } else if (e.as<Detached>() && e.pid == m_mainPid) {
        // Let go: its sockets live on, untraced.
        for (auto &[inode, c] : m_conns)
            if (m_registry)
                m_registry->remove(m_id, c.id);
        m_conns.clear();
        post(e.monoNs, 0, ev::Stopped {});
        m_stopped = true;
    }
}

TraceeEndpoint::Conn &TraceeEndpoint::conn(const SocketFd &socket)
{
    Conn &c = m_conns[socket.inode];
    if (c.id == 0 && !socket.listening && isStream(socket))
        c.id = m_nextConn++;
    c.stream = isStream(socket);
    return c;
}

void TraceeEndpoint::onCall(const Event &e, const Call &call)
{
    const TraceRecord &r = *call.record;
    if (r.call == SysCall::Socket && r.result >= 0) {
        // What a program without a config is: the chart learns it from socket()'s arguments.
        auto record = std::make_shared<TraceRecord>(r);
        record->endpoint = m_id;
        post(r.monoNs, 0, ev::Trace {std::move(record)});
    }
    const SocketFd &s = call.socket;
    if (r.call == SysCall::Close) {
        if (call.lastReference)
            close(e.monoNs, s.inode, "closed");
        return;
    }
    if (r.result < 0 && worthAnError(r.err) && r.call != SysCall::Connect) {
        const auto it = s.inode ? m_conns.find(s.inode) : m_conns.end();
        post(e.monoNs, it == m_conns.end() ? 0 : it->second.id,
             ev::Error {.op = sysCallName(r.call), .err = r.err, .family = s.family});
    }
    if (call.socketFd < 0 || s.inode == 0)
        return;
    switch (r.call) {
    case SysCall::Bind:
        if (r.result == 0 && !isStream(s))
            post(e.monoNs, 0, ev::Listening {.local = s.local, .fd = call.socketFd});
        return;
    case SysCall::Listen:
        if (r.result == 0) {
            Conn &c = m_conns[s.inode];
            c.local = s.local;
            post(e.monoNs, 0, ev::Listening {.local = s.local, .fd = call.socketFd});
            if (m_registry)
                m_registry->add({m_id,
                                 0,
                                 m_label,
                                 call.socketFd,
                                 transportOf(s),
                                 true,
                                 s.local,
                                 {},
                                 e.monoNs,
                                 c.counters,
                                 s.inode});
        }
        return;
    case SysCall::Connect: {
        if (!isStream(s))
            return;
        Conn &c = conn(s);
        if (!c.connecting) {
            c.connecting = true;
            post(r.monoNs, c.id, ev::Connecting {.peer = r.addr});
        }
        if (r.result < 0 && worthAnError(r.err))
            post(e.monoNs, c.id,
                 ev::Error {.op = "connect", .err = r.err, .family = r.addr.family()});
        break;
    }
    case SysCall::Accept:
    case SysCall::Accept4:
        if (r.result >= 0)
            open(e, conn(s), s, call.socketFd);
        return;
    default:
        break;
    }
    if (!isStream(s)) {
        if (isSend(r.call) && r.result > 0)
            data(e, call, conn(s), Direction::Out);
        else if (isReceive(r.call) && r.result >= 0)
            data(e, call, conn(s), Direction::In);
        return;
    }
    // A stream socket is a connection once connect() began or its peer is known: a socket
    // being set up (setsockopt, bind) or listening is not one.
    const auto it = m_conns.find(s.inode);
    if (it == m_conns.end() && !s.peer.valid())
        return;
    Conn &c = it == m_conns.end() ? conn(s) : it->second;
    if (c.id == 0)
        return; // the listener
    if (!c.opened && s.peer.valid())
        open(e, c, s, call.socketFd); // a connect that completed, or a socket found at attach
    if (!c.opened)
        return;
    if (isSend(r.call) && r.result > 0) {
        data(e, call, c, Direction::Out);
    } else if (isReceive(r.call) && r.result > 0) {
        data(e, call, c, Direction::In);
    } else if (isReceive(r.call) && r.result == 0 && r.a[0] != 0) {
        post(e.monoNs, c.id, ev::PeerEof {});
    } else if (r.call == SysCall::Shutdown && r.result == 0) {
        post(e.monoNs, c.id, ev::Shutdown {.how = static_cast<int>(r.a[0])});
    }
}

void TraceeEndpoint::open(const Event &e, Conn &c, const SocketFd &s, int fd)
{
    if (c.opened)
        return;
    c.opened = true;
    c.local = s.local;
    c.peer = s.peer;
    post(e.monoNs, c.id, ev::Opened {.local = s.local, .peer = s.peer, .fd = fd});
    if (m_registry)
        m_registry->add({m_id, c.id, m_label, fd, transportOf(s), false, s.local, s.peer, e.monoNs,
                         c.counters, s.inode});
}

void TraceeEndpoint::data(const Event &e, const Call &call, Conn &c, Direction dir)
{
    const TraceRecord &r = *call.record;
    ev::Data d;
    d.dir = dir;
    d.length = static_cast<uint64_t>(r.result);
    if (r.data)
        d.bytes = r.data->size() > d.length ? makeBytes(std::string_view(*r.data).substr(
                          r.dataOffset, static_cast<size_t>(d.length)))
                                            : r.data;
    d.peer = r.addr.valid() ? r.addr : call.socket.peer;
    if (!c.stream && m_registry && c.id == 0 && !c.opened) {
        c.opened = true;
        m_registry->add({m_id, 0, m_label, call.socketFd, transportOf(call.socket), false,
                         call.socket.local, call.socket.peer, e.monoNs, c.counters,
                         call.socket.inode});
    }
    auto &bytes = dir == Direction::In ? c.counters->bytesIn : c.counters->bytesOut;
    auto &msgs = dir == Direction::In ? c.counters->msgsIn : c.counters->msgsOut;
    bytes.fetch_add(d.length, std::memory_order_relaxed);
    msgs.fetch_add(1, std::memory_order_relaxed);
    post(e.monoNs, c.id, std::move(d));
}

void TraceeEndpoint::close(int64_t monoNs, uint64_t inode, const std::string &why)
{
    const auto it = m_conns.find(inode);
    if (it == m_conns.end())
        return;
    const Conn c = it->second;
    m_conns.erase(it);
    if (m_registry)
        m_registry->remove(m_id, c.id);
    if (c.opened || c.connecting || c.id == 0)
        post(monoNs, c.id, ev::Closed {.err = 0, .reason = why, .local = c.local, .peer = c.peer});
}

void TraceeEndpoint::onEnded(const Event &e, const std::vector<SocketFd> &sockets,
                             const std::string &why)
{
    for (const SocketFd &s : sockets)
        close(e.monoNs, s.inode, why);
    if (e.pid == m_mainPid) {
        // The program is over (its children, if any, ended before or are let go with it).
        for (auto it = m_conns.begin(); it != m_conns.end();)
            close(e.monoNs, (it++)->first, why);
        post(e.monoNs, 0, ev::Stopped {});
        m_stopped = true;
    }
}

} // namespace sb::tracee
