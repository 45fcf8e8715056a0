// Workspaces in the window (File > Save / Open workspace, docs/workspace.md): save, quit, open
// in a new window restores the same panels (endpoints, models, responders, reply rules),
// the saved messages and their order; the rules answer a real client after the reopen; a
// broken line is named and the rest is opened; a log row's "Save this message" lands in the
// Saved messages dock, whose Send sends it from the current panel; a Packet Sender export is
// imported into the dock.
#include "core/demo/workspace.h"
#include "core/text/rules.h"
#include "tests/support/logrows.h"
#include "ui/endpointpanel.h"
#include "ui/followingtableview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/mainwindow.h"
#include "ui/messagesdock.h"
#include "ui/newsocketdialog.h"
#include "ui/sendcomposer.h"

#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace sb;
using sbtest::logHas;
using Preset = NewSocketDialog::Preset;

namespace {

EndpointPanel *clientOf(MainWindow &window, EndpointPanel *server)
{
    EndpointConfig c = NewSocketDialog::presetConfig(Preset::TcpClient);
    c.spec.host = "127.0.0.1";
    c.spec.port = server->localAddress().port();
    return window.openPanel(std::move(c));
}

void sendText(EndpointPanel *panel, const QString &text)
{
    SendComposer *composer = panel->composer();
    composer->endingBox()->setCurrentIndex(0);
    composer->input()->setText(text);
    composer->send();
}

const char kRules[] = "framing: line \"\\n\"\n"
                      "rule: hello\n"
                      "match: regex \"^HELLO (?<who>[a-z]+)$\"\n"
                      "do: reply \"hi {{who}}, #{{counter}}\\n\"\n"
                      "rule: other\n"
                      "match: any\n"
                      "do: reply \"?\\n\"";

} // namespace

class TestWorkspaceGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void saveQuitOpenRestoresPanelsMessagesAndRules();
    void brokenLineIsNamedAndTheRestOpens();
    void logRowSavedAndSentAgain();
    void packetSenderExportImportsIntoTheDock();

private:
    QTemporaryDir m_dir;
};

void TestWorkspaceGui::saveQuitOpenRestoresPanelsMessagesAndRules()
{
    const QString path = m_dir.filePath(QStringLiteral("bench.sbw"));
    std::vector<EndpointConfig> saved;
    std::vector<SavedMessage> messages;
    {
        MainWindow window;
        EndpointConfig rules = NewSocketDialog::presetConfig(Preset::TcpServer);
        rules.label = "Greeter";
        rules.model = ServerModel::Concurrent;
        rules.responder.kind = ResponderSpec::Kind::Rules;
        auto set = RuleSet::parse(kRules);
        QVERIFY2(set, set ? "" : set.error().c_str());
        rules.responder.rules = *set;
        rules.responder.rulesText = kRules;
        EndpointPanel *greeter = window.openPanel(rules);
        window.openPreset(Preset::Udp);
        window.openPreset(Preset::UnixStreamServer);
        QTRY_COMPARE(greeter->state(), EndpointPhase::Listening);
        // A client of the greeter: saved by the greeter's name, not by today's port.
        EndpointPanel *client = clientOf(window, greeter);
        QTRY_COMPARE(client->state(), EndpointPhase::Connected);
        SavedMessage hello;
        hello.name = "say hello";
        hello.payload.text = "HELLO ana\\n";
        hello.shortcut = "Ctrl+1";
        SavedMessage ping;
        ping.name = "ping, binary";
        ping.payload.kind = MessagePayload::Kind::Hex;
        ping.payload.text = "01 00 00 2a";
        ping.target = "udp://127.0.0.1:9";
        window.messagesDock()->addMessage(hello);
        window.messagesDock()->addMessage(ping);
        QString error;
        QVERIFY2(window.saveWorkspace(path, &error), qPrintable(error));
        for (EndpointPanel *p : window.panels())
            saved.push_back(p->config());
        messages = window.messagesDock()->messages();
    } // quit
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(text.contains("kind: workspace"), text.constData());
    QVERIFY2(text.contains("rules: greeter"), text.constData());
    QVERIFY2(text.contains("client tcp://127.0.0.1:${greeter.port}"), text.constData());

    MainWindow window;
    QStringList errors;
    QVERIFY2(window.openWorkspace(path, &errors), qPrintable(errors.join('\n')));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    // The client opens once the greeter listens again.
    QTRY_COMPARE(window.panels().size(), saved.size());
    for (size_t i = 0; i < saved.size(); ++i) {
        if (saved[i].role == Role::Client)
            continue; // its port is the greeter's of today (below)
        const EndpointConfig &was = saved[i];
        const EndpointConfig &is = window.panels()[i]->config();
        QCOMPARE(is.label, was.label);
        QCOMPARE(is.role, was.role);
        QCOMPARE(is.spec.toString(), was.spec.toString());
        QCOMPARE(is.model, was.model);
        QCOMPARE(is.responder.kind, was.responder.kind);
        QCOMPARE(is.responder.rulesText, was.responder.rulesText);
        QCOMPARE(is.closeOnPeerEof, was.closeOnPeerEof);
    }
    QCOMPARE(window.messagesDock()->messages(), messages);
    QCOMPARE(window.workspacePath(), path);

    // The reopened rules answer a real client, with the regex's capture and the counter.
    EndpointPanel *greeter = window.panels().front();
    QTRY_COMPARE(greeter->state(), EndpointPhase::Listening);
    EndpointPanel *client = window.panels().back();
    QCOMPARE(client->config().role, Role::Client);
    QCOMPARE(client->config().spec.port, greeter->localAddress().port());
    QTRY_COMPARE(client->state(), EndpointPhase::Connected);
    sendText(client, QStringLiteral("HELLO bob\\n"));
    QTRY_VERIFY(logHas(*client->logModel(), Direction::In, "hi bob, #1\n"));
}

void TestWorkspaceGui::brokenLineIsNamedAndTheRestOpens()
{
    const QString path = m_dir.filePath(QStringLiteral("broken.sbw"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("sockbench: 1\nkind: workspace\n"
            "panel: good server tcp://127.0.0.1:0 reply=echo\n"
            "panel: bad server tcp://127.0.0.1:99999\n"
            "mesage: typo \"x\"\n");
    f.close();
    MainWindow window;
    QStringList errors;
    QVERIFY(window.openWorkspace(path, &errors));
    QCOMPARE(window.panels().size(), size_t(1));
    QCOMPARE(window.panels().front()->config().label, std::string("good"));
    const QString all = errors.join('\n');
    QVERIFY2(all.contains("broken.sbw:4:"), qPrintable(all));
    QVERIFY2(all.contains("broken.sbw:5:"), qPrintable(all));
    // A missing file opens nothing and says so.
    errors.clear();
    QVERIFY(!window.openWorkspace(m_dir.filePath(QStringLiteral("none.sbw")), &errors));
    QVERIFY2(errors.join('\n').contains("none.sbw"), qPrintable(errors.join('\n')));
}

void TestWorkspaceGui::logRowSavedAndSentAgain()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EndpointPanel *server = window.openPreset(Preset::TcpServer);
    QTRY_COMPARE(server->state(), EndpointPhase::Listening);
    EndpointPanel *client = clientOf(window, server);
    QTRY_COMPARE(client->state(), EndpointPhase::Connected);
    sendText(client, QStringLiteral("keep me\\x01"));
    QTRY_VERIFY(logHas(*client->logModel(), Direction::In, QByteArray("keep me\x01", 8)));
    // Right-click the sent row: Save this message.
    LogView *log = client->logView();
    int row = -1;
    QTRY_VERIFY([&] {
        for (int r = 0; r < client->logModel()->rowCount(); ++r)
            if (client->logModel()->entry(r).kind == LogEntry::Kind::Data
                && client->logModel()->entry(r).dir == Direction::Out)
                row = r;
        return row >= 0;
    }());
    QMenu *menu = log->contextMenuAt(
            log->table()->visualRect(log->table()->model()->index(row, 0)).center());
    QVERIFY(menu);
    QAction *save = menu->findChild<QAction *>(QStringLiteral("saveMessage"));
    QVERIFY(save && save->isEnabled());
    save->trigger();
    delete menu;
    QCOMPARE(window.messagesDock()->messages().size(), size_t(1));
    QCOMPARE(window.messagesDock()->messages()[0].payload.text, std::string("keep me\\x01"));
    // Sent again from the current panel (the client): the server gets it twice.
    window.setCurrentPanel(client);
    window.messagesDock()->sendRow(0);
    QTRY_COMPARE(server->bytesIn(), uint64_t(16));
}

void TestWorkspaceGui::packetSenderExportImportsIntoTheDock()
{
    const QString path = m_dir.filePath(QStringLiteral("packets.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"([{"name":"Hello, UDP","hexstring":"48 69","toip":"127.0.0.1","port":5000,)"
            R"("tcporudp":"UDP","fromport":0,"repeat":0,"sendresponse":0}])");
    f.close();
    MainWindow window;
    QString why;
    QVERIFY2(window.messagesDock()->importPacketSender(path, &why), qPrintable(why));
    QCOMPARE(window.messagesDock()->messages().size(), size_t(1));
    const SavedMessage &m = window.messagesDock()->messages()[0];
    QCOMPARE(m.name, std::string("Hello, UDP"));
    QCOMPARE(m.target, std::string("udp://127.0.0.1:5000"));
    auto bytes = messageBytes(m);
    QVERIFY(bytes);
    QCOMPARE(*bytes, std::string("Hi"));
}

QTEST_MAIN(TestWorkspaceGui)
#include "tst_workspacegui.moc"
