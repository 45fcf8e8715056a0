#include "core/capture/capturefilter.h"

#include <cassert>
#include <string>

#include <linux/if_packet.h>
#include <netinet/in.h>

namespace sb {
namespace {

/// A tiny assembler: jumps name labels, resolved to BPF's relative offsets at the end.
class Program
{
public:
    void op(uint16_t code, uint32_t k) { m_code.push_back({code, {}, {}, k}); }
    /// Jump to ifTrue when the test holds, else to ifFalse ("" = the next instruction).
    void jump(uint16_t code, uint32_t k, std::string ifTrue, std::string ifFalse = {})
    {
        m_code.push_back({code, std::move(ifTrue), std::move(ifFalse), k});
    }
    void label(const std::string &name) { m_labels.push_back({name, m_code.size()}); }

    std::vector<sock_filter> assemble() const
    {
        std::vector<sock_filter> out;
        for (size_t i = 0; i < m_code.size(); ++i) {
            const Insn &insn = m_code[i];
            out.push_back({insn.code, offset(i, insn.ifTrue), offset(i, insn.ifFalse), insn.k});
        }
        return out;
    }

private:
    struct Insn
    {
        uint16_t code;
        std::string ifTrue;
        std::string ifFalse;
        uint32_t k;
    };
    uint8_t offset(size_t from, const std::string &label) const
    {
        if (label.empty())
            return 0;
        for (const auto &[name, at] : m_labels)
            if (name == label) {
                assert(at > from && at - from - 1 <= 255);
                return static_cast<uint8_t>(at - from - 1);
            }
        assert(false && "unknown label");
        return 0;
    }

    std::vector<Insn> m_code;
    std::vector<std::pair<std::string, size_t>> m_labels;
};

constexpr uint32_t kEtherType = 12;
constexpr uint32_t kIpv4Start = 14;
constexpr uint32_t kIpv6Start = 14;

/// A jeq per port on the value in A: any one jumps to accept, none falls through.
void checkPorts(Program &p, const std::vector<uint16_t> &ports)
{
    for (uint16_t port : ports)
        p.jump(BPF_JMP | BPF_JEQ | BPF_K, port, "accept");
}

} // namespace

std::vector<sock_filter> loopbackFilter(const std::vector<uint16_t> &given, uint32_t snapLength)
{
    const std::vector<uint16_t> ports
            = given.size() > kMaxFilterPorts ? std::vector<uint16_t> {} : given;
    Program p;
    p.op(BPF_LD | BPF_W | BPF_ABS, uint32_t(SKF_AD_OFF + SKF_AD_PKTTYPE));
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OUTGOING, "drop");
    p.op(BPF_LD | BPF_H | BPF_ABS, kEtherType);
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, 0x0800, "v4");
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, 0x86dd, "v6", "drop");

    p.label("v4");
    p.op(BPF_LD | BPF_B | BPF_ABS, kIpv4Start + 9); // protocol
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_ICMP, "accept");
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_TCP, "v4ports");
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_UDP, "v4ports", "drop");
    p.label("v4ports");
    if (ports.empty()) {
        p.op(BPF_RET | BPF_K, snapLength);
    } else {
        // A later fragment has no ports to look at.
        p.op(BPF_LD | BPF_H | BPF_ABS, kIpv4Start + 6);
        p.jump(BPF_JMP | BPF_JSET | BPF_K, 0x1fff, "drop");
        p.op(BPF_LDX | BPF_B | BPF_MSH, kIpv4Start); // X = IPv4 header length
        p.op(BPF_LD | BPF_H | BPF_IND, kIpv4Start); // source port
        checkPorts(p, ports);
        p.op(BPF_LD | BPF_H | BPF_IND, kIpv4Start + 2); // destination port
        checkPorts(p, ports);
        p.op(BPF_RET | BPF_K, 0);
    }

    p.label("v6");
    p.op(BPF_LD | BPF_B | BPF_ABS, kIpv6Start + 6); // next header
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_ICMPV6, "accept");
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_TCP, "v6ports");
    p.jump(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_UDP, "v6ports", "drop");
    p.label("v6ports");
    if (!ports.empty()) {
        p.op(BPF_LD | BPF_H | BPF_ABS, kIpv6Start + 40);
        checkPorts(p, ports);
        p.op(BPF_LD | BPF_H | BPF_ABS, kIpv6Start + 42);
        checkPorts(p, ports);
        p.op(BPF_RET | BPF_K, 0);
    }
    p.label("accept");
    p.op(BPF_RET | BPF_K, snapLength);
    p.label("drop");
    p.op(BPF_RET | BPF_K, 0);
    return p.assemble();
}

} // namespace sb
