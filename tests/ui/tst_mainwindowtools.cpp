// The main window's tool docks: the address tools open a client panel for a getaddrinfo row,
// the Netstat dock marks the workbench's own sockets from the Registry, and a double-click on
// one of them brings its panel forward.
#include "ui/endpointpanel.h"
#include "ui/mainwindow.h"
#include "ui/netstatmodel.h"
#include "ui/netstatpanel.h"
#include "ui/resolverpanel.h"

#include <QDockWidget>
#include <QStandardPaths>
#include <QTest>

using namespace sb;

class TestMainWindowTools : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void toolDocksStartHiddenAndToggle();
    void resolverOpensAClientPanel();
    void netstatMarksOwnSocketsAndFocusesTheirPanel();
};

void TestMainWindowTools::toolDocksStartHiddenAndToggle()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.resolverDock()->isVisible());
    QVERIFY(!window.netstatDock()->isVisible());
    window.resolverDock()->toggleViewAction()->trigger();
    QVERIFY(window.resolverDock()->isVisible());
    window.netstatDock()->toggleViewAction()->trigger();
    QVERIFY(window.netstatDock()->isVisible());
}

void TestMainWindowTools::resolverOpensAClientPanel()
{
    MainWindow window;
    emit window.resolverPanel()->openClientRequested(QStringLiteral("tcp://127.0.0.1:5555"));
    QCOMPARE(window.panels().size(), size_t(1));
    EndpointPanel *tcp = window.panels()[0];
    QVERIFY(tcp->config().role == Role::Client);
    QCOMPARE(tcp->config().spec.port, uint16_t(5555));
    QCOMPARE(tcp->config().spec.host, std::string("127.0.0.1"));
    // Not started: the person connects when ready.
    QVERIFY(tcp->state() == EndpointPanel::State::Idle);
    QCOMPARE(window.currentPanel(), tcp);

    emit window.resolverPanel()->openClientRequested(QStringLiteral("udp://[::1]:53"));
    QCOMPARE(window.panels().size(), size_t(2));
    const EndpointConfig &udp = window.panels()[1]->config();
    QVERIFY(udp.role == Role::Datagram);
    QVERIFY(udp.remote.has_value());
    QCOMPARE(udp.remote->host, std::string("::1"));
    QCOMPARE(udp.remote->port, uint16_t(53));

    emit window.resolverPanel()->openClientRequested(QStringLiteral("tcp://:99999"));
    QCOMPARE(window.panels().size(), size_t(2));
}

void TestMainWindowTools::netstatMarksOwnSocketsAndFocusesTheirPanel()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EndpointPanel *server = window.openPreset(NewSocketDialog::Preset::TcpServer);
    EndpointPanel *other = window.openPreset(NewSocketDialog::Preset::Udp);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    QCOMPARE(window.currentPanel(), other);
    window.netstatDock()->toggleViewAction()->trigger();
    NetstatModel *model = window.netstatPanel()->inetModel();
    auto ownRowOfServer = [&]() -> int {
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex i = model->index(r, 0);
            if (i.data(NetstatModel::OwnRole).toBool()
                && i.data(NetstatModel::EndpointRole).toUInt() == server->endpointId())
                return r;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(ownRowOfServer() >= 0, 10000);
    emit window.netstatPanel()->ownSocketActivated(server->endpointId());
    QCOMPARE(window.currentPanel(), server);
}

QTEST_MAIN(TestMainWindowTools)
#include "tst_mainwindowtools.moc"
