#include "core/capture/tcpstate.h"

#include <array>

namespace sb {
namespace {

struct Names
{
    TcpState state;
    const char *ss;
    const char *netstat;
};

constexpr std::array<Names, kTcpStateCount> kNames {{
        {TcpState::Closed, "CLOSED", "CLOSE"},
        {TcpState::Listen, "LISTEN", "LISTEN"},
        {TcpState::SynSent, "SYN-SENT", "SYN_SENT"},
        {TcpState::SynRecv, "SYN-RECV", "SYN_RECV"},
        {TcpState::Established, "ESTAB", "ESTABLISHED"},
        {TcpState::FinWait1, "FIN-WAIT-1", "FIN_WAIT1"},
        {TcpState::FinWait2, "FIN-WAIT-2", "FIN_WAIT2"},
        {TcpState::CloseWait, "CLOSE-WAIT", "CLOSE_WAIT"},
        {TcpState::Closing, "CLOSING", "CLOSING"},
        {TcpState::LastAck, "LAST-ACK", "LAST_ACK"},
        {TcpState::TimeWait, "TIME-WAIT", "TIME_WAIT"},
}};

} // namespace

const char *ssStateName(TcpState state) { return kNames[static_cast<size_t>(state)].ss; }

std::optional<TcpState> tcpStateFromSsName(std::string_view name)
{
    for (const Names &n : kNames)
        if (name == n.ss)
            return n.state;
    return std::nullopt;
}

std::optional<TcpState> tcpStateFromNetstatName(std::string_view name)
{
    for (const Names &n : kNames)
        if (name == n.netstat)
            return n.state;
    if (name == "NEW_SYN_RECV")
        return TcpState::SynRecv;
    return std::nullopt;
}

std::optional<TcpState> tcpStateFromKernel(int state)
{
    switch (state) {
    case 1:
        return TcpState::Established;
    case 2:
        return TcpState::SynSent;
    case 3:
    case 12: // TCP_NEW_SYN_RECV: a request socket, shown by ss as SYN-RECV
        return TcpState::SynRecv;
    case 4:
        return TcpState::FinWait1;
    case 5:
        return TcpState::FinWait2;
    case 6:
        return TcpState::TimeWait;
    case 7:
        return TcpState::Closed;
    case 8:
        return TcpState::CloseWait;
    case 9:
        return TcpState::LastAck;
    case 10:
        return TcpState::Listen;
    case 11:
        return TcpState::Closing;
    }
    return std::nullopt;
}

} // namespace sb
