#pragma once

#include "core/capture/tcpstate.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace sb {

/// What is known of one end of one TCP connection: the path its state took and its state now.
/// Captured segments (TcpStates::pathOf) make the path when there are any; otherwise the
/// kernel's readings do (TCP_INFO of the workbench's socket, /proc/net/tcp once the workbench
/// closed it), one step per change. The kernel's latest reading is the state now whenever there
/// is one, since that is what `ss -tan` shows; when the kernel no longer holds the socket the
/// end is CLOSED, by the TIME-WAIT timer or otherwise. A value, fed on one thread.
class TcpEndHistory
{
public:
    /// The moves seen in captured segments (replaces those given before).
    void setCaptured(std::vector<TcpStep> path);
    /// The kernel holds the socket in state at nowNs. timerLeftMs: for a socket in TIME-WAIT
    /// (or an orphan in FIN-WAIT-2), the kernel's timer (/proc/net/tcp's tm->when); -1 unknown.
    void observeKernel(int64_t nowNs, TcpState state, int64_t timerLeftMs = -1);
    /// The kernel holds no socket for this end any more (not in /proc/net/tcp, tcp6).
    void observeGone(int64_t nowNs);

    /// The state now; nullopt when nothing is known yet.
    std::optional<TcpState> current() const;
    /// The moves, oldest first: the captured ones when there are any, else the kernel's; then
    /// the move to CLOSED when the kernel dropped the socket.
    std::vector<TcpStep> path() const;
    bool fromCapture() const { return !m_captured.empty(); }
    bool gone() const { return m_goneNs != 0; }
    /// Whether the kernel has given its word (and the socket was not gone since).
    bool kernelKnown() const { return m_kernel.has_value() && !gone(); }
    /// Milliseconds left at nowNs on the kernel's timer of a TIME-WAIT (or orphan FIN-WAIT-2)
    /// socket, counted from its last reading; -1 when there is none.
    int64_t timerLeftMs(int64_t nowNs) const;

private:
    std::vector<TcpStep> m_captured;
    std::vector<TcpStep> m_kernelPath; ///< one step per change of the kernel's readings
    std::optional<TcpState> m_kernel; ///< its latest reading
    int64_t m_timerDeadlineNs = 0; ///< 0: no timer
    int64_t m_goneNs = 0;
};

} // namespace sb
