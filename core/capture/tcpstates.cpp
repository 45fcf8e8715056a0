#include "core/capture/tcpstates.h"

namespace sb {

std::string TcpStates::key(const Address &local, const Address &peer)
{
    return local.toString() + "|" + peer.toString();
}

const char *TcpStates::name(State state)
{
    switch (state) {
    case State::None:
        return "";
    case State::SynSent:
        return "SYN-SENT";
    case State::SynRecv:
        return "SYN-RECV";
    case State::Established:
        return "ESTAB";
    case State::FinWait1:
        return "FIN-WAIT-1";
    case State::FinWait2:
        return "FIN-WAIT-2";
    case State::CloseWait:
        return "CLOSE-WAIT";
    case State::Closing:
        return "CLOSING";
    case State::LastAck:
        return "LAST-ACK";
    case State::TimeWait:
        return "TIME-WAIT";
    case State::Closed:
        return "CLOSED";
    }
    return "";
}

void TcpStates::apply(const Packet &p)
{
    if (p.proto != PacketProto::Tcp || !p.problem.empty() || !p.relative)
        return;
    End &from = m_ends[key(p.src, p.dst)];
    End &to = m_ends[key(p.dst, p.src)];
    const uint8_t f = p.tcpFlags;
    if (f & tcpflag::kRst) {
        from.state = State::Closed;
        to.state = State::Closed;
        return;
    }
    if ((f & tcpflag::kSyn) && !(f & tcpflag::kAck)) {
        from = End {State::SynSent};
        to = End {State::SynRecv}; // the listener answers with its SYN-ACK at once
        return;
    }
    if ((f & tcpflag::kSyn) && (f & tcpflag::kAck)) {
        from.state = State::SynRecv;
        to.state = State::Established; // the client's ACK goes back at once
        return;
    }
    // The sender's side: a FIN of its own.
    if (f & tcpflag::kFin) {
        if (!from.finSent) {
            from.finSent = true;
            from.finSeq = p.relSeq + p.payloadLength;
            if (from.state == State::Established || from.state == State::SynRecv)
                from.state = State::FinWait1;
            else if (from.state == State::CloseWait)
                from.state = State::LastAck;
        }
    } else if (from.state == State::SynRecv) {
        from.state = State::Established; // the third segment of the handshake
    }
    // The receiver's side: an ACK that covers its FIN, then the sender's FIN.
    if ((f & tcpflag::kAck) && to.finSent && p.relAck >= to.finSeq + 1) {
        if (to.state == State::FinWait1)
            to.state = State::FinWait2;
        else if (to.state == State::Closing)
            to.state = State::TimeWait;
        else if (to.state == State::LastAck)
            to.state = State::Closed;
    }
    if (to.state == State::SynRecv && (f & tcpflag::kAck))
        to.state = State::Established;
    if (f & tcpflag::kFin) {
        if (to.state == State::Established)
            to.state = State::CloseWait;
        else if (to.state == State::FinWait1)
            to.state = State::Closing;
        else if (to.state == State::FinWait2)
            to.state = State::TimeWait;
    }
}

std::string TcpStates::stateOf(const Address &local, const Address &peer) const
{
    const auto it = m_ends.find(key(local, peer));
    return it == m_ends.end() ? std::string() : name(it->second.state);
}

} // namespace sb
