#include "ui/sendplan.h"

namespace sb {

SendPlan::SendPlan(Bytes bytes, int repeat, int intervalMs, SendFn send, QObject *parent)
    : QObject(parent)
    , m_bytes(std::move(bytes))
    , m_repeat(std::max(1, repeat))
    , m_intervalMs(std::max(0, intervalMs))
    , m_send(std::move(send))
{
    connect(&m_timer, &QTimer::timeout, this, &SendPlan::tick);
}

void SendPlan::start()
{
    tick();
    if (!isDone())
        m_timer.start(m_intervalMs > 0 ? m_intervalMs : 5); // 5 ms: no busy loop while held back
}

void SendPlan::cancel()
{
    m_cancelled = true;
    m_timer.stop();
}

void SendPlan::setQueued(uint64_t queued) { m_queuedEstimate = queued; }

void SendPlan::tick()
{
    if (isDone()) {
        m_timer.stop();
        return;
    }
    if (m_intervalMs > 0) {
        m_send(m_bytes);
        ++m_sent;
    } else {
        // As fast as the socket takes it: a slice per tick, none while the queue is high.
        uint64_t handed = 0;
        while (m_sent < m_repeat && handed < kBytesPerTick && m_queuedEstimate < kHighWater) {
            m_send(m_bytes);
            ++m_sent;
            handed += std::max<uint64_t>(1, pieceSize());
            m_queuedEstimate += pieceSize();
        }
    }
    emit progressed(m_sent, m_repeat);
    if (isDone()) {
        m_timer.stop();
        emit allHandedOver();
    }
}

} // namespace sb
