#pragma once

#include "core/net/event.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace sb {

/// A bounded EventSink between worker threads and one consumer. Thread-safe.
/// Producers never wait for the consumer: when the queue is full, log entries (Data, Trace,
/// Progress) are dropped and counted, while the few events that change state (Opened, Closed,
/// Error, ...) are always kept. The consumer is woken once per burst, not once per event.
class EventQueue : public EventSink
{
public:
    explicit EventQueue(size_t capacity = 1 << 16);

    /// Called from a producer thread when the queue turns non-empty after a drain.
    void setWakeup(std::function<void()> wakeup);
    void post(Event event) override;
    /// Moves out up to max events. If entries were dropped since the last drain, the first
    /// event is a Dropped event whose size is how many.
    size_t drain(std::vector<Event> &out, size_t max = SIZE_MAX);
    /// Blocks until an event is queued or timeoutMs passes; true if one is queued.
    bool wait(int timeoutMs);
    uint64_t droppedTotal() const;
    size_t capacity() const { return m_capacity; }
    /// Lossless mode (for the CLI, which must print every byte): post() waits for room
    /// instead of dropping. The producer then runs at the consumer's pace, like netcat.
    void setLossless(bool lossless);

private:
    const size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::condition_variable m_room;
    bool m_lossless = false;
    std::deque<Event> m_events;
    std::function<void()> m_wakeup;
    bool m_wakePending = false;
    uint64_t m_droppedSinceDrain = 0;
    uint64_t m_droppedTotal = 0;
};

} // namespace sb
