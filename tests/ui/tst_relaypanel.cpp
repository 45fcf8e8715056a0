// A fault relay in the window: a TCP echo server, a relay in front of it opened from its
// preset, and a client of the relay. The Faults tab's chop makes the server's log show the
// client's one send as several receives; its Reset gives the client ECONNRESET; both legs are
// rows of the relay's Clients tab and lanes of the Wire chart. A UDP relay's drop, set in the
// tab, keeps a datagram from its target and says so in the relay's log.
#include "ui/clientsmodel.h"
#include "ui/corebridge.h"
#include "ui/endpointpanel.h"
#include "ui/faultsview.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/sendcomposer.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <cerrno>

using namespace sb;
using Preset = NewSocketDialog::Preset;

namespace {

/// The Data rows of a log in one direction.
int dataRows(const LogModel &log, Direction dir)
{
    int n = 0;
    for (int r = 0; r < log.rowCount(); ++r)
        if (log.entry(r).kind == LogEntry::Kind::Data && log.entry(r).dir == dir)
            ++n;
    return n;
}

bool logHasNote(const LogModel &log, const QString &needle)
{
    for (int r = 0; r < log.rowCount(); ++r)
        if (QString::fromStdString(log.entry(r).note).contains(needle))
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

QString endpointOf(EndpointPanel *panel, const char *scheme)
{
    const Address a = panel->localAddress();
    return QStringLiteral("%1://%2:%3")
            .arg(QLatin1String(scheme))
            .arg(QString::fromStdString(a.host()))
            .arg(a.port());
}

} // namespace

class TestRelayPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void tcpRelayChopsAndResetsFromTheFaultsTab();
    void udpRelayDropsFromTheFaultsTab();
    void dialogSaysWhatIsWrongWithTheTarget();

private:
    EndpointPanel *open(Preset preset, const QString &endpoint = {});
    MainWindow *m_window = nullptr;
};

void TestRelayPanel::init()
{
    m_window = new MainWindow;
    m_window->resize(1600, 1000);
    m_window->show();
}

void TestRelayPanel::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

EndpointPanel *TestRelayPanel::open(Preset preset, const QString &endpoint)
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

void TestRelayPanel::tcpRelayChopsAndResetsFromTheFaultsTab()
{
    EndpointPanel *server = open(Preset::TcpServer);
    QVERIFY(server);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    // The relay preset forwards to the newest TCP server of the workbench.
    EndpointPanel *relay = open(Preset::TcpRelay);
    QVERIFY(relay);
    QCOMPARE(relay->config().relayTarget->port, server->localAddress().port());
    QTRY_COMPARE(relay->state(), EndpointPanel::State::Listening);
    QVERIFY(relay->faultsView());
    QVERIFY(!relay->composer()->isVisibleTo(relay)); // a relay sends nothing of its own

    // Chop up by 3, 300 ms apart: the server is waiting in recv long before each piece comes.
    auto *chop = qobject_cast<QSpinBox *>(relay->faultsView()->editor("chop", RelayDir::Up));
    auto *gap = qobject_cast<QSpinBox *>(relay->faultsView()->editor("chop-gap", RelayDir::Up));
    QVERIFY(chop && gap);
    gap->setValue(300);
    chop->setValue(3);
    QCOMPARE(relay->faultsView()->plan(RelayDir::Up).chop, size_t(3));
    QVERIFY(relay->faultsView()->summary(RelayDir::Up)->text().contains("chop 3 (gap 300 ms)"));
    QCOMPARE(relay->faultsView()->plan(RelayDir::Down).chop, size_t(0));

    // The TCP client preset goes to the newest listener: the relay.
    EndpointPanel *client = open(Preset::TcpClient);
    QVERIFY(client);
    QCOMPARE(client->config().spec.port, relay->localAddress().port());
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    QTRY_COMPARE(relay->clientsModel()->liveConns().size(), size_t(2)); // both legs

    sendText(client, "HELLOWORLD");
    QTRY_COMPARE(server->bytesIn(), uint64_t(10));
    QVERIFY2(dataRows(*server->logModel(), Direction::In) >= 4,
             qPrintable(QString::number(dataRows(*server->logModel(), Direction::In))));
    QTRY_COMPARE(client->bytesIn(), uint64_t(10)); // the echo, not chopped on the way down

    // Both legs are lanes of the chart: the client's send arrives at the relay's accepted
    // connection, and the relay's pieces at the server's.
    const WireModel *wire = m_window->wireDock()->model();
    QTRY_VERIFY(wire->lifelineOf(relay->endpointId(), 1) >= 0);
    int toServer = 0;
    const int relayLane = wire->lifelineOf(relay->endpointId(), 0);
    for (const WireItemPtr &item : wire->items())
        if (item->kind == WireItem::Kind::Message && item->from == relayLane && item->bytes <= 3)
            ++toServer;
    QVERIFY2(toServer >= 4, qPrintable(QString::number(toServer)));

    // Reset: both peers get a RST; the client's connection ends with ECONNRESET.
    relay->faultsView()->resetButton()->click();
    QTRY_VERIFY(client->state() != EndpointPanel::State::Connected);
    QTRY_VERIFY2(client->errorText().contains("ECONNRESET"), qPrintable(client->errorText()));
}

void TestRelayPanel::udpRelayDropsFromTheFaultsTab()
{
    EndpointPanel *target = open(Preset::Udp);
    QVERIFY(target);
    QTRY_COMPARE(target->state(), EndpointPanel::State::Bound);
    EndpointPanel *relay = open(Preset::UdpRelay);
    QVERIFY(relay);
    QCOMPARE(relay->config().relayTarget->port, target->localAddress().port());
    QTRY_COMPARE(relay->state(), EndpointPanel::State::Listening);
    EndpointPanel *sender = open(Preset::Udp);
    QVERIFY(sender);
    QTRY_COMPARE(sender->state(), EndpointPanel::State::Bound);

    auto *drop = qobject_cast<QSpinBox *>(relay->faultsView()->editor("drop", RelayDir::Up));
    QVERIFY(drop);
    QVERIFY(!relay->faultsView()->resetButton()); // no connection to reset
    drop->setValue(100);
    sender->composer()->destination()->setText(endpointOf(relay, "udp"));
    sendText(sender, "lost");
    QTRY_VERIFY(logHasNote(*relay->logModel(), "dropped this datagram (4 bytes)"));
    drop->setValue(0);
    sendText(sender, "found");
    QTRY_COMPARE(target->messagesIn(), uint64_t(1));
    QCOMPARE(target->bytesIn(), uint64_t(5)); // "found", and nothing of "lost"
}

void TestRelayPanel::dialogSaysWhatIsWrongWithTheTarget()
{
    NewSocketDialog dialog(m_window);
    dialog.applyPreset(Preset::TcpRelay);
    QVERIFY(dialog.errorText().isEmpty());
    dialog.relayTargetEdit()->setText("udp://127.0.0.1:9");
    QVERIFY2(dialog.errorText().contains("a relay forwards a stream to a stream"),
             qPrintable(dialog.errorText()));
    dialog.relayTargetEdit()->setText("tcp://127.0.0.1:0");
    QVERIFY2(dialog.errorText().contains("0 is only for binding"), qPrintable(dialog.errorText()));
    dialog.relayTargetEdit()->setText("tls://127.0.0.1:443");
    QVERIFY2(dialog.errorText().contains("does not speak TLS"), qPrintable(dialog.errorText()));
    dialog.relayTargetEdit()->setText("tcp:/oops");
    QVERIFY2(dialog.errorText().startsWith("Target:"), qPrintable(dialog.errorText()));
}

QTEST_MAIN(TestRelayPanel)
#include "tst_relaypanel.moc"
