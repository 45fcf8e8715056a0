// sockbench-cli listen: how it ends (signal, --duration, --count), what it replies with
// (stdout, fixed, daytime, chargen, discard), and the UNIX kinds it serves (path, abstract
// name, seqpacket), against nc and python3 clients.
#include "clitest.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace clitest;

namespace {

/// Connects to argv[1] ("tcp:PORT", "unix:PATH", "abstract:NAME", "seqpacket:PATH"), sends
/// argv[2] (may be ""), shuts down writing, and prints what came back (as repr) until EOF or
/// argv[3] bytes arrived.
const char *kPythonClient = R"PY(
import socket, sys
where, payload, limit = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
kind, _, addr = where.partition(':')
if kind == 'tcp':
    c = socket.create_connection(('127.0.0.1', int(addr)), timeout=20)
else:
    c = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET if kind == 'seqpacket' else socket.SOCK_STREAM)
    c.settimeout(20)
    c.connect('\0' + addr if kind == 'abstract' else addr)
if payload:
    c.sendall(payload)
if limit == 0:
    c.shutdown(socket.SHUT_WR)
got = b''
while limit == 0 or len(got) < limit:
    b = c.recv(65536)
    if not b:
        break
    got += b
print(repr(got), flush=True)
)PY";

QByteArray pyRepr(const QByteArray &bytes)
{
    // Enough of Python's bytes repr for printable ASCII without quotes or backslashes.
    return "b'" + bytes + "'\n";
}

} // namespace

class TstCliListen : public QObject
{
    Q_OBJECT

private slots:
    void signalStopsAndRemovesSocketFile_data();
    void signalStopsAndRemovesSocketFile();
    void durationEndsIt();
    void countEndsAfterConnections();
    void replyStdoutLikeNc();
    void replyStdoutDatagrams();
    void replyFixedWithEscapes();
    void replyDaytime();
    void replyChargen();
    void replyDiscard();
    void abstractName();
    void seqpacketEcho();

private:
    QTemporaryDir m_dir;
};

void TstCliListen::signalStopsAndRemovesSocketFile_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<int>("signo");
    QTest::newRow("unix SIGTERM") << "unix://" << int(SIGTERM);
    QTest::newRow("unix SIGINT") << "unix://" << int(SIGINT);
    QTest::newRow("unix-dgram SIGTERM") << "unix-dgram://" << int(SIGTERM);
    QTest::newRow("unix-seqpacket SIGINT") << "unix-seqpacket://" << int(SIGINT);
}

void TstCliListen::signalStopsAndRemovesSocketFile()
{
    QFETCH(QString, scheme);
    QFETCH(int, signo);
    const QString path = m_dir.filePath("signal.sock");
    Proc server;
    const QString where = startListener(server, {"listen", scheme + path});
    QCOMPARE(where, scheme + path);
    QVERIFY(QFileInfo::exists(path));
    ::kill(pid_t(server.p.processId()), signo);
    QVERIFY(server.finish());
    QVERIFY2(server.exitCode() == 128 + signo, server.err.constData());
    QVERIFY2(!QFileInfo::exists(path), "the UNIX socket file outlived sockbench-cli listen");

    // The path is free again: a second listen on it works.
    Proc again;
    QCOMPARE(startListener(again, {"listen", scheme + path}), scheme + path);
}

void TstCliListen::durationEndsIt()
{
    Proc server;
    QVERIFY(!startListener(server, {"listen", "tcp://127.0.0.1:0", "--duration", "0.5"}).isEmpty());
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

void TstCliListen::countEndsAfterConnections()
{
    Proc server;
    const QString where = startListener(
            server, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "2"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    const QString target = "tcp:" + QString::number(portOf(where));
    for (const char *payload : {"first", "second"}) {
        Proc client;
        client.startPython(kPythonClient, {target, payload, "0"});
        QVERIFY2(client.finish(), client.err.constData());
        QCOMPARE(client.out, pyRepr(payload));
    }
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

void TstCliListen::replyStdoutLikeNc()
{
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://[::1]:0", "--count", "1"});
    QVERIFY2(where.startsWith("tcp://[::1]:"), qPrintable(where));
    Proc nc;
    nc.start("nc", {"-N", "::1", QString::number(portOf(where))});
    QVERIFY(nc.started());
    nc.write("line one\nline two\n");
    QVERIFY2(nc.finish(), nc.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
    QCOMPARE(server.out, QByteArray("line one\nline two\n"));
}

void TstCliListen::replyStdoutDatagrams()
{
    Proc server;
    const QString where = startListener(server, {"listen", "udp://127.0.0.1:0", "--count", "2"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startCli({"connect", where, "--send", "alpha\\n", "--send", "beta\\n", "--wait", "0"});
    QVERIFY2(client.finish(), client.err.constData());
    QVERIFY2(client.exitCode() == 0, client.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
    QCOMPARE(server.out, QByteArray("alpha\nbeta\n"));
}

void TstCliListen::replyFixedWithEscapes()
{
    Proc server;
    const QString where = startListener(
            server, {"listen", "tcp://127.0.0.1:0", "--reply", "fixed:HELLO\\tyou\\r\\n"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startPython(kPythonClient, {"tcp:" + QString::number(portOf(where)), "hi", "11"});
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, QByteArray("b'HELLO\\tyou\\r\\n'\n"));
}

void TstCliListen::replyDaytime()
{
    Proc server;
    const QString where
            = startListener(server, {"listen", "tcp://127.0.0.1:0", "--reply", "daytime"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    // Nothing is sent: data arriving after the server's close would draw a RST, and a RST
    // makes the kernel drop the daytime line before nc reads it.
    Proc nc;
    nc.p.setStandardInputFile(QProcess::nullDevice());
    nc.start("nc", {"-N", "127.0.0.1", QString::number(portOf(where))});
    QVERIFY2(nc.finish(), nc.err.constData());
    QVERIFY2(nc.out.endsWith("\n"), nc.out.constData());
    const QByteArray year = QByteArray::number(QDateTime::currentDateTime().date().year());
    QVERIFY2(nc.out.contains(year), nc.out.constData());
}

void TstCliListen::replyChargen()
{
    Proc server;
    const QString where
            = startListener(server, {"listen", "tcp://127.0.0.1:0", "--reply", "chargen"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startPython(kPythonClient, {"tcp:" + QString::number(portOf(where)), "go", "1000"});
    QVERIFY2(client.finish(), client.err.constData());
    // RFC 864: lines of 72 printable characters, the pattern shifting by one each line.
    const QByteArray got = client.out;
    QVERIFY2(got.size() > 200, got.constData());
    QVERIFY2(got.contains("!\"#$%&"), got.constData());
}

void TstCliListen::replyDiscard()
{
    Proc server;
    const QString where = startListener(
            server, {"listen", "tcp://127.0.0.1:0", "--reply", "discard", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startPython(kPythonClient,
                       {"tcp:" + QString::number(portOf(where)), "into the void", "0"});
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, QByteArray("b''\n"));
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
    QVERIFY2(server.out.isEmpty(), server.out.constData());
}

void TstCliListen::abstractName()
{
    const QString name = QString("sockbench-test-%1").arg(QCoreApplication::applicationPid());
    Proc server;
    const QString where = startListener(
            server, {"listen", "unix://@" + name, "--reply", "echo", "--count", "1"});
    QCOMPARE(where, "unix://@" + name);
    Proc client;
    client.startPython(kPythonClient, {"abstract:" + name, "abstract hello", "0"});
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, pyRepr("abstract hello"));
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

void TstCliListen::seqpacketEcho()
{
    const QString path = m_dir.filePath("seq.sock");
    Proc server;
    const QString where = startListener(
            server, {"listen", "unix-seqpacket://" + path, "--reply", "echo", "--count", "1"});
    QCOMPARE(where, "unix-seqpacket://" + path);
    Proc client;
    client.startPython(kPythonClient, {"seqpacket:" + path, "one record", "0"});
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, pyRepr("one record"));
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

QTEST_GUILESS_MAIN(TstCliListen)
#include "tst_cli_listen.moc"
