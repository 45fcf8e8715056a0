// The demos that check packets (resources/demos/14..19) played by DemoPlayer on real loopback
// traffic: every expectation holds, and each packet is an entry of the panel whose socket sent
// it, in the step that caused it. Capturing needs CAP_NET_RAW: as root (CI) the test runs where
// it is; otherwise main() first moves it into the lab (a user and network namespace).

#include "../support/capturelab.h"
#include "../support/testregistry.h"
#include "core/capture/labnamespace.h"
#include "core/demo/demolibrary.h"
#include "core/demo/demoplayer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>

#include <cstdio>
#include <set>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;

namespace {

std::unique_ptr<DemoPlayer> play(const char *name)
{
    auto script = loadBuiltinDemo(name);
    if (!script)
        qFatal("%s", script.error().c_str());
    auto player = std::make_unique<DemoPlayer>(std::move(script).value(), sbtest::registry());
    QElapsedTimer timer;
    timer.start();
    player->play(0);
    while (player->state() != DemoPlayer::State::Finished && timer.elapsed() < 60000) {
        const int due = player->msUntilDue();
        player->waitForEvents(due < 0 ? 100 : std::min(due, 100));
        player->pump();
    }
    return player;
}

std::string failures(const DemoPlayer &player)
{
    std::string out = player.captureProblem();
    for (const auto &report : player.reports())
        for (const auto &check : report.checks)
            if (!check.passed)
                out += "\nline " + std::to_string(check.line) + ": " + check.source + ": "
                        + check.detail;
    // What was seen, to tell a missing packet from one counted in another step.
    const int64_t t0 = player.reports().empty() ? 0 : player.reports().front().startedNs;
    for (const auto &report : player.reports())
        out += "\nstep " + std::to_string(report.index + 1) + " from "
                + std::to_string((report.startedNs - t0) / 1000000) + " ms to "
                + std::to_string((report.finishedNs - t0) / 1000000) + " ms";
    for (const auto &e : player.entries())
        if (const auto *p = e.event.as<ev::Packet>())
            out += "\n  step " + std::to_string(e.step + 1) + " " + e.panel + " "
                    + packetSummary(*p->packet).substr(0, 60) + " at "
                    + std::to_string((p->packet->monoNs - t0) / 1000000) + " ms";
    return out;
}

/// The packet entries of a demo: "panel [flags]" (or "panel udp", "panel icmp"), in order.
QStringList packets(const DemoPlayer &player)
{
    QStringList out;
    for (const auto &e : player.entries()) {
        const auto *p = e.event.as<ev::Packet>();
        if (!p)
            continue;
        const Packet &packet = *p->packet;
        const std::string what = packet.proto == PacketProto::Tcp ? tcpFlagsText(packet.tcpFlags)
                : packet.proto == PacketProto::Udp                ? "udp"
                                                                  : "icmp";
        out << QString::fromStdString(e.panel + " " + what);
    }
    return out;
}

} // namespace

class TstPacketDemos : public QObject
{
    Q_OBJECT

private slots:
    void everyPacketDemoHolds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("expected"); // a subsequence of the packet entries
        QTest::newRow("handshake")
                << "three-way-handshake"
                << QStringList {"client [S]", "server [S.]", "client [.]", "client [F.]"};
        QTest::newRow("refused") << "refused-rst" << QStringList {"client [S]", "closed [R.]"};
        QTest::newRow("half-close")
                << "half-close-fin"
                << QStringList {"client [P.]", "client [F.]", "server [P.]", "server [F.]"};
        QTest::newRow("udp") << "udp-closed-port" << QStringList {"client udp", "client icmp"};
        QTest::newRow("time-wait")
                << "time-wait"
                << QStringList {"client [F.]", "server [.]", "server [F.]", "client [.]"};
        QTest::newRow("unread") << "close-unread-rst" << QStringList {"client [P.]", "server [R.]"};
        QTest::newRow("nagle") << "nagle-delayed-ack"
                               << QStringList {"client [P.]", "server [.]", "client [P.]"};
    }
    void everyPacketDemoHolds()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, expected);
        auto player = play(name.toUtf8().constData());
        QVERIFY(player->capturing());
        QVERIFY2(player->allPassed(), failures(*player).c_str());
        const QStringList seen = packets(*player);
        qsizetype at = 0;
        for (const QString &want : expected) {
            while (at < seen.size() && seen[at] != want)
                ++at;
            QVERIFY2(at < seen.size(),
                     qPrintable("no " + want + " in order in: " + seen.join(", ")));
            ++at;
        }
    }

    void nagleHoldsTheSecondSendForTheDelayedAck()
    {
        // Step 3 (Nagle on): BODY leaves only after the server's pure ACK of HEAD:, which the
        // server's kernel delays by at least 40 ms (TCP_DELACK_MIN): load can only add to it.
        auto player = play("nagle-delayed-ack");
        QVERIFY2(player->allPassed(), failures(*player).c_str());
        const Packet *head = nullptr;
        const Packet *ack = nullptr;
        const Packet *body = nullptr;
        for (const auto &e : player->entries()) {
            const auto *p = e.event.as<ev::Packet>();
            if (!p || e.step != 2)
                continue;
            const Packet &packet = *p->packet;
            if (e.panel == "client" && packet.payloadLength == 5 && !head)
                head = &packet;
            else if (e.panel == "server" && head && !body && packet.payloadLength == 0 && !ack)
                ack = &packet;
            else if (e.panel == "client" && packet.payloadLength == 4 && !body)
                body = &packet;
        }
        QVERIFY2(head && ack && body, "HEAD:, the server's ACK and BODY in step 3");
        QVERIFY2(head->monoNs < ack->monoNs && ack->monoNs <= body->monoNs,
                 "the ACK comes between HEAD: and BODY");
        QVERIFY2(body->monoNs - head->monoNs >= 30'000'000,
                 qPrintable(QString("BODY left %1 ms after HEAD:")
                                    .arg(double(body->monoNs - head->monoNs) / 1e6)));
    }

    void noOtherProgramsPackets()
    {
        // Only packets of the demo's own sockets become entries: the handshake demo has one
        // connection, so every packet is between its two ports.
        auto player = play("three-way-handshake");
        std::set<uint16_t> ports;
        for (const auto &e : player->entries())
            if (const auto *p = e.event.as<ev::Packet>()) {
                ports.insert(p->packet->src.port());
                ports.insert(p->packet->dst.port());
            }
        QCOMPARE(ports.size(), size_t(2));
    }
};

int main(int argc, char **argv)
{
    sbtest::enterLabToCapture("tst_packetdemos");
    QCoreApplication app(argc, argv);
    TstPacketDemos test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_packetdemos.moc"
