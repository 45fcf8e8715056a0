// DatagramFaults, the UDP relay's decisions, on their own: which datagrams a drop chance
// takes (the same for the same seed, about the chance over many), the reorder swap and its
// time limit, the order a delay keeps, and the spacing a throttle gives.

#include "core/net/datagramfaults.h"

#include <QTest>

using namespace sb;

namespace {

constexpr int64_t kMs = 1000 * 1000;

Bytes datagram(const std::string &text) { return makeBytes(text); }

std::string text(const std::optional<Bytes> &b) { return b ? std::string(view(*b)) : "<none>"; }

/// What a direction with plan lets through of count datagrams "0".."count-1", all at time 0.
std::vector<std::string> through(const FaultPlan &plan, int count)
{
    DatagramFaults f;
    f.setPlan(plan);
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i)
        f.admit(datagram(std::to_string(i)), 0);
    while (auto d = f.takeDue(int64_t(1) << 62))
        out.push_back(text(d));
    return out;
}

} // namespace

class TstDatagramFaults : public QObject
{
    Q_OBJECT

private slots:
    void noFaultForwardsInOrder()
    {
        const auto out = through(FaultPlan {}, 5);
        QCOMPARE(out, (std::vector<std::string> {"0", "1", "2", "3", "4"}));
    }

    void dropIsRepeatableForASeedAndNearItsChance()
    {
        FaultPlan p;
        p.dropPercent = 30;
        p.seed = 42;
        const auto a = through(p, 10000);
        QCOMPARE(through(p, 10000), a); // the same seed, the same datagrams dropped
        p.seed = 43;
        QVERIFY(through(p, 10000) != a);
        // 7,000 expected; a binomial's standard deviation here is 46, so ±400 is 8.7 of them.
        QVERIFY2(std::abs(int(a.size()) - 7000) < 400, std::to_string(a.size()).c_str());
    }

    void dropAllAndNone()
    {
        FaultPlan p;
        p.dropPercent = 100;
        QVERIFY(through(p, 50).empty());
        DatagramFaults f;
        f.setPlan(p);
        QCOMPARE(f.admit(datagram("x"), 0), (std::vector<std::string> {"drop"}));
    }

    void duplicateAndReorderTogether()
    {
        FaultPlan p;
        p.duplicatePercent = 100;
        p.reorderPercent = 100;
        // 0 (twice) is held; 1 (twice) goes, then 0's two copies.
        QCOMPARE(through(p, 2), (std::vector<std::string> {"1", "1", "0", "0"}));
    }

    void heldDatagramLeavesAfterItsWaitIfNoneCame()
    {
        FaultPlan p;
        p.reorderPercent = 100;
        p.reorderMs = 200;
        DatagramFaults f;
        f.setPlan(p);
        QCOMPARE(f.admit(datagram("alone"), 0), (std::vector<std::string> {"reorder"}));
        QCOMPARE(f.nextDueNs(), 200 * kMs);
        QCOMPARE(text(f.takeDue(199 * kMs)), std::string("<none>"));
        QCOMPARE(text(f.takeDue(200 * kMs)), std::string("alone"));
        QCOMPARE(f.waiting(), size_t(0));
    }

    void delayKeepsOrderAcrossAPlanChange()
    {
        DatagramFaults f;
        FaultPlan p;
        p.delayMs = 100;
        f.setPlan(p);
        f.admit(datagram("slow"), 0);
        p.delayMs = 0;
        f.setPlan(p);
        f.admit(datagram("fast"), 10 * kMs);
        // "fast" may not overtake "slow": a delay is a longer wire, not a reorder.
        QCOMPARE(text(f.takeDue(10 * kMs)), std::string("<none>"));
        QCOMPARE(text(f.takeDue(100 * kMs)), std::string("slow"));
        QCOMPARE(text(f.takeDue(100 * kMs)), std::string("fast"));
    }

    void throttleSpacesDatagramsByTheirSize()
    {
        FaultPlan p;
        p.throttleBps = 1000; // 1,000 bytes per second: 100 bytes take 100 ms
        DatagramFaults f;
        f.setPlan(p);
        for (int i = 0; i < 3; ++i)
            f.admit(datagram(std::string(100, char('a' + i))), 0);
        QCOMPARE(text(f.takeDue(0)).substr(0, 1), std::string("a"));
        QCOMPARE(text(f.takeDue(99 * kMs)), std::string("<none>"));
        QCOMPARE(text(f.takeDue(100 * kMs)).substr(0, 1), std::string("b"));
        QCOMPARE(f.nextDueNs(), 200 * kMs);
    }
};

QTEST_GUILESS_MAIN(TstDatagramFaults)
#include "tst_datagramfaults.moc"
