#pragma once

// A test's view of an endpoint's events: an EventQueue the test drains while it waits for the
// event it expects. Shared by the core tests; not a test itself.

#include "core/net/eventqueue.h"

#include <QElapsedTimer>

#include <deque>
#include <dirent.h>
#include <functional>
#include <string_view>
#include <vector>

namespace sbtest {

/// The body of kind Kind of e; null when e is null or another kind.
template<typename Kind>
const Kind *body(const sb::Event *e)
{
    return e ? e->as<Kind>() : nullptr;
}

/// Whether e is the CallDone of a RawSocket call named op.
inline bool isDone(const sb::Event &e, std::string_view op)
{
    const auto *d = e.as<sb::ev::CallDone>();
    return d && d->op == op;
}

/// Whether e is a Trace of call.
inline bool isTraceOf(const sb::Event &e, sb::SysCall call)
{
    const auto *t = e.as<sb::ev::Trace>();
    return t && t->record && t->record->call == call;
}

/// Whether e is Data of direction dir.
inline bool isData(const sb::Event &e, sb::Direction dir)
{
    const auto *d = e.as<sb::ev::Data>();
    return d && d->dir == dir;
}

class EventWaiter
{
public:
    EventWaiter() { m_queue.setLossless(true); }
    sb::EventSink &sink() { return m_queue; }

    /// Waits up to timeoutMs for an event matching pred; every event seen is kept in seen().
    const sb::Event *waitFor(const std::function<bool(const sb::Event &)> &pred,
                             int timeoutMs = 10000)
    {
        for (size_t i = m_checked; i < m_seen.size(); ++i) {
            if (pred(m_seen[i]))
                return &m_seen[i];
        }
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            m_queue.wait(50);
            const size_t before = m_seen.size();
            pull();
            for (size_t i = before; i < m_seen.size(); ++i) {
                if (pred(m_seen[i]))
                    return &m_seen[i];
            }
        }
        return nullptr;
    }
    /// Waits for an event of kind Kind (on conn, unless UINT32_MAX); its body is
    /// event->as<Kind>(), never null when the event is.
    template<typename Kind>
    const sb::Event *waitKind(sb::ConnId conn = UINT32_MAX, int timeoutMs = 10000)
    {
        return waitFor(
                [=](const sb::Event &e) {
                    return e.is<Kind>() && (conn == UINT32_MAX || e.conn == conn);
                },
                timeoutMs);
    }
    /// The body of the next event of kind Kind (on conn, unless UINT32_MAX); null on timeout.
    template<typename Kind>
    const Kind *waitBody(sb::ConnId conn = UINT32_MAX, int timeoutMs = 10000)
    {
        const sb::Event *e = waitKind<Kind>(conn, timeoutMs);
        return e ? e->as<Kind>() : nullptr;
    }
    /// All bytes received (Data In) so far on conn, in order.
    std::string received(sb::ConnId conn)
    {
        pull();
        std::string all;
        for (const sb::Event &e : m_seen) {
            const auto *d = e.as<sb::ev::Data>();
            if (d && d->dir == sb::Direction::In && e.conn == conn && d->bytes
                && !(d->flags & 1 /* MSG_OOB */))
                all += *d->bytes;
        }
        return all;
    }
    const std::deque<sb::Event> &seen()
    {
        pull();
        return m_seen;
    }

private:
    // A deque, so that the pointers waitFor returns stay valid as more events arrive.
    void pull()
    {
        m_batch.clear();
        m_queue.drain(m_batch);
        for (sb::Event &e : m_batch)
            m_seen.push_back(std::move(e));
    }
    sb::EventQueue m_queue;
    std::vector<sb::Event> m_batch;
    std::deque<sb::Event> m_seen;
    size_t m_checked = 0;
};

inline int openFdCount()
{
    int n = 0;
    if (DIR *d = opendir("/proc/self/fd")) {
        while (readdir(d))
            ++n;
        closedir(d);
    }
    return n;
}

} // namespace sbtest
