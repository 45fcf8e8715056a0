// The bounded queue between workers and a consumer: exact drop counts, state events never
// dropped, one wake-up per burst, lossless mode.

#include "core/net/eventqueue.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace sb;

namespace {

Event make(EventBody body) { return Event(0, std::move(body)); }

} // namespace

class tst_EventQueue : public QObject
{
    Q_OBJECT
private slots:
    void floodDropsLogEntriesAndCountsThem();
    void stateEventsAreNeverDropped();
    void wakesOncePerBurst();
    void losslessWaitsForTheConsumer();
};

void tst_EventQueue::floodDropsLogEntriesAndCountsThem()
{
    EventQueue q(100);
    for (int i = 0; i < 1000; ++i)
        q.post(make(ev::Data {}));
    std::vector<Event> out;
    q.drain(out);
    QCOMPARE(out.size(), size_t(101));
    QVERIFY(out.front().is<ev::Dropped>());
    QCOMPARE(out.front().as<ev::Dropped>()->entries, uint64_t(900));
    QCOMPARE(q.droppedTotal(), uint64_t(900));
    out.clear();
    q.post(make(ev::Data {}));
    q.drain(out);
    QCOMPARE(out.size(), size_t(1)); // the drop was reported once
}

void tst_EventQueue::stateEventsAreNeverDropped()
{
    EventQueue q(10);
    for (int i = 0; i < 50; ++i)
        q.post(make(ev::Data {}));
    q.post(make(ev::Closed {}));
    q.post(make(ev::Error {}));
    std::vector<Event> out;
    q.drain(out);
    QVERIFY(out.back().is<ev::Error>());
    QVERIFY(out[out.size() - 2].is<ev::Closed>());
}

void tst_EventQueue::wakesOncePerBurst()
{
    EventQueue q;
    std::atomic<int> wakes {0};
    q.setWakeup([&] { ++wakes; });
    for (int i = 0; i < 1000; ++i)
        q.post(make(ev::Data {}));
    QCOMPARE(wakes.load(), 1);
    std::vector<Event> out;
    q.drain(out);
    q.post(make(ev::Data {}));
    QCOMPARE(wakes.load(), 2);
}

void tst_EventQueue::losslessWaitsForTheConsumer()
{
    EventQueue q(8);
    q.setLossless(true);
    constexpr int kCount = 10000;
    std::thread producer([&] {
        for (int i = 0; i < kCount; ++i) {
            Event e = make(ev::Data {.length = static_cast<uint64_t>(i)});
            q.post(std::move(e));
        }
    });
    std::vector<Event> out;
    while (out.size() < size_t(kCount)) {
        q.wait(100);
        q.drain(out);
    }
    producer.join();
    QCOMPARE(q.droppedTotal(), uint64_t(0));
    for (int i = 0; i < kCount; ++i)
        QCOMPARE(out[size_t(i)].as<ev::Data>()->length, uint64_t(i));
}

QTEST_GUILESS_MAIN(tst_EventQueue)
#include "tst_eventqueue.moc"
