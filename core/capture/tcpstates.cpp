#include "core/capture/tcpstates.h"

namespace sb {

std::string TcpStates::key(const Address &local, const Address &peer)
{
    return local.toString() + "|" + peer.toString();
}

void TcpStates::move(End &end, TcpState state, const Packet &p, bool sent)
{
    // An end not seen before (a RST to a port nobody spoke from) is first seen in its state.
    const TcpState from = end.known ? end.state : state;
    if (end.known && from == state)
        return;
    const TcpStepCause cause = !end.known ? TcpStepCause::FirstSeen
            : sent                        ? TcpStepCause::Sent
                                          : TcpStepCause::Received;
    end.known = true;
    end.state = state;
    if (end.path.size() >= kMaxSteps)
        end.path.erase(end.path.begin());
    end.path.push_back(
            TcpStep {p.monoNs, from, state, cause, p.tcpFlags, p.number, p.payloadLength});
}

void TcpStates::forgetClosed()
{
    for (const TcpState gone : {TcpState::Closed, TcpState::TimeWait}) {
        if (m_ends.size() <= kMaxEnds)
            return;
        std::erase_if(m_ends, [gone](const auto &e) { return e.second.state == gone; });
    }
}

void TcpStates::apply(const Packet &p)
{
    if (p.proto != PacketProto::Tcp || !p.problem.empty() || !p.relative)
        return;
    if (m_ends.size() > kMaxEnds)
        forgetClosed();
    End &from = m_ends[key(p.src, p.dst)];
    End &to = m_ends[key(p.dst, p.src)];
    const uint8_t f = p.tcpFlags;
    if (f & tcpflag::kRst) {
        move(from, TcpState::Closed, p, true);
        move(to, TcpState::Closed, p, false);
        return;
    }
    if ((f & tcpflag::kSyn) && !(f & tcpflag::kAck)) {
        // A new connection on these ports: what came before is another connection's.
        from = End {true, TcpState::Closed};
        to = End {true, TcpState::Listen};
        move(from, TcpState::SynSent, p, true);
        move(to, TcpState::SynRecv, p, false); // the listener answers with its SYN-ACK at once
        return;
    }
    if ((f & tcpflag::kSyn) && (f & tcpflag::kAck)) {
        move(from, TcpState::SynRecv, p, true);
        move(to, TcpState::Established, p, false); // the client's ACK goes back at once
        return;
    }
    if (!from.known && !to.known) {
        // The capture began after the handshake: both ends are synchronized.
        for (End *end : {&from, &to}) {
            end->known = true;
            end->state = TcpState::Established;
            end->path.push_back(TcpStep {p.monoNs, TcpState::Established, TcpState::Established,
                                         TcpStepCause::FirstSeen, f, p.number, p.payloadLength});
        }
    }
    // The sender's side: a FIN of its own.
    if (f & tcpflag::kFin) {
        if (!from.finSent) {
            from.finSent = true;
            from.finSeq = p.relSeq + p.payloadLength;
            if (from.state == TcpState::Established || from.state == TcpState::SynRecv)
                move(from, TcpState::FinWait1, p, true);
            else if (from.state == TcpState::CloseWait)
                move(from, TcpState::LastAck, p, true);
        }
    } else if (from.state == TcpState::SynRecv) {
        move(from, TcpState::Established, p, true); // the third segment of the handshake
    }
    // The receiver's side: an ACK that covers its FIN, then the sender's FIN (RFC 9293 checks
    // the ACK field before the FIN bit, so a FIN that also acknowledges ours takes FIN-WAIT-1
    // through FIN-WAIT-2 to TIME-WAIT).
    if ((f & tcpflag::kAck) && to.finSent && p.relAck >= to.finSeq + 1) {
        if (to.state == TcpState::FinWait1)
            move(to, TcpState::FinWait2, p, false);
        else if (to.state == TcpState::Closing)
            move(to, TcpState::TimeWait, p, false);
        else if (to.state == TcpState::LastAck)
            move(to, TcpState::Closed, p, false);
    }
    if (to.state == TcpState::SynRecv && (f & tcpflag::kAck))
        move(to, TcpState::Established, p, false);
    if (f & tcpflag::kFin) {
        if (to.state == TcpState::Established)
            move(to, TcpState::CloseWait, p, false);
        else if (to.state == TcpState::FinWait1)
            move(to, TcpState::Closing, p, false);
        else if (to.state == TcpState::FinWait2)
            move(to, TcpState::TimeWait, p, false);
    }
}

std::string TcpStates::stateOf(const Address &local, const Address &peer) const
{
    const auto it = m_ends.find(key(local, peer));
    return it == m_ends.end() || !it->second.known ? std::string() : ssStateName(it->second.state);
}

std::vector<TcpStep> TcpStates::pathOf(const Address &local, const Address &peer) const
{
    const auto it = m_ends.find(key(local, peer));
    return it == m_ends.end() ? std::vector<TcpStep>() : it->second.path;
}

} // namespace sb
