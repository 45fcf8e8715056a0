// RelayFlow's rules as functions of bytes and times: no socket, no clock (the times are
// passed in), so each fault is checked exactly.
#include "core/net/relayflow.h"

#include <QTest>

using namespace sb;

namespace {

constexpr int64_t kMs = 1000000;

/// Sends everything sendable at now, as a destination that takes it all would.
std::string drain(RelayFlow &flow, int64_t now, int *sends = nullptr)
{
    std::string out;
    for (RelayFlow::Span s; (s = flow.sendable(now)).len > 0;) {
        out.append(view(s.data).substr(s.offset, s.len));
        flow.consumed(s.len, now);
        if (sends)
            ++*sends;
    }
    return out;
}

} // namespace

class TstRelayFlow : public QObject
{
    Q_OBJECT

private slots:
    void noFaultPassesBytesAsRead()
    {
        RelayFlow flow;
        flow.push(makeBytes(std::string("HELLO")), 0);
        flow.push(makeBytes(std::string("WORLD")), 0);
        QCOMPARE(drain(flow, 0), std::string("HELLOWORLD"));
        QVERIFY(flow.empty());
        QCOMPARE(flow.forwarded(), uint64_t(10));
    }

    void noneMeansNoFault()
    {
        // The relay splices a direction whose plan is none(): every fault must say otherwise.
        FaultPlan plan;
        QVERIFY(plan.none());
        plan.chopGapMs = 50; // a gap without a chop changes nothing
        QVERIFY(plan.none());
        const auto with = [](auto set) {
            FaultPlan p;
            set(p);
            return p.none();
        };
        QVERIFY(!with([](FaultPlan &p) { p.chop = 3; }));
        QVERIFY(!with([](FaultPlan &p) { p.coalesceBytes = 10; }));
        QVERIFY(!with([](FaultPlan &p) { p.coalesceMs = 5; }));
        QVERIFY(!with([](FaultPlan &p) { p.delayMs = 1; }));
        QVERIFY(!with([](FaultPlan &p) { p.throttleBps = 1000; }));
        QVERIFY(!with([](FaultPlan &p) { p.stall = true; }));
        QVERIFY(!with([](FaultPlan &p) { p.close = true; }));
        QVERIFY(!with([](FaultPlan &p) { p.resetAfter = 1; }));
    }

    void chopSendsPiecesAGapApart()
    {
        RelayFlow flow;
        flow.setPlan(FaultPlan {.chop = 3, .chopGapMs = 20}, 0);
        flow.push(makeBytes(std::string("HELLOWORLD")), 0);
        int sends = 0;
        QCOMPARE(drain(flow, 0, &sends), std::string("HEL"));
        QCOMPARE(sends, 1);
        QCOMPARE(flow.nextWakeNs(0), 20 * kMs);
        QCOMPARE(drain(flow, 19 * kMs), std::string());
        QCOMPARE(drain(flow, 20 * kMs), std::string("LOW"));
        QCOMPARE(drain(flow, 40 * kMs), std::string("ORL"));
        QCOMPARE(drain(flow, 60 * kMs), std::string("D"));
        QVERIFY(flow.empty());
    }

    void coalesceGathersUntilBytesOrTime()
    {
        RelayFlow flow;
        flow.setPlan(FaultPlan {.coalesceBytes = 4, .coalesceMs = 50}, 0);
        flow.push(makeBytes(std::string("ab")), 0);
        QCOMPARE(drain(flow, 0), std::string());
        flow.push(makeBytes(std::string("cdef")), 1 * kMs);
        int sends = 0;
        QCOMPARE(drain(flow, 1 * kMs, &sends), std::string("abcd"));
        QCOMPARE(sends, 1);
        QCOMPARE(flow.nextWakeNs(1 * kMs), 51 * kMs); // "ef" waits for the time
        QCOMPARE(drain(flow, 51 * kMs), std::string("ef"));
    }

    void delayHoldsEachByte()
    {
        RelayFlow flow;
        flow.setPlan(FaultPlan {.delayMs = 50}, 0);
        flow.push(makeBytes(std::string("x")), 10 * kMs);
        QCOMPARE(drain(flow, 59 * kMs), std::string());
        QCOMPARE(flow.nextWakeNs(59 * kMs), 60 * kMs);
        QCOMPARE(drain(flow, 60 * kMs), std::string("x"));
    }

    void throttleNeverBeatsTheRate()
    {
        // 1 MB/s: whatever the times asked, the bytes out by time t never exceed t × rate.
        RelayFlow flow;
        flow.setPlan(FaultPlan {.throttleBps = 1000000}, 0);
        flow.push(makeBytes(std::string(200000, 'x')), 0);
        uint64_t out = 0;
        for (int64_t t = 0; t <= 300 * kMs; t += kMs / 3) {
            out += drain(flow, t).size();
            QVERIFY2(out <= uint64_t(t / 1000), QByteArray::number(qulonglong(out)).constData());
        }
        QCOMPARE(out, uint64_t(200000)); // and it does not fall behind either
    }

    void stallStopsReadingAndSending()
    {
        RelayFlow flow;
        flow.push(makeBytes(std::string("abc")), 0);
        flow.setPlan(FaultPlan {.stall = true}, 0);
        QCOMPARE(flow.room(), size_t(0));
        QCOMPARE(drain(flow, 0), std::string());
        QCOMPARE(flow.nextWakeNs(0), int64_t(-1));
        flow.setPlan(FaultPlan {}, 0);
        QCOMPARE(drain(flow, 0), std::string("abc"));
    }

    void roomIsBounded()
    {
        RelayFlow flow;
        flow.push(makeBytes(std::string(RelayFlow::kBufferCap - 10, 'x')), 0);
        QCOMPARE(flow.room(), size_t(10));
    }

    void resetAfterStopsAtExactlyN()
    {
        RelayFlow flow;
        flow.setPlan(FaultPlan {.resetAfter = 4}, 0);
        flow.push(makeBytes(std::string("abcdef")), 0);
        QCOMPARE(drain(flow, 0), std::string("abcd"));
        QVERIFY(flow.resetDue());
    }
};

QTEST_GUILESS_MAIN(TstRelayFlow)
#include "tst_relayflow.moc"
