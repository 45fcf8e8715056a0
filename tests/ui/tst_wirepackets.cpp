// The Wire view's packet layer, on real loopback traffic captured by the workbench itself
// (CoreBridge's LoopbackCapture: root, as CI runs): a TCP server and client opened through the
// New socket dialog's presets draw [S], [S.], [.] between their lifelines in that order and a
// send's [P.] with its length; the Calls / Packets / Both toggle hides and shows the packet rows;
// selecting connect() brings out its segments and selecting the SYN brings out connect(); and
// the three-way-handshake demo draws its segments between its panels.
#include "ui/corebridge.h"
#include "ui/democontroller.h"
#include "ui/demoplayerdock.h"
#include "ui/demosession.h"
#include "ui/endpointpanel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/sendcomposer.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"
#include "ui/wireview.h"

#include <QAction>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cstdlib>

#include <unistd.h>

using namespace sb;
using Preset = NewSocketDialog::Preset;

namespace {

/// Index in the model's items of the first segment after index `after` whose label starts with
/// flags and that runs from lifeline `from` to lifeline `to`; -1 when none.
int findSegment(const WireModel &model, const std::string &flags, int from, int to, int after = -1)
{
    const auto &items = model.items();
    for (int i = after + 1; i < static_cast<int>(items.size()); ++i) {
        const WireItem &item = *items[static_cast<size_t>(i)];
        if (item.isSegment() && item.text.rfind(flags + " ", 0) == 0 && item.from == from
            && item.to == to)
            return i;
    }
    return -1;
}

int panelLifeline(const WireModel &model, EndpointId id) { return model.lifelineOf(id, 0); }

int arrowOf(const WireScene &scene, const WireItem *item)
{
    for (size_t i = 0; i < scene.arrows.size(); ++i)
        if (scene.arrows[i].item.get() == item)
            return static_cast<int>(i);
    return -1;
}

QString describe(const WireModel &model)
{
    QStringList lines;
    for (const WireItemPtr &item : model.items())
        lines << QStringLiteral("%1 %2->%3 %4")
                         .arg(int(item->kind))
                         .arg(item->from)
                         .arg(item->to)
                         .arg(QString::fromStdString(item->text));
    return lines.join(QLatin1String("; "));
}

} // namespace

class TestWirePackets : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void handshakeAndDataBetweenLifelines();
    void toggleHidesAndShowsPacketRows();
    void selectionGoesBothWays();
    void handshakeDemoDrawsItsSegments();
    void unixSocketsAreSaidToHaveNoPackets();

private:
    EndpointPanel *openByDialog(Preset preset);
    /// A workbench TCP server and a client connected to it; their lifelines in from/to.
    bool connectedPair(EndpointPanel **server, EndpointPanel **client);
    void save(const QString &name);

    MainWindow *m_window = nullptr;
};

void TestWirePackets::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
}

void TestWirePackets::init()
{
    m_window = new MainWindow;
    m_window->resize(1366, 768);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->wireDock()->show();
    // CI runs as root: capture must work there. A person running the tests unprivileged is told
    // why there is nothing to check.
    if (!m_window->bridge()->capturing()) {
        const QByteArray why = QByteArray::fromStdString(m_window->bridge()->captureProblem());
        if (geteuid() != 0 && !std::getenv("CI"))
            QSKIP(why.constData());
        QFAIL(why.constData());
    }
}

void TestWirePackets::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestWirePackets::save(const QString &name)
{
    const QString path = QStringLiteral(SB_BUILD_DIR "/screenshots/") + name;
    QVERIFY2(m_window->grab().save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

EndpointPanel *TestWirePackets::openByDialog(Preset preset)
{
    NewSocketDialog dialog(m_window);
    dialog.setKnownServers(m_window->knownServers());
    dialog.applyPreset(preset);
    if (!dialog.errorText().isEmpty())
        return nullptr;
    return m_window->openPanel(dialog.config(), dialog.startImmediately());
}

bool TestWirePackets::connectedPair(EndpointPanel **server, EndpointPanel **client)
{
    *server = openByDialog(Preset::TcpServer);
    if (!*server
        || !QTest::qWaitFor([&] { return (*server)->state() == EndpointPanel::State::Listening; },
                            10000))
        return false;
    // The capture keeps the listener's port once the bridge has told it.
    if (!QTest::qWaitFor([&] { return m_window->bridge()->eventsDelivered() > 0; }, 10000))
        return false;
    *client = openByDialog(Preset::TcpClient);
    return *client
            && QTest::qWaitFor(
                    [&] { return (*client)->state() == EndpointPanel::State::Connected; }, 10000);
}

void TestWirePackets::handshakeAndDataBetweenLifelines()
{
    EndpointPanel *server = nullptr, *client = nullptr;
    QVERIFY(connectedPair(&server, &client));
    WireModel *model = m_window->wireDock()->model();
    int s = -1, c = -1, syn = -1, synAck = -1, ack = -1;
    QTRY_VERIFY2_WITH_TIMEOUT((s = panelLifeline(*model, server->endpointId())) >= 0
                                      && (c = panelLifeline(*model, client->endpointId())) >= 0
                                      && (syn = findSegment(*model, "[S]", c, s)) >= 0
                                      && (synAck = findSegment(*model, "[S.]", s, c, syn)) >= 0
                                      && (ack = findSegment(*model, "[.]", c, s, synAck)) >= 0,
                              qPrintable(describe(*model)), 10000);
    // Relative numbers, as tcpdump -S would not print them: the SYN is seq 0, its ACK ack 1.
    QCOMPARE(model->items()[size_t(syn)]->text, std::string("[S] seq 0"));
    QCOMPARE(model->items()[size_t(synAck)]->text, std::string("[S.] seq 0 ack 1"));
    QCOMPARE(model->items()[size_t(ack)]->text, std::string("[.] ack 1"));
    QVERIFY(model->hasPackets());

    SendComposer *composer = client->composer();
    composer->input()->setText(QStringLiteral("hello"));
    composer->send();
    int data = -1;
    QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                for (size_t i = 0; i < model->items().size(); ++i) {
                    const WireItem &item = *model->items()[i];
                    if (item.isSegment() && item.from == c && item.packet->payloadLength == 5
                        && item.text.rfind("[P.] ", 0) == 0)
                        data = static_cast<int>(i);
                }
                return data >= 0;
            }(),
            qPrintable(describe(*model)), 10000);
    const WireItem &push = *model->items()[size_t(data)];
    QCOMPARE(push.text, std::string("[P.] seq 1:6 ack 1 len 5"));
    // To the connection the server accepted, which shares the listener's port.
    QVERIFY(push.to != c);
    QCOMPARE(model->lifelines()[size_t(push.to)].kind, WireLifeline::Kind::Connection);
    QCOMPARE(model->lifelines()[size_t(push.to)].endpoint, server->endpointId());
    // Caused by the send, and drawn under it.
    const WireItemPtr cause = push.cause.lock();
    QVERIFY(cause);
    QCOMPARE(cause->kind, WireItem::Kind::Message);
    QCOMPARE(cause->bytes, uint64_t(5));
    QVERIFY(push.t0 >= cause->t0);
    const auto &items = model->items();
    const auto causeAt = std::find(items.begin(), items.end(), cause) - items.begin();
    QVERIFY(causeAt < data);
    // Nothing to excuse: no notice under the toolbar.
    QCOMPARE(m_window->wireDock()->packetNotice(), QString());
    m_window->wireDock()->view()->zoomToFit();
    QTest::qWait(50);
    save(QStringLiteral("wire-packets-workbench.png"));
}

void TestWirePackets::toggleHidesAndShowsPacketRows()
{
    EndpointPanel *server = nullptr, *client = nullptr;
    QVERIFY(connectedPair(&server, &client));
    WireDock *dock = m_window->wireDock();
    WireModel *model = dock->model();
    WireView *view = dock->view();
    QTRY_VERIFY_WITH_TIMEOUT(model->hasPackets(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                view->relayout();
                const auto &arrows = view->scene().arrows;
                return std::count_if(arrows.begin(), arrows.end(),
                                     [](const auto &a) { return a.item->isSegment(); })
                        >= 3;
            }(),
            10000);
    const auto counts = [&] {
        view->relayout();
        int segments = 0, calls = 0;
        for (const WireScene::Arrow &a : view->scene().arrows)
            (a.item->isSegment() ? segments : calls) += 1;
        return std::pair(segments, calls);
    };
    QVERIFY(dock->bothAction()->isChecked());
    const auto both = counts();
    QVERIFY(both.first >= 3 && both.second >= 2);
    const int bothHeight = view->scene().height;

    dock->callsAction()->trigger();
    QVERIFY(!view->showsPackets());
    const auto calls = counts();
    QCOMPARE(calls.first, 0);
    QCOMPARE(calls.second, both.second);
    // The rows of the packets are gone: the chart closes up.
    QVERIFY2(view->scene().height < bothHeight,
             qPrintable(QStringLiteral("%1 vs %2").arg(view->scene().height).arg(bothHeight)));

    dock->packetsAction()->trigger();
    const auto packets = counts();
    QCOMPARE(packets.second, 0);
    QCOMPARE(packets.first, both.first);

    dock->bothAction()->trigger();
    QCOMPARE(counts(), both);
}

void TestWirePackets::selectionGoesBothWays()
{
    EndpointPanel *server = nullptr, *client = nullptr;
    QVERIFY(connectedPair(&server, &client));
    WireView *view = m_window->wireDock()->view();
    WireModel *model = m_window->wireDock()->model();
    int s = -1, c = -1, syn = -1, synAck = -1, ack = -1;
    QTRY_VERIFY2_WITH_TIMEOUT((s = panelLifeline(*model, server->endpointId())) >= 0
                                      && (c = panelLifeline(*model, client->endpointId())) >= 0
                                      && (syn = findSegment(*model, "[S]", c, s)) >= 0
                                      && (synAck = findSegment(*model, "[S.]", s, c, syn)) >= 0
                                      && (ack = findSegment(*model, "[.]", c, s, synAck)) >= 0,
                              qPrintable(describe(*model)), 10000);
    const WireItemPtr synItem = model->items()[size_t(syn)];
    const WireItemPtr connectItem = synItem->cause.lock();
    QVERIFY(connectItem);
    QCOMPARE(connectItem->kind, WireItem::Kind::Connect);
    view->relayout();

    // connect() selected: the three segments of the handshake come out with it.
    const int connectArrow = arrowOf(view->scene(), connectItem.get());
    QVERIFY(connectArrow >= 0);
    view->selectArrow(connectArrow);
    for (int index : {syn, synAck, ack}) {
        const int arrow = arrowOf(view->scene(), model->items()[size_t(index)].get());
        QVERIFY(arrow >= 0);
        QVERIFY2(std::count(view->relatedArrows().begin(), view->relatedArrows().end(), arrow),
                 qPrintable(QString::fromStdString(model->items()[size_t(index)]->text)));
    }

    // The SYN selected by a click on it: connect() comes out.
    const int synArrow = arrowOf(view->scene(), synItem.get());
    QVERIFY(synArrow >= 0);
    const WireScene::Arrow &a = view->scene().arrows[size_t(synArrow)];
    view->verticalScrollBar()->setValue(std::max(0, a.y0 - view->viewport()->height() / 2));
    const QPoint middle((view->laneX(a.from) + view->laneX(a.to)) / 2,
                        view->viewportY((a.y0 + a.y1) / 2));
    QCOMPARE(view->arrowAt(middle), synArrow);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, middle);
    QCOMPARE(view->selectedArrow(), synArrow);
    QCOMPARE(view->relatedArrows(), std::vector<int> {connectArrow});
}

void TestWirePackets::handshakeDemoDrawsItsSegments()
{
    QString error;
    QVERIFY2(m_window->demos()->openDemo(QStringLiteral("three-way-handshake"), &error),
             qPrintable(error));
    DemoPlayerDock *player = m_window->demos()->dock();
    player->paceBox()->setValue(player->paceBox()->minimum());
    QTest::mouseClick(player->playButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(player->session()->player().state(), DemoPlayer::State::Finished,
                              60000);
    WireModel *model = m_window->wireDock()->model();
    int server = -1, client = -1;
    for (size_t i = 0; i < model->lifelines().size(); ++i) {
        if (model->lifelines()[i].name == QLatin1String("server"))
            server = static_cast<int>(i);
        if (model->lifelines()[i].name == QLatin1String("client"))
            client = static_cast<int>(i);
    }
    QVERIFY2(server >= 0 && client >= 0, qPrintable(describe(*model)));
    int syn = -1, synAck = -1;
    QTRY_VERIFY2_WITH_TIMEOUT((syn = findSegment(*model, "[S]", client, server)) >= 0
                                      && (synAck = findSegment(*model, "[S.]", server, client, syn))
                                              >= 0
                                      && findSegment(*model, "[.]", client, server, synAck) >= 0,
                              qPrintable(describe(*model)), 10000);
    // Under connect(), which the demo's raw socket makes known only once it returned.
    const WireItemPtr cause = model->items()[size_t(syn)]->cause.lock();
    QVERIFY(cause);
    QCOMPARE(cause->kind, WireItem::Kind::Connect);
    QVERIFY(model->items()[size_t(syn)]->t0 >= cause->t0);
    // The client's FIN, drawn too.
    bool fin = false;
    for (const WireItemPtr &item : model->items())
        fin = fin
                || (item->isSegment() && item->text.rfind("[F.]", 0) == 0 && item->from == client);
    QVERIFY2(fin, qPrintable(describe(*model)));
    WireView *view = m_window->wireDock()->view();
    view->zoomToFit();
    QTest::qWait(50);
    save(QStringLiteral("wire-packets-demo.png"));
}

void TestWirePackets::unixSocketsAreSaidToHaveNoPackets()
{
    WireDock *dock = m_window->wireDock();
    QCOMPARE(dock->packetNotice(), QString());
    EndpointPanel *server = openByDialog(Preset::UnixStreamServer);
    QVERIFY(server);
    QTRY_VERIFY_WITH_TIMEOUT(dock->packetNotice().contains(QLatin1String("UNIX")), 10000);
    QCOMPARE(dock->view()->notice(), dock->packetNotice());
    // A TCP lifeline beside it: its packets are drawn, the notice goes.
    EndpointPanel *tcp = openByDialog(Preset::TcpServer);
    QVERIFY(tcp);
    QTRY_COMPARE_WITH_TIMEOUT(dock->packetNotice(), QString(), 10000);
    QTRY_COMPARE(dock->view()->notice(), QString());
}

QTEST_MAIN(TestWirePackets)
#include "tst_wirepackets.moc"
