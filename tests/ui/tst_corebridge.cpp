// CoreBridge: events from worker threads reach the GUI thread in order, in batches, at most
// ~60 drains a second, and a flood is cut to the queue's bound with the drop counted.
#include "ui/corebridge.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace sb;

namespace {

Event dataEvent(EndpointId ep, uint64_t seq)
{
    Event e(0, ev::Data {.length = seq});
    e.endpoint = ep;
    return e;
}

} // namespace

class TestCoreBridge : public QObject
{
    Q_OBJECT
private slots:
    void eventsArriveInOrderPerEndpoint();
    void drainsAtMostSixtyTimesASecond();
    void floodIsBoundedAndCounted();
    void endpointOpensAndRetires();
};

void TestCoreBridge::eventsArriveInOrderPerEndpoint()
{
    CoreBridge bridge;
    QObject owner;
    std::vector<uint64_t> got1, got2;
    bridge.subscribe(1, &owner, [&](std::span<const Event> events) {
        for (const Event &e : events) {
            QCOMPARE(e.endpoint, EndpointId(1));
            got1.push_back(e.as<ev::Data>()->length);
        }
    });
    bridge.subscribe(2, &owner, [&](std::span<const Event> events) {
        for (const Event &e : events)
            got2.push_back(e.as<ev::Data>()->length);
    });
    std::thread worker([&] {
        for (uint64_t i = 0; i < 3000; ++i) {
            bridge.sink().post(dataEvent(1, i));
            bridge.sink().post(dataEvent(2, i));
        }
    });
    worker.join();
    QTRY_COMPARE(got1.size(), size_t(3000));
    QTRY_COMPARE(got2.size(), size_t(3000));
    for (uint64_t i = 0; i < 3000; ++i) {
        QCOMPARE(got1[i], i);
        QCOMPARE(got2[i], i);
    }
}

void TestCoreBridge::drainsAtMostSixtyTimesASecond()
{
    CoreBridge bridge;
    QObject owner;
    std::atomic<uint64_t> received {0};
    bridge.subscribe(1, &owner, [&](std::span<const Event> events) { received += events.size(); });
    QSignalSpy batches(&bridge, &CoreBridge::batchDelivered);
    std::atomic<bool> stop {false};
    uint64_t posted = 0;
    std::thread worker([&] {
        // A steady trickle: one event every 200 us wakes the GUI far more often than 60 Hz.
        while (!stop) {
            bridge.sink().post(dataEvent(1, posted++));
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(600);
    stop = true;
    worker.join();
    const qint64 elapsed = clock.elapsed();
    QTRY_COMPARE(received.load(), posted);
    // A slower machine only drains less often; never more than once per 1/60 s.
    const qint64 maxDrains = elapsed * CoreBridge::kMaxDrainHz / 1000 + 3;
    QVERIFY2(batches.count() <= maxDrains,
             qPrintable(QStringLiteral("%1 drains in %2 ms").arg(batches.count()).arg(elapsed)));
    QVERIFY(batches.count() >= 2);
}

void TestCoreBridge::floodIsBoundedAndCounted()
{
    CoreBridge bridge(nullptr, 100);
    QObject owner;
    uint64_t received = 0;
    bridge.subscribe(1, &owner, [&](std::span<const Event> events) {
        for (const Event &e : events)
            if (e.is<ev::Data>())
                ++received;
    });
    QSignalSpy dropped(&bridge, &CoreBridge::eventsDropped);
    // Posted while the GUI thread is busy here: nothing drains, the queue fills.
    for (uint64_t i = 0; i < 1000; ++i)
        bridge.sink().post(dataEvent(1, i));
    QTRY_COMPARE(received, uint64_t(100));
    QTRY_COMPARE(dropped.count(), 1);
    QCOMPARE(dropped.first().at(0).toULongLong(), 900ull);
    QCOMPARE(bridge.eventsDroppedByQueue(), uint64_t(900));
}

void TestCoreBridge::endpointOpensAndRetires()
{
    CoreBridge bridge;
    QObject owner;
    EndpointConfig config;
    config.role = Role::Server;
    config.spec = parseEndpoint("tcp://127.0.0.1:0").value();
    config.label = "bridge test";
    Endpoint *ep = bridge.open(config);
    QVERIFY(ep);
    const EndpointId id = ep->id();
    QCOMPARE(bridge.endpoint(id), ep);
    bool listening = false;
    bridge.subscribe(id, &owner, [&](std::span<const Event> events) {
        for (const Event &e : events)
            listening = listening || e.is<ev::Listening>();
    });
    ep->start();
    QTRY_VERIFY(listening);
    bool seen = false;
    connect(&bridge, &CoreBridge::socketsSnapshotted, this,
            [&](const std::vector<SocketRow> &rows) {
                seen = false;
                for (const SocketRow &r : rows)
                    seen = seen || r.endpoint == id;
            });
    bridge.refreshSockets();
    QTRY_VERIFY(seen);
    bridge.retire(id);
    QCOMPARE(bridge.endpoint(id), nullptr);
    QCOMPARE(bridge.endpointCount(), size_t(0));
    // Once stopped, its listener leaves the registry.
    bridge.refreshSockets();
    QTRY_VERIFY(!seen);
}

QTEST_MAIN(TestCoreBridge)
#include "tst_corebridge.moc"
