// Screenshots of the real window driving real loopback sockets, written to
// SB_BUILD_DIR/screenshots/ for a person to look at: the start state, a busy server with three
// clients, and an error.
#include "../support/requiretool.h"
#include "ui/clientsmodel.h"
#include "ui/connectionsmodel.h"
#include "ui/endpointpanel.h"
#include "ui/followingtableview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/mainwindow.h"
#include "ui/programtracepanel.h"
#include "ui/sendcomposer.h"
#include "ui/tracemodel.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

class TestScreenshots : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void startState();
    void busyServerWithThreeClients();
    void errorAtThePanel();
    void tracedClientBesideServer();
    void darkTheme();

private:
    void save(QWidget *w, const QString &name);
    QString m_dir;
};

void TestScreenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = QStringLiteral(SB_BUILD_DIR "/screenshots");
    QVERIFY(QDir().mkpath(m_dir));
}

void TestScreenshots::save(QWidget *w, const QString &name)
{
    const QImage image = w->grab().toImage();
    QVERIFY(!image.isNull());
    const QString path = m_dir + QLatin1Char('/') + name;
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

void TestScreenshots::startState()
{
    MainWindow window;
    window.resize(1400, 860);
    window.openEchoDemo();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.panels().size(), size_t(2));
    EndpointPanel *client = window.panels()[1];
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    client->composer()->send();
    QTRY_VERIFY(client->logModel()->rowCount() >= 3);
    QTRY_COMPARE(client->bytesIn(), uint64_t(13)); // "hello, server": no line ending added
    // The echo's row selected: its hex dump shows under the log.
    client->logView()->table()->selectRow(client->logModel()->rowCount() - 1);
    QTRY_VERIFY(window.connectionsModel()->rowCount() >= 3);
    QTest::qWait(300);
    save(&window, QStringLiteral("start.png"));
}

void TestScreenshots::busyServerWithThreeClients()
{
    MainWindow window;
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EndpointPanel *server = window.openPreset(NewSocketDialog::Preset::TcpServer);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    std::vector<EndpointPanel *> clients;
    for (int i = 0; i < 3; ++i)
        clients.push_back(window.openPreset(NewSocketDialog::Preset::TcpClient));
    for (EndpointPanel *c : clients)
        QTRY_COMPARE(c->state(), EndpointPanel::State::Connected);
    QTRY_COMPARE(server->clientsModel()->liveConns().size(), size_t(3));
    const char *lines[] = {"GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n", "PING 42",
                           "\\x00\\x01\\x02binary\\xff\\xfe"};
    for (int round = 0; round < 4; ++round)
        for (int i = 0; i < 3; ++i) {
            clients[i]->composer()->input()->setText(QString::fromLatin1(lines[i]));
            clients[i]->composer()->send();
        }
    // Bytes, not reads: TCP keeps no message boundaries, and under load two sends from one
    // client arrive as one read.
    uint64_t sent = 0;
    for (EndpointPanel *c : clients) {
        QTRY_COMPARE(c->messagesOut(), uint64_t(4));
        sent += c->bytesOut();
    }
    QTRY_COMPARE(server->bytesIn(), sent);
    QTRY_COMPARE(clients[2]->bytesIn(), clients[2]->bytesOut()); // the echo came back
    // The server panel is the one to look at: its Clients tab, then its log.
    window.setCurrentPanel(server);
    QTest::qWait(600);
    save(&window, QStringLiteral("busy-server-log.png"));
    server->tabs()->setCurrentIndex(1);
    QTest::qWait(300);
    save(&window, QStringLiteral("busy-server.png"));
}

void TestScreenshots::errorAtThePanel()
{
    MainWindow window;
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EndpointPanel *first = window.openPreset(NewSocketDialog::Preset::TcpServer);
    QTRY_COMPARE(first->state(), EndpointPanel::State::Listening);
    EndpointConfig again = first->config();
    again.label.clear();
    again.spec.port = first->localAddress().port();
    EndpointPanel *second = window.openPanel(again);
    QTRY_COMPARE(second->state(), EndpointPanel::State::Failed);
    EndpointConfig refused = NewSocketDialog::presetConfig(NewSocketDialog::Preset::TcpClient);
    refused.spec.port = 1; // nothing listens on loopback port 1 here: ECONNREFUSED
    EndpointPanel *client = window.openPanel(refused);
    QTRY_VERIFY(client->state() == EndpointPanel::State::Failed);
    for (int i = 0; i < second->tabs()->count(); ++i)
        if (second->tabs()->tabText(i) == QStringLiteral("Syscalls"))
            second->tabs()->setCurrentIndex(i);
    QTest::qWait(300);
    save(&window, QStringLiteral("error.png"));
}

void TestScreenshots::tracedClientBesideServer()
{
    // Demos > Course programs: the course's C client (examples/tcp_client.c) under the tracer,
    // talking to a workbench echo server, at a laptop's 1366x768: its dock on the right, the
    // server's panel beside it, and the Wire view below with both as one exchange.
    MainWindow window;
    window.resize(1366, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString reason;
    QVERIFY2(window.runCourseProgram(QStringLiteral("tcp-client"), &reason), qPrintable(reason));
    QTRY_COMPARE(window.programPanels().size(), 1);
    ProgramTracePanel *traced = window.programPanels().first();
    QTRY_VERIFY(traced->finished());
    QTRY_VERIFY([&] {
        for (const WireItemPtr &item : window.wireDock()->model()->items())
            if (item->kind == WireItem::Kind::Message && !item->pending()
                && item->text.find("hello from C") != std::string::npos
                && item->from == window.wireDock()->model()->lifelineOf(traced->endpointId(), 0))
                return true;
        return false;
    }());
    window.wireDock()->show();
    window.wireDock()->raise();
    QTest::qWait(300);
    save(&window, QStringLiteral("traced-client.png"));
}

void TestScreenshots::darkTheme()
{
    // A dark desktop: every colour of the window comes from palette roles or mid-tone hues.
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    dark.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1c));
    dark.setColor(QPalette::AlternateBase, QColor(0x24, 0x27, 0x2c));
    dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::Button, QColor(0x2c, 0x2f, 0x34));
    dark.setColor(QPalette::ButtonText, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x88, 0x88, 0x88));
    dark.setColor(QPalette::ToolTipBase, QColor(0x2c, 0x2f, 0x34));
    dark.setColor(QPalette::ToolTipText, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    QApplication::setPalette(dark);
    {
        MainWindow window;
        window.resize(1400, 860);
        window.openEchoDemo();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(window.panels().size(), size_t(2));
        EndpointPanel *client = window.panels()[1];
        QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
        client->composer()->send();
        client->composer()->input()->setText(QStringLiteral("\\x00\\x01binary\\xff"));
        client->composer()->send();
        QTRY_COMPARE(client->messagesOut(), uint64_t(2));
        QTRY_COMPARE(client->bytesIn(), client->bytesOut()); // both echoes, in one read or two
        EndpointConfig refused = NewSocketDialog::presetConfig(NewSocketDialog::Preset::TcpClient);
        refused.spec.port = 1;
        EndpointPanel *failed = window.openPanel(refused);
        QTRY_COMPARE(failed->state(), EndpointPanel::State::Failed);
        QTest::qWait(300);
        save(&window, QStringLiteral("dark.png"));

        // The colours, not only the file: the widgets carry the dark roles...
        QTableView *log = client->logView()->table();
        QCOMPARE(window.palette().color(QPalette::Window), dark.color(QPalette::Window));
        QCOMPARE(log->palette().color(QPalette::Base), dark.color(QPalette::Base));
        QCOMPARE(log->palette().color(QPalette::Text), dark.color(QPalette::Text));
        // ...and the pixels show them: the empty part of a log is the dark Base. The refused
        // client's log holds two or three lines; the echo client's may be full.
        const QImage image = window.grab().toImage();
        QPoint empty(-1, -1);
        for (EndpointPanel *panel : window.panels()) {
            QTableView *table = panel->logView()->table();
            QWidget *viewport = table->viewport();
            const QPoint corner(viewport->width() - 3, viewport->height() - 3);
            if (table->isVisible() && viewport->height() > 6 && table->indexAt(corner).row() < 0) {
                empty = viewport->mapTo(&window, corner);
                break;
            }
        }
        QVERIFY2(empty.x() >= 0, "no log has an empty area below its last row to sample");
        QCOMPARE(image.pixelColor(empty), dark.color(QPalette::Base));
        // ...and the window as a whole is dark: no widget painted a light background.
        qint64 light = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                light += image.pixelColor(x, y).lightness() > 200;
        const qint64 samples = qint64((image.height() + 3) / 4) * ((image.width() + 3) / 4);
        QVERIFY2(light * 10 < samples,
                 qPrintable(QStringLiteral("%1 of %2 samples are light").arg(light).arg(samples)));
    }
    QApplication::setPalette(light);
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
