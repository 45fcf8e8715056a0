// The TCP state dock over real loopback sockets of the workbench, with the packets of lo
// captured into the window's bridge as the GUI's capture delivers them: the state it shows for
// each end of a connection is what `ss -tan` prints for the same socket — ESTAB, then, once the
// client closed first, FIN-WAIT-2 and CLOSE-WAIT, and after the server closed, TIME-WAIT for
// the client with the kernel's own timer counting down (as `ss -tano` shows it) and CLOSED for
// the server, whose socket is gone. The path comes from the captured segments. UDP and UNIX
// sockets get one line saying they have no TCP state machine.
#include "tests/support/processrun.h"
#include "tests/support/requiretool.h"
#include "ui/clientsmodel.h"
#include "ui/connectionsdock.h"
#include "ui/connectionsmodel.h"
#include "ui/corebridge.h"
#include "ui/endpointpanel.h"
#include "ui/mainwindow.h"
#include "ui/tcpstatediagram.h"
#include "ui/tcpstatedock.h"

#include <QAction>
#include <QDir>
#include <QListWidget>
#include <QMenu>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace sb;

namespace {

struct SsLine
{
    QString state; ///< "" when ss lists no such socket
    double timerSeconds = -1; ///< the timewait timer of -o; -1 without one
};

/// What `ss -tano` prints for the socket local -> peer.
SsLine ss(const Address &local, const Address &peer)
{
    const sbtest::Run r = sbtest::run(QStringLiteral("ss"), {QStringLiteral("-tano")});
    for (const QString &line : r.out.split(QLatin1Char('\n'))) {
        const QStringList f = line.simplified().split(QLatin1Char(' '));
        if (f.size() < 5 || f[3] != QString::fromStdString(local.toString())
            || f[4] != QString::fromStdString(peer.toString()))
            continue;
        SsLine out {f[0]};
        // "timer:(timewait,59sec,0)", "timer:(timewait,850ms,0)"
        static const QRegularExpression timer(QStringLiteral("timewait,([0-9.]+)(ms|sec|min)"));
        if (const auto m = timer.match(line); m.hasMatch()) {
            const double v = m.captured(1).toDouble();
            out.timerSeconds = m.captured(2) == QLatin1String("ms") ? v / 1000
                    : m.captured(2) == QLatin1String("min")         ? v * 60
                                                                    : v;
        }
        return out;
    }
    return {};
}

QString shown(const TcpStateDock &dock)
{
    const auto s = dock.history().current();
    return s ? QString::fromLatin1(ssStateName(*s)) : QString();
}

/// The seconds of "TIME-WAIT — 57 s left"; -1 when the line has none.
int secondsLeft(const TcpStateDock &dock)
{
    static const QRegularExpression left(QStringLiteral("(\\d+) s left"));
    const auto m = left.match(dock.stateText());
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

EndpointConfig config(Role role, const std::string &endpoint)
{
    EndpointConfig c;
    c.role = role;
    c.spec = *parseEndpoint(endpoint);
    return c;
}

} // namespace

class TestTcpStateDock : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void endsMatchSsThroughAClientFirstClose()
    {
        SB_REQUIRE_TOOL("ss", "iproute2");
        MainWindow w;
        w.resize(1366, 768);
        w.show();
        auto *dock = w.findChild<TcpStateDock *>();
        QVERIFY(dock);
        // The server's end, followed by a second dock on the same bridge.
        TcpStateDock serverDock(w.bridge(), w.connectionsModel());

        EndpointConfig sc = config(Role::Server, "tcp://127.0.0.1:0");
        sc.closeOnPeerEof = false; // the server's end stays in CLOSE-WAIT until it closes
        EndpointPanel *server = w.openPanel(sc);
        QTRY_COMPARE_WITH_TIMEOUT(server->state(), EndpointPanel::State::Listening, 10000);
        const uint16_t port = server->localAddress().port();
        // The window's own capture (root in CI, or the lab): the segments the dock follows.
        QVERIFY2(w.bridge()->capturing(), w.bridge()->captureProblem().c_str());
        EndpointPanel *client
                = w.openPanel(config(Role::Client, "tcp://127.0.0.1:" + std::to_string(port)));
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), EndpointPanel::State::Connected, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(server->clientsModel()->liveConns().size(), size_t(1), 10000);
        const ConnId serverConn = server->clientsModel()->liveConns().front();
        const ConnId clientConn = 1;
        const Address c = client->localAddress(), s = client->peerAddress();
        ConnectionsModel *model = w.connectionsModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(client->endpointId(), clientConn) >= 0
                                         && model->rowOf(server->endpointId(), serverConn) >= 0,
                                 10000);

        // Selecting the client's row in the Connections table is what the dock follows.
        QTableView *view = w.connectionsView();
        const QModelIndex clientRow = view->model()->index(
                [&] {
                    for (int r = 0; r < view->model()->rowCount(); ++r)
                        if (view->model()->index(r, 0).data(ConnectionsModel::EndpointRole).toUInt()
                                    == client->endpointId()
                            && view->model()->index(r, 0).data(ConnectionsModel::ConnRole).toUInt()
                                    == clientConn)
                            return r;
                    return -1;
                }(),
                ConnectionsModel::LocalColumn);
        QVERIFY(clientRow.isValid());
        view->setCurrentIndex(clientRow);
        QTRY_VERIFY_WITH_TIMEOUT(dock->following(), 10000);
        dock->show(); // as View > TCP state does
        QVERIFY(serverDock.follow(server->endpointId(), serverConn));

        QTRY_COMPARE_WITH_TIMEOUT(shown(*dock), QStringLiteral("ESTAB"), 10000);
        QCOMPARE(ss(c, s).state, QStringLiteral("ESTAB"));
        QCOMPARE(dock->stateText(), QStringLiteral("ESTAB"));
        QTRY_COMPARE_WITH_TIMEOUT(shown(serverDock), QStringLiteral("ESTAB"), 10000);
        QCOMPARE(ss(s, c).state, QStringLiteral("ESTAB"));
        // The path from the captured handshake, numbered and timed from its first move.
        QTRY_VERIFY_WITH_TIMEOUT(dock->history().path().size() == 2, 10000);
        QVERIFY(dock->history().fromCapture());
        QCOMPARE(dock->stepsView()->item(0)->text(),
                 QStringLiteral("1. +0.000 s CLOSED → SYN-SENT: sent [S]"));
        QVERIFY(dock->stepsView()->item(1)->text().endsWith(
                QStringLiteral("SYN-SENT → ESTAB: received [S.]")));
        QCOMPARE(dock->diagram()->current(), std::optional(TcpState::Established));

        // The client closes first: FIN-WAIT-2 on its side (the kernel holds it, no file does),
        // CLOSE-WAIT on the server's.
        w.bridge()->endpoint(client->endpointId())->close(clientConn);
        QTRY_COMPARE_WITH_TIMEOUT(shown(serverDock), QStringLiteral("CLOSE-WAIT"), 10000);
        QCOMPARE(ss(s, c).state, QStringLiteral("CLOSE-WAIT"));
        QTRY_COMPARE_WITH_TIMEOUT(shown(*dock), QStringLiteral("FIN-WAIT-2"), 10000);
        QCOMPARE(ss(c, s).state, QStringLiteral("FIN-WAIT-2"));

        // The server closes: the client waits in TIME-WAIT on the kernel's timer, the server's
        // socket is gone.
        w.bridge()->endpoint(server->endpointId())->close(serverConn);
        QTRY_COMPARE_WITH_TIMEOUT(shown(*dock), QStringLiteral("TIME-WAIT"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(secondsLeft(*dock) > 0, 10000);
        const int first = secondsLeft(*dock);
        const SsLine tw = ss(c, s);
        QCOMPARE(tw.state, QStringLiteral("TIME-WAIT"));
        QVERIFY2(first >= 1 && first <= 60, qPrintable(dock->stateText()));
        QVERIFY2(
                std::abs(first - tw.timerSeconds) <= 2.5,
                qPrintable(dock->stateText() + QStringLiteral(" vs ss %1 s").arg(tw.timerSeconds)));
        QTRY_VERIFY_WITH_TIMEOUT(secondsLeft(*dock) >= 0 && secondsLeft(*dock) < first, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shown(serverDock), QStringLiteral("CLOSED"), 10000);
        QVERIFY(serverDock.history().gone());
        QCOMPARE(ss(s, c).state, QString());

        // Both paths, from the segments.
        QTRY_COMPARE_WITH_TIMEOUT(dock->history().path().size(), size_t(5), 10000);
        const std::vector<TcpStep> path = dock->history().path();
        const TcpState expected[] = {TcpState::SynSent, TcpState::Established, TcpState::FinWait1,
                                     TcpState::FinWait2, TcpState::TimeWait};
        for (size_t i = 0; i < path.size(); ++i)
            QCOMPARE(path[i].to, expected[i]);
        QCOMPARE(dock->diagram()->current(), std::optional(TcpState::TimeWait));
        // The server's: LISTEN → SYN-RECV → ESTAB → CLOSE-WAIT → LAST-ACK → CLOSED (its last
        // ACK may come after the kernel was seen to drop the socket: wait for the segments).
        const auto serverPathIs = [&] {
            const std::vector<TcpStep> p = serverDock.history().path();
            const TcpState want[] = {TcpState::SynRecv, TcpState::Established, TcpState::CloseWait,
                                     TcpState::LastAck, TcpState::Closed};
            if (p.size() != std::size(want) || p.front().from != TcpState::Listen)
                return false;
            for (size_t i = 0; i < p.size(); ++i)
                if (p[i].to != want[i])
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(serverPathIs(), 10000);

        // The client's row leaves the Connections table a few seconds after its socket left the
        // workbench; the table's current row moves on, the dock stays with the client's end.
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(client->endpointId(), clientConn) < 0, 20000);
        QTest::qWait(50);
        QVERIFY(dock->title().contains(QString::fromStdString(c.toString())));
        QCOMPARE(shown(*dock), QStringLiteral("TIME-WAIT"));
        QCOMPARE(ss(c, s).state, QStringLiteral("TIME-WAIT"));

        // For a person to look at (docs/images/tcp-state.png): the window at a laptop's size.
        QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
        QVERIFY(w.grab().save(QStringLiteral(SB_BUILD_DIR "/screenshots/tcp-state.png")));
    }

    void diagramLightsTheStateNowAndDrawsThePath()
    {
        // A client's whole life, as the captured segments give it, at the size a 1366x768
        // window's dock gives the figure.
        const std::vector<TcpStep> path
                = {{0, TcpState::Closed, TcpState::SynSent, TcpStepCause::Sent, 0x02, 1},
                   {1, TcpState::SynSent, TcpState::Established, TcpStepCause::Received, 0x12, 2},
                   {2, TcpState::Established, TcpState::FinWait1, TcpStepCause::Sent, 0x11, 4},
                   {3, TcpState::FinWait1, TcpState::FinWait2, TcpStepCause::Received, 0x10, 5},
                   {4, TcpState::FinWait2, TcpState::TimeWait, TcpStepCause::Received, 0x11, 6},
                   {5, TcpState::TimeWait, TcpState::Closed, TcpStepCause::TimerExpired}};
        TcpStateDiagram diagram;
        diagram.resize(440, 320);
        const auto litPixels = [&] {
            const QImage image = diagram.grab().toImage();
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    n += image.pixelColor(x, y) == QColor(0xf0, 0xa0, 0x20);
            return n;
        };
        diagram.setPath(path, std::nullopt);
        QCOMPARE(litPixels(), 0);
        diagram.setPath(path, TcpState::Closed);
        QVERIFY(litPixels() > 500); // one box, filled
        QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
        QVERIFY(diagram.grab().save(
                QStringLiteral(SB_BUILD_DIR "/screenshots/tcp-state-diagram.png")));
        diagram.setInactive(true);
        QCOMPARE(litPixels(), 0);
    }

    void udpAndUnixHaveNoTcpStateMachine_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("says");
        QTest::newRow("udp") << "udp://127.0.0.1:0"
                             << "UDP has no TCP state machine";
        QTest::newRow("unix") << "unix://@sockbench-tcpstate-test"
                              << "UNIX sockets have no TCP state machine";
    }

    void udpAndUnixHaveNoTcpStateMachine()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, says);
        MainWindow w;
        w.show();
        auto *dock = w.findChild<TcpStateDock *>();
        const bool udp = endpoint.startsWith(QLatin1String("udp"));
        EndpointPanel *panel
                = w.openPanel(config(udp ? Role::Datagram : Role::Server, endpoint.toStdString()));
        QTRY_VERIFY_WITH_TIMEOUT(w.connectionsModel()->rowOf(panel->endpointId(), 0) >= 0, 10000);
        // Through the Connections table's context menu, as a person would ask.
        auto *connections = qobject_cast<ConnectionsDock *>(w.connectionsDock());
        const int row = w.connectionsModel()->rowOf(panel->endpointId(), 0);
        const QRect rect
                = w.connectionsView()->visualRect(w.connectionsView()->model()->index(row, 0));
        std::unique_ptr<QMenu> menu(connections->contextMenuAt(rect.center()));
        auto *show = menu->findChild<QAction *>(QStringLiteral("showTcpState"));
        QVERIFY(show && show->isEnabled());
        show->trigger();
        QVERIFY(dock->isVisible());
        QVERIFY(dock->following());
        QVERIFY2(dock->stateText().startsWith(says), qPrintable(dock->stateText()));
        QVERIFY(!dock->history().current());
    }
};

QTEST_MAIN(TestTcpStateDock)
#include "tst_tcpstatedock.moc"
