#include "core/capture/packetdecoder.h"

#include <cstring>

#include <netinet/in.h>

namespace sb {
namespace {

constexpr size_t kEthernetHeader = 14;
constexpr uint16_t kEtherIpv4 = 0x0800;
constexpr uint16_t kEtherIpv6 = 0x86dd;
constexpr size_t kIpv6Header = 40;
constexpr size_t kUdpHeader = 8;
constexpr size_t kTcpHeader = 20;
constexpr size_t kIcmpHeader = 8;

uint16_t be16(std::string_view b, size_t at)
{
    return static_cast<uint16_t>((static_cast<uint8_t>(b[at]) << 8)
                                 | static_cast<uint8_t>(b[at + 1]));
}

uint32_t be32(std::string_view b, size_t at)
{
    return (uint32_t(be16(b, at)) << 16) | be16(b, at + 2);
}

uint8_t byteAt(std::string_view b, size_t at) { return static_cast<uint8_t>(b[at]); }

Address ipv4(std::string_view b, size_t at, uint16_t port)
{
    sockaddr_in sin = {};
    sin.sin_family = AF_INET;
    std::memcpy(&sin.sin_addr, b.data() + at, 4);
    sin.sin_port = htons(port);
    return Address::fromSockaddr(reinterpret_cast<const sockaddr *>(&sin), sizeof sin);
}

Address ipv6(std::string_view b, size_t at, uint16_t port)
{
    sockaddr_in6 sin6 = {};
    sin6.sin6_family = AF_INET6;
    std::memcpy(&sin6.sin6_addr, b.data() + at, 16);
    sin6.sin6_port = htons(port);
    return Address::fromSockaddr(reinterpret_cast<const sockaddr *>(&sin6), sizeof sin6);
}

PacketProto protoOf(uint8_t number, int ipVersion)
{
    switch (number) {
    case IPPROTO_TCP:
        return PacketProto::Tcp;
    case IPPROTO_UDP:
        return PacketProto::Udp;
    case IPPROTO_ICMP:
        return ipVersion == 4 ? PacketProto::Icmp : PacketProto::Other;
    case IPPROTO_ICMPV6:
        return ipVersion == 6 ? PacketProto::Icmp6 : PacketProto::Other;
    default:
        return PacketProto::Other;
    }
}

/// The network header: version, addresses (ports 0 yet), protocol and where the transport
/// starts. False with problem set when it is cut or not IP.
struct IpHeader
{
    int version = 0;
    Address src;
    Address dst;
    uint8_t protocol = 0;
    size_t transport = 0; ///< offset of the transport header
    size_t end = 0; ///< end of the IP packet as its length field says (clipped to the bytes)
};

bool readIp(std::string_view b, IpHeader &h, std::string &problem)
{
    if (b.empty()) {
        problem = "empty IP packet";
        return false;
    }
    h.version = byteAt(b, 0) >> 4;
    if (h.version == 4) {
        const size_t ihl = size_t(byteAt(b, 0) & 0x0f) * 4;
        if (b.size() < 20 || ihl < 20 || b.size() < ihl) {
            problem = "truncated IPv4 header";
            return false;
        }
        h.protocol = byteAt(b, 9);
        h.src = ipv4(b, 12, 0);
        h.dst = ipv4(b, 16, 0);
        h.transport = ihl;
        h.end = std::min<size_t>(b.size(), be16(b, 2));
        if (h.end < ihl)
            h.end = b.size();
        if ((be16(b, 6) & 0x1fff) != 0) {
            problem = "IPv4 fragment";
            h.protocol = 0; // a later fragment holds no transport header
        }
        return true;
    }
    if (h.version == 6) {
        if (b.size() < kIpv6Header) {
            problem = "truncated IPv6 header";
            return false;
        }
        h.protocol = byteAt(b, 6);
        h.src = ipv6(b, 8, 0);
        h.dst = ipv6(b, 24, 0);
        h.transport = kIpv6Header;
        h.end = std::min<size_t>(b.size(), kIpv6Header + be16(b, 4));
        // Extension headers: hop-by-hop, routing, destination options (each says its length in
        // 8-byte units after the first 8). Fragments and the rest are left undecoded.
        while (h.protocol == 0 || h.protocol == 43 || h.protocol == 60) {
            if (h.transport + 2 > b.size()) {
                problem = "truncated IPv6 extension header";
                return true;
            }
            const uint8_t next = byteAt(b, h.transport);
            h.transport += (size_t(byteAt(b, h.transport + 1)) + 1) * 8;
            h.protocol = next;
        }
        return true;
    }
    problem = "IP version " + std::to_string(h.version);
    h.version = 0;
    return false;
}

void readTcpOptions(std::string_view o, TcpOptions &out, std::string &problem)
{
    size_t i = 0;
    while (i < o.size()) {
        const uint8_t kind = byteAt(o, i);
        if (kind == 0) // end of option list
            return;
        if (kind == 1) { // no-operation
            ++i;
            continue;
        }
        if (i + 2 > o.size() || byteAt(o, i + 1) < 2 || i + byteAt(o, i + 1) > o.size()) {
            problem = "malformed TCP option";
            return;
        }
        const size_t len = byteAt(o, i + 1);
        if (kind == 2 && len == 4)
            out.mss = be16(o, i + 2);
        else if (kind == 3 && len == 3)
            out.windowScale = byteAt(o, i + 2);
        else if (kind == 4 && len == 2)
            out.sackPermitted = true;
        else if (kind == 5 && (len - 2) % 8 == 0)
            out.sackBlocks = static_cast<int>((len - 2) / 8);
        else if (kind == 8 && len == 10) {
            out.timestamps = true;
            out.tsval = be32(o, i + 2);
            out.tsecr = be32(o, i + 6);
        }
        i += len;
    }
}

void readTcp(std::string_view t, Packet &p)
{
    if (t.size() < kTcpHeader) {
        p.problem = "truncated TCP header";
        if (t.size() >= 4) {
            p.src.setPort(be16(t, 0));
            p.dst.setPort(be16(t, 2));
        }
        return;
    }
    p.src.setPort(be16(t, 0));
    p.dst.setPort(be16(t, 2));
    p.seq = be32(t, 4);
    p.ack = be32(t, 8);
    const size_t offset = size_t(byteAt(t, 12) >> 4) * 4;
    p.tcpFlags = byteAt(t, 13);
    p.window = be16(t, 14);
    if (offset < kTcpHeader || offset > t.size()) {
        p.problem = "truncated TCP options";
        return;
    }
    readTcpOptions(t.substr(kTcpHeader, offset - kTcpHeader), p.options, p.problem);
    p.payloadLength = static_cast<uint32_t>(t.size() - offset);
}

void readUdp(std::string_view u, Packet &p)
{
    if (u.size() < kUdpHeader) {
        p.problem = "truncated UDP header";
        return;
    }
    p.src.setPort(be16(u, 0));
    p.dst.setPort(be16(u, 2));
    const uint16_t length = be16(u, 4);
    p.payloadLength = length >= kUdpHeader ? length - kUdpHeader : 0;
}

/// The quoted packet of an ICMP error: its IP header and the first 8 bytes of its transport,
/// which hold the ports.
void readQuoted(std::string_view q, Packet &p)
{
    IpHeader inner;
    std::string problem;
    if (!readIp(q, inner, problem))
        return;
    p.hasInner = true;
    p.innerProto = protoOf(inner.protocol, inner.version);
    p.innerSrc = inner.src;
    p.innerDst = inner.dst;
    if ((p.innerProto == PacketProto::Tcp || p.innerProto == PacketProto::Udp)
        && inner.transport + 4 <= q.size()) {
        p.innerSrc.setPort(be16(q, inner.transport));
        p.innerDst.setPort(be16(q, inner.transport + 2));
    }
}

void readIcmp(std::string_view m, Packet &p)
{
    if (m.size() < 4) {
        p.problem = "truncated ICMP header";
        return;
    }
    p.icmpType = byteAt(m, 0);
    p.icmpCode = byteAt(m, 1);
    if (isIcmpError(p.proto, p.icmpType) && m.size() > kIcmpHeader)
        readQuoted(m.substr(kIcmpHeader), p);
}

} // namespace

Packet decodeIp(std::string_view b)
{
    Packet p;
    IpHeader h;
    if (!readIp(b, h, p.problem))
        return p;
    p.ipVersion = h.version;
    p.src = h.src;
    p.dst = h.dst;
    p.proto = protoOf(h.protocol, h.version);
    if (h.transport > h.end) {
        if (p.problem.empty())
            p.problem = "truncated IP packet";
        return p;
    }
    const std::string_view transport = b.substr(h.transport, h.end - h.transport);
    switch (p.proto) {
    case PacketProto::Tcp:
        readTcp(transport, p);
        break;
    case PacketProto::Udp:
        readUdp(transport, p);
        break;
    case PacketProto::Icmp:
    case PacketProto::Icmp6:
        readIcmp(transport, p);
        break;
    case PacketProto::Other:
        break;
    }
    return p;
}

Packet decodeFrame(std::string_view frame)
{
    Packet p;
    if (frame.size() < kEthernetHeader) {
        p.problem = "truncated link header";
    } else {
        const uint16_t type = be16(frame, 12);
        if (type == kEtherIpv4 || type == kEtherIpv6)
            p = decodeIp(frame.substr(kEthernetHeader));
        else
            p.problem = "ethertype " + std::to_string(type);
    }
    p.wireLength = static_cast<uint32_t>(frame.size());
    return p;
}

} // namespace sb
