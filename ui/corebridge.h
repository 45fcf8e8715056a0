#pragma once

#include "core/capture/packetowners.h"
#include "core/net/endpoint.h"
#include "core/net/eventqueue.h"
#include "core/net/registry.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <vector>

namespace sb {

class LoopbackCapture;
class RegistryMonitor;

/// The one door between core worker threads and the GUI: owns the EventQueue every endpoint
/// posts to, the endpoints themselves and the RegistryMonitor. Workers only append to the
/// queue; its wake-up queues one call per burst into the GUI thread, which drains at most
/// kMaxDrainHz times a second and hands each endpoint's events, in order, to its subscriber.
/// GUI thread only (except the queue, which is thread-safe).
class CoreBridge : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(std::span<const Event>)>;
    static constexpr int kMaxDrainHz = 60;

    explicit CoreBridge(QObject *parent = nullptr, size_t queueCapacity = 1 << 16,
                        int registryIntervalMs = 250);
    ~CoreBridge() override;

    /// Creates an endpoint posting to this bridge's queue. The bridge owns it until retire().
    Endpoint *open(EndpointConfig config);
    Endpoint *endpoint(EndpointId id) const;
    /// Stops the endpoint; it is destroyed once its Stopped event has been drained, so the GUI
    /// never joins a busy worker.
    void retire(EndpointId id);
    size_t endpointCount() const { return m_endpoints.size(); }

    /// handler gets every event of endpoint id, in batches, while context lives.
    void subscribe(EndpointId id, QObject *context, Handler handler);
    void unsubscribe(EndpointId id);
    /// handler gets every event of every endpoint (status bar, wire view).
    void subscribeAll(QObject *context, Handler handler);

    EventSink &sink() { return m_queue; }
    /// The workbench's sockets, for the endpoints made elsewhere (a demo's).
    Registry &registry() { return m_registry; }
    uint64_t eventsDelivered() const { return m_delivered; }
    uint64_t eventsDroppedByQueue() const { return m_queue.droppedTotal(); }
    /// GUI thread time spent handing batches to the views, in total and the longest one (ns):
    /// what the flood costs the GUI, apart from what the scheduler costs it.
    int64_t drainBusyNs() const { return m_busyNs; }
    int64_t longestDrainNs() const { return m_longestDrainNs; }
    /// Ask the RegistryMonitor for a snapshot now (after a state change).
    void refreshSockets();

    /// Drain now, whatever the rate limit says (tests, shutdown).
    void drainNow();

    /// Captures the packets of the workbench's sockets on lo (LoopbackCapture, which needs
    /// CAP_NET_RAW: root, or the lab), names the endpoint each belongs to (PacketOwners) and
    /// delivers them to the subscribers as ev::Packet events of that endpoint. Packets of no
    /// socket of ours are dropped. Idempotent; false when capture is not possible here.
    bool enableCapture();
    /// Ends the capture (a benchmark that measures its own); packets still queued are delivered
    /// as the capture posted them.
    void stopCapture();
    bool capturing() const { return m_capture != nullptr; }
    /// Why packets cannot be captured, in one sentence with what to do; empty while capturing
    /// or before enableCapture().
    const std::string &captureProblem() const { return m_captureProblem; }

signals:
    /// The Registry's rows, fresh from RegistryMonitor's thread (delivered on the GUI thread).
    void socketsSnapshotted(const std::vector<sb::SocketRow> &rows);
    /// The queue dropped log entries because the GUI could not keep up (count since last).
    void eventsDropped(quint64 count);
    /// A batch has been handed to the subscribers.
    void batchDelivered(int events);

private:
    void scheduleDrain();
    void deliver(std::vector<Event> &batch);
    /// Takes the captured packets out of batch and puts back those whose owner is known.
    void attributePackets(std::vector<Event> &batch);

    struct Subscription
    {
        QPointer<QObject> context;
        Handler handler;
    };

    EventQueue m_queue;
    Registry m_registry; ///< the workbench's sockets; the monitor and every endpoint use it
    std::map<EndpointId, std::unique_ptr<Endpoint>> m_endpoints;
    std::map<EndpointId, std::unique_ptr<Endpoint>> m_retiring;
    std::map<EndpointId, Subscription> m_subscriptions;
    std::vector<Subscription> m_allSubscriptions;
    std::unique_ptr<RegistryMonitor> m_monitor;
    std::unique_ptr<LoopbackCapture> m_capture; ///< posts to m_queue; null when not capturing
    PacketOwners m_owners;
    std::vector<uint16_t> m_capturePorts;
    std::string m_captureProblem;
    QTimer m_packetTimer; ///< drains again while packets wait for their owner's events
    QTimer m_drainTimer;
    QElapsedTimer m_sinceDrain;
    std::vector<Event> m_batch;
    uint64_t m_delivered = 0;
    int64_t m_busyNs = 0;
    int64_t m_longestDrainNs = 0;
};

} // namespace sb
