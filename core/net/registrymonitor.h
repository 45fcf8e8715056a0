#pragma once

#include "core/net/registry.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sb {

/// Snapshots the Registry on its own thread every interval and hands the rows to a callback
/// (called on that thread), so that no GUI thread ever makes the queries. Thread-safe.
class RegistryMonitor
{
public:
    using Callback = std::function<void(std::vector<SocketRow>)>;
    RegistryMonitor(const Registry &registry, int intervalMs, Callback callback);
    ~RegistryMonitor();
    /// Take a snapshot now rather than at the next tick.
    void refreshNow();
    void setInterval(int intervalMs);

private:
    void run();

    const Registry &m_registry;
    Callback m_callback;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    int m_intervalMs;
    bool m_stop = false;
    bool m_refresh = false;
    std::thread m_thread;
};

} // namespace sb
