#pragma once

#include "core/text/bytes.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace sb {

/// One person's "send this N times every T ms": hands the same shared bytes to the endpoint
/// piece by piece from a timer, so the GUI thread never queues a million sends in one go, and
/// holds back while the socket's output queue is over a high-water mark. GUI thread only.
class SendPlan : public QObject
{
    Q_OBJECT
public:
    using SendFn = std::function<void(const Bytes &)>;
    static constexpr uint64_t kHighWater = 16u << 20;
    static constexpr uint64_t kBytesPerTick = 4u << 20;

    SendPlan(Bytes bytes, int repeat, int intervalMs, SendFn send, QObject *parent = nullptr);

    void start();
    void cancel();
    /// The output queue as last seen (Registry counter or Progress event): back-pressure.
    void setQueued(uint64_t queued);

    int sentCount() const { return m_sent; }
    int repeat() const { return m_repeat; }
    uint64_t pieceSize() const { return view(m_bytes).size(); }
    uint64_t totalBytes() const { return pieceSize() * static_cast<uint64_t>(m_repeat); }
    bool isDone() const { return m_sent >= m_repeat || m_cancelled; }
    bool isCancelled() const { return m_cancelled; }

signals:
    void progressed(int sent, int repeat);
    void allHandedOver();

private:
    void tick();

    Bytes m_bytes;
    int m_repeat;
    int m_intervalMs;
    SendFn m_send;
    QTimer m_timer;
    int m_sent = 0;
    uint64_t m_queuedEstimate = 0;
    bool m_cancelled = false;
};

} // namespace sb
