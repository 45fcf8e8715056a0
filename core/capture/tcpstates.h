#pragma once

#include "core/capture/tcpstate.h"
#include "core/text/packet.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sb {

/// The TCP state of each end of the connections seen on lo, driven by the segments alone
/// (RFC 9293's diagram), named as `ss -tan` names them: SYN-SENT, SYN-RECV, ESTAB, FIN-WAIT-1,
/// FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT, CLOSED. On lo a segment is sent and
/// received at the same instant, so each one moves its sender and its receiver at once. Each
/// end keeps the path it took: every move with its time and the segment that caused it. One
/// thread only.
class TcpStates
{
public:
    /// Ends kept; past it, ends that are CLOSED (then TIME-WAIT) are forgotten.
    static constexpr size_t kMaxEnds = 8192;
    /// Moves kept per end (a connection that is reset and opened again on the same ports).
    static constexpr size_t kMaxSteps = 64;

    /// Applies one captured packet (not TCP: ignored).
    void apply(const Packet &packet);
    /// The state of the end at local talking to peer; "" when no segment of theirs was seen.
    std::string stateOf(const Address &local, const Address &peer) const;
    /// Every move of that end, oldest first; empty when no segment of theirs was seen. The
    /// sender of the first SYN starts CLOSED, its receiver LISTEN; an end first seen in the
    /// middle of a connection starts with a FirstSeen step in ESTAB.
    std::vector<TcpStep> pathOf(const Address &local, const Address &peer) const;

private:
    struct End
    {
        bool known = false;
        TcpState state = TcpState::Closed;
        bool finSent = false;
        uint32_t finSeq = 0; ///< relative sequence number of our FIN
        std::vector<TcpStep> path;
    };
    static std::string key(const Address &local, const Address &peer);
    /// Moves end to state because of p, which it sent or received.
    static void move(End &end, TcpState state, const Packet &p, bool sent);
    void forgetClosed();

    std::map<std::string, End> m_ends;
};

} // namespace sb
