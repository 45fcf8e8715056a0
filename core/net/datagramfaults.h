#pragma once

#include "core/text/bytes.h"
#include "core/text/faultplan.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace sb {

/// What a UDP relay's faults do to the datagrams of one direction: which are dropped, sent
/// twice or held back to leave after the next one, and when each leaves (delay, throttle).
/// It makes no call: the relay gives it each datagram as it arrives, then sends what it hands
/// back when its time comes. Loop thread only.
class DatagramFaults
{
public:
    void setPlan(const FaultPlan &plan);
    const FaultPlan &plan() const { return m_plan; }

    /// A datagram arrived at nowNs. Returns the faults that acted on it ("drop", "duplicate",
    /// "reorder"), in that order; what is to go out is queued.
    std::vector<std::string> admit(Bytes datagram, int64_t nowNs);
    /// The next datagram whose time has come at nowNs (a held one whose wait ran out
    /// included), or none.
    std::optional<Bytes> takeDue(int64_t nowNs);
    /// When takeDue will next have something: 0 when nothing waits.
    int64_t nextDueNs() const;
    size_t waiting() const { return m_queue.size() + (m_held ? 1 : 0); }
    /// Forgets every datagram waiting (the flow is closing).
    void clear();

private:
    struct Pending
    {
        Bytes data;
        int64_t dueNs = 0;
    };
    struct Held
    {
        Bytes data;
        int copies = 1;
        int64_t dueNs = 0; ///< when it leaves if no other datagram comes first
    };
    bool chance(unsigned percent);
    void enqueue(Bytes data, int64_t nowNs);
    void releaseHeld(int64_t nowNs);

    FaultPlan m_plan;
    std::mt19937_64 m_random;
    bool m_seeded = false;
    std::deque<Pending> m_queue;
    std::optional<Held> m_held;
    int64_t m_freeNs = 0; ///< throttle: when the link is free for the next datagram
};

} // namespace sb
