#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sb {

/// The eleven states of RFC 9293's connection diagram (section 3.3.2, figure 5).
enum class TcpState : uint8_t {
    Closed,
    Listen,
    SynSent,
    SynRecv,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait
};
constexpr int kTcpStateCount = 11;

/// The name `ss -tan` prints: "ESTAB", "SYN-SENT", "TIME-WAIT", ...; TCP_CLOSE is "CLOSED".
const char *ssStateName(TcpState state);
/// From an ss name (as ssStateName gives it); nullopt for anything else.
std::optional<TcpState> tcpStateFromSsName(std::string_view name);
/// From netstat's names (the Registry's and /proc readers': "ESTABLISHED", "FIN_WAIT1",
/// "CLOSE", ...); nullopt for "UNCONN", "CONNECTED" and other non-TCP words.
std::optional<TcpState> tcpStateFromNetstatName(std::string_view name);
/// From the kernel's TCP_* number (include/net/tcp_states.h; TCP_NEW_SYN_RECV is SYN-RECV).
std::optional<TcpState> tcpStateFromKernel(int state);

/// Why one end of a connection moved from one state to another.
enum class TcpStepCause : uint8_t {
    Sent, ///< it sent the segment (tcpFlags)
    Received, ///< it received the segment
    FirstSeen, ///< the first thing known of it: from == to (a capture begun mid-connection, or
               ///< the kernel's first word)
    Kernel, ///< the kernel said so (TCP_INFO, /proc/net/tcp): no segment seen for it
    TimerExpired, ///< TIME-WAIT's 2MSL (or an orphan's FIN-WAIT-2) timer ran out: the kernel
                  ///< dropped the socket
    Vanished ///< the kernel holds no such socket any more, with no segment seen to say why
};

/// One move of one end. A value.
struct TcpStep
{
    int64_t monoNs = 0; ///< CLOCK_MONOTONIC: the segment's capture time, or the kernel's reading
    TcpState from = TcpState::Closed;
    TcpState to = TcpState::Closed;
    TcpStepCause cause = TcpStepCause::Kernel;
    uint8_t tcpFlags = 0; ///< Sent, Received, FirstSeen from a segment: its flags
    uint64_t packetNumber = 0; ///< the segment's Packet::number; 0 when no segment
    uint32_t payloadLength = 0;
};

} // namespace sb
