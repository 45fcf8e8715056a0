#pragma once

#include "core/text/packet.h"

#include <cstdint>
#include <map>
#include <string>

namespace sb {

/// The TCP state of each end of the connections seen on lo, driven by the segments alone
/// (RFC 9293's diagram), named as `ss -tan` names them: SYN-SENT, SYN-RECV, ESTAB, FIN-WAIT-1,
/// FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT, CLOSED. On lo a segment is sent and
/// received at the same instant, so each one moves its sender and its receiver at once. One
/// thread only.
class TcpStates
{
public:
    /// Applies one captured packet (not TCP: ignored).
    void apply(const Packet &packet);
    /// The state of the end at local talking to peer; "" when no segment of theirs was seen.
    std::string stateOf(const Address &local, const Address &peer) const;

private:
    enum class State : uint8_t {
        None,
        SynSent,
        SynRecv,
        Established,
        FinWait1,
        FinWait2,
        CloseWait,
        Closing,
        LastAck,
        TimeWait,
        Closed
    };
    struct End
    {
        State state = State::None;
        bool finSent = false;
        uint32_t finSeq = 0; ///< relative sequence number of our FIN
    };
    static std::string key(const Address &local, const Address &peer);
    static const char *name(State state);

    std::map<std::string, End> m_ends;
};

} // namespace sb
