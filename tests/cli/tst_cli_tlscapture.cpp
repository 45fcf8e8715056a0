// The key log of a tls:// connection decrypts a capture of it: tshark captures the exchange on
// lo, and reads it back with --keylog's file (Wireshark's "Follow TLS Stream"). Capturing needs
// root or CAP_NET_RAW (CI runs as root); without it the test fails under CI=true.

#include "../support/processrun.h"
#include "../support/requiretool.h"
#include "clitest.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

class TstCliTlsCapture : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// What `tshark -r capture ARGS` prints (stdout).
    QString readCapture(const QString &capture, const QStringList &args)
    {
        return sbtest::run("tshark", QStringList {"-r", capture} + args).out;
    }

private slots:
    void initTestCase()
    {
        SB_REQUIRE_TOOL("tshark", "tshark");
        QVERIFY(m_dir.isValid());
    }

    void keylogDecryptsCapture_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("TLS 1.2") << "1.2";
        QTest::newRow("TLS 1.3") << "1.3";
    }
    void keylogDecryptsCapture()
    {
        QFETCH(QString, version);
        const QString certDir = m_dir.filePath("pair-" + version);
        QVERIFY(QDir().mkpath(certDir));
        Proc listen;
        const QString where = startListener(
                listen,
                {"listen", "tls://127.0.0.1:0", "--self-signed=" + certDir, "--count", "1"});
        const quint16 port = portOf(where);
        QVERIFY2(port, listen.err.constData());

        const QString capture = m_dir.filePath("tls-" + version + ".pcapng");
        // The filter also takes UDP datagrams to a port nobody uses: the probes below.
        const quint16 probePort = port + 1;
        Proc tshark;
        tshark.start("tshark",
                     {"-i", "lo", "-f",
                      QStringLiteral("tcp port %1 or udp port %2").arg(port).arg(probePort), "-w",
                      capture});
        if (!tshark.waitErr("Capturing on")) {
            // Not root, and dumpcap without CAP_NET_RAW: "You don't have permission ..."
            if (tshark.err.contains("permission"))
                SB_SKIP_OR_FAIL("capturing on lo needs root, or CAP_NET_RAW for dumpcap: "
                                + tshark.err);
            QFAIL(tshark.err.constData());
        }
        // "Capturing on" comes before the capture really takes packets (what comes at once is
        // lost), and dumpcap writes its file in batches: a probe datagram every 200 ms until
        // one is in the file says the capture is on.
        const int probe = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in to {};
        to.sin_family = AF_INET;
        to.sin_port = htons(probePort);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const auto sendProbe = [&] {
            ::sendto(probe, "probe", 5, 0, reinterpret_cast<sockaddr *>(&to), sizeof to);
        };
        const auto countInFile = [&](const QString &filter) {
            return readCapture(capture, {"-Y", filter}).count('\n');
        };
        const bool on = tshark.waitFor(
                [&] {
                    sendProbe();
                    return countInFile("udp") > 0;
                },
                kStepMs);
        QVERIFY2(on, tshark.err.constData());

        const QString keylog = m_dir.filePath("keylog-" + version + ".txt");
        const QByteArray secret = "SockBench plaintext seen only with the key log 4711";
        const sbtest::Run r = sbtest::cli(
                {"connect", where, "--ca", certDir + "/sockbench-selfsigned.crt", "--keylog",
                 keylog, "--tls-version", version, "--send", QString::fromLatin1(secret)});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(listen.waitOut(secret), listen.out.constData());
        QVERIFY2(listen.finish(kStepMs), listen.err.constData());

        // Wait until both FINs are in the file (a probe now and then makes dumpcap write out
        // what it holds), then stop it.
        const bool whole = tshark.waitFor(
                [&] {
                    sendProbe();
                    return countInFile("tcp.flags.fin == 1") >= 2;
                },
                kStepMs);
        ::close(probe);
        QVERIFY2(whole, qPrintable(readCapture(capture, {})));
        tshark.terminate();
        QVERIFY(tshark.finish(kStepMs));

        const QStringList follow {"-q", "-z", "follow,tls,ascii,0"};
        // Without the secrets the records stay opaque ...
        QVERIFY(!readCapture(capture, follow).contains(QString::fromLatin1(secret)));
        // ... with them, tshark shows the plaintext the client sent.
        const QString decrypted
                = readCapture(capture, QStringList {"-o", "tls.keylog_file:" + keylog} + follow);
        QVERIFY2(decrypted.contains(QString::fromLatin1(secret)), qPrintable(decrypted));
    }
};

QTEST_GUILESS_MAIN(TstCliTlsCapture)
#include "tst_cli_tlscapture.moc"
