#include "core/capture/packetowners.h"

#include "core/text/packet.h"

#include <algorithm>

namespace sb {

PacketOwners::PacketOwners(int64_t holdNs)
    : m_holdNs(holdNs)
{ }

bool PacketOwners::observe(const Event &event)
{
    if (event.is<ev::Packet>()) {
        m_held.push_back(event);
        return true;
    }
    const auto learn = [&](const Address &local, ConnId conn) {
        // The newest socket on a port owns it: ports are reused once a socket is gone.
        if (local.valid() && local.isIp() && local.port() != 0)
            m_portOwner[local.port()] = {event.endpoint, conn};
    };
    if (const auto *l = event.as<ev::Listening>())
        learn(l->local, event.conn);
    else if (const auto *o = event.as<ev::Opened>())
        learn(o->local, event.conn);
    else if (const auto *done = event.as<ev::CallDone>(); done && done->err == 0)
        learn(done->local, done->op == "accept" ? ConnId(done->result) : event.conn);
    else if (const auto *c = event.as<ev::Connecting>(); c && c->peer.isIp())
        m_connectTo[c->peer.port()] = {event.endpoint, event.conn};
    return false;
}

bool PacketOwners::own(Event &event)
{
    const Packet &p = *event.as<ev::Packet>()->packet;
    const uint16_t src = p.hasInner ? p.innerSrc.port() : p.src.port();
    const uint16_t dst = p.hasInner ? p.innerDst.port() : p.dst.port();
    auto owner = src ? m_portOwner.find(src) : m_portOwner.end();
    // A SYN leaves before connect() says which port it was sent from.
    if (owner == m_portOwner.end() && p.proto == PacketProto::Tcp && p.tcpFlags == tcpflag::kSyn) {
        if (const auto to = m_connectTo.find(dst); to != m_connectTo.end())
            owner = m_portOwner.emplace(src, to->second).first;
    }
    // From a peer outside the workbench to a socket of ours.
    if (owner == m_portOwner.end() && dst)
        owner = m_portOwner.find(dst);
    if (owner == m_portOwner.end())
        return false;
    event.endpoint = owner->second.first;
    event.conn = owner->second.second;
    return true;
}

void PacketOwners::release(int64_t nowNs, std::vector<Event> &out)
{
    std::deque<Event> waiting;
    while (!m_held.empty() && m_held.front().monoNs <= nowNs - m_holdNs) {
        Event event = std::move(m_held.front());
        m_held.pop_front();
        if (own(event))
            out.push_back(std::move(event));
        else if (event.monoNs > nowNs - kForgetNs)
            waiting.push_back(std::move(event));
    }
    // Those not claimed yet wait in front, in capture order, for a later event to name them.
    m_held.insert(m_held.begin(), std::make_move_iterator(waiting.begin()),
                  std::make_move_iterator(waiting.end()));
}

std::vector<uint16_t> PacketOwners::ports() const
{
    std::vector<uint16_t> ports;
    for (const auto &[port, owner] : m_portOwner)
        ports.push_back(port);
    for (const auto &[port, owner] : m_connectTo)
        ports.push_back(port);
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    return ports;
}

} // namespace sb
