#include "core/capture/tcpendhistory.h"

#include <algorithm>

namespace sb {

void TcpEndHistory::setCaptured(std::vector<TcpStep> path) { m_captured = std::move(path); }

void TcpEndHistory::observeKernel(int64_t nowNs, TcpState state, int64_t timerLeftMs)
{
    if (gone())
        return; // a socket the kernel dropped does not come back; new ports, new connection
    if (!m_kernel)
        m_kernelPath.push_back({nowNs, state, state, TcpStepCause::FirstSeen});
    else if (*m_kernel != state)
        m_kernelPath.push_back({nowNs, *m_kernel, state, TcpStepCause::Kernel});
    m_kernel = state;
    m_timerDeadlineNs = timerLeftMs >= 0 ? nowNs + timerLeftMs * 1'000'000 : 0;
}

void TcpEndHistory::observeGone(int64_t nowNs)
{
    if (!gone())
        m_goneNs = nowNs;
    m_timerDeadlineNs = 0;
}

std::optional<TcpState> TcpEndHistory::current() const
{
    if (gone())
        return TcpState::Closed;
    if (m_kernel)
        return m_kernel;
    if (!m_captured.empty())
        return m_captured.back().to;
    return std::nullopt;
}

std::vector<TcpStep> TcpEndHistory::path() const
{
    std::vector<TcpStep> out = m_captured.empty() ? m_kernelPath : m_captured;
    if (gone() && !out.empty() && out.back().to != TcpState::Closed) {
        const TcpState last = out.back().to;
        // The segments' path may be behind the kernel's last reading (a capture that missed
        // them): the timer that dropped the socket is the one of the state the kernel read.
        const TcpState timed = m_kernel.value_or(last);
        const bool timer = timed == TcpState::TimeWait || timed == TcpState::FinWait2;
        out.push_back({std::max(m_goneNs, out.back().monoNs), last, TcpState::Closed,
                       timer ? TcpStepCause::TimerExpired : TcpStepCause::Vanished});
    }
    return out;
}

int64_t TcpEndHistory::timerLeftMs(int64_t nowNs) const
{
    if (!m_timerDeadlineNs || gone())
        return -1;
    return std::max<int64_t>(0, (m_timerDeadlineNs - nowNs) / 1'000'000);
}

} // namespace sb
