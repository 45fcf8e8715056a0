// PacketOwners: whose socket each captured packet is, from the ports the endpoints' events
// name (made-up events and packets with made-up times): the sender's port, a SYN's connect()
// target before the client's port is known, the receiver's port for a sender outside; none for
// another program's packets, which are dropped once they are too old to be claimed.

#include "core/capture/packetowners.h"
#include "tests/support/madeupevents.h"

#include <QTest>

using namespace sb;
using namespace sbtest;

namespace {

constexpr EndpointId kServer = 3;
constexpr EndpointId kClient = 4;

Event at(int64_t t, EndpointId endpoint, ConnId conn, EventBody body)
{
    return eventAt(t, endpoint, conn, std::move(body));
}

Event packetAt(int64_t t, uint16_t from, uint16_t to, uint8_t flags)
{
    return at(t, 0, 0, ev::Packet {tcpSegment(t, from, to, flags), nullptr});
}

QString ownersOf(const std::vector<Event> &out)
{
    QStringList list;
    for (const Event &e : out)
        list << QStringLiteral("%1/%2").arg(e.endpoint).arg(e.conn);
    return list.join(QLatin1Char(' '));
}

} // namespace

class TstPacketOwners : public QObject
{
    Q_OBJECT
private slots:
    void handshakeBelongsToClientAndListener()
    {
        PacketOwners owners(10 * kMs);
        owners.observe(at(1 * kMs, kServer, 0, ev::Listening {.local = lo(5000)}));
        owners.observe(at(2 * kMs, kClient, 1, ev::Connecting {.peer = lo(5000)}));
        // Captured before the client's Opened names port 40000.
        QVERIFY(owners.observe(packetAt(3 * kMs, 40000, 5000, tcpflag::kSyn)));
        QVERIFY(owners.observe(packetAt(3 * kMs + 1, 5000, 40000, tcpflag::kSyn | tcpflag::kAck)));
        QVERIFY(owners.observe(packetAt(3 * kMs + 2, 40000, 5000, tcpflag::kAck)));
        std::vector<Event> out;
        owners.release(5 * kMs, out);
        QVERIFY(out.empty()); // still held: their events may be late
        owners.observe(at(4 * kMs, kClient, 1, ev::Opened {.local = lo(40000), .peer = lo(5000)}));
        owners.release(20 * kMs, out);
        QCOMPARE(ownersOf(out), QStringLiteral("4/1 3/0 4/1"));
        QCOMPARE(owners.held(), size_t(0));
        QVERIFY(owners.ports() == (std::vector<uint16_t> {5000, 40000}));
    }

    void outsideSenderBelongsToReceiver()
    {
        PacketOwners owners(0);
        owners.observe(at(1 * kMs, kServer, 0, ev::Listening {.local = lo(5000)}));
        owners.observe(packetAt(2 * kMs, 55555, 5000, tcpflag::kSyn));
        std::vector<Event> out;
        owners.release(3 * kMs, out);
        QCOMPARE(ownersOf(out), QStringLiteral("3/0"));
    }

    void anotherProgramsPacketsAreDropped()
    {
        PacketOwners owners(0);
        owners.observe(at(1 * kMs, kServer, 0, ev::Listening {.local = lo(5000)}));
        owners.observe(packetAt(2 * kMs, 6000, 6001, tcpflag::kAck));
        std::vector<Event> out;
        owners.release(3 * kMs, out);
        QVERIFY(out.empty());
        QCOMPARE(owners.held(), size_t(1)); // an event may still name its port
        owners.release(2 * kMs + PacketOwners::kForgetNs + 1, out);
        QVERIFY(out.empty());
        QCOMPARE(owners.held(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TstPacketOwners)
#include "tst_packetowners.moc"
