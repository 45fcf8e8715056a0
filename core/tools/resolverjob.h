#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace sb {

/// Runs one blocking lookup (getaddrinfo, getnameinfo, ...) on a thread of its own and hands
/// the result to a callback on that thread. start, cancel, isCurrent and the destructor are
/// called from one owning thread; the callback runs on the lookup's thread.
///
/// getaddrinfo cannot be interrupted (glibc has no cancellation point a caller could use
/// safely, and getaddrinfo_a's gai_cancel only cancels requests not yet started). So cancel()
/// does not stop the lookup: it guarantees that the callback will not run once cancel()
/// returns, and the thread, which is detached, ends by itself when the resolver answers. The
/// lookup and callback must therefore own everything they touch (capture by value), and the
/// callback must not call back into its job (it runs under the job's lock): post instead.
class ResolverJob
{
public:
    ResolverJob() = default;
    ~ResolverJob() { cancel(); }
    ResolverJob(const ResolverJob &) = delete;
    ResolverJob &operator=(const ResolverJob &) = delete;

    /// Cancels any lookup under way, then runs lookup() on a new thread and done(result)
    /// after it, unless cancelled meanwhile. Returns the lookup's ticket for isCurrent().
    template<class Lookup, class Done>
    uint64_t start(Lookup lookup, Done done)
    {
        cancel();
        ++m_ticket;
        auto state = std::make_shared<State>();
        m_state = state;
        std::thread([state, lookup = std::move(lookup), done = std::move(done)]() mutable {
            auto result = lookup();
            // Holding the lock across done() is what makes cancel() a barrier: after it
            // returns, done is neither running nor going to run.
            std::lock_guard lock(state->mutex);
            state->finished = true;
            if (!state->cancelled)
                done(std::move(result));
        }).detach();
        return m_ticket;
    }

    /// Whether ticket is the last lookup started and it was not cancelled since. An answer
    /// that done() forwarded to another thread (a queued call to the GUI) checks this there,
    /// on the owning thread: a cancel() that came after the forward still drops it.
    bool isCurrent(uint64_t ticket) const { return ticket == m_ticket && m_state; }

    /// Drops the result of the lookup under way (its thread runs on until the resolver
    /// answers, then ends). Waits for a callback already running to return.
    void cancel()
    {
        const std::shared_ptr<State> state = std::exchange(m_state, nullptr);
        ++m_ticket;
        if (!state)
            return;
        std::lock_guard lock(state->mutex);
        state->cancelled = true;
    }

    /// A lookup was started and neither finished nor cancelled.
    bool running() const
    {
        if (!m_state)
            return false;
        std::lock_guard lock(m_state->mutex);
        return !m_state->finished;
    }

private:
    struct State
    {
        std::mutex mutex;
        bool cancelled = false;
        bool finished = false;
    };
    std::shared_ptr<State> m_state;
    uint64_t m_ticket = 0; // owning thread only
};

} // namespace sb
