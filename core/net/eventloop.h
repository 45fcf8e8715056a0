#pragma once

#include <queue>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace sb {

/// One epoll loop, run by one thread. It owns the watches and timers registered on it.
/// runInLoop/queueInLoop/quit are thread-safe; every other method is "loop thread only".
class EventLoop
{
public:
    using Functor = std::function<void()>;
    using Handler = std::function<void(uint32_t events)>;
    using TimerId = uint64_t;

    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop &) = delete;
    EventLoop &operator=(const EventLoop &) = delete;

    /// Runs until quit(); the calling thread becomes the loop thread.
    void loop();
    void quit();
    /// Runs f now when called on the loop thread, else queues it.
    void runInLoop(Functor f);
    void queueInLoop(Functor f);
    bool isInLoopThread() const { return m_thread.load() == std::this_thread::get_id(); }
    /// Aborts, in every build, when called off the loop thread.
    void assertInLoopThread() const;

    /// Watch fd for EPOLL* events; handler runs on the loop thread. False (errno set) when
    /// epoll refuses fd: EPERM for a regular file or /dev/null.
    bool watch(int fd, uint32_t events, Handler handler);
    void modify(int fd, uint32_t events);
    /// Stop watching fd; call before closing it. Safe from inside its own handler.
    /// closing: the caller closes fd next, which takes it out of the epoll set by itself.
    void unwatch(int fd, bool closing = false);
    bool watching(int fd) const { return m_handlers.count(fd) != 0; }

    TimerId runAfter(int64_t ms, Functor f);
    void cancelTimer(TimerId id);

private:
    struct Watch
    {
        uint32_t generation;
        std::shared_ptr<Handler> handler;
    };
    struct Timer
    {
        int64_t dueNs;
        TimerId id;
        bool operator>(const Timer &o) const { return dueNs > o.dueNs; }
    };
    void wakeup();
    void runPending();
    int nextTimeoutMs() const;
    void runDueTimers();

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<std::thread::id> m_thread;
    std::atomic<bool> m_quit {false};
    std::atomic<bool> m_wakePending {false};
    std::mutex m_mutex;
    std::vector<Functor> m_pending;
    bool m_runningPending = false; ///< loop thread only
    std::unordered_map<int, Watch> m_handlers;
    uint32_t m_generation = 0;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> m_timerQueue;
    std::unordered_map<TimerId, Functor> m_timers;
    TimerId m_nextTimer = 1;
};

} // namespace sb
