// WireModel's packet layer: captured packets (ev::Packet) become segments between the
// lifelines of the sockets that sent and received them, each under the call that caused it.

#include "core/capture/packetcauses.h"
#include "ui/wiremodel.h"
#include "ui/wiremodelstate.h"

#include <algorithm>

namespace sb {
namespace {

// lo delivers a packet inside the call that sent it; the call's event is posted when it
// returns, this soon after: the same window as the capture's own attribution.
constexpr int64_t kDuringNs = PacketCauses::kDuringNs;
// How far back a packet looks for the call it answers.
constexpr size_t kMaxLookBack = 4000;

uint32_t flowKey(uint16_t from, uint16_t to) { return (uint32_t(from) << 16) | to; }

std::string tcpLabel(const Packet &p)
{
    std::string s = tcpFlagsText(p.tcpFlags);
    const uint32_t seq = p.relative ? p.relSeq : p.seq;
    const uint32_t ack = p.relative ? p.relAck : p.ack;
    if (p.payloadLength > 0)
        s += " seq " + std::to_string(seq) + ":" + std::to_string(seq + p.payloadLength);
    else if (p.tcpFlags & (tcpflag::kSyn | tcpflag::kFin | tcpflag::kRst))
        s += " seq " + std::to_string(seq);
    if (p.tcpFlags & tcpflag::kAck)
        s += " ack " + std::to_string(ack);
    if (p.payloadLength > 0)
        s += " len " + std::to_string(p.payloadLength);
    return s;
}

std::string packetLabel(const Packet &p)
{
    switch (p.proto) {
    case PacketProto::Tcp:
        return tcpLabel(p);
    case PacketProto::Udp:
        return "UDP len " + std::to_string(p.payloadLength);
    case PacketProto::Icmp:
        return "ICMP " + icmpText(p.proto, p.icmpType, p.icmpCode);
    case PacketProto::Icmp6:
        return "ICMPv6 " + icmpText(p.proto, p.icmpType, p.icmpCode);
    case PacketProto::Other:
        break;
    }
    return "packet, " + std::to_string(p.wireLength) + " bytes";
}

/// Calls whose event is posted when they return, after the packets they sent.
bool sendsThenPosts(WireItem::Kind kind)
{
    return kind == WireItem::Kind::Message || kind == WireItem::Kind::Fin
            || kind == WireItem::Kind::Reset || kind == WireItem::Kind::Close
            || kind == WireItem::Kind::Shutdown;
}

} // namespace

void WireModel::learnPort(const Address &local, int lane)
{
    if (local.valid() && local.isIp() && local.port() != 0 && lane >= 0)
        m_portLanes[local.port()] = lane;
}

void WireModel::learnFlow(const Address &local, const Address &peer, int lane, int64_t sinceNs)
{
    if (local.valid() && local.isIp() && peer.valid() && peer.isIp() && lane >= 0)
        m_flowLanes[{local.port(), peer.port()}] = {lane, sinceNs};
}

int WireModel::portLane(uint16_t port, uint16_t peerPort, int64_t t) const
{
    if (port == 0)
        return -1;
    // An accepted connection shares its listener's port: the pair of ports tells them apart.
    // Before accept() returned it, the listener's kernel answered (the SYN-ACK).
    if (const auto flow = m_flowLanes.find({port, peerPort});
        flow != m_flowLanes.end() && t >= flow->second.second)
        return flow->second.first;
    const auto it = m_portLanes.find(port);
    return it == m_portLanes.end() ? -1 : it->second;
}

bool WireModel::onlyUnixSockets() const
{
    bool any = false;
    for (const auto &[id, ep] : m_endpoints) {
        if (ep->lane < 0)
            continue;
        if (ep->transport == Transport::Tcp || ep->transport == Transport::Udp)
            return false;
        any = true;
    }
    return any;
}

std::vector<WireItemPtr> WireModel::segmentsOf(const WireItem *call) const
{
    std::vector<WireItemPtr> out;
    if (!call || call->isSegment())
        return out;
    for (const WireItemPtr &item : m_items)
        if (item->isSegment() && item->cause.lock().get() == call)
            out.push_back(item);
    return out;
}

WireItemPtr WireModel::causeOf(const Packet &p, int from, int to) const
{
    const int64_t t = p.monoNs;
    const bool tcp = p.proto == PacketProto::Tcp;
    const bool syn = tcp && (p.tcpFlags & tcpflag::kSyn);
    const bool reset = tcp && (p.tcpFlags & tcpflag::kRst);
    const bool icmp = p.proto == PacketProto::Icmp || p.proto == PacketProto::Icmp6;
    // What the sender's own call put on the wire: bytes, a FIN, a datagram, a RST of abort.
    const bool sent = !icmp && !syn
            && (p.payloadLength > 0 || p.proto == PacketProto::Udp
                || (tcp && (p.tcpFlags & (tcpflag::kFin | tcpflag::kRst))));
    const auto callOn = [](const WireItem &i, int lane) {
        return !i.isSegment() && i.from == lane && lane >= 0;
    };
    const auto firstAfter = std::partition_point(m_items.begin(), m_items.end(),
                                                 [t](const WireItemPtr &i) { return i->t0 < t; });
    // 1. The sender's call that returned just after the packet left during it.
    if (sent)
        for (auto it = firstAfter; it != m_items.end() && (*it)->t0 <= t + kDuringNs; ++it)
            if (callOn(**it, from) && sendsThenPosts((*it)->kind))
                return *it;
    // A connect() known only once it returned (a RawSocket posts nothing before): its SYN.
    if (syn && !(p.tcpFlags & tcpflag::kAck))
        for (auto it = firstAfter; it != m_items.end() && (*it)->t0 <= t + kDuringNs; ++it)
            if (callOn(**it, from) && (*it)->kind == WireItem::Kind::Connect)
                return *it;
    // 2. What the kernel answers (a SYN-ACK, a bare ACK, a RST to a SYN, an ICMP error): the
    // cause of the packet it answers.
    if (!sent || reset) {
        const uint32_t answered = icmp && p.hasInner ? flowKey(p.innerSrc.port(), p.innerDst.port())
                                                     : flowKey(p.dst.port(), p.src.port());
        if (const auto it = m_lastSegment.find(answered); it != m_lastSegment.end())
            if (auto segment = it->second.lock())
                if (auto cause = segment->cause.lock())
                    return cause;
    }
    // 3. The last call on either end before it (connect() for its SYN, or what the kernel
    // answers on its own later).
    size_t looked = 0;
    for (auto it = firstAfter; it != m_items.begin() && looked < kMaxLookBack; ++looked) {
        --it;
        if (callOn(**it, from) || callOn(**it, to))
            return *it;
    }
    return nullptr;
}

void WireModel::onPacket(const Event &e, const ev::Packet &packetEvent)
{
    if (!packetEvent.packet)
        return;
    const Packet &p = *packetEvent.packet;
    // An ICMP error goes from the host the quoted packet went to, back to its sender.
    const bool icmpError = p.hasInner && isIcmpError(p.proto, p.icmpType);
    const Address &src = icmpError ? p.innerDst : p.src;
    const Address &dst = icmpError ? p.innerSrc : p.dst;
    const bool tcp = p.proto == PacketProto::Tcp;
    int from = portLane(src.port(), dst.port(), p.monoNs);
    int to = portLane(dst.port(), src.port(), p.monoNs);
    // A client's SYN leaves (and a refused one is answered) before connect() says its port.
    const auto connecting = [&](uint16_t port) {
        const auto it = m_connectingTo.find(port);
        return it == m_connectingTo.end() ? -1 : it->second;
    };
    if (from < 0 && tcp && (p.tcpFlags & tcpflag::kSyn) && !(p.tcpFlags & tcpflag::kAck))
        from = connecting(dst.port());
    // The handshake's last ACK, when connect()'s Opened is late (a loaded machine): the client
    // the capture named as its owner, which connects to its destination.
    if (from < 0 && tcp && e.endpoint != 0) {
        const int client = connecting(dst.port());
        if (client >= 0 && m_lifelines[size_t(client)].endpoint == e.endpoint)
            from = client;
    }
    if (to < 0 && tcp)
        to = connecting(src.port());
    if (from < 0 && to < 0 && e.endpoint != 0)
        from = laneOf(e); // its owner named by whoever captured it
    if (from < 0 && to < 0)
        return; // of no socket of ours
    if (from < 0)
        from = outsideLane(src, p.monoNs);
    if (to < 0)
        to = outsideLane(dst, p.monoNs);

    auto item = std::make_shared<WireItem>();
    item->kind = WireItem::Kind::Segment;
    item->packet = packetEvent.packet;
    item->from = from;
    item->to = to;
    item->bytes = p.payloadLength;
    item->text = packetLabel(p);
    const int64_t t = p.monoNs ? p.monoNs : e.monoNs;
    const WireItemPtr cause = causeOf(p, from, to);
    // Drawn under its call: a send's event is stamped when the call returns, after its packets.
    item->t0 = cause ? std::max(t, cause->t0) : t;
    item->t1 = item->t0;
    item->cause = cause;
    item->sendEnd = cause ? cause->sendEnd : WireEnd {e.endpoint, e.conn, e.monoNs};
    if (cause)
        item->recvEnd = cause->recvEnd;
    m_lastSegment[flowKey(src.port(), dst.port())] = item;
    ++m_segments;
    insert(item);
}

} // namespace sb
