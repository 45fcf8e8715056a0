#include "core/net/eventloop.h"

#include "core/net/event.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace sb {

EventLoop::EventLoop()
    : m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    // No loop thread until loop() runs: work handed over before then is queued, never run on
    // the thread that happened to construct the loop.
    if (m_epoll < 0 || m_wakeFd < 0) {
        std::perror("sockbench: epoll_create1/eventfd");
        std::abort();
    }
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.u64 = UINT64_MAX; // the wake-up fd is no watch
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
}

EventLoop::~EventLoop()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

void EventLoop::assertInLoopThread() const
{
    // In every build, not only with assert(): a loop-only call from another thread is a race
    // that would otherwise corrupt the watch table silently, far from its cause.
    if (!isInLoopThread()) {
        std::fprintf(stderr, "sockbench: an EventLoop-only call was made off its loop thread\n");
        std::abort();
    }
}

void EventLoop::loop()
{
    m_thread.store(std::this_thread::get_id());
    epoll_event events[64];
    while (!m_quit.load(std::memory_order_acquire)) {
        const int n = epoll_wait(m_epoll, events, 64, nextTimeoutMs());
        if (n < 0 && errno != EINTR) {
            std::perror("sockbench: epoll_wait");
            break;
        }
        // Work queued from another thread before this round's I/O was ready runs first: a
        // relay's new fault plan, set before a datagram was sent to it, meets that datagram.
        for (int i = 0; i < n; ++i)
            if (events[i].data.u64 == UINT64_MAX) {
                uint64_t count;
                // One read takes an eventfd's whole count.
                [[maybe_unused]] const ssize_t r = ::read(m_wakeFd, &count, sizeof count);
                runPending();
            }
        for (int i = 0; i < n; ++i) {
            const uint64_t data = events[i].data.u64;
            if (data == UINT64_MAX)
                continue;
            const int fd = static_cast<int>(data & 0xffffffffu);
            const auto it = m_handlers.find(fd);
            // Skip events of an fd unwatched (and maybe reused) earlier in this round.
            if (it == m_handlers.end() || it->second.generation != (data >> 32))
                continue;
            std::shared_ptr<Handler> handler = it->second.handler; // survives an unwatch inside
            (*handler)(events[i].events);
        }
        runDueTimers();
        runPending();
    }
    // Work queued while quitting still runs, so that closes and final events happen.
    runPending();
}

void EventLoop::quit()
{
    m_quit.store(true, std::memory_order_release);
    if (!isInLoopThread())
        wakeup();
}

void EventLoop::runInLoop(Functor f)
{
    if (isInLoopThread())
        f();
    else
        queueInLoop(std::move(f));
}

void EventLoop::queueInLoop(Functor f)
{
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(f));
    }
    // Queued by the loop's own handlers: runPending() comes at the end of this round anyway,
    // so an echo's every reply need not cost an eventfd write, read and an extra epoll_wait.
    // From inside runPending() it would wait for the next wake-up: that one still writes.
    if (isInLoopThread() && !m_runningPending)
        return;
    // One eventfd write per burst: later producers see the pending bit and skip the syscall.
    if (!m_wakePending.exchange(true, std::memory_order_acq_rel))
        wakeup();
}

void EventLoop::wakeup()
{
    const uint64_t one = 1;
    ssize_t n;
    do {
        n = ::write(m_wakeFd, &one, sizeof one);
    } while (n < 0 && errno == EINTR);
}

void EventLoop::runPending()
{
    std::vector<Functor> work;
    m_wakePending.store(false, std::memory_order_release);
    {
        std::lock_guard lock(m_mutex);
        work.swap(m_pending);
    }
    m_runningPending = true;
    for (Functor &f : work)
        f();
    m_runningPending = false;
}

bool EventLoop::watch(int fd, uint32_t events, Handler handler)
{
    assertInLoopThread();
    const uint32_t gen = ++m_generation;
    m_handlers[fd] = Watch {gen, std::make_shared<Handler>(std::move(handler))};
    epoll_event ev {};
    ev.events = events;
    ev.data.u64 = (uint64_t(gen) << 32) | uint32_t(fd);
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) == 0)
        return true;
    if (errno == EEXIST && epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) == 0)
        return true;
    const int err = errno; // EPERM: a regular file or /dev/null, which epoll cannot watch
    m_handlers.erase(fd);
    errno = err;
    return false;
}

void EventLoop::modify(int fd, uint32_t events)
{
    assertInLoopThread();
    const auto it = m_handlers.find(fd);
    if (it == m_handlers.end())
        return;
    epoll_event ev {};
    ev.events = events;
    ev.data.u64 = (uint64_t(it->second.generation) << 32) | uint32_t(fd);
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
}

void EventLoop::unwatch(int fd, bool closing)
{
    assertInLoopThread();
    // An event already fetched for fd in this round is skipped by the generation check.
    if (m_handlers.erase(fd) && !closing)
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

EventLoop::TimerId EventLoop::runAfter(int64_t ms, Functor f)
{
    assertInLoopThread();
    const TimerId id = m_nextTimer++;
    m_timers.emplace(id, std::move(f));
    m_timerQueue.push(Timer {monotonicNs() + ms * 1000000, id});
    return id;
}

void EventLoop::cancelTimer(TimerId id)
{
    assertInLoopThread();
    m_timers.erase(id);
}

int EventLoop::nextTimeoutMs() const
{
    if (m_timerQueue.empty())
        return -1;
    const int64_t delta = m_timerQueue.top().dueNs - monotonicNs();
    if (delta <= 0)
        return 0;
    return static_cast<int>((delta + 999999) / 1000000);
}

void EventLoop::runDueTimers()
{
    const int64_t now = monotonicNs();
    while (!m_timerQueue.empty() && m_timerQueue.top().dueNs <= now) {
        const TimerId id = m_timerQueue.top().id;
        m_timerQueue.pop();
        const auto it = m_timers.find(id);
        if (it == m_timers.end())
            continue; // cancelled
        Functor f = std::move(it->second);
        m_timers.erase(it);
        f();
    }
}

} // namespace sb
