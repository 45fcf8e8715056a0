#include "core/net/eventqueue.h"

namespace sb {
EventQueue::EventQueue(size_t capacity)
    : m_capacity(capacity)
{ }

void EventQueue::setWakeup(std::function<void()> wakeup)
{
    std::lock_guard lock(m_mutex);
    m_wakeup = std::move(wakeup);
}

void EventQueue::setLossless(bool lossless)
{
    std::lock_guard lock(m_mutex);
    m_lossless = lossless;
    m_room.notify_all();
}

void EventQueue::post(Event event)
{
    std::function<void()> wake;
    {
        std::unique_lock lock(m_mutex);
        if (m_events.size() >= m_capacity && event.isLogEntry()) {
            if (!m_lossless) {
                ++m_droppedSinceDrain;
                ++m_droppedTotal;
                return;
            }
            m_room.wait(lock, [this] { return m_events.size() < m_capacity || !m_lossless; });
        }
        m_events.push_back(std::move(event));
        if (!m_wakePending) {
            m_wakePending = true;
            wake = m_wakeup;
        }
    }
    m_cv.notify_one();
    if (wake)
        wake();
}

size_t EventQueue::drain(std::vector<Event> &out, size_t max)
{
    std::lock_guard lock(m_mutex);
    size_t moved = 0;
    if (m_droppedSinceDrain > 0 && max > 0) {
        Event dropped(0, ev::Dropped {.entries = m_droppedSinceDrain});
        dropped.monoNs = monotonicNs();
        out.push_back(std::move(dropped));
        m_droppedSinceDrain = 0;
        ++moved;
    }
    while (moved < max && !m_events.empty()) {
        out.push_back(std::move(m_events.front()));
        m_events.pop_front();
        ++moved;
    }
    if (m_events.empty())
        m_wakePending = false;
    m_room.notify_all();
    return moved;
}

bool EventQueue::wait(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                         [this] { return !m_events.empty() || m_droppedSinceDrain > 0; });
}

uint64_t EventQueue::droppedTotal() const
{
    std::lock_guard lock(m_mutex);
    return m_droppedTotal;
}

} // namespace sb
