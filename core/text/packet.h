#pragma once

#include "core/text/address.h"
#include "core/text/bytes.h"

#include <cstdint>
#include <string>

namespace sb {

/// The transport a captured packet carries.
enum class PacketProto : uint8_t { Tcp, Udp, Icmp, Icmp6, Other };

/// TCP header flags, as the header's byte 13 holds them.
namespace tcpflag {
constexpr uint8_t kFin = 0x01;
constexpr uint8_t kSyn = 0x02;
constexpr uint8_t kRst = 0x04;
constexpr uint8_t kPsh = 0x08;
constexpr uint8_t kAck = 0x10;
constexpr uint8_t kUrg = 0x20;
constexpr uint8_t kEce = 0x40;
constexpr uint8_t kCwr = 0x80;
} // namespace tcpflag

/// The TCP options a segment carried (RFC 9293, 7323, 2018); each field says whether it was
/// there.
struct TcpOptions
{
    int mss = -1; ///< maximum segment size; -1 when absent
    int windowScale = -1; ///< shift count; -1 when absent
    bool sackPermitted = false;
    int sackBlocks = 0; ///< SACK blocks carried (0 when none)
    bool timestamps = false;
    uint32_t tsval = 0;
    uint32_t tsecr = 0;
};

/// One packet seen on the wire (on lo), decoded. A value: made once on the capture thread,
/// then shared immutable (through ev::Packet) by every consumer.
struct Packet
{
    int64_t monoNs = 0; ///< when the kernel saw it, on CLOCK_MONOTONIC (the trace's clock)
    uint64_t number = 0; ///< 1, 2, ... in the order captured
    int ipVersion = 0; ///< 4 or 6; 0 when the frame holds no IP packet we decode
    Address src; ///< sender's address and port (ICMP: port 0)
    Address dst;
    PacketProto proto = PacketProto::Other;
    // TCP
    uint8_t tcpFlags = 0; ///< tcpflag bits
    uint32_t seq = 0; ///< absolute sequence number
    uint32_t ack = 0;
    uint32_t relSeq = 0; ///< relative to the sender's initial sequence number (SYN: 0)
    uint32_t relAck = 0; ///< relative to the receiver's initial sequence number
    bool relative
            = false; ///< relSeq/relAck are known (the flow's SYN was seen, or its first segment)
    uint16_t window = 0; ///< the window field as sent (not scaled)
    TcpOptions options;
    uint32_t payloadLength = 0; ///< TCP or UDP payload bytes (as the headers say)
    // ICMP / ICMPv6
    uint8_t icmpType = 0;
    uint8_t icmpCode = 0;
    /// An ICMP error quotes the header of the packet that caused it: its addresses and ports.
    bool hasInner = false;
    PacketProto innerProto = PacketProto::Other;
    Address innerSrc;
    Address innerDst;
    uint32_t wireLength = 0; ///< the frame's length on the wire
    /// The frame as captured (Ethernet header first, as lo shows it), for pcapng.
    Bytes raw;
    /// What could not be decoded ("truncated TCP header"); empty when all was.
    std::string problem;
};

/// "[S.]" as tcpdump writes TCP flags: S F R P U E W, '.' for ACK; "[none]" for no flag.
std::string tcpFlagsText(uint8_t flags);
/// "mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7" style: "<mss 65495,sackOK,TS,wscale 7>"; empty
/// when none.
std::string tcpOptionsText(const TcpOptions &options);
/// A one-line summary, as tcpdump prints it:
/// "127.0.0.1:40000 > 127.0.0.1:5000 [S] seq 0 win 65495 <mss 65495,sackOK,TS,wscale 7> len 0",
/// "127.0.0.1:40000 > 127.0.0.1:5000 UDP len 5",
/// "127.0.0.1 > 127.0.0.1 ICMP port unreachable (udp 127.0.0.1:41000 > 127.0.0.1:9)".
std::string packetSummary(const Packet &packet);
/// "port unreachable", "echo request", ... for an ICMP (v4) or ICMPv6 type and code.
std::string icmpText(PacketProto proto, uint8_t type, uint8_t code);
/// True for ICMP/ICMPv6 types that report an error about another packet (and quote it).
bool isIcmpError(PacketProto proto, uint8_t type);

} // namespace sb
