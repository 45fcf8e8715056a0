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
    void stdinIsNotHeldInMemory();
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

void TstCliTransfer::stdinIsNotHeldInMemory()
{
    // A peer that reads nothing for a while: sockbench-cli must leave the rest of its 64 MiB
    // stdin (a pipe, so the buffered path, not sendfile) unread rather than queue it all.
    // python3 runs it twice, first with 1 MiB for the process's own size (larger under a
    // sanitizer), and reports both peak RSS figures: the 64 MiB run may grow by little more.
    Proc driver;
    driver.startPython(R"PY(
import resource, socket, subprocess, sys, threading, time
cli, path = sys.argv[1], sys.argv[2]
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
def run(limit):
    got = [0]
    def serve():
        c, _ = s.accept()
        time.sleep(1.5)
        while True:
            b = c.recv(1 << 20)
            if not b:
                break
            got[0] += len(b)
        c.close()
    t = threading.Thread(target=serve); t.start()
    p = subprocess.Popen([cli, 'connect', 'tcp://127.0.0.1:%d' % s.getsockname()[1]],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    with open(path, 'rb') as f:
        left = limit
        while left > 0:
            b = f.read(min(left, 1 << 16))
            p.stdin.write(b)
            left -= len(b)
    p.stdin.close()
    rc = p.wait(timeout=80)
    t.join()
    return rc, got[0], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
rc0, got0, base = run(1 << 20)
rc, got, peak = run(64 << 20)
print(rc0, got0, base, rc, got, peak, flush=True)
)PY",
                       {cliPath(), m_input});
    QVERIFY2(driver.finish(kBulkMs), driver.err.constData());
    const QList<QByteArray> fields = driver.out.trimmed().split(' ');
    QCOMPARE(fields.size(), 6);
    QCOMPARE(fields[0], QByteArray("0")); // exit status, 1 MiB
    QCOMPARE(fields[1].toLongLong(), qint64(1 << 20));
    QCOMPARE(fields[3], QByteArray("0")); // exit status, 64 MiB
    QCOMPARE(fields[4].toLongLong(), qint64(kSize)); // every byte arrived
    const qint64 baseKiB = fields[2].toLongLong();
    const qint64 peakKiB = fields[5].toLongLong();
    QVERIFY2(baseKiB > 0 && peakKiB - baseKiB < 16 * 1024,
             qPrintable(QString("peak RSS %1 KiB for 64 MiB, %2 KiB for 1 MiB")
                                .arg(peakKiB)
                                .arg(baseKiB)));
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
