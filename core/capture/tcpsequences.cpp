#include "core/capture/tcpsequences.h"

namespace sb {
namespace {

/// Flows remembered before the table starts afresh: a long capture must not grow without end.
constexpr size_t kMaxDirections = 8192;

} // namespace

std::string TcpSequences::key(const Address &from, const Address &to)
{
    return from.toString() + ">" + to.toString();
}

void TcpSequences::number(Packet &p)
{
    if (p.proto != PacketProto::Tcp || !p.problem.empty())
        return;
    if (m_initial.size() > kMaxDirections)
        m_initial.clear();
    const std::string forward = key(p.src, p.dst);
    // A SYN starts the direction afresh (a new connection on the same ports after TIME_WAIT).
    if (p.tcpFlags & tcpflag::kSyn)
        m_initial[forward] = p.seq;
    const auto mine = m_initial.try_emplace(forward, p.seq).first->second;
    p.relSeq = p.seq - mine;
    p.relative = true;
    if (p.tcpFlags & tcpflag::kAck) {
        const auto theirs = m_initial.find(key(p.dst, p.src));
        // Their ISN not seen (we joined mid-connection): show their number as it is.
        p.relAck = theirs != m_initial.end() ? p.ack - theirs->second : p.ack;
    }
}

} // namespace sb
