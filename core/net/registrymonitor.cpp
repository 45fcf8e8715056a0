#include "core/net/registrymonitor.h"

namespace sb {

RegistryMonitor::RegistryMonitor(const Registry &registry, int intervalMs, Callback callback)
    : m_registry(registry)
    , m_callback(std::move(callback))
    , m_intervalMs(intervalMs)
    , m_thread([this] { run(); })
{ }

RegistryMonitor::~RegistryMonitor()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void RegistryMonitor::refreshNow()
{
    {
        std::lock_guard lock(m_mutex);
        m_refresh = true;
    }
    m_cv.notify_all();
}

void RegistryMonitor::setInterval(int intervalMs)
{
    {
        std::lock_guard lock(m_mutex);
        m_intervalMs = intervalMs;
    }
    m_cv.notify_all();
}

void RegistryMonitor::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        lock.unlock();
        m_callback(m_registry.snapshot());
        lock.lock();
        m_cv.wait_for(lock, std::chrono::milliseconds(m_intervalMs),
                      [this] { return m_stop || m_refresh; });
        m_refresh = false;
    }
}

} // namespace sb
