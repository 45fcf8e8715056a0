// Every number from the one state: a TCP echo server and three clients exchange known byte
// counts through the real window, and the log, the Clients tab, the Connections dock and each
// panel header must agree on every one. Also: the error banner goes with the next success and
// the actions follow the phase.
#include "ui/clientsmodel.h"
#include "ui/connectionsmodel.h"
#include "ui/corebridge.h"
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/panelheader.h"
#include "ui/sendcomposer.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <sys/socket.h>

using namespace sb;
using Preset = NewSocketDialog::Preset;

namespace {

/// What a log shows for one connection (conn 0: every row): bytes and rows each way.
struct LogSums
{
    uint64_t bytesIn = 0, bytesOut = 0, rowsIn = 0, rowsOut = 0;
};

LogSums logSums(const LogModel &log, ConnId conn = 0)
{
    LogSums s;
    for (int r = 0; r < log.rowCount(); ++r) {
        if (log.data(log.index(r, 0), LogModel::KindRole).toInt()
            != static_cast<int>(LogEntry::Kind::Data))
            continue;
        if (conn && log.data(log.index(r, 0), LogModel::ConnRole).toUInt() != conn)
            continue;
        const uint64_t n = log.data(log.index(r, LogModel::LengthColumn)).toULongLong();
        if (log.entry(r).dir == Direction::In) {
            s.bytesIn += n;
            ++s.rowsIn;
        } else {
            s.bytesOut += n;
            ++s.rowsOut;
        }
    }
    return s;
}

/// The header's counters as a person reads them: "↓ 13 B (1)  ↑ 13 B (1)  0 B/s".
struct HeaderCounts
{
    bool ok = false;
    uint64_t bytesIn = 0, msgsIn = 0, bytesOut = 0, msgsOut = 0;
};

HeaderCounts headerCounts(const EndpointPanel &panel)
{
    static const QRegularExpression re(
            QStringLiteral("↓ (\\d+) B \\((\\d+)\\)  ↑ (\\d+) B \\((\\d+)\\)"));
    const QRegularExpressionMatch m = re.match(panel.header()->countersText());
    if (!m.hasMatch())
        return {};
    return {true, m.captured(1).toULongLong(), m.captured(2).toULongLong(),
            m.captured(3).toULongLong(), m.captured(4).toULongLong()};
}

/// The Connections dock's byte columns for (endpoint, conn); -1 when the row is missing.
std::pair<qlonglong, qlonglong> dockBytes(const MainWindow &w, EndpointId ep, ConnId conn)
{
    const ConnectionsModel *m = w.connectionsModel();
    const int row = m->rowOf(ep, conn);
    if (row < 0)
        return {-1, -1};
    return {m->data(m->index(row, ConnectionsModel::BytesInColumn)).toLongLong(),
            m->data(m->index(row, ConnectionsModel::BytesOutColumn)).toLongLong()};
}

QString clientsCell(const ClientsModel &m, ConnId conn, int column)
{
    const int row = m.rowOf(conn);
    return row < 0 ? QString() : m.data(m.index(row, column)).toString();
}

QString bytesText(uint64_t n) { return QStringLiteral("%1 B").arg(n); }

} // namespace

class TestCounts : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void threeClientsAgreeEverywhere();
    void refusedConnectBannerClearsOnConnect();
    void sendErrorBannerClearsOnNextSend();

private:
    EndpointPanel *open(Preset preset, const QString &endpoint = {});
    MainWindow *m_window = nullptr;
};

void TestCounts::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TestCounts::init()
{
    m_window = new MainWindow;
    m_window->resize(1600, 1000);
    m_window->show();
}

void TestCounts::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

EndpointPanel *TestCounts::open(Preset preset, const QString &endpoint)
{
    NewSocketDialog dialog(m_window);
    dialog.setKnownServers(m_window->knownServers());
    dialog.applyPreset(preset);
    if (!endpoint.isEmpty())
        dialog.endpointEdit()->setText(endpoint);
    if (!dialog.errorText().isEmpty()) {
        qWarning("dialog refused: %s", qPrintable(dialog.errorText()));
        return nullptr;
    }
    return m_window->openPanel(dialog.config(), true);
}

void TestCounts::threeClientsAgreeEverywhere()
{
    EndpointPanel *server = open(Preset::TcpServer);
    QVERIFY(server);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);

    // Different sizes, all under 1 KiB so every view shows them to the byte; the third client
    // sends twice, each after the first echo came back.
    const std::vector<std::vector<int>> sends {{13}, {200}, {300, 411}};
    std::vector<EndpointPanel *> clients;
    for (size_t i = 0; i < sends.size(); ++i) {
        EndpointPanel *c = open(Preset::TcpClient);
        QVERIFY(c);
        QTRY_COMPARE(c->state(), EndpointPanel::State::Connected);
        clients.push_back(c);
    }
    QTRY_COMPARE(server->clientsModel()->liveConns().size(), size_t(3));

    uint64_t serverTotal = 0;
    for (size_t i = 0; i < clients.size(); ++i) {
        SendComposer *composer = clients[i]->composer();
        composer->endingBox()->setCurrentIndex(0); // no EOL: the bytes typed, no more
        uint64_t sent = 0;
        for (int n : sends[i]) {
            composer->input()->setText(QString(n, QLatin1Char('a' + char(i))));
            composer->send();
            sent += uint64_t(n);
            QTRY_COMPARE(clients[i]->bytesIn(), sent); // the echo is back
        }
        QCOMPARE(clients[i]->bytesOut(), sent);
        serverTotal += sent;
    }
    QTRY_COMPARE(server->bytesIn(), serverTotal);
    QTRY_COMPARE(server->bytesOut(), serverTotal);

    // Let the registry be read twice more after the last byte: a snapshot read while events
    // were on their way is what made the Clients tab count a client's bytes twice.
    QSignalSpy snapshots(m_window->bridge(), &CoreBridge::socketsSnapshotted);
    m_window->bridge()->refreshSockets();
    QTRY_VERIFY(snapshots.count() >= 2);

    ClientsModel *clientsTab = server->clientsModel();
    for (size_t i = 0; i < clients.size(); ++i) {
        EndpointPanel *c = clients[i];
        uint64_t n = 0;
        for (int s : sends[i])
            n += uint64_t(s);
        const QByteArray tag = "client " + QByteArray::number(int(i + 1));
        // The client's side: its log, its header, its row in the Connections dock.
        const std::vector<ConnId> live = c->endpointState().liveConnections();
        QCOMPARE(live.size(), size_t(1));
        const ConnId clientConn = live.front();
        const LogSums log = logSums(*c->logModel());
        QVERIFY2(log.bytesIn == n && log.bytesOut == n, tag);
        const HeaderCounts header = headerCounts(*c);
        QVERIFY2(header.ok, qPrintable(c->header()->countersText()));
        QVERIFY2(header.bytesIn == n && header.bytesOut == n, tag);
        QVERIFY2(header.msgsIn == log.rowsIn && header.msgsOut == log.rowsOut, tag);
        QVERIFY2(header.msgsOut == sends[i].size(), tag);
        QTRY_VERIFY2(dockBytes(*m_window, c->endpointId(), clientConn)
                             == std::make_pair(qlonglong(n), qlonglong(n)),
                     tag);

        // The server's side of the same connection, found by the client's port.
        ConnId serverConn = 0;
        for (ConnId conn : clientsTab->liveConns())
            if (clientsTab->peerOf(conn) == QString::fromStdString(c->localAddress().toString()))
                serverConn = conn;
        QVERIFY2(serverConn != 0, tag);
        QCOMPARE(clientsCell(*clientsTab, serverConn, ClientsModel::InColumn), bytesText(n));
        QCOMPARE(clientsCell(*clientsTab, serverConn, ClientsModel::OutColumn), bytesText(n));
        const LogSums serverLog = logSums(*server->logModel(), serverConn);
        QVERIFY2(serverLog.bytesIn == n && serverLog.bytesOut == n, tag);
        QTRY_VERIFY2(dockBytes(*m_window, server->endpointId(), serverConn)
                             == std::make_pair(qlonglong(n), qlonglong(n)),
                     tag);
        const Traffic t = server->endpointState().connection(serverConn)->traffic();
        QCOMPARE(t.bytesIn, n);
        QCOMPARE(t.bytesOut, n);
    }

    // The server's totals: header, log and state say the same.
    const LogSums serverLog = logSums(*server->logModel());
    QCOMPARE(serverLog.bytesIn, serverTotal);
    QCOMPARE(serverLog.bytesOut, serverTotal);
    const HeaderCounts header = headerCounts(*server);
    QVERIFY2(header.ok, qPrintable(server->header()->countersText()));
    QCOMPARE(header.bytesIn, serverTotal);
    QCOMPARE(header.bytesOut, serverTotal);
    QCOMPARE(header.msgsIn, serverLog.rowsIn);
    QCOMPARE(header.msgsOut, serverLog.rowsOut);
    QCOMPARE(server->endpointState().totals().accepted, 3u);
    QCOMPARE(server->endpointState().totals().active, 3u);
    QVERIFY(server->header()->stateText().startsWith(QStringLiteral("LISTEN")));
}

void TestCounts::refusedConnectBannerClearsOnConnect()
{
    // A port just bound and released: nothing listens there until the server below does.
    EndpointPanel *probe = open(Preset::TcpServer);
    QVERIFY(probe);
    QTRY_COMPARE(probe->state(), EndpointPanel::State::Listening);
    const uint16_t port = probe->localAddress().port();
    m_window->closePanel(probe);
    const QString where = QStringLiteral("tcp://127.0.0.1:%1").arg(port);

    EndpointPanel *client = open(Preset::TcpClient, where);
    QVERIFY(client);
    QTRY_COMPARE(client->state(), EndpointPanel::State::Failed);
    QCOMPARE(client->header()->stateText(), QStringLiteral("ERROR"));
    QVERIFY2(client->header()->errorText().contains(QStringLiteral("ECONNREFUSED")),
             qPrintable(client->header()->errorText()));
    // Nothing to shut down, abort or send on in ERROR; Connect is there to try again.
    for (int how : {SHUT_RD, SHUT_WR, SHUT_RDWR})
        QVERIFY(!client->shutdownAction(how)->isEnabled());
    QVERIFY(!client->abortAction()->isEnabled());
    QVERIFY(!client->composer()->sendButton()->isEnabled());
    QVERIFY(client->startAction()->isEnabled());
    QVERIFY(!client->closeAction()->isEnabled());

    EndpointPanel *server = open(Preset::TcpServer, where);
    QVERIFY(server);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    client->startAction()->trigger();
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    // The connect that succeeded cleared the banner of the one that failed.
    QCOMPARE(client->header()->errorText(), QString());
    QCOMPARE(client->errorText(), QString());
    QVERIFY(client->shutdownAction(SHUT_WR)->isEnabled());
    QVERIFY(client->abortAction()->isEnabled());
    QVERIFY(client->composer()->sendButton()->isEnabled());
    QVERIFY(!client->startAction()->isEnabled());

    // After we send FIN, SHUT_WR is done and sending is over; reading still goes on.
    client->shutdownAction(SHUT_WR)->trigger();
    QTRY_VERIFY(!client->shutdownAction(SHUT_WR)->isEnabled());
    QVERIFY(!client->composer()->sendButton()->isEnabled());
}

void TestCounts::sendErrorBannerClearsOnNextSend()
{
    EndpointPanel *a = open(Preset::Udp);
    EndpointPanel *b = open(Preset::Udp);
    QVERIFY(a && b);
    QTRY_COMPARE(a->state(), EndpointPanel::State::Bound);
    QTRY_COMPARE(b->state(), EndpointPanel::State::Bound);

    SendRequest nowhere;
    nowhere.bytes = "to nobody";
    a->send(nowhere); // an unconnected datagram socket with no destination
    QTRY_VERIFY2(a->header()->errorText().contains(QStringLiteral("EDESTADDRREQ")),
                 qPrintable(a->header()->errorText()));
    QCOMPARE(a->state(), EndpointPanel::State::Bound); // the socket is still usable

    SendRequest toB;
    toB.bytes = "twelve bytes";
    toB.to = b->localAddress();
    a->send(toB);
    QTRY_COMPARE(b->bytesIn(), uint64_t(12));
    QTRY_COMPARE(a->header()->errorText(), QString());
    QCOMPARE(a->bytesOut(), uint64_t(12));
    QCOMPARE(a->endpointState().totals().errors, 1u);
}

QTEST_MAIN(TestCounts)
#include "tst_counts.moc"
