// Controls only where and when they apply: what a person sees enabled, hidden or filled in a
// panel, the New socket dialog and the toolbar, on real loopback sockets.
#include "tests/support/posixsockets.h"
#include "ui/clientsmodel.h"
#include "ui/clientsview.h"
#include "ui/democontroller.h"
#include "ui/endpointpanel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/optionsview.h"
#include "ui/panelheader.h"
#include "ui/sendcomposer.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace sb;
using namespace sbtest;
using Preset = NewSocketDialog::Preset;

namespace {

/// A loopback port nobody listens on (bound, read back, closed).
uint16_t closedPort()
{
    const int fd = bindInet(AF_INET, SOCK_STREAM, "127.0.0.1");
    const uint16_t port = localPort(fd);
    ::close(fd);
    return port;
}

QByteArray readSome(int fd, int timeoutMs = 5000)
{
    timeval tv {timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[1024];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    return n > 0 ? QByteArray(buf, static_cast<qsizetype>(n)) : QByteArray();
}

/// The value the Options tab shows for name ("" when blank or absent).
QString optionShown(OptionsView *view, const QString &name) { return view->valueOf(name); }

} // namespace

class TestApplicableControls : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void shutdownOnlyWhileConnected();
    void composerFieldsPerTransport_data();
    void composerFieldsPerTransport();
    void dialogFieldsPerTransport_data();
    void dialogFieldsPerTransport();
    void optionsFilledWhenShown_data();
    void optionsFilledWhenShown();
    void sameLineEndingEverywhere();
    void kickKeepsTheSelection();
    void demoDisablesWorkbenchActions();
    void errorBannerClearedBySuccess();

private:
    MainWindow *m_window = nullptr;
};

void TestApplicableControls::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TestApplicableControls::init()
{
    m_window = new MainWindow;
    m_window->resize(1400, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestApplicableControls::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestApplicableControls::shutdownOnlyWhileConnected()
{
    // Refused: ERROR, nothing to shut down or abort.
    EndpointPanel *refused = m_window->openPanel(NewSocketDialog::presetConfig(
            Preset::TcpClient, QStringLiteral("tcp://127.0.0.1:%1").arg(closedPort())));
    QTRY_COMPARE(refused->stateText(), QStringLiteral("ERROR"));
    QVERIFY(refused->shutdownButton()->isVisible());
    QVERIFY(!refused->shutdownButton()->isEnabled());
    QVERIFY(!refused->abortAction()->isEnabled());
    m_window->setCurrentPanel(refused);
    QAction *toolbarShutWr = nullptr;
    for (QAction *a : m_window->findChild<QToolBar *>()->actions())
        if (a->iconText() == MainWindow::tr("Shutdown WR"))
            toolbarShutWr = a;
    QVERIFY(toolbarShutWr);
    QVERIFY(!toolbarShutWr->isEnabled());

    // Connected: it applies; closed again: it does not.
    FdGuard fds;
    const int listener = fds.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 1));
    EndpointPanel *client = m_window->openPanel(NewSocketDialog::presetConfig(
            Preset::TcpClient, QStringLiteral("tcp://127.0.0.1:%1").arg(localPort(listener))));
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    QVERIFY(client->shutdownButton()->isEnabled());
    QVERIFY(toolbarShutWr->isEnabled());
    client->closeSockets();
    QTRY_COMPARE(client->stateText(), QStringLiteral("CLOSED"));
    QVERIFY(!client->shutdownButton()->isEnabled());
    QVERIFY(!toolbarShutWr->isEnabled());
}

void TestApplicableControls::composerFieldsPerTransport_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<bool>("oob");
    QTest::addColumn<bool>("destination");
    QTest::newRow("tcp client") << int(Preset::TcpClient) << true << false;
    QTest::newRow("tcp server") << int(Preset::TcpServer) << true << false;
    QTest::newRow("udp") << int(Preset::Udp) << false << true;
    QTest::newRow("unix stream") << int(Preset::UnixStreamServer) << false << false;
    QTest::newRow("unix dgram") << int(Preset::UnixDgram) << false << true;
    QTest::newRow("socketpair") << int(Preset::Socketpair) << false << false;
}

void TestApplicableControls::composerFieldsPerTransport()
{
    QFETCH(int, preset);
    QFETCH(bool, oob);
    QFETCH(bool, destination);
    EndpointPanel *panel = m_window->openPanel(
            NewSocketDialog::presetConfig(static_cast<Preset>(preset)), false);
    QCOMPARE(panel->composer()->oobBox()->isVisible(), oob);
    QCOMPARE(panel->composer()->destination()->isVisible(), destination);
}

void TestApplicableControls::dialogFieldsPerTransport_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<bool>("family");
    QTest::addColumn<bool>("nodelayExample");
    QTest::newRow("tcp server") << int(Preset::TcpServer) << true << true;
    QTest::newRow("tcp client") << int(Preset::TcpClient) << true << true;
    QTest::newRow("udp") << int(Preset::Udp) << true << false;
    QTest::newRow("unix stream") << int(Preset::UnixStreamServer) << false << false;
    QTest::newRow("unix dgram") << int(Preset::UnixDgram) << false << false;
    QTest::newRow("unix seqpacket") << int(Preset::UnixSeqpacketClient) << false << false;
}

void TestApplicableControls::dialogFieldsPerTransport()
{
    QFETCH(int, preset);
    QFETCH(bool, family);
    QFETCH(bool, nodelayExample);
    NewSocketDialog dialog(m_window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.applyPreset(static_cast<Preset>(preset));
    QComboBox *familyBox = nullptr;
    for (QComboBox *c : dialog.findChildren<QComboBox *>())
        if (c->findText(NewSocketDialog::tr("IPv4 only")) >= 0)
            familyBox = c;
    QVERIFY(familyBox);
    QCOMPARE(familyBox->isVisible(), family);
    QPlainTextEdit *options = dialog.findChild<QPlainTextEdit *>();
    QVERIFY(options);
    QCOMPARE(options->placeholderText().contains(QStringLiteral("TCP_NODELAY")), nodelayExample);
}

void TestApplicableControls::optionsFilledWhenShown_data()
{
    QTest::addColumn<int>("preset");
    QTest::newRow("tcp server") << int(Preset::TcpServer);
    QTest::newRow("udp") << int(Preset::Udp);
}

void TestApplicableControls::optionsFilledWhenShown()
{
    // A person opens a socket and looks at its Options tab: values, without "Read back".
    QFETCH(int, preset);
    EndpointPanel *panel
            = m_window->openPanel(NewSocketDialog::presetConfig(static_cast<Preset>(preset)));
    QTRY_VERIFY(panel->state() == EndpointPanel::State::Listening
                || panel->state() == EndpointPanel::State::Bound);
    QVERIFY(optionShown(panel->optionsView(), QStringLiteral("SO_RCVBUF")).isEmpty());
    panel->tabs()->setCurrentWidget(panel->optionsView());
    QTRY_VERIFY(optionShown(panel->optionsView(), QStringLiteral("SO_RCVBUF")).toInt() > 0);

    // Restarted with the tab in view: filled again for the new socket.
    panel->closeSockets();
    QTRY_VERIFY(panel->startAction()->isEnabled());
    panel->start();
    QTRY_VERIFY(panel->state() == EndpointPanel::State::Listening
                || panel->state() == EndpointPanel::State::Bound);
    QTRY_VERIFY(optionShown(panel->optionsView(), QStringLiteral("SO_RCVBUF")).toInt() > 0);
}

void TestApplicableControls::sameLineEndingEverywhere()
{
    m_window->openEchoDemo();
    QTRY_COMPARE(m_window->panels().size(), size_t(2));
    EndpointPanel *startup = m_window->panels()[1];
    EndpointPanel *fresh = m_window->openPreset(Preset::TcpClient, false);
    EndpointPanel *udp = m_window->openPreset(Preset::Udp, false);
    QCOMPARE(startup->composer()->endingBox()->currentText(),
             fresh->composer()->endingBox()->currentText());
    QCOMPARE(udp->composer()->endingBox()->currentText(),
             fresh->composer()->endingBox()->currentText());
    // And it is what the person sees sent: the start-up client's message, byte for byte.
    QTRY_COMPARE(startup->state(), EndpointPanel::State::Connected);
    startup->composer()->send();
    QTRY_COMPARE(startup->bytesIn(),
                 uint64_t(startup->composer()->input()->text().toUtf8().size()));
}

void TestApplicableControls::kickKeepsTheSelection()
{
    EndpointConfig config = NewSocketDialog::presetConfig(Preset::TcpServer);
    EndpointPanel *server = m_window->openPanel(config);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    FdGuard fds;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(fds.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1",
                                    server->localAddress().port()))
                >= 0);
        QTRY_COMPARE(server->clientsModel()->liveConns().size(), size_t(i + 1));
    }
    ClientsView *clients = server->clientsView();
    server->tabs()->setCurrentWidget(clients);
    QTableView *table = clients->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(1, 0)).center());
    const ConnId kicked = clients->selectedConn();
    QVERIFY(kicked != 0);
    QPushButton *kick = nullptr;
    for (QPushButton *b : clients->findChildren<QPushButton *>())
        if (b->text() == ClientsView::tr("Kick"))
            kick = b;
    QVERIFY(kick && kick->isEnabled());
    QTest::mouseClick(kick, Qt::LeftButton);
    QTRY_COMPARE(server->clientsModel()->liveConns().size(), size_t(2));
    // Greyed and still selected: the buttons say there is nothing live to act on.
    QCOMPARE(clients->selectedConn(), ConnId(0));
    QVERIFY(!kick->isEnabled());
    // The row goes after the linger; no other client becomes selected in its place.
    QTRY_COMPARE_WITH_TIMEOUT(server->clientsModel()->rowOf(kicked), -1,
                              int(ClientsModel::kLingerMs) + 5000);
    QVERIFY(table->selectionModel()->selectedRows().isEmpty());
    QCOMPARE(clients->selectedConn(), ConnId(0));
    QVERIFY(!kick->isEnabled());
}

void TestApplicableControls::demoDisablesWorkbenchActions()
{
    EndpointPanel *client = m_window->openPreset(Preset::TcpServer);
    QTRY_COMPARE(client->state(), EndpointPanel::State::Listening);
    QToolBar *bar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(bar);
    auto enabledActions = [bar] {
        QStringList out;
        for (QAction *a : bar->actions())
            if (!a->isSeparator() && a->isEnabled())
                out << a->iconText();
        return out;
    };
    const QStringList before = enabledActions();
    QVERIFY2(before.size() >= 6, qPrintable(before.join(QLatin1Char(','))));

    QMenu *demos = m_window->demos()->menu();
    QAction *first = nullptr;
    for (QAction *a : demos->actions())
        if (!a->isSeparator() && a->isEnabled() && !a->menu()) {
            first = a;
            break;
        }
    QVERIFY(first);
    first->trigger();
    QVERIFY(m_window->demos()->isDemoOpen());
    QVERIFY2(enabledActions().isEmpty(), qPrintable(enabledActions().join(QLatin1Char(','))));

    m_window->demos()->closeDemo();
    QCOMPARE(enabledActions(), before);
}

void TestApplicableControls::errorBannerClearedBySuccess()
{
    // An unconnected UDP socket with nobody to answer yet: sendto fails at once.
    EndpointPanel *udp = m_window->openPreset(Preset::Udp);
    QTRY_COMPARE(udp->state(), EndpointPanel::State::Bound);
    udp->composer()->input()->setText(QStringLiteral("anyone"));
    udp->composer()->send();
    QTRY_VERIFY2(udp->header()->errorText().contains(QStringLiteral("EDESTADDRREQ")),
                 qPrintable(udp->header()->errorText()));

    // The next sendto succeeds: the banner goes, and the peer has the bytes.
    FdGuard fds;
    const int peer = fds.add(bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
    udp->composer()->destination()->setText(
            QStringLiteral("udp://127.0.0.1:%1").arg(localPort(peer)));
    udp->composer()->input()->setText(QStringLiteral("you"));
    udp->composer()->send();
    QCOMPARE(readSome(peer), QByteArray("you"));
    QTRY_VERIFY2(udp->header()->errorText().isEmpty(), qPrintable(udp->header()->errorText()));
}

QTEST_MAIN(TestApplicableControls)
#include "tst_applicablecontrols.moc"
