#pragma once

#include "core/text/packet.h"

#include <cstdint>
#include <map>
#include <string>

namespace sb {

/// Makes TCP sequence and acknowledgement numbers relative, as Wireshark shows them: each
/// direction of a connection counts from its initial sequence number (its SYN's, or the first
/// segment seen when the SYN was not), so a SYN is "seq 0" and the first byte sent is 1.
/// One thread only (the capture's).
class TcpSequences
{
public:
    /// Fills packet.relSeq, relAck and relative for a TCP packet; leaves others alone.
    void number(Packet &packet);

private:
    static std::string key(const Address &from, const Address &to);

    /// Initial sequence number of each direction, "src>dst".
    std::map<std::string, uint32_t> m_initial;
};

} // namespace sb
