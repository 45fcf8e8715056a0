// WireView and WireDock on real loopback traffic: a click on an arrow names both log rows, the
// chart exports as PNG and SVG, and screenshots of the course's first two dialogs (TCP echo;
// an iterative vs a concurrent server with three clients) go to SB_BUILD_DIR/screenshots/.
#include "tests/support/procnettcp.h"
#include "ui/corebridge.h"
#include "ui/endpointpanel.h"
#include "ui/followingtableview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/mainwindow.h"
#include "ui/sendcomposer.h"
#include "ui/wiredock.h"
#include "ui/wireview.h"

#include <QDir>
#include <QFileInfo>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace sb;

namespace {

/// Counts Opened events per endpoint, to wait for connections without fixed sleeps.
struct OpenedCounter
{
    std::map<EndpointId, int> opened;
    std::map<EndpointId, int> closed;
    std::map<EndpointId, int> received;
    void attach(CoreBridge &bridge, QObject *context)
    {
        bridge.subscribeAll(context, [this](std::span<const Event> events) {
            for (const Event &e : events) {
                if (e.is<ev::Opened>())
                    ++opened[e.endpoint];
                else if (e.is<ev::Closed>())
                    ++closed[e.endpoint];
                else if (e.is<ev::Data>() && e.as<ev::Data>()->dir == Direction::In)
                    ++received[e.endpoint];
            }
        });
    }
};

EndpointConfig config(Role role, const char *spec, const char *label)
{
    EndpointConfig c;
    c.role = role;
    c.spec = parseEndpoint(spec).value();
    c.label = label;
    return c;
}

size_t countKind(const WireModel &m, WireItem::Kind kind, bool pendingOnly = false)
{
    size_t n = 0;
    for (const WireItemPtr &i : m.items())
        n += i->kind == kind && (!pendingOnly || i->pending());
    return n;
}

} // namespace

class TestWireView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void echoDialog();
    void iterativeServerMakesClientsWait();
    void concurrentServerServesAllAtOnce();
    void clickSelectsTheRowsInBothLogs();
    void pauseFreezesTheChartNotTheRecording();
    void darkPalette();

private:
    struct Bench
    {
        CoreBridge bridge;
        QObject context;
        OpenedCounter counter;
        WireDock dock {&bridge};
        Bench()
        {
            counter.attach(bridge, &context);
            dock.resize(1000, 700);
            dock.show();
        }
        Endpoint *open(EndpointConfig c)
        {
            Endpoint *ep = bridge.open(std::move(c));
            ep->start();
            return ep;
        }
        uint16_t port(Endpoint *server)
        {
            for (int i = 0; i < 500; ++i) {
                for (const WireItemPtr &item : dock.model()->items())
                    if (item->kind == WireItem::Kind::Listen
                        && item->sendEnd.endpoint == server->id())
                        return static_cast<uint16_t>(
                                std::stoi(item->text.substr(item->text.rfind(':') + 1)));
                QTest::qWait(10);
            }
            return 0;
        }
    };
    void save(WireDock &dock, const QString &name);
    void threeClients(ServerModel model, const QString &name);
    QString m_dir;
};

void TestWireView::initTestCase()
{
    m_dir = QStringLiteral(SB_BUILD_DIR "/screenshots");
    QVERIFY(QDir().mkpath(m_dir));
}

void TestWireView::save(WireDock &dock, const QString &name)
{
    dock.view()->relayout();
    const QString png = m_dir + QLatin1Char('/') + name + QStringLiteral(".png");
    const QString svg = m_dir + QLatin1Char('/') + name + QStringLiteral(".svg");
    QCOMPARE(dock.exportTo(png), QString());
    QCOMPARE(dock.exportTo(svg), QString());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.height() > 200);
    QVERIFY(QFileInfo(svg).size() > 1000);
    QCOMPARE(dock.exportTo(m_dir + QStringLiteral("/wire.bmpx")).isEmpty(), false);
    qInfo("wrote %s", qPrintable(png));
}

void TestWireView::echoDialog()
{
    Bench b;
    EndpointConfig sc = config(Role::Server, "tcp://127.0.0.1:0", "Server");
    sc.responder.kind = ResponderSpec::Kind::Echo;
    Endpoint *server = b.open(sc);
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = b.port(server);
    QVERIFY(cc.spec.port != 0);
    QTest::qWait(120);
    Endpoint *client = b.open(cc);
    QTRY_COMPARE(b.counter.opened[client->id()], 1);
    QTRY_COMPARE(b.counter.opened[server->id()], 1);
    QTest::qWait(120);
    client->send(0, makeBytes(std::string("hello, server\n")));
    QTRY_COMPARE(b.counter.received[client->id()], 1);
    QTest::qWait(120);
    client->send(0, makeBytes(std::string("bye\n")));
    QTRY_COMPARE(b.counter.received[client->id()], 2);
    QTest::qWait(120);
    client->close(0);
    QTRY_COMPARE(b.counter.closed[server->id()], 1);
    QTRY_VERIFY(countKind(*b.dock.model(), WireItem::Kind::Fin) >= 1);

    WireView *view = b.dock.view();
    view->relayout();
    // Click the first message arrow: both ends are named, the client's send and the server's
    // receive on connection #1.
    int request = -1;
    for (size_t i = 0; i < view->scene().arrows.size(); ++i)
        if (view->scene().arrows[i].item->kind == WireItem::Kind::Message) {
            request = static_cast<int>(i);
            break;
        }
    QVERIFY(request >= 0);
    view->setFollowing(false);
    view->verticalScrollBar()->setValue(0);
    const WireScene::Arrow &a = view->scene().arrows[request];
    const QPoint mid((view->laneX(a.from) + view->laneX(a.to)) / 2,
                     (view->viewportY(a.y0) + view->viewportY(a.y1)) / 2);
    QCOMPARE(view->arrowAt(mid), request);
    QSignalSpy spy(&b.dock, &WireDock::arrowSelected);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, mid);
    QCOMPARE(spy.count(), 1);
    const auto sendEnd = spy.first().at(0).value<WireEnd>();
    const auto recvEnd = spy.first().at(1).value<WireEnd>();
    QCOMPARE(sendEnd.endpoint, client->id());
    QCOMPARE(recvEnd.endpoint, server->id());
    QCOMPARE(recvEnd.conn, ConnId(1));
    QVERIFY(a.item->t1 >= a.item->t0);
    QCOMPARE(view->selectedArrow(), request);
    save(b.dock, QStringLiteral("wire-echo"));
}

void TestWireView::threeClients(ServerModel model, const QString &name)
{
    Bench b;
    const bool iterative = model == ServerModel::Iterative;
    EndpointConfig sc = config(Role::Server, "tcp://127.0.0.1:0",
                               iterative ? "Iterative server" : "Concurrent server");
    sc.responder.kind = ResponderSpec::Kind::Echo;
    sc.model = model;
    Endpoint *server = b.open(sc);
    const uint16_t port = b.port(server);
    QVERIFY(port != 0);
    std::vector<Endpoint *> clients;
    for (int i = 1; i <= 3; ++i) {
        QTest::qWait(100);
        const std::string label = "Client " + std::to_string(i);
        EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", label.c_str());
        cc.spec.port = port;
        clients.push_back(b.open(cc));
        QTRY_COMPARE(b.counter.opened[clients.back()->id()], 1);
    }
    for (int i = 0; i < 3; ++i) {
        QTest::qWait(100);
        clients[i]->send(0, makeBytes("request " + std::to_string(i + 1) + "\n"));
    }
    WireModel &m = *b.dock.model();
    if (iterative) {
        // One client at a time: the first gets its answer, the others wait in the backlog.
        QTRY_COMPARE(b.counter.received[clients[0]->id()], 1);
        // The other two clients' sends reach the chart as messages still on their way...
        QTRY_COMPARE(countKind(m, WireItem::Kind::Message, true), size_t(2));
        QTRY_COMPARE(countKind(m, WireItem::Kind::Connect, true), size_t(2));
        // ...because the kernel holds them in the listener's accept queue: nobody accepted them.
        QTRY_COMPARE(sbtest::tcpAcceptQueue(port).value_or(-1), 2);
        QCOMPARE(b.counter.opened[server->id()], 1);
        QCOMPARE(countKind(m, WireItem::Kind::Accept), size_t(1));
        QCOMPARE(countKind(m, WireItem::Kind::Message, true), size_t(2));
        for (int i = 0; i < 3; ++i) {
            clients[i]->close(0);
            if (i < 2)
                QTRY_COMPARE(b.counter.received[clients[i + 1]->id()], 1);
            QTest::qWait(150);
        }
    } else {
        for (Endpoint *c : clients)
            QTRY_COMPARE(b.counter.received[c->id()], 1);
        QCOMPARE(countKind(m, WireItem::Kind::Accept), size_t(3));
        QTest::qWait(150);
        for (Endpoint *c : clients) {
            c->close(0);
            QTest::qWait(100);
        }
    }
    QTRY_COMPARE(b.counter.closed[server->id()], 3);
    QTRY_COMPARE(countKind(m, WireItem::Kind::Message, true), size_t(0));
    QCOMPARE(countKind(m, WireItem::Kind::Accept), size_t(3));
    // Every request ended on the server connection that accepted its client.
    for (const WireItemPtr &i : m.items())
        if (i->kind == WireItem::Kind::Message && i->recvEnd.endpoint == server->id())
            QCOMPARE(m.lifelines()[i->to].conn, i->recvEnd.conn);
    save(b.dock, name);
}

void TestWireView::iterativeServerMakesClientsWait()
{
    threeClients(ServerModel::Iterative, QStringLiteral("wire-iterative"));
}

void TestWireView::concurrentServerServesAllAtOnce()
{
    threeClients(ServerModel::Concurrent, QStringLiteral("wire-concurrent"));
}

void TestWireView::clickSelectsTheRowsInBothLogs()
{
    QStandardPaths::setTestModeEnabled(true);
    MainWindow window;
    window.openEchoDemo();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.panels().size(), size_t(2));
    EndpointPanel *server = window.panels()[0];
    EndpointPanel *client = window.panels()[1];
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    client->composer()->send();
    QTRY_COMPARE(client->bytesIn(), uint64_t(13)); // "hello, server": no line ending added
    WireDock *dock = window.wireDock();
    QVERIFY(dock);
    QTRY_VERIFY(dock->model()->items().size() >= 5);
    dock->view()->relayout();
    int request = -1;
    for (size_t i = 0; i < dock->view()->scene().arrows.size(); ++i)
        if (dock->view()->scene().arrows[i].item->kind == WireItem::Kind::Message) {
            request = static_cast<int>(i);
            break;
        }
    QVERIFY(request >= 0);
    const WireItem item = *dock->view()->scene().arrows[request].item;
    dock->view()->selectArrow(request);
    // Each log now shows the row of its end selected: the client's send, the server's receive.
    auto selectedEntry = [](EndpointPanel *p) -> const LogEntry * {
        const QModelIndexList rows = p->logView()->table()->selectionModel()->selectedRows();
        return rows.size() == 1 ? &p->logModel()->entry(rows.first().row()) : nullptr;
    };
    const LogEntry *sent = selectedEntry(client);
    const LogEntry *received = selectedEntry(server);
    QVERIFY(sent && received);
    QCOMPARE(sent->monoNs, item.sendEnd.monoNs);
    QVERIFY(sent->dir == Direction::Out);
    QCOMPARE(received->monoNs, item.recvEnd.monoNs);
    QVERIFY(received->dir == Direction::In);
    QCOMPARE(received->conn, item.recvEnd.conn);
    QCOMPARE(server->tabs()->currentWidget(), server->logView());
}

void TestWireView::pauseFreezesTheChartNotTheRecording()
{
    Bench b;
    EndpointConfig sc = config(Role::Server, "tcp://127.0.0.1:0", "Server");
    sc.responder.kind = ResponderSpec::Kind::Echo;
    Endpoint *server = b.open(sc);
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = b.port(server);
    Endpoint *client = b.open(cc);
    QTRY_COMPARE(b.counter.opened[client->id()], 1);
    WireView *view = b.dock.view();
    QSignalSpy paused(view, &WireView::pausedChanged);
    b.dock.pauseAction()->trigger();
    QVERIFY(view->isPaused());
    QCOMPARE(paused.count(), 1);
    view->relayout();
    const size_t shown = view->scene().arrows.size();
    const size_t recorded = b.dock.model()->items().size();
    client->send(0, makeBytes(std::string("while paused\n")));
    QTRY_COMPARE(b.counter.received[client->id()], 1);
    QTRY_VERIFY(b.dock.model()->items().size() >= recorded + 2);
    QTest::qWait(100); // several relayout periods: none may happen while paused
    QCOMPARE(view->scene().arrows.size(), shown);
    b.dock.pauseAction()->trigger();
    QVERIFY(!view->isPaused());
    QVERIFY(view->scene().arrows.size() >= shown + 2);
}

void TestWireView::darkPalette()
{
    Bench b;
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    b.dock.setPalette(dark);
    EndpointConfig sc = config(Role::Server, "tcp://127.0.0.1:0", "Server");
    sc.responder.kind = ResponderSpec::Kind::Echo;
    Endpoint *server = b.open(sc);
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = b.port(server);
    Endpoint *client = b.open(cc);
    QTRY_COMPARE(b.counter.opened[client->id()], 1);
    QTest::qWait(100);
    client->send(0, makeBytes(std::string("GET / HTTP/1.0\r\n\r\n")));
    QTRY_COMPARE(b.counter.received[client->id()], 1);
    QTest::qWait(100);
    // A peer that is not ours: connect refused, in red.
    EndpointConfig refused = config(Role::Client, "tcp://127.0.0.1:1", "Refused");
    b.open(refused);
    QTRY_VERIFY(countKind(*b.dock.model(), WireItem::Kind::Error) >= 1);
    const QImage image = b.dock.view()->renderImage();
    // The chart is drawn on the dark base, not on a hard-coded white.
    QCOMPARE(image.pixelColor(image.width() - 2, image.height() - 2), dark.color(QPalette::Base));
    save(b.dock, QStringLiteral("wire-dark"));
}

QTEST_MAIN(TestWireView)
#include "tst_wireview.moc"
