#include "ui/corebridge.h"

#include "core/capture/loopbackcapture.h"
#include "core/net/registrymonitor.h"
#include "core/text/clock.h"
#include "ui/foreignsockets.h"

#include <QMetaObject>

#include <algorithm>

namespace sb {
namespace {
// One drain takes at most this many events, so a flood cannot freeze the GUI thread for longer
// than a frame; what is left is taken on the next tick.
constexpr size_t kMaxPerDrain = 20000;
} // namespace

CoreBridge::CoreBridge(QObject *parent, size_t queueCapacity, int registryIntervalMs)
    : QObject(parent)
    , m_queue(queueCapacity)
{
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_drainTimer, &QTimer::timeout, this, &CoreBridge::drainNow);
    m_sinceDrain.start();
    m_packetTimer.setSingleShot(true);
    m_packetTimer.setInterval(int(PacketOwners::kDefaultHoldNs / 1'000'000) / 2);
    connect(&m_packetTimer, &QTimer::timeout, this, &CoreBridge::drainNow);
    // Called on a worker thread, once per burst: all it does is queue one call into the GUI.
    m_queue.setWakeup([this] {
        QMetaObject::invokeMethod(this, &CoreBridge::scheduleDrain, Qt::QueuedConnection);
    });
    // A traced program's sockets are rows too; their state comes from /proc/net by inode.
    m_registry.setForeignStateReader(&fillForeignSocketStates);
    m_monitor = std::make_unique<RegistryMonitor>(
            m_registry, registryIntervalMs, [this](std::vector<SocketRow> rows) {
                QMetaObject::invokeMethod(
                        this, [this, rows = std::move(rows)] { emit socketsSnapshotted(rows); },
                        Qt::QueuedConnection);
            });
}

CoreBridge::~CoreBridge()
{
    // The monitor's thread calls back into this object: end it first.
    m_monitor.reset();
    if (m_capture)
        m_capture->stop();
    for (auto &[id, ep] : m_endpoints)
        ep->stop();
    // Endpoint destructors join their workers; the queue they post to outlives them.
    m_endpoints.clear();
    m_retiring.clear();
    m_queue.setWakeup({});
}

Endpoint *CoreBridge::open(EndpointConfig config)
{
    std::unique_ptr<Endpoint> ep = Endpoint::create(std::move(config), m_queue, m_registry);
    if (!ep)
        return nullptr;
    Endpoint *raw = ep.get();
    m_endpoints[raw->id()] = std::move(ep);
    return raw;
}

Endpoint *CoreBridge::endpoint(EndpointId id) const
{
    const auto it = m_endpoints.find(id);
    return it == m_endpoints.end() ? nullptr : it->second.get();
}

void CoreBridge::retire(EndpointId id)
{
    m_subscriptions.erase(id);
    const auto it = m_endpoints.find(id);
    if (it == m_endpoints.end())
        return;
    it->second->stop();
    m_retiring[id] = std::move(it->second);
    m_endpoints.erase(it);
}

void CoreBridge::subscribe(EndpointId id, QObject *context, Handler handler)
{
    m_subscriptions[id] = Subscription {context, std::move(handler)};
}

void CoreBridge::unsubscribe(EndpointId id) { m_subscriptions.erase(id); }

void CoreBridge::subscribeAll(QObject *context, Handler handler)
{
    m_allSubscriptions.push_back(Subscription {context, std::move(handler)});
}

void CoreBridge::refreshSockets()
{
    if (m_monitor)
        m_monitor->refreshNow();
}

void CoreBridge::scheduleDrain()
{
    if (m_drainTimer.isActive())
        return;
    const qint64 minGapMs = 1000 / kMaxDrainHz;
    const qint64 elapsed = m_sinceDrain.elapsed();
    if (elapsed >= minGapMs)
        drainNow();
    else
        m_drainTimer.start(static_cast<int>(minGapMs - elapsed));
}

void CoreBridge::drainNow()
{
    m_drainTimer.stop();
    m_sinceDrain.restart();
    m_batch.clear();
    QElapsedTimer busy;
    busy.start();
    const size_t n = m_queue.drain(m_batch, kMaxPerDrain);
    if (m_capture)
        attributePackets(m_batch);
    if (!m_batch.empty())
        deliver(m_batch);
    m_batch.clear();
    const int64_t ns = busy.nsecsElapsed();
    m_busyNs += ns;
    m_longestDrainNs = std::max(m_longestDrainNs, ns);
    // A capped drain leaves events behind without a new wake-up: come back next frame.
    if (n >= kMaxPerDrain)
        m_drainTimer.start(1000 / kMaxDrainHz);
}

bool CoreBridge::enableCapture()
{
    if (m_capture)
        return true;
    auto capture = std::make_unique<LoopbackCapture>(m_queue);
    // Only the ports of the workbench's sockets (port 0 keeps none until one is known): the
    // rest of lo's traffic is not decoded at all.
    m_capturePorts = m_owners.ports();
    LoopbackCapture::Options options;
    options.ports = m_capturePorts.empty() ? std::vector<uint16_t> {0} : m_capturePorts;
    if (const int err = capture->start(options)) {
        m_captureProblem = captureRefusal(err);
        return false;
    }
    m_captureProblem.clear();
    m_capture = std::move(capture);
    return true;
}

void CoreBridge::stopCapture()
{
    if (m_capture)
        m_capture->stop();
    m_capture.reset();
}

void CoreBridge::attributePackets(std::vector<Event> &batch)
{
    std::erase_if(batch, [this](const Event &e) { return m_owners.observe(e); });
    m_owners.release(monotonicNs(), batch);
    std::vector<uint16_t> ports = m_owners.ports();
    if (ports != m_capturePorts && !ports.empty()) {
        m_capturePorts = std::move(ports);
        m_capture->setPorts(m_capturePorts);
    }
    if (m_owners.held() > 0 && !m_packetTimer.isActive())
        m_packetTimer.start();
}

void CoreBridge::deliver(std::vector<Event> &batch)
{
    // Events of one endpoint stay in order (stable sort); each subscriber gets its run at once.
    // Usually one busy endpoint: an already grouped batch is not moved at all.
    const auto byEndpoint = [](const Event &a, const Event &b) { return a.endpoint < b.endpoint; };
    if (!std::is_sorted(batch.begin(), batch.end(), byEndpoint))
        std::stable_sort(batch.begin(), batch.end(), byEndpoint);
    bool stateChanged = false;
    std::vector<EndpointId> stopped;
    for (size_t begin = 0; begin < batch.size();) {
        const EndpointId id = batch[begin].endpoint;
        size_t end = begin;
        while (end < batch.size() && batch[end].endpoint == id) {
            const Event &e = batch[end];
            if (const auto *dropped = e.as<ev::Dropped>())
                emit eventsDropped(dropped->entries);
            else if (e.is<ev::Stopped>())
                stopped.push_back(id);
            if (!e.isLogEntry())
                stateChanged = true;
            ++end;
        }
        const auto it = m_subscriptions.find(id);
        if (it != m_subscriptions.end()) {
            if (it->second.context)
                it->second.handler(std::span<const Event>(batch.data() + begin, end - begin));
            else
                m_subscriptions.erase(it);
        }
        begin = end;
    }
    std::erase_if(m_allSubscriptions, [](const Subscription &s) { return !s.context; });
    for (const Subscription &s : m_allSubscriptions)
        s.handler(std::span<const Event>(batch));
    m_delivered += batch.size();
    // A retired endpoint's worker is gone once it posted Stopped: destroying it joins at once.
    for (EndpointId id : stopped)
        m_retiring.erase(id);
    if (stateChanged)
        refreshSockets();
    emit batchDelivered(static_cast<int>(batch.size()));
}

} // namespace sb
