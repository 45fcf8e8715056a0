// 64 MiB of random bytes through sockbench-cli and back, unchanged (same sha256), over TCP v4,
// TCP v6 and UNIX stream, with sockbench-cli in both roles: `connect` against a socat echo
// server, and `listen --reply echo` against nc -N as the client.
#include "clitest.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

class TstCliTransfer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void clientThroughSocatEcho_data();
    void clientThroughSocatEcho();
    void serverEchoToNc_data();
    void serverEchoToNc();

private:
    QTemporaryDir m_dir;
    QString m_input;
    QByteArray m_inputSha;
    static constexpr qsizetype kSize = 64 << 20;
};

void TstCliTransfer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_input = m_dir.filePath("input.bin");
    QVERIFY(writeFile(m_input, randomBytes(kSize)));
    m_inputSha = sha256OfFile(m_input);
}

void TstCliTransfer::clientThroughSocatEcho_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("tcp4") << "tcp4";
    QTest::newRow("tcp6") << "tcp6";
    QTest::newRow("unix") << "unix";
}

void TstCliTransfer::clientThroughSocatEcho()
{
    QFETCH(QString, kind);
    const QString path = m_dir.filePath("socat-" + kind + ".sock");
    QString listenAddress = "TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork";
    if (kind == "tcp6")
        listenAddress = "TCP6-LISTEN:0,bind=[::1],reuseaddr,fork";
    else if (kind == "unix")
        listenAddress = "UNIX-LISTEN:" + path + ",fork";
    Proc socat;
    // socat moves 8192-byte blocks by default; into its own echo pipe a block larger than
    // PIPE_BUF can block socat forever once the pipe is nearly full (socat 1.7.4, seen with a
    // fast UNIX client). Blocks of PIPE_BUF never block after select says writable.
    socat.start("socat", {"-d", "-d", "-t", "30", "-b", "4096", listenAddress, "PIPE"});
    QVERIFY2(socat.waitErr("listening on"), socat.err.constData());
    QString endpoint = "unix://" + path;
    if (kind != "unix") {
        const auto m = QRegularExpression("listening on AF=\\d+ \\S+:(\\d+)")
                               .match(QString::fromUtf8(socat.err));
        QVERIFY2(m.hasMatch(), socat.err.constData());
        endpoint = (kind == "tcp6" ? "tcp://[::1]:" : "tcp://127.0.0.1:") + m.captured(1);
    }

    const QString output = m_dir.filePath("output-client-" + kind + ".bin");
    Proc cli;
    cli.p.setStandardInputFile(m_input);
    cli.p.setStandardOutputFile(output);
    cli.startCli({"connect", endpoint});
    QVERIFY2(cli.finish(kBulkMs), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(QFileInfo(output).size(), kSize);
    QCOMPARE(sha256OfFile(output), m_inputSha);
}

void TstCliTransfer::serverEchoToNc_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QStringList>("ncArgs"); // before HOST PORT / PATH
    QTest::newRow("tcp4") << "tcp://127.0.0.1:0" << QStringList {"-N"};
    QTest::newRow("tcp6") << "tcp://[::1]:0" << QStringList {"-N"};
    QTest::newRow("unix") << "unix://" << QStringList {"-N", "-U"};
}

void TstCliTransfer::serverEchoToNc()
{
    QFETCH(QString, endpoint);
    QFETCH(QStringList, ncArgs);
    if (endpoint == "unix://")
        endpoint += m_dir.filePath("cli-server.sock");
    Proc server;
    const QString where
            = startListener(server, {"listen", endpoint, "--reply", "echo", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());

    QStringList args = ncArgs;
    if (where.startsWith("unix://")) {
        args << where.mid(7);
    } else {
        const qsizetype colon = where.lastIndexOf(':');
        QString host = where.mid(6, colon - 6);
        host.remove('[').remove(']');
        args << host << where.mid(colon + 1);
    }
    const QString output
            = m_dir.filePath("output-server-" + QString(QTest::currentDataTag()) + ".bin");
    Proc nc;
    nc.p.setStandardInputFile(m_input);
    nc.p.setStandardOutputFile(output);
    nc.start("nc", args);
    QVERIFY2(nc.finish(kBulkMs), nc.err.constData());
    QCOMPARE(nc.exitCode(), 0);
    QCOMPARE(QFileInfo(output).size(), kSize);
    QCOMPARE(sha256OfFile(output), m_inputSha);

    // --count 1: the server ends by itself once that one connection is done.
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

QTEST_GUILESS_MAIN(TstCliTransfer)
#include "tst_cli_transfer.moc"
