#pragma once

#include "core/text/packet.h"

#include <cstdint>
#include <string_view>

namespace sb {

/// Decodes one frame as lo delivers it to a packet socket (an Ethernet header of zero MAC
/// addresses, then IPv4 or IPv6) into a Packet: addresses, ports, TCP flags, sequence numbers,
/// window, options, payload length, ICMP type, code and the quoted header of an ICMP error.
/// Pure: no state, no call; what is missing or cut is said in Packet::problem, never read past
/// the bytes given. Leaves monoNs, number, the relative numbers and raw to the caller.
Packet decodeFrame(std::string_view frame);

/// The same from the IP header on (a frame whose link header was already taken off).
Packet decodeIp(std::string_view ip);

} // namespace sb
