#pragma once

#include "core/net/event.h"

#include <cstdint>
#include <deque>
#include <map>
#include <utility>
#include <vector>

namespace sb {

/// Names the endpoint of the workbench each captured packet belongs to, from the addresses the
/// endpoints' events carry (Listening, Opened, CallDone: the local port of each socket;
/// Connecting: where a client connects), and drops the packets of no socket of ours. Packets
/// are held for holdNs first: a packet is often captured before the event that names its port
/// (the SYN leaves before connect() returns the client's port). Owner's thread only.
///
/// The owner is the socket whose port sent the packet (an ICMP error: the port that sent the
/// datagram it quotes); a SYN from a port not known yet is the client's that connected to its
/// destination; a packet from a port not ours to one of ours is the receiver's.
class PacketOwners
{
public:
    static constexpr int64_t kDefaultHoldNs = 80'000'000;
    /// A packet no socket claims after this long is dropped.
    static constexpr int64_t kForgetNs = 1'000'000'000;
    explicit PacketOwners(int64_t holdNs = kDefaultHoldNs);

    /// Learns from an endpoint's event. Returns true when it is a Packet: it is now held (the
    /// caller drops its copy).
    bool observe(const Event &event);
    /// Packets captured before nowNs - holdNs whose owner is known, oldest first, with the
    /// event's endpoint and conn set to the owner's.
    void release(int64_t nowNs, std::vector<Event> &out);
    size_t held() const { return m_held.size(); }
    /// The local ports of the workbench's sockets and the ports its clients connect to: what a
    /// capture filter keeps.
    std::vector<uint16_t> ports() const;

private:
    using Owner = std::pair<EndpointId, ConnId>;
    bool own(Event &packet);

    int64_t m_holdNs;
    std::map<uint16_t, Owner> m_portOwner;
    std::map<uint16_t, Owner> m_connectTo;
    std::deque<Event> m_held;
};

} // namespace sb
