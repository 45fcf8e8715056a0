// A traced program as one more endpoint of the workbench (Demos > Course programs): the
// course's C client talking to a workbench echo server is one exchange in the Wire view (its
// connect reaches the server's lane, its line and the echo are arrows between them, no
// "outside" peer); a traced server's sockets are rows of the Connections dock in the states
// ss -tan shows; a forking server's child shows under the program and talks on the same
// connection; bytes the program received are rows of its Data log.
#include "../support/processrun.h"
#include "core/net/endpointstate.h"
#include "ui/connectionsmodel.h"
#include "ui/courseprograms.h"
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/programtracepanel.h"
#include "ui/sendcomposer.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QtTest>

using namespace sb;

namespace {

/// The arrow of kind from lane `from` to lane `to` whose text contains needle, or null.
const WireItem *arrow(const WireModel &wire, WireItem::Kind kind, int from, int to,
                      const std::string &needle = {})
{
    for (const WireItemPtr &item : wire.items())
        if (item->kind == kind && item->from == from && item->to == to
            && item->text.find(needle) != std::string::npos)
            return item.get();
    return nullptr;
}

bool hasOutside(const WireModel &wire)
{
    for (const WireLifeline &l : wire.lifelines())
        if (l.kind == WireLifeline::Kind::Outside)
            return true;
    return false;
}

/// The Connections row of owner at local port, or -1.
int connectionsRow(const ConnectionsModel &model, const std::string &owner, uint16_t port,
                   bool listening)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const SocketRow &row = model.socketRow(r);
        if (row.owner == owner && row.local.port() == port && row.listening == listening
            && !model.isClosed(r))
            return r;
    }
    return -1;
}

bool logReceived(const LogModel &log, const QByteArray &bytes)
{
    for (int r = 0; r < log.rowCount(); ++r)
        if (log.entry(r).kind == LogEntry::Kind::Data && log.entry(r).dir == Direction::In
            && log.data(log.index(r, 0), LogModel::PayloadRole).toByteArray() == bytes)
            return true;
    return false;
}

void sendText(EndpointPanel *panel, const QString &text)
{
    SendComposer *composer = panel->composer();
    composer->endingBox()->setCurrentIndex(0); // no EOL: exactly the bytes typed
    composer->input()->setText(text);
    composer->send();
}

} // namespace

class TestProgramWire : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tracedClientAndWorkbenchServerAreOneExchange();
    void tracedServerSocketsAreConnectionsRows();
    void forkingServerChildTalksOnTheSameConnection();
};

void TestProgramWire::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!courseProgramsDir().isEmpty(), "the course programs (build/examples) are built");
}

void TestProgramWire::tracedClientAndWorkbenchServerAreOneExchange()
{
    MainWindow window;
    QString reason;
    QVERIFY2(window.runCourseProgram(QStringLiteral("tcp-client"), &reason), qPrintable(reason));
    QTRY_COMPARE(window.programPanels().size(), 1);
    ProgramTracePanel *program = window.programPanels().first();
    QTRY_VERIFY(program->finished());
    QVERIFY2(program->statusText().contains("exited with status 0"),
             qPrintable(program->statusText()));
    QCOMPARE(window.panels().size(), size_t(1));
    EndpointPanel *server = window.panels().front();
    QTRY_VERIFY(logReceived(*server->logModel(), "hello from C\n"));

    WireModel &wire = *window.wireDock()->model();
    const int programLane = wire.lifelineOf(program->endpointId(), 0);
    const int serverLane = wire.lifelineOf(server->endpointId(), 0);
    const int connLane = wire.lifelineOf(server->endpointId(), 1);
    QVERIFY(programLane >= 0 && serverLane >= 0 && connLane >= 0);
    QCOMPARE(wire.lifelines()[programLane].name, program->label());
    QVERIFY(arrow(wire, WireItem::Kind::Connect, programLane, serverLane));
    QTRY_VERIFY(arrow(wire, WireItem::Kind::Accept, serverLane, connLane));
    // The C program's line to the server's connection, and the echo back, both completed.
    QTRY_VERIFY(arrow(wire, WireItem::Kind::Message, programLane, connLane, "hello from C"));
    QTRY_VERIFY(arrow(wire, WireItem::Kind::Message, connLane, programLane, "hello from C"));
    QTRY_VERIFY(!arrow(wire, WireItem::Kind::Message, programLane, connLane, "hello")->pending());
    QTRY_VERIFY(!arrow(wire, WireItem::Kind::Message, connLane, programLane, "hello")->pending());
    // shutdown(SHUT_WR) is a FIN that ends at the server's end of file.
    QTRY_VERIFY(arrow(wire, WireItem::Kind::Fin, programLane, connLane));
    QVERIFY(!hasOutside(wire));
    // The program's own log has the echo it read.
    QTRY_VERIFY(logReceived(*program->logModel(), "hello from C\n"));
}

void TestProgramWire::tracedServerSocketsAreConnectionsRows()
{
    MainWindow window;
    QString reason;
    QVERIFY2(window.runCourseProgram(QStringLiteral("iterative-server"), &reason),
             qPrintable(reason));
    QCOMPARE(window.programPanels().size(), 1);
    ProgramTracePanel *program = window.programPanels().first();
    // Once the program listens, a workbench client connects to it.
    QTRY_COMPARE(window.panels().size(), size_t(1));
    EndpointPanel *client = window.panels().front();
    QTRY_COMPARE(client->state(), EndpointPhase::Connected);
    const uint16_t port = client->peerAddress().port();
    QVERIFY(port != 0);

    ConnectionsModel &rows = *window.connectionsModel();
    const std::string owner = "tcp_iterative_server";
    QTRY_VERIFY(connectionsRow(rows, owner, port, true) >= 0);
    QTRY_VERIFY(connectionsRow(rows, owner, port, false) >= 0);
    QTRY_COMPARE(rows.socketRow(connectionsRow(rows, owner, port, true)).state,
                 std::string("LISTEN"));
    QTRY_COMPARE(rows.socketRow(connectionsRow(rows, owner, port, false)).state,
                 std::string("ESTABLISHED"));
    // The same states as ss -tan gives for the program's two sockets.
    const sbtest::Run ss = sbtest::run("ss", {"-tanH", QStringLiteral("sport = :%1").arg(port)});
    QVERIFY2(ss.out.contains("LISTEN"), qPrintable(ss.out));
    QVERIFY2(ss.out.contains("ESTAB"), qPrintable(ss.out));

    // What the client sends is a row of the program's Data log, and comes back in capitals.
    sendText(client, QStringLiteral("hi there"));
    QTRY_VERIFY(logReceived(*program->logModel(), "hi there"));
    QTRY_VERIFY(logReceived(*client->logModel(), "HI THERE"));
    window.closePanel(client);
    program->stop();
    QTRY_VERIFY(program->finished());
    QTRY_VERIFY(connectionsRow(rows, owner, port, true) < 0);
}

void TestProgramWire::forkingServerChildTalksOnTheSameConnection()
{
    MainWindow window;
    QString reason;
    QVERIFY2(window.runCourseProgram(QStringLiteral("concurrent-server"), &reason),
             qPrintable(reason));
    ProgramTracePanel *program = window.programPanels().first();
    QTRY_COMPARE(window.panels().size(), size_t(1));
    EndpointPanel *client = window.panels().front();
    QTRY_COMPARE(client->state(), EndpointPhase::Connected);
    sendText(client, QStringLiteral("fork me"));
    QTRY_VERIFY(logReceived(*client->logModel(), "FORK ME"));
    // The child that served the client is under the program.
    QTreeWidget *tree = program->processTree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTRY_VERIFY(tree->topLevelItem(0)->childCount() >= 1);
    QVERIFY(tree->topLevelItem(0)->child(0)->text(0).startsWith("child "));
    // One connection lane for the parent's accept and the child's reads and writes.
    WireModel &wire = *window.wireDock()->model();
    const int clientLane = wire.lifelineOf(client->endpointId(), 0);
    const int connLane = wire.lifelineOf(program->endpointId(), 1);
    QVERIFY(clientLane >= 0 && connLane >= 0);
    QTRY_VERIFY(arrow(wire, WireItem::Kind::Message, clientLane, connLane, "fork me"));
    QTRY_VERIFY(arrow(wire, WireItem::Kind::Message, connLane, clientLane, "FORK ME"));
    QVERIFY(wire.lifelineOf(program->endpointId(), 2) < 0);
    QVERIFY(!hasOutside(wire));
    program->stop();
    QTRY_VERIFY(program->finished());
}

QTEST_MAIN(TestProgramWire)
#include "tst_programwire.moc"
