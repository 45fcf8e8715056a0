// The workbench end to end: panels opened by the New socket dialog's presets drive real
// loopback sockets through the core; the test checks what a person would see in the window.
#include "ui/clientsmodel.h"
#include "ui/clientsview.h"
#include "ui/connectionsmodel.h"
#include "ui/endpointpanel.h"
#include "ui/followingtableview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/optionsview.h"
#include "ui/panelheader.h"
#include "ui/sendcomposer.h"
#include "ui/sendplan.h"
#include "ui/tracemodel.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <cerrno>

using namespace sb;
using Preset = NewSocketDialog::Preset;

namespace {

/// Rows of a log with a given data text prefix.
int countRows(const LogModel &log, Direction dir, const QString &text)
{
    int n = 0;
    for (int r = 0; r < log.rowCount(); ++r) {
        const LogEntry &e = log.entry(r);
        if (e.kind == LogEntry::Kind::Data && e.dir == dir
            && log.data(log.index(r, LogModel::DataColumn)).toString() == text)
            ++n;
    }
    return n;
}

bool logHas(const LogModel &log, const QString &needle)
{
    for (int r = 0; r < log.rowCount(); ++r)
        if (log.data(log.index(r, LogModel::DataColumn)).toString().contains(needle))
            return true;
    return false;
}

QString stateOf(const MainWindow &w, EndpointId ep, ConnId conn)
{
    const ConnectionsModel *m = w.connectionsModel();
    const int row = m->rowOf(ep, conn);
    return row < 0 ? QString() : m->data(m->index(row, ConnectionsModel::StateColumn)).toString();
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sendTextAndHexThroughEcho();
    void shutdownEachDirection();
    void abortGivesPeerConnectionReset();
    void addressInUseShownAtPanel();
    void connectionRefusedShownAtPanel();
    void unixStreamAndDatagram();
    void socketpairEnds();
    void serverKicksOneClient();
    void optionsReadBackAndSet();
    void repeatedSendCountsExactly();
    void closingPanelClosesSockets();
    void longSendShowsProgressAndCancels();
    void doubleClickInConnectionsFocusesPanel();
    void stopThenListenAgain();
    void logFilterAndExport();

private:
    EndpointPanel *openByDialog(Preset preset);
    EndpointPanel *connectedPair(EndpointPanel **server);
    MainWindow *m_window = nullptr;
};

void TestWorkbench::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TestWorkbench::init()
{
    m_window = new MainWindow;
    m_window->resize(1400, 860);
    m_window->show();
}

void TestWorkbench::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

EndpointPanel *TestWorkbench::openByDialog(Preset preset)
{
    NewSocketDialog dialog(m_window);
    dialog.setKnownServers(m_window->knownServers());
    dialog.applyPreset(preset);
    if (!dialog.errorText().isEmpty()) {
        qWarning("dialog refused its own preset: %s", qPrintable(dialog.errorText()));
        return nullptr;
    }
    return m_window->openPanel(dialog.config(), dialog.startImmediately());
}

EndpointPanel *TestWorkbench::connectedPair(EndpointPanel **server)
{
    *server = openByDialog(Preset::TcpServer);
    if (!*server
        || !QTest::qWaitFor([&] { return (*server)->state() == EndpointPanel::State::Listening; },
                            10000))
        return nullptr;
    EndpointPanel *client = openByDialog(Preset::TcpClient);
    if (!client
        || !QTest::qWaitFor([&] { return client->state() == EndpointPanel::State::Connected; },
                            10000))
        return nullptr;
    if (!QTest::qWaitFor([&] { return (*server)->clientsModel()->liveConns().size() == 1; }, 10000))
        return nullptr;
    return client;
}

void TestWorkbench::sendTextAndHexThroughEcho()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    // The client preset found the server by itself.
    QCOMPARE(client->peerAddress().port(), server->localAddress().port());

    SendComposer *composer = client->composer();
    composer->input()->setText(QStringLiteral("hello\\tworld"));
    composer->endingBox()->setCurrentIndex(composer->endingBox()->findText(QStringLiteral("CRLF")));
    QTest::keyClick(composer->input(), Qt::Key_Return); // Enter sends
    QTRY_COMPARE(
            countRows(*client->logModel(), Direction::In, QStringLiteral("hello\\tworld\\r\\n")),
            1);
    QCOMPARE(countRows(*client->logModel(), Direction::Out, QStringLiteral("hello\\tworld\\r\\n")),
             1);
    QTRY_COMPARE(
            countRows(*server->logModel(), Direction::In, QStringLiteral("hello\\tworld\\r\\n")),
            1);
    QCOMPARE(client->bytesOut(), uint64_t(13));

    composer->setMode(InputMode::Hex);
    composer->input()->setText(QStringLiteral("de ad be ef 00 0a"));
    composer->send();
    QTRY_VERIFY(client->bytesIn() == 13 + 6);
    // The hex dump of the received row shows exactly those bytes.
    LogModel *log = client->logModel();
    int row = -1;
    for (int r = 0; r < log->rowCount(); ++r)
        if (log->entry(r).kind == LogEntry::Kind::Data && log->entry(r).dir == Direction::In
            && log->entry(r).size == 6)
            row = r;
    QVERIFY(row >= 0);
    QCOMPARE(log->data(log->index(row, LogModel::LengthColumn)).toString(), QStringLiteral("6"));
    QCOMPARE(log->data(log->index(row, LogModel::DataColumn)).toString(),
             QStringLiteral("de ad be ef 00 0a"));
    client->logView()->table()->selectRow(row);
    QTRY_VERIFY(client->logView()->hexDump()->isVisible());
    QVERIFY2(client->logView()->hexDump()->toPlainText().contains(
                     QStringLiteral("de ad be ef 00 0a")),
             qPrintable(client->logView()->hexDump()->toPlainText()));

    // Odd hex is refused at the field and nothing is sent.
    composer->input()->setText(QStringLiteral("de a"));
    composer->send();
    QVERIFY(composer->errorLabel()->isVisibleTo(composer));
    QVERIFY(!composer->errorLabel()->text().isEmpty());
    QTest::qWait(100);
    QCOMPARE(client->bytesOut(), uint64_t(19));
    // History: Up brings back what was sent.
    composer->input()->clear();
    QTest::keyClick(composer->input(), Qt::Key_Up);
    QCOMPARE(composer->input()->text(), QStringLiteral("de ad be ef 00 0a"));
}

void TestWorkbench::shutdownEachDirection()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    const ConnId serverConn = server->clientsModel()->liveConns().front();
    const ConnId clientConn = client->clientsModel() ? 0 : 1;
    QTRY_COMPARE(stateOf(*m_window, server->endpointId(), serverConn),
                 QStringLiteral("ESTABLISHED"));

    // Client shuts its write side: the server's end of the connection sees EOF (CLOSE_WAIT).
    QVERIFY(client->shutdownAction(SHUT_WR)->isEnabled());
    client->shutdownAction(SHUT_WR)->trigger();
    QTRY_COMPARE(stateOf(*m_window, server->endpointId(), serverConn),
                 QStringLiteral("CLOSE_WAIT"));
    QTRY_COMPARE(stateOf(*m_window, client->endpointId(), clientConn), QStringLiteral("FIN_WAIT2"));
    QTRY_VERIFY(logHas(*server->logModel(), QStringLiteral("EOF")));
    QVERIFY(!client->shutdownAction(SHUT_WR)->isEnabled());
    QCOMPARE(client->state(), EndpointPanel::State::HalfClosed);

    // The server can still answer a half-closed client, then shuts its own side.
    server->composer()->input()->setText(QStringLiteral("bye"));
    server->composer()->send();
    QTRY_COMPARE(countRows(*client->logModel(), Direction::In, QStringLiteral("bye")), 1);
    server->clientsView()->selectConn(serverConn);
    server->shutdownAction(SHUT_WR)->trigger();
    QTRY_VERIFY(logHas(*client->logModel(), QStringLiteral("EOF")));
    // Both sides closed their write side: the sockets go; the Connections rows grey out.
    QTRY_VERIFY(stateOf(*m_window, server->endpointId(), serverConn) == QStringLiteral("CLOSED")
                || m_window->connectionsModel()->rowOf(server->endpointId(), serverConn) < 0);
}

void TestWorkbench::abortGivesPeerConnectionReset()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    QVERIFY(client->abortAction()->isEnabled());
    client->abortAction()->trigger();
    QTRY_VERIFY(logHas(*server->logModel(), QStringLiteral("ECONNRESET")));
    QTRY_COMPARE(server->clientsModel()
                         ->data(server->clientsModel()->index(0, ClientsModel::StateColumn))
                         .toString(),
                 QStringLiteral("RESET"));
    QTRY_COMPARE(client->state(), EndpointPanel::State::Closed);
    // The trace of the aborting side shows the SO_LINGER {1, 0} that made it a RST.
    bool linger = false;
    for (int r = 0; r < client->traceModel()->rowCount(); ++r)
        linger = linger
                || client->traceModel()
                           ->data(client->traceModel()->index(r, TraceModel::CallColumn))
                           .toString()
                           .contains(QStringLiteral("SO_LINGER"));
    QVERIFY(linger);
}

void TestWorkbench::addressInUseShownAtPanel()
{
    EndpointPanel *first = openByDialog(Preset::TcpServer);
    QVERIFY(first);
    QTRY_COMPARE(first->state(), EndpointPanel::State::Listening);
    NewSocketDialog dialog(m_window);
    dialog.applyPreset(Preset::TcpServer);
    dialog.endpointEdit()->setText(
            QStringLiteral("tcp://127.0.0.1:%1").arg(first->localAddress().port()));
    QCOMPARE(dialog.errorText(), QString());
    EndpointPanel *second = m_window->openPanel(dialog.config(), true);
    QTRY_COMPARE(second->state(), EndpointPanel::State::Failed);
    QVERIFY2(second->errorText().startsWith(QStringLiteral("bind: EADDRINUSE")),
             qPrintable(second->errorText()));
    QVERIFY(second->header()->errorText().contains(QStringLiteral("EADDRINUSE")));
    QCOMPARE(second->header()->stateText(), QStringLiteral("ERROR"));
    bool failedBind = false;
    TraceModel *trace = second->traceModel();
    for (int r = 0; r < trace->rowCount(); ++r)
        failedBind = failedBind
                || (trace->data(trace->index(r, 0), TraceModel::CallNameRole).toString()
                            == QStringLiteral("bind")
                    && trace->data(trace->index(r, 0), TraceModel::ErrnoRole).toInt()
                            == EADDRINUSE);
    QVERIFY(failedBind);
    QVERIFY(second->startAction()->isEnabled()); // the person can try again
    QVERIFY(!second->closeAction()->isEnabled());
}

void TestWorkbench::connectionRefusedShownAtPanel()
{
    // A port that was just bound and released: nothing listens there now.
    EndpointPanel *probe = openByDialog(Preset::TcpServer);
    QTRY_COMPARE(probe->state(), EndpointPanel::State::Listening);
    const uint16_t port = probe->localAddress().port();
    m_window->closePanel(probe);
    NewSocketDialog dialog(m_window);
    dialog.applyPreset(Preset::TcpClient);
    dialog.endpointEdit()->setText(QStringLiteral("tcp://127.0.0.1:%1").arg(port));
    EndpointPanel *client = m_window->openPanel(dialog.config(), true);
    QTRY_COMPARE(client->state(), EndpointPanel::State::Failed);
    QVERIFY2(client->errorText().contains(QStringLiteral("ECONNREFUSED")),
             qPrintable(client->errorText()));
}

void TestWorkbench::unixStreamAndDatagram()
{
    EndpointPanel *server = openByDialog(Preset::UnixStreamServer);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    EndpointPanel *client = openByDialog(Preset::UnixStreamClient);
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    client->composer()->input()->setText(QStringLiteral("over a path"));
    client->composer()->send();
    QTRY_COMPARE(countRows(*client->logModel(), Direction::In, QStringLiteral("over a path")), 1);
    QTRY_COMPARE(stateOf(*m_window, server->endpointId(), 0),
                 QStringLiteral("LISTENING") /* netstat's word for UNIX */);

    // Two UNIX datagram sockets: one sends to the other by path.
    EndpointPanel *a = openByDialog(Preset::UnixDgram);
    QTRY_COMPARE(a->state(), EndpointPanel::State::Bound);
    NewSocketDialog dialog(m_window);
    dialog.applyPreset(Preset::UnixDgram);
    dialog.endpointEdit()->setText(dialog.endpointEdit()->text().replace(
            QStringLiteral(".sock"), QStringLiteral("-b.sock")));
    EndpointPanel *b = m_window->openPanel(dialog.config(), true);
    QTRY_COMPARE(b->state(), EndpointPanel::State::Bound);
    b->composer()->destination()->setText(QStringLiteral("unix-dgram://")
                                          + QString::fromStdString(a->localAddress().host()));
    b->composer()->input()->setText(QStringLiteral("one datagram"));
    b->composer()->send();
    QTRY_COMPARE(countRows(*a->logModel(), Direction::In, QStringLiteral("one datagram")), 1);
    QCOMPARE(a->messagesIn(), uint64_t(1));
}

void TestWorkbench::socketpairEnds()
{
    EndpointPanel *pair = openByDialog(Preset::Socketpair);
    QVERIFY(pair);
    QTRY_COMPARE(pair->state(), EndpointPanel::State::Connected);
    QTRY_VERIFY(pair->composer()->targetBox()->count() == 2);
    pair->composer()->targetBox()->setCurrentIndex(0);
    pair->composer()->input()->setText(QStringLiteral("ping"));
    pair->composer()->send();
    // What end 1 sends, end 2 receives: one Out row and one In row.
    QTRY_COMPARE(countRows(*pair->logModel(), Direction::In, QStringLiteral("ping")), 1);
    QCOMPARE(countRows(*pair->logModel(), Direction::Out, QStringLiteral("ping")), 1);
}

void TestWorkbench::serverKicksOneClient()
{
    EndpointPanel *server = openByDialog(Preset::TcpServer);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    EndpointPanel *c1 = openByDialog(Preset::TcpClient);
    EndpointPanel *c2 = openByDialog(Preset::TcpClient);
    QTRY_COMPARE(server->clientsModel()->liveConns().size(), size_t(2));
    QTRY_COMPARE(c1->state(), EndpointPanel::State::Connected);
    QTRY_COMPARE(c2->state(), EndpointPanel::State::Connected);
    // Send to all clients from the server.
    server->composer()->input()->setText(QStringLiteral("to all"));
    server->composer()->send();
    QTRY_COMPARE(countRows(*c1->logModel(), Direction::In, QStringLiteral("to all")), 1);
    QTRY_COMPARE(countRows(*c2->logModel(), Direction::In, QStringLiteral("to all")), 1);
    // Kick the first: it reads EOF, the second stays.
    const ConnId first = server->clientsModel()->liveConns().front();
    server->clientsView()->selectConn(first);
    QCOMPARE(server->clientsView()->selectedConn(), first);
    emit server->clientsView()->closeRequested(first);
    QTRY_VERIFY(logHas(*c1->logModel(), QStringLiteral("EOF")));
    QTRY_COMPARE(server->clientsModel()->liveConns().size(), size_t(1));
    QCOMPARE(c2->state(), EndpointPanel::State::Connected);
}

void TestWorkbench::optionsReadBackAndSet()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    client->readOptions();
    QTRY_COMPARE(client->optionsView()->valueOf(QStringLiteral("TCP_NODELAY")),
                 QStringLiteral("0"));
    emit client->optionsView()->setRequested(client->optionsView()->target(),
                                             QStringLiteral("TCP_NODELAY"), QStringLiteral("1"));
    QTRY_COMPARE(client->optionsView()->valueOf(QStringLiteral("TCP_NODELAY")),
                 QStringLiteral("1"));
}

void TestWorkbench::repeatedSendCountsExactly()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    client->composer()->input()->setText(QStringLiteral("0123456789"));
    client->composer()->repeatBox()->setValue(500);
    client->composer()->send();
    QTRY_COMPARE(client->bytesOut(), uint64_t(5000));
    QTRY_COMPARE(client->bytesIn(), uint64_t(5000)); // echoed back, every byte counted
    QTRY_VERIFY(server->bytesIn() == 5000);
}

void TestWorkbench::closingPanelClosesSockets()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    const EndpointId serverId = server->endpointId();
    QTRY_COMPARE(stateOf(*m_window, serverId, 0), QStringLiteral("LISTEN"));
    m_window->closePanel(server);
    QTRY_VERIFY(logHas(*client->logModel(), QStringLiteral("EOF"))
                || client->state() == EndpointPanel::State::Closed);
    QTRY_COMPARE(stateOf(*m_window, serverId, 0), QStringLiteral("CLOSED")); // greyed for a while
    QVERIFY(m_window->connectionsModel()->isClosed(
            m_window->connectionsModel()->rowOf(serverId, 0)));
}

void TestWorkbench::longSendShowsProgressAndCancels()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    SendComposer *composer = client->composer();
    composer->input()->setText(QStringLiteral("tick"));
    composer->repeatBox()->setValue(1000);
    composer->intervalBox()->setValue(20); // 20 s in all: long enough to cancel
    composer->send();
    QTRY_VERIFY(composer->progressBar()->isVisibleTo(composer));
    QTRY_VERIFY(client->messagesOut() >= 3);
    QVERIFY(composer->cancelButton()->isVisibleTo(composer));
    SendPlan *plan = nullptr;
    for (SendPlan *p : client->findChildren<SendPlan *>())
        if (!p->isDone())
            plan = p;
    QVERIFY(plan);
    composer->cancelButton()->click();
    QVERIFY(!composer->progressBar()->isVisibleTo(composer));
    QVERIFY(plan->isCancelled());
    // What the plan handed to the socket before the click lands on both sides, and nothing
    // more: while these waits spin the event loop, a plan still running would tick again
    // (every 20 ms) and the counts would pass the mark.
    const int sentAtCancel = plan->sentCount();
    const uint64_t handedOver = uint64_t(sentAtCancel) * 4;
    QTRY_COMPARE(client->bytesOut(), handedOver);
    QTRY_COMPARE(server->bytesIn(), handedOver);
    QCOMPARE(plan->sentCount(), sentAtCancel);
    QCOMPARE(client->bytesOut(), handedOver);
    QVERIFY(handedOver < 4000);
}

void TestWorkbench::doubleClickInConnectionsFocusesPanel()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    QCOMPARE(m_window->currentPanel(), client);
    QTRY_VERIFY(m_window->connectionsModel()->rowOf(server->endpointId(), 0) >= 0);
    QTableView *view = m_window->connectionsView();
    QModelIndex index;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, 0).data(ConnectionsModel::EndpointRole).toUInt()
            == server->endpointId())
            index = view->model()->index(r, 0);
    QVERIFY(index.isValid());
    emit view->doubleClicked(index);
    QCOMPARE(m_window->currentPanel(), server);
}

void TestWorkbench::stopThenListenAgain()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    QVERIFY(server->closeAction()->isEnabled());
    QVERIFY(!server->startAction()->isEnabled());
    server->closeAction()->trigger(); // Stop: the listener and every client
    QTRY_COMPARE(server->state(), EndpointPanel::State::Closed);
    QTRY_VERIFY(logHas(*client->logModel(), QStringLiteral("EOF")));
    QVERIFY(server->startAction()->isEnabled());
    QVERIFY(!server->closeAction()->isEnabled());
    server->startAction()->trigger();
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
}

void TestWorkbench::logFilterAndExport()
{
    EndpointPanel *server = nullptr;
    EndpointPanel *client = connectedPair(&server);
    QVERIFY(client);
    // One at a time: TCP keeps no message boundaries, two quick sends may come back as one read.
    uint64_t echoed = 0;
    for (const char *line : {"apple", "banana", "apple pie"}) {
        client->composer()->input()->setText(QString::fromLatin1(line));
        client->composer()->send();
        echoed += qstrlen(line);
        QTRY_COMPARE(client->bytesIn(), echoed);
    }
    QCOMPARE(client->messagesIn(), uint64_t(3));
    LogView *view = client->logView();
    view->filterEdit()->setText(QStringLiteral("apple"));
    // sent and echoed: two rows each for "apple" and "apple pie"
    QCOMPARE(view->shownModel()->rowCount(), 4);
    const QString dir = QDir::tempPath()
            + QStringLiteral("/sockbench-export-%1").arg(QCoreApplication::applicationPid());
    QVERIFY(QDir().mkpath(dir));
    const QString csv = dir + QStringLiteral("/log.csv");
    QCOMPARE(view->exportTo(csv), QString());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines
            = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5); // header + 4 filtered rows
    QCOMPARE(lines[0], QStringLiteral("time,direction,peer,length,text,hex"));
    QVERIFY2(lines[1].contains(QStringLiteral(",sent,"))
                     && lines[1].endsWith(QStringLiteral(",apple,6170706c65")),
             qPrintable(lines[1]));
    view->filterEdit()->clear();
    QVERIFY(view->shownModel()->rowCount() >= 8);
    const QString txt = dir + QStringLiteral("/log.txt");
    QCOMPARE(view->exportTo(txt), QString());
    QFile text(txt);
    QVERIFY(text.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(text.readAll()).contains(QStringLiteral("banana")));
    QDir(dir).removeRecursively();
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
