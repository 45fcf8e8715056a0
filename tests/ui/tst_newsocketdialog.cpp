// The New socket dialog: every preset gives a working configuration, and bad input is refused
// at the field with a message naming the bad part.
#include "ui/newsocketdialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTest>

using namespace sb;
using Preset = NewSocketDialog::Preset;

class TestNewSocketDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void presetsAreValid_data();
    void presetsAreValid();
    void badEndpointShownAtField_data();
    void badEndpointShownAtField();
    void badOptionsRefused();
    void clientPresetFindsKnownServer();
    void fixedReplyKeepsEscapes();
};

void TestNewSocketDialog::presetsAreValid_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<int>("role");
    QTest::addColumn<int>("transport");
    QTest::newRow("tcp server") << int(Preset::TcpServer) << int(Role::Server)
                                << int(Transport::Tcp);
    QTest::newRow("tcp client") << int(Preset::TcpClient) << int(Role::Client)
                                << int(Transport::Tcp);
    QTest::newRow("udp") << int(Preset::Udp) << int(Role::Datagram) << int(Transport::Udp);
    QTest::newRow("unix stream server")
            << int(Preset::UnixStreamServer) << int(Role::Server) << int(Transport::UnixStream);
    QTest::newRow("unix stream client")
            << int(Preset::UnixStreamClient) << int(Role::Client) << int(Transport::UnixStream);
    QTest::newRow("unix dgram") << int(Preset::UnixDgram) << int(Role::Datagram)
                                << int(Transport::UnixDgram);
    QTest::newRow("unix seqpacket server") << int(Preset::UnixSeqpacketServer) << int(Role::Server)
                                           << int(Transport::UnixSeqpacket);
    QTest::newRow("unix seqpacket client") << int(Preset::UnixSeqpacketClient) << int(Role::Client)
                                           << int(Transport::UnixSeqpacket);
    QTest::newRow("socketpair") << int(Preset::Socketpair) << int(Role::Pair)
                                << int(Transport::UnixStream);
}

void TestNewSocketDialog::presetsAreValid()
{
    QFETCH(int, preset);
    QFETCH(int, role);
    QFETCH(int, transport);
    NewSocketDialog dialog;
    dialog.applyPreset(static_cast<Preset>(preset));
    QCOMPARE(dialog.errorText(), QString());
    const EndpointConfig c = dialog.config();
    QCOMPARE(int(c.role), role);
    QCOMPARE(int(c.spec.transport), transport);
    if (c.role == Role::Server)
        QCOMPARE(c.responder.kind, ResponderSpec::Kind::Echo); // one click gives a demo server
    if (c.spec.transport == Transport::Tcp || c.spec.transport == Transport::Udp)
        QCOMPARE(QString::fromStdString(c.spec.host), QStringLiteral("127.0.0.1"));
}

void TestNewSocketDialog::badEndpointShownAtField_data()
{
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("message");
    QTest::newRow("port too big") << int(Preset::TcpServer) << "tcp://127.0.0.1:70000"
                                  << "70000";
    QTest::newRow("no scheme") << int(Preset::TcpClient) << "127.0.0.1:80"
                               << "scheme";
    QTest::newRow("udp as server") << int(Preset::TcpServer) << "udp://127.0.0.1:0"
                                   << "Datagram";
    QTest::newRow("client to port 0") << int(Preset::TcpClient) << "tcp://127.0.0.1:0"
                                      << "port";
    QTest::newRow("tcp as datagram") << int(Preset::Udp) << "tcp://127.0.0.1:0"
                                     << "connection-oriented";
    QTest::newRow("unix path too long")
            << int(Preset::UnixStreamServer)
            << QStringLiteral("unix:///tmp/") + QString(120, QLatin1Char('x')) << "107";
}

void TestNewSocketDialog::badEndpointShownAtField()
{
    QFETCH(int, preset);
    QFETCH(QString, endpoint);
    QFETCH(QString, message);
    NewSocketDialog dialog;
    dialog.applyPreset(static_cast<Preset>(preset));
    dialog.endpointEdit()->setText(endpoint);
    QVERIFY2(dialog.endpointError()->text().contains(message),
             qPrintable(dialog.endpointError()->text()));
    QVERIFY(!dialog.errorText().isEmpty());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // Open refuses while the field is bad
}

void TestNewSocketDialog::badOptionsRefused()
{
    NewSocketDialog dialog;
    dialog.applyPreset(Preset::TcpServer);
    dialog.optionsEdit()->setPlainText(QStringLiteral("SO_REUSEADDR=1\nSO_BOGUS=1"));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("line 2")), qPrintable(dialog.errorText()));
    dialog.optionsEdit()->setPlainText(QStringLiteral("SO_RCVBUF=lots"));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("SO_RCVBUF")),
             qPrintable(dialog.errorText()));
    dialog.optionsEdit()->setPlainText(QStringLiteral("so_reuseaddr=1\nTCP_NODELAY=on"));
    QCOMPARE(dialog.errorText(), QString());
    const EndpointConfig c = dialog.config();
    QCOMPARE(c.options.size(), size_t(2));
    QCOMPARE(c.options[0].name, std::string("SO_REUSEADDR"));
}

void TestNewSocketDialog::clientPresetFindsKnownServer()
{
    NewSocketDialog dialog;
    dialog.setKnownServers(
            {QStringLiteral("unix:///tmp/a.sock"), QStringLiteral("tcp://127.0.0.1:40001")});
    dialog.applyPreset(Preset::TcpClient);
    QCOMPARE(dialog.endpointEdit()->text(), QStringLiteral("tcp://127.0.0.1:40001"));
    dialog.applyPreset(Preset::UnixStreamClient);
    QCOMPARE(dialog.endpointEdit()->text(), QStringLiteral("unix:///tmp/a.sock"));
}

void TestNewSocketDialog::fixedReplyKeepsEscapes()
{
    NewSocketDialog dialog;
    dialog.applyPreset(Preset::TcpServer);
    dialog.responderBox()->setCurrentIndex(
            dialog.responderBox()->findData(int(ResponderSpec::Kind::Fixed)));
    for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
        if (e->placeholderText().contains(QStringLiteral("reply")))
            e->setText(QStringLiteral("200 OK\\r\\n"));
    QCOMPARE(dialog.config().responder.fixed, std::string("200 OK\r\n"));
}

QTEST_MAIN(TestNewSocketDialog)
#include "tst_newsocketdialog.moc"
