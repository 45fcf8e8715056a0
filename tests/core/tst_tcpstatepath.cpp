// The path of each end's TCP state, from real packets captured on lo (LoopbackCapture): a
// handshake and a close begun by the client take the client CLOSED → SYN-SENT → ESTAB →
// FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT and the server LISTEN → SYN-RECV → ESTAB → CLOSE-WAIT →
// LAST-ACK → CLOSED, each move with the segment that caused it. Then TcpEndHistory, the
// reducer the TCP state dock renders, on tables of readings; and /proc/net/tcp's timer of a real
// TIME-WAIT socket, as readNetstat reads it. Capturing needs CAP_NET_RAW: as root (CI) the test
// runs where it is; otherwise main() first moves it into the lab, as `sockbench --lab` does.

#include "../support/posixsockets.h"
#include "core/capture/labnamespace.h"
#include "core/capture/loopbackcapture.h"
#include "core/capture/tcpendhistory.h"
#include "core/capture/tcpstates.h"
#include "core/tools/netstat.h"
#include "eventwaiter.h"

#include <QCoreApplication>
#include <QTest>

#include <cstdio>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;
using sbtest::EventWaiter;

namespace {

Address localOf(int fd)
{
    sockaddr_storage ss {};
    socklen_t len = sizeof ss;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len);
    return Address::fromSockaddr(reinterpret_cast<sockaddr *>(&ss), len);
}

Address peerOf(int fd)
{
    sockaddr_storage ss {};
    socklen_t len = sizeof ss;
    ::getpeername(fd, reinterpret_cast<sockaddr *>(&ss), &len);
    return Address::fromSockaddr(reinterpret_cast<sockaddr *>(&ss), len);
}

/// "CLOSED>SYN-SENT:S [S]" for each step: the path in one comparable string.
QString pathText(const std::vector<TcpStep> &path)
{
    QStringList out;
    for (const TcpStep &s : path) {
        const char *cause = s.cause == TcpStepCause::Sent ? "sent"
                : s.cause == TcpStepCause::Received       ? "rcvd"
                                                          : "other";
        out << QStringLiteral("%1>%2 %3 %4")
                        .arg(QString::fromLatin1(ssStateName(s.from)),
                             QString::fromLatin1(ssStateName(s.to)), QString::fromLatin1(cause),
                             QString::fromStdString(tcpFlagsText(s.tcpFlags)));
    }
    return out.join(QStringLiteral(", "));
}

std::optional<InetSocketRow> procRow(const Address &local, const Address &peer)
{
    NetstatOptions o;
    o.all = o.numeric = true;
    o.udp = o.unixSockets = false;
    for (const InetSocketRow &r : readNetstat(o).inet)
        if (r.local.toString() == local.toString() && r.foreign.toString() == peer.toString())
            return r;
    return std::nullopt;
}

} // namespace

class TstTcpStatePath : public QObject
{
    Q_OBJECT
private slots:
    void handshakeAndClientFirstCloseFromCapturedPackets()
    {
        EventWaiter w;
        const int listener = sbtest::bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 4);
        QVERIFY(listener >= 0);
        const uint16_t port = sbtest::localPort(listener);
        LoopbackCapture capture(w.sink());
        QCOMPARE(capture.start({.ports = {port}}), 0);
        const int client = sbtest::connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", port);
        QVERIFY(client >= 0);
        const int server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        QVERIFY(server >= 0);
        const Address c = localOf(client), s = peerOf(client);

        TcpStates states;
        const auto packetsUntil = [&](const std::function<bool(const Packet &)> &pred) {
            const Event *e = w.waitFor([&](const Event &e) {
                const auto *p = e.as<ev::Packet>();
                return p && pred(*p->packet);
            });
            return e != nullptr;
        };
        const auto isFrom = [](const Packet &p, const Address &a, uint8_t flags) {
            return p.proto == PacketProto::Tcp && p.src.toString() == a.toString()
                    && p.tcpFlags == flags;
        };
        QVERIFY(packetsUntil([&](const Packet &p) { return isFrom(p, c, tcpflag::kAck); }));

        // The client closes first: FIN, the server's kernel ACKs it at once (CLOSE-WAIT)...
        ::close(client);
        char byte;
        QCOMPARE(::recv(server, &byte, 1, 0), ssize_t(0));
        QVERIFY(packetsUntil([&](const Packet &p) { return isFrom(p, s, tcpflag::kAck); }));
        // ... then the server closes: its FIN, and the client's last ACK.
        ::close(server);
        QVERIFY(packetsUntil(
                [&](const Packet &p) { return isFrom(p, s, tcpflag::kFin | tcpflag::kAck); }));
        QVERIFY(packetsUntil([&](const Packet &p) {
            return isFrom(p, c, tcpflag::kAck) && p.relSeq == 2; // after its FIN
        }));
        for (const Event &e : w.seen())
            if (const auto *p = e.as<ev::Packet>())
                states.apply(*p->packet);

        QCOMPARE(pathText(states.pathOf(c, s)),
                 QStringLiteral("CLOSED>SYN-SENT sent [S], SYN-SENT>ESTAB rcvd [S.], "
                                "ESTAB>FIN-WAIT-1 sent [F.], FIN-WAIT-1>FIN-WAIT-2 rcvd [.], "
                                "FIN-WAIT-2>TIME-WAIT rcvd [F.]"));
        QCOMPARE(pathText(states.pathOf(s, c)),
                 QStringLiteral("LISTEN>SYN-RECV rcvd [S], SYN-RECV>ESTAB rcvd [.], "
                                "ESTAB>CLOSE-WAIT rcvd [F.], CLOSE-WAIT>LAST-ACK sent [F.], "
                                "LAST-ACK>CLOSED rcvd [.]"));
        // Each step carries its segment's capture time and number, in order.
        const std::vector<TcpStep> path = states.pathOf(c, s);
        for (size_t i = 1; i < path.size(); ++i) {
            QVERIFY(path[i].monoNs >= path[i - 1].monoNs);
            QVERIFY(path[i].packetNumber > path[i - 1].packetNumber);
        }
        QCOMPARE(states.stateOf(c, s), std::string("TIME-WAIT"));

        // The kernel agrees: the client's end waits in TIME-WAIT, on its 2MSL timer (60 s on
        // Linux), which /proc/net/tcp prints in clock ticks.
        const std::optional<InetSocketRow> tw = procRow(c, s);
        QVERIFY(tw);
        QCOMPARE(tw->state, 6);
        QCOMPARE(tw->timer, 3);
        QVERIFY2(tw->timerMs > 50000 && tw->timerMs <= 60000,
                 qPrintable(QString::number(tw->timerMs)));
        QVERIFY(!procRow(s, c)); // the server's end is gone
        ::close(listener);
    }

    void historyFromKernelReadingsWhenNothingWasCaptured()
    {
        TcpEndHistory h;
        QVERIFY(!h.current());
        h.observeKernel(1'000'000'000, TcpState::Established);
        h.observeKernel(1'250'000'000, TcpState::Established);
        h.observeKernel(1'500'000'000, TcpState::FinWait2, 60000);
        h.observeKernel(2'000'000'000, TcpState::TimeWait, 59000);
        QCOMPARE(*h.current(), TcpState::TimeWait);
        QVERIFY(!h.fromCapture());
        QCOMPARE(h.timerLeftMs(2'000'000'000), int64_t(59000));
        QCOMPARE(h.timerLeftMs(12'000'000'000), int64_t(49000));
        QCOMPARE(h.timerLeftMs(99'000'000'000), int64_t(0));
        h.observeGone(61'000'000'000);
        QCOMPARE(*h.current(), TcpState::Closed);
        QCOMPARE(h.timerLeftMs(61'000'000'000), int64_t(-1));
        const std::vector<TcpStep> p = h.path();
        QCOMPARE(p.size(), size_t(4));
        QCOMPARE(p[0].cause, TcpStepCause::FirstSeen);
        QCOMPARE(p[0].to, TcpState::Established);
        QCOMPARE(p[1].from, TcpState::Established);
        QCOMPARE(p[1].to, TcpState::FinWait2);
        QCOMPARE(p[2].to, TcpState::TimeWait);
        QCOMPARE(p[3].from, TcpState::TimeWait);
        QCOMPARE(p[3].to, TcpState::Closed);
        QCOMPARE(p[3].cause, TcpStepCause::TimerExpired);
        QCOMPARE(p[3].monoNs, int64_t(61'000'000'000));
        // Gone is final: a late reading does not bring it back.
        h.observeKernel(62'000'000'000, TcpState::TimeWait, 1000);
        QCOMPARE(*h.current(), TcpState::Closed);
    }

    void historyTakesThePathFromSegmentsAndTheStateFromTheKernel()
    {
        TcpEndHistory h;
        h.setCaptured(
                {{10, TcpState::Closed, TcpState::SynSent, TcpStepCause::Sent, 0x02, 1},
                 {20, TcpState::SynSent, TcpState::Established, TcpStepCause::Received, 0x12, 2}});
        QCOMPARE(*h.current(), TcpState::Established);
        // A reading ahead of the segments delivered so far is the state now; the path stays the
        // segments'.
        h.observeKernel(30, TcpState::FinWait2);
        QCOMPARE(*h.current(), TcpState::FinWait2);
        QCOMPARE(h.path().size(), size_t(2));
        // Dropped with no segment to say so: the last move is the kernel's, by its timer.
        h.observeGone(40);
        const std::vector<TcpStep> p = h.path();
        QCOMPARE(p.size(), size_t(3));
        QCOMPARE(p.back().from, TcpState::Established);
        QCOMPARE(p.back().to, TcpState::Closed);
        QCOMPARE(p.back().cause, TcpStepCause::TimerExpired);
    }

    void procNetTcpTimerColumn_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("timer");
        QTest::addColumn<qint64>("timerMs");
        // tr:tm->when in hex clock ticks (USER_HZ, 100 a second).
        QTest::newRow("time-wait") << "   3: 0100007F:A1B2 0100007F:1F90 06 00000000:00000000 "
                                      "03:000016F2 00000000     "
                                      "0        0 0 3 0000000000000000"
                                   << 6 << 3 << qint64(58740);
        QTest::newRow("established, no timer")
                << "   1: 0100007F:1F90 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000    "
                   " "
                   "0        0 12345 1 0000000000000000 20 4 30 10 -1"
                << 1 << 0 << qint64(0);
    }

    void procNetTcpTimerColumn()
    {
        QFETCH(QString, line);
        QFETCH(int, state);
        QFETCH(int, timer);
        QFETCH(qint64, timerMs);
        const std::vector<InetSocketRow> rows
                = parseProcNetInet(line.toStdString() + "\n", NetProto::Tcp);
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(rows[0].state, state);
        QCOMPARE(rows[0].timer, timer);
        QCOMPARE(rows[0].timerMs, int64_t(timerMs * ::sysconf(_SC_CLK_TCK) / 100));
        QCOMPARE(*tcpStateFromKernel(state),
                 state == 6 ? TcpState::TimeWait : TcpState::Established);
    }

    void stateNamesRoundTrip()
    {
        for (int i = 0; i < kTcpStateCount; ++i) {
            const auto s = static_cast<TcpState>(i);
            QCOMPARE(*tcpStateFromSsName(ssStateName(s)), s);
        }
        QCOMPARE(*tcpStateFromNetstatName("ESTABLISHED"), TcpState::Established);
        QCOMPARE(*tcpStateFromNetstatName("FIN_WAIT2"), TcpState::FinWait2);
        QCOMPARE(*tcpStateFromNetstatName("CLOSE"), TcpState::Closed);
        QVERIFY(!tcpStateFromNetstatName("UNCONN"));
        QVERIFY(!tcpStateFromNetstatName("CONNECTED"));
    }
};

int main(int argc, char **argv)
{
    // Capturing needs CAP_NET_RAW. Without it (not root), the lab gives it, and must be entered
    // before any thread starts.
    const int probe = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
    if (probe >= 0) {
        ::close(probe);
    } else {
        const LabEntry lab = enterLab();
        if (lab.err)
            std::fprintf(stderr, "tst_tcpstatepath: no capture here: %s\n", lab.reason.c_str());
    }
    QCoreApplication app(argc, argv);
    TstTcpStatePath test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tcpstatepath.moc"
