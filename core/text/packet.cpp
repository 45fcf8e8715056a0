#include "core/text/packet.h"

namespace sb {
namespace {

const char *protoName(PacketProto proto)
{
    switch (proto) {
    case PacketProto::Tcp:
        return "tcp";
    case PacketProto::Udp:
        return "udp";
    case PacketProto::Icmp:
        return "icmp";
    case PacketProto::Icmp6:
        return "icmp6";
    case PacketProto::Other:
        return "ip";
    }
    return "ip";
}

std::string hostPort(const Address &a, bool withPort)
{
    if (!a.valid())
        return "?";
    if (!withPort)
        return a.host();
    return a.toString();
}

} // namespace

std::string tcpFlagsText(uint8_t flags)
{
    // tcpdump's letters and order: S F R P U E W, then '.' for ACK.
    std::string s = "[";
    if (flags & tcpflag::kSyn)
        s += 'S';
    if (flags & tcpflag::kFin)
        s += 'F';
    if (flags & tcpflag::kRst)
        s += 'R';
    if (flags & tcpflag::kPsh)
        s += 'P';
    if (flags & tcpflag::kUrg)
        s += 'U';
    if (flags & tcpflag::kEce)
        s += 'E';
    if (flags & tcpflag::kCwr)
        s += 'W';
    if (flags & tcpflag::kAck)
        s += '.';
    if (s.size() == 1)
        s += "none";
    return s + "]";
}

std::string tcpOptionsText(const TcpOptions &o)
{
    std::string s;
    const auto add = [&s](const std::string &part) {
        s += s.empty() ? "<" : ",";
        s += part;
    };
    if (o.mss >= 0)
        add("mss " + std::to_string(o.mss));
    if (o.sackPermitted)
        add("sackOK");
    if (o.sackBlocks > 0)
        add("sack " + std::to_string(o.sackBlocks));
    if (o.timestamps)
        add("TS val " + std::to_string(o.tsval) + " ecr " + std::to_string(o.tsecr));
    if (o.windowScale >= 0)
        add("wscale " + std::to_string(o.windowScale));
    return s.empty() ? s : s + ">";
}

bool isIcmpError(PacketProto proto, uint8_t type)
{
    if (proto == PacketProto::Icmp)
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    if (proto == PacketProto::Icmp6)
        return type >= 1 && type <= 4;
    return false;
}

std::string icmpText(PacketProto proto, uint8_t type, uint8_t code)
{
    if (proto == PacketProto::Icmp) {
        switch (type) {
        case 0:
            return "echo reply";
        case 8:
            return "echo request";
        case 11:
            return "time exceeded";
        case 3:
            switch (code) {
            case 0:
                return "net unreachable";
            case 1:
                return "host unreachable";
            case 2:
                return "protocol unreachable";
            case 3:
                return "port unreachable";
            case 4:
                return "fragmentation needed";
            default:
                return "unreachable, code " + std::to_string(code);
            }
        default:
            return "type " + std::to_string(type) + " code " + std::to_string(code);
        }
    }
    switch (type) {
    case 1:
        if (code == 4)
            return "port unreachable";
        if (code == 3)
            return "address unreachable";
        return "unreachable, code " + std::to_string(code);
    case 2:
        return "packet too big";
    case 3:
        return "time exceeded";
    case 128:
        return "echo request";
    case 129:
        return "echo reply";
    default:
        return "type " + std::to_string(type) + " code " + std::to_string(code);
    }
}

std::string packetSummary(const Packet &p)
{
    if (p.ipVersion == 0)
        return "non-IP frame, " + std::to_string(p.wireLength) + " bytes"
                + (p.problem.empty() ? "" : " (" + p.problem + ")");
    const bool ports = p.proto == PacketProto::Tcp || p.proto == PacketProto::Udp;
    std::string s = hostPort(p.src, ports) + " > " + hostPort(p.dst, ports) + " ";
    switch (p.proto) {
    case PacketProto::Tcp: {
        s += tcpFlagsText(p.tcpFlags);
        const uint32_t seq = p.relative ? p.relSeq : p.seq;
        if (p.payloadLength > 0)
            s += " seq " + std::to_string(seq) + ":" + std::to_string(seq + p.payloadLength);
        else
            s += " seq " + std::to_string(seq);
        if (p.tcpFlags & tcpflag::kAck)
            s += " ack " + std::to_string(p.relative ? p.relAck : p.ack);
        s += " win " + std::to_string(p.window);
        const std::string options = tcpOptionsText(p.options);
        if (!options.empty())
            s += " " + options;
        s += " len " + std::to_string(p.payloadLength);
        break;
    }
    case PacketProto::Udp:
        s += "UDP len " + std::to_string(p.payloadLength);
        break;
    case PacketProto::Icmp:
    case PacketProto::Icmp6:
        s += p.proto == PacketProto::Icmp ? "ICMP " : "ICMP6 ";
        s += icmpText(p.proto, p.icmpType, p.icmpCode);
        if (p.hasInner) {
            const bool innerPorts
                    = p.innerProto == PacketProto::Tcp || p.innerProto == PacketProto::Udp;
            s += std::string(" (") + protoName(p.innerProto) + " "
                    + hostPort(p.innerSrc, innerPorts) + " > " + hostPort(p.innerDst, innerPorts)
                    + ")";
        }
        break;
    case PacketProto::Other:
        s += "IP, " + std::to_string(p.wireLength) + " bytes";
        break;
    }
    if (!p.problem.empty())
        s += " (" + p.problem + ")";
    return s;
}

} // namespace sb
