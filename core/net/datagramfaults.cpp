#include "core/net/datagramfaults.h"

#include <algorithm>

namespace sb {
namespace {

constexpr int64_t kNsPerMs = 1000 * 1000;

} // namespace

void DatagramFaults::setPlan(const FaultPlan &plan)
{
    if (!m_seeded || plan.seed != m_plan.seed)
        m_random.seed(plan.seed); // the same seed, the same choices: a run can be repeated
    m_seeded = true;
    m_plan = plan;
}

bool DatagramFaults::chance(unsigned percent)
{
    if (percent == 0)
        return false;
    if (percent >= 100)
        return true;
    return std::uniform_int_distribution<unsigned>(0, 99)(m_random) < percent;
}

void DatagramFaults::enqueue(Bytes data, int64_t nowNs)
{
    int64_t due = nowNs + int64_t(m_plan.delayMs) * kNsPerMs;
    if (m_plan.throttleBps) {
        // A token bucket of one datagram: each leaves when the one before has "drained" at
        // the rate, so the rate holds over any stretch of datagrams.
        due = std::max(due, m_freeNs);
        const size_t len = data ? data->size() : 0;
        m_freeNs = due + int64_t(len * 1000000000ull / m_plan.throttleBps);
    }
    if (!m_queue.empty())
        due = std::max(due, m_queue.back().dueNs); // datagrams leave in the order queued
    m_queue.push_back({std::move(data), due});
}

std::vector<std::string> DatagramFaults::admit(Bytes datagram, int64_t nowNs)
{
    std::vector<std::string> faults;
    if (chance(m_plan.dropPercent)) {
        faults.emplace_back("drop");
        return faults;
    }
    const int copies = chance(m_plan.duplicatePercent) ? 2 : 1;
    if (copies == 2)
        faults.emplace_back("duplicate");
    if (!m_held && chance(m_plan.reorderPercent)) {
        faults.emplace_back("reorder");
        m_held = Held {std::move(datagram), copies, nowNs + int64_t(m_plan.reorderMs) * kNsPerMs};
        return faults;
    }
    for (int i = 0; i < copies; ++i)
        enqueue(datagram, nowNs);
    // The datagram held back leaves right behind this one: the two swapped places.
    if (m_held)
        releaseHeld(nowNs);
    return faults;
}

void DatagramFaults::releaseHeld(int64_t nowNs)
{
    for (int i = 0; i < m_held->copies; ++i)
        enqueue(m_held->data, nowNs);
    m_held.reset();
}

std::optional<Bytes> DatagramFaults::takeDue(int64_t nowNs)
{
    if (m_held && m_held->dueNs <= nowNs)
        releaseHeld(nowNs); // nothing came to swap with in time: it goes on, late
    if (m_queue.empty() || m_queue.front().dueNs > nowNs)
        return std::nullopt;
    Bytes out = std::move(m_queue.front().data);
    m_queue.pop_front();
    return out;
}

int64_t DatagramFaults::nextDueNs() const
{
    int64_t due = m_queue.empty() ? 0 : m_queue.front().dueNs;
    if (m_held && (due == 0 || m_held->dueNs < due))
        due = m_held->dueNs;
    return due;
}

void DatagramFaults::clear()
{
    m_queue.clear();
    m_held.reset();
}

} // namespace sb
