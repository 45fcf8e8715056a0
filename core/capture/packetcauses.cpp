#include "core/capture/packetcauses.h"

#include <algorithm>

#include <netinet/in.h>
#include <sys/socket.h>

namespace sb {
namespace {

constexpr size_t kCallsPerSocket = 64;
constexpr size_t kMaxSockets = 4096;
/// A closed socket still explains packets for a while: its FIN's ACK, the peer's FIN, the
/// last ACK of TIME_WAIT come after close() returned.
constexpr int64_t kAfterCloseNs = 2'000'000'000;

bool sends(SysCall call)
{
    switch (call) {
    case SysCall::Connect:
    case SysCall::Send:
    case SysCall::Sendto:
    case SysCall::Sendmsg:
    case SysCall::Sendmmsg:
    case SysCall::Write:
    case SysCall::Writev:
    case SysCall::Sendfile:
    case SysCall::Splice:
    case SysCall::Shutdown:
    case SysCall::Close:
    case SysCall::Setsockopt: // SO_LINGER, TCP_NODELAY pushing what waits
    case SysCall::Recv: // a read that opens the window sends a window update
    case SysCall::Recvfrom:
    case SysCall::Recvmsg:
    case SysCall::Read:
        return true;
    default:
        return false;
    }
}

/// Calls that put bytes, a SYN or a FIN on the wire themselves (not reads).
bool writes(SysCall call)
{
    return sends(call) && call != SysCall::Recv && call != SysCall::Recvfrom
            && call != SysCall::Recvmsg && call != SysCall::Read && call != SysCall::Setsockopt;
}

/// The host as text, an IPv4-mapped IPv6 address as its IPv4 one.
std::string plainHost(const Address &a)
{
    std::string host = a.host();
    if (host.starts_with("::ffff:") && host.find('.') != std::string::npos)
        host = host.substr(7);
    return host;
}

/// Whether a socket's address (bound, perhaps to a wildcard) is the packet's end.
bool sameEnd(const Address &known, const Address &wire)
{
    if (!known.valid() || !known.isIp() || known.port() == 0 || known.port() != wire.port())
        return false;
    const std::string host = plainHost(known);
    return host == "0.0.0.0" || host == "::" || host == plainHost(wire);
}

bool knownEnd(const Address &a) { return a.valid() && a.isIp() && a.port() != 0; }

} // namespace

PacketCauses::PacketCauses(int64_t holdNs)
    : m_holdNs(holdNs)
{ }

PacketCauses::Socket &PacketCauses::socketAt(EndpointId endpoint, int fd, bool fresh)
{
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        if (it->endpoint != endpoint || it->fd != fd || it->closedNs != 0)
            continue;
        if (!fresh)
            return *it;
        // The fd was closed without our seeing it (an untraced close): it is another socket now.
        it->closedNs = it->calls.empty() ? 1 : it->calls.back()->monoNs;
        break;
    }
    if (m_sockets.size() >= kMaxSockets) {
        const auto closed = std::find_if(m_sockets.begin(), m_sockets.end(),
                                         [](const Socket &s) { return s.closedNs != 0; });
        m_sockets.erase(closed != m_sockets.end() ? closed : m_sockets.begin());
    }
    Socket s;
    s.endpoint = endpoint;
    s.fd = fd;
    m_sockets.push_back(std::move(s));
    return m_sockets.back();
}

void PacketCauses::learnRecord(const std::shared_ptr<const TraceRecord> &record)
{
    const TraceRecord &r = *record;
    const auto remember = [&record](Socket &s) {
        s.calls.push_back(record);
        if (s.calls.size() > kCallsPerSocket)
            s.calls.pop_front();
    };
    switch (r.call) {
    case SysCall::Socket:
        if (r.result >= 0) {
            Socket &s = socketAt(r.endpoint, static_cast<int>(r.result), true);
            s.type = static_cast<int>(r.a[1] & 0xf);
            s.unixFamily = r.a[0] == AF_UNIX;
            remember(s);
        }
        return;
    case SysCall::Socketpair:
        return; // UNIX sockets: no packets
    case SysCall::Accept4:
    case SysCall::Accept: {
        Address local;
        if (r.fd >= 0) {
            Socket &listener = socketAt(r.endpoint, r.fd, false);
            remember(listener);
            local = listener.local;
        }
        if (r.result >= 0) {
            Socket &s = socketAt(r.endpoint, static_cast<int>(r.result), true);
            s.type = SOCK_STREAM;
            s.local = local;
            s.peer = r.addr;
            remember(s);
        }
        return;
    }
    default:
        break;
    }
    if (r.fd < 0)
        return;
    Socket &s = socketAt(r.endpoint, r.fd, false);
    remember(s);
    if (r.call == SysCall::Bind && r.result == 0 && r.addr.isIp())
        s.local = r.addr;
    else if (r.call == SysCall::Connect && r.addr.isIp())
        s.peer = r.addr;
    else if (r.call == SysCall::Close)
        s.closedNs = r.monoNs;
}

bool PacketCauses::observe(const Event &event)
{
    return std::visit(Overloaded {
                              [&](const ev::Packet &) {
                                  m_held.push_back(event);
                                  return true;
                              },
                              [&](const ev::Trace &t) {
                                  if (t.record)
                                      learnRecord(t.record);
                                  return false;
                              },
                              [&](const ev::Listening &e) {
                                  if (e.fd >= 0 && e.local.isIp())
                                      socketAt(event.endpoint, e.fd, false).local = e.local;
                                  return false;
                              },
                              [&](const ev::Opened &e) {
                                  if (e.fd >= 0 && e.local.isIp()) {
                                      Socket &s = socketAt(event.endpoint, e.fd, false);
                                      s.local = e.local;
                                      s.peer = e.peer;
                                  }
                                  return false;
                              },
                              [](const auto &) { return false; },
                      },
                      event.body);
}

Event PacketCauses::attribute(const Event &packetEvent) const
{
    const ev::Packet &in = *packetEvent.as<ev::Packet>();
    const Packet &p = *in.packet;
    // An ICMP error is about the packet it quotes: that packet's sender is the socket.
    const bool quoted = p.hasInner;
    const Address &from = quoted ? p.innerSrc : p.src;
    const Address &to = quoted ? p.innerDst : p.dst;
    const PacketProto proto = quoted ? p.innerProto : p.proto;
    const int wantType = proto == PacketProto::Tcp ? SOCK_STREAM
            : proto == PacketProto::Udp            ? SOCK_DGRAM
                                                   : -1;
    const int64_t t = p.monoNs;

    // Score each socket: 2 when both its ends match, 1 when the one it knows does.
    std::vector<std::pair<int, const Socket *>> matching;
    for (const Socket &s : m_sockets) {
        if (s.unixFamily || wantType < 0 || (s.type != 0 && s.type != wantType))
            continue;
        if (s.closedNs != 0 && t > s.closedNs + kAfterCloseNs)
            continue;
        int score = 0;
        const bool localKnown = knownEnd(s.local);
        const bool peerKnown = knownEnd(s.peer);
        if (localKnown && peerKnown)
            score = (sameEnd(s.local, from) && sameEnd(s.peer, to))
                            || (sameEnd(s.local, to) && sameEnd(s.peer, from))
                    ? 2
                    : 0;
        else if (localKnown)
            score = sameEnd(s.local, from) || sameEnd(s.local, to) ? 1 : 0;
        else if (peerKnown)
            score = sameEnd(s.peer, from) || sameEnd(s.peer, to) ? 1 : 0;
        if (score > 0)
            matching.emplace_back(score, &s);
    }

    // 1. A call of the sending socket that sends, running when the packet left. 2. Else a call
    // of the other end that sends and was running: the packet answers it at once (lo answers a
    // SYN inside connect(), a datagram to a closed port inside sendto()). 3. Else the last call
    // on either end before it.
    const bool answersAtOnce = p.hasInner
            || (p.proto == PacketProto::Tcp && p.payloadLength == 0 && !(p.tcpFlags & tcpflag::kFin)
                && ((p.tcpFlags & tcpflag::kRst) || (p.tcpFlags & tcpflag::kAck)));
    // connect() returns once its handshake is done, however late the scheduler lets it: a
    // SYN's connect is not held to kDuringNs.
    const bool syn = p.proto == PacketProto::Tcp
            && (p.tcpFlags & (tcpflag::kSyn | tcpflag::kAck)) == tcpflag::kSyn;
    const auto causeAmong = [&](int score) {
        std::shared_ptr<const TraceRecord> during;
        std::shared_ptr<const TraceRecord> answered;
        std::shared_ptr<const TraceRecord> before;
        for (const auto &[sScore, s] : matching) {
            if (sScore != score)
                continue;
            const bool sender = knownEnd(s->local) ? sameEnd(s->local, from) : sameEnd(s->peer, to);
            for (const auto &call : s->calls) {
                if (call->monoNs < t) {
                    if (!before || call->monoNs > before->monoNs)
                        before = call;
                    continue;
                }
                const bool synOfConnect = syn && call->call == SysCall::Connect;
                if ((call->monoNs - t > kDuringNs && !synOfConnect) || !sends(call->call))
                    continue;
                auto &slot = sender ? during : answered;
                // Only what a kernel answers at once (a SYN-ACK, a RST, a bare ACK, an ICMP
                // error) is the answer to a call of the other end; data or a FIN is its
                // sender's own.
                if (!sender && (!writes(call->call) || !answersAtOnce))
                    continue;
                if (!slot || call->monoNs < slot->monoNs)
                    slot = call;
            }
        }
        return during ? during : answered ? answered : before;
    };
    // The sockets matching both ends first; when none of their calls explains the packet (an
    // accepted socket whose first call, accept, returned after the handshake's SYN, while the
    // client's own addresses are not known yet), those matching the end they know.
    std::shared_ptr<const TraceRecord> cause = causeAmong(2);
    if (!cause)
        cause = causeAmong(1);
    Event out = packetEvent;
    auto &body = std::get<ev::Packet>(out.body);
    body.cause = std::move(cause);
    if (body.cause) {
        out.endpoint = body.cause->endpoint;
        out.conn = body.cause->conn;
    }
    return out;
}

void PacketCauses::release(int64_t nowNs, std::vector<Event> &out)
{
    while (!m_held.empty() && m_held.front().monoNs <= nowNs - m_holdNs) {
        out.push_back(attribute(m_held.front()));
        m_held.pop_front();
    }
}

void PacketCauses::releaseAll(std::vector<Event> &out)
{
    while (!m_held.empty()) {
        out.push_back(attribute(m_held.front()));
        m_held.pop_front();
    }
}

std::vector<uint16_t> PacketCauses::ports() const
{
    std::vector<uint16_t> ports;
    for (const Socket &s : m_sockets) {
        for (const Address *a : {&s.local, &s.peer})
            if (knownEnd(*a) && std::find(ports.begin(), ports.end(), a->port()) == ports.end())
                ports.push_back(a->port());
    }
    std::sort(ports.begin(), ports.end());
    return ports;
}

} // namespace sb
