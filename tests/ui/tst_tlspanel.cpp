// tls:// in the workbench: the New socket dialog shows its TLS section for a tls:// client or
// server only, refuses a missing file at it, and a TLS server and client opened by it
// handshake over loopback; the client's header shows what was agreed and what verification
// found, and its Syscalls view narrates the handshake among the calls.
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/panelheader.h"
#include "ui/tlssettingsbox.h"
#include "ui/tracemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using Preset = NewSocketDialog::Preset;

class TestTlsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sectionOnlyForTls()
    {
        NewSocketDialog dialog;
        dialog.show();
        dialog.applyPreset(Preset::TcpClient);
        dialog.endpointEdit()->setText(QStringLiteral("tcp://127.0.0.1:7"));
        QVERIFY(!dialog.tlsBox()->isVisible());
        dialog.endpointEdit()->setText(QStringLiteral("tls://127.0.0.1:8443"));
        QVERIFY(dialog.tlsBox()->isVisible());
        QVERIFY(dialog.tlsBox()->caEdit()->isVisible());
        QVERIFY(dialog.tlsBox()->insecureBox()->isVisible());

        dialog.tlsBox()->caEdit()->setText(QStringLiteral("/no/such/ca.pem"));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("/no/such/ca.pem")),
                 qPrintable(dialog.errorText()));
        dialog.tlsBox()->caEdit()->clear();
        dialog.tlsBox()->insecureBox()->setChecked(true);
        dialog.tlsBox()->alpnEdit()->setText(QStringLiteral("h2,http/1.1"));
        QCOMPARE(dialog.errorText(), QString());
        const EndpointConfig c = dialog.config();
        QVERIFY(c.spec.tls);
        QVERIFY(c.tls.insecure);
        QCOMPARE(c.tls.alpn.size(), size_t(2));

        // A server: no CA row, a self-signed folder instead of a certificate.
        dialog.roleBox()->setCurrentIndex(dialog.roleBox()->findData(int(Role::Server)));
        dialog.endpointEdit()->setText(QStringLiteral("tls://127.0.0.1:0"));
        QVERIFY(dialog.tlsBox()->isVisible());
        QVERIFY(!dialog.tlsBox()->caEdit()->isVisible());
        QCOMPARE(dialog.errorText(), QString());
        QVERIFY(!dialog.config().tls.selfSignedDir.empty());
    }

    void handshakeShownInThePanel()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1400, 860);
        window.show();

        NewSocketDialog serverDialog(&window);
        serverDialog.applyPreset(Preset::TcpServer);
        serverDialog.endpointEdit()->setText(QStringLiteral("tls://127.0.0.1:0"));
        TlsSettings st;
        st.selfSignedDir = dir.path().toStdString();
        serverDialog.tlsBox()->load(st);
        QCOMPARE(serverDialog.errorText(), QString());
        EndpointPanel *server = window.openPanel(serverDialog.config(), true);
        QVERIFY(server);
        QTRY_VERIFY(server->state() == EndpointPanel::State::Listening);
        QString where = QString::fromStdString(server->localAddress().toString());

        NewSocketDialog clientDialog(&window);
        clientDialog.applyPreset(Preset::TcpClient);
        clientDialog.endpointEdit()->setText(QStringLiteral("tls://") + where);
        clientDialog.tlsBox()->insecureBox()->setChecked(true);
        QCOMPARE(clientDialog.errorText(), QString());
        EndpointPanel *client = window.openPanel(clientDialog.config(), true);
        QVERIFY(client);
        QTRY_VERIFY(client->header()->tlsText().contains(QStringLiteral("TLSv1.3")));
        const QString line = client->header()->tlsText();
        QVERIFY2(line.contains(QStringLiteral("NOT verified (self-signed certificate")),
                 qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("CN=localhost")), qPrintable(line));

        // The narration is in the Syscalls view, between the calls.
        const TraceModel *trace = client->traceModel();
        bool hello = false, finished = false;
        for (int r = 0; r < trace->rowCount(); ++r) {
            const QString call = TraceModel::callText(trace->record(r));
            hello = hello || call.contains(QStringLiteral("tls: sent ClientHello"));
            finished = finished || call.contains(QStringLiteral("tls: sent Finished"));
        }
        QVERIFY(hello);
        QVERIFY(finished);
    }
};

QTEST_MAIN(TestTlsPanel)
#include "tst_tlspanel.moc"
