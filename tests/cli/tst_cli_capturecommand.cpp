// sockbench-cli capture: the packets on lo around a program it runs (python3 against a
// sockbench-cli echo server), one tcpdump-like line each on standard output, the pcapng that
// tshark reads back with as many packets, the program's exit status passed on, -c that stops
// after a count, and the errors: a program that does not exist, bad options. Capturing needs
// CAP_NET_RAW: CI runs as root; elsewhere main() first moves the test into the lab.

#include "../support/capturelab.h"
#include "../support/processrun.h"
#include "../support/requiretool.h"
#include "clitest.h"
#include "core/capture/labnamespace.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// A python3 client: connects to port, sends "hello", reads the echo, closes, exits with code.
QStringList pythonClient(quint16 port, int code)
{
    return {"python3", "-c",
            QString("import socket, sys\n"
                    "s = socket.create_connection(('127.0.0.1', %1))\n"
                    "s.sendall(b'hello')\n"
                    "got = b''\n"
                    "while len(got) < 5:\n"
                    "    got += s.recv(100)\n"
                    "s.close()\n"
                    "sys.exit(%2 if got == b'hello' else 99)\n")
                    .arg(port)
                    .arg(code)};
}

QStringList lines(const QByteArray &text)
{
    QStringList out = QString::fromUtf8(text).split(QLatin1Char('\n'));
    out.removeAll(QString());
    return out;
}

} // namespace

class TstCliCaptureCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!sbtest::canCapture())
            SB_SKIP_OR_FAIL("capturing needs root, CAP_NET_RAW or the lab (user namespaces)");
    }

    void aroundAProgram()
    {
        SB_REQUIRE_TOOL("tshark", "tshark");
        Proc listen;
        const quint16 port = portOf(startListener(
                listen, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "1"}));
        QVERIFY(port);
        const QString file = m_dir.filePath("around.pcapng");
        Proc capture;
        capture.startCli(QStringList {"capture", "--port", QString::number(port), "-w", file, "--"}
                         + pythonClient(port, 3));
        QVERIFY(capture.finish());
        // The program's own exit status comes back, as with time(1) or strace.
        QCOMPARE(capture.exitCode(), 3);
        const QStringList packets = lines(capture.out);
        QVERIFY2(packets.size() >= 8, capture.out.constData()); // 3 + data + echo + 2 FIN + ACKs
        const QString toServer = QString("> 127.0.0.1:%1 ").arg(port);
        const QString fromServer = QString("127.0.0.1:%1 > ").arg(port);
        QVERIFY2(packets[0].contains(toServer + "[S] seq 0"), capture.out.constData());
        QVERIFY2(packets[1].contains(fromServer) && packets[1].contains("[S.] seq 0 ack 1"),
                 capture.out.constData());
        QVERIFY2(packets[2].contains(toServer + "[.] seq 1 ack 1"), capture.out.constData());
        QVERIFY2(capture.out.contains(toServer.toUtf8() + "[P.] seq 1:6 ack 1"),
                 capture.out.constData());
        QVERIFY2(capture.out.contains("len 5"), capture.out.constData());
        // Each line starts with the seconds since the capture began: "0.001234 ".
        QVERIFY2(QRegularExpression("^\\d+\\.\\d{6} 127\\.0\\.0\\.1:").match(packets[0]).hasMatch(),
                 qPrintable(packets[0]));
        QVERIFY2(capture.err.contains(QString("%1 packets, %1 written to %2")
                                              .arg(packets.size())
                                              .arg(file)
                                              .toUtf8()),
                 capture.err.constData());

        const sbtest::Run read
                = sbtest::run("tshark", {"-r", file, "-T", "fields", "-e", "tcp.flags.str"});
        QCOMPARE(read.status, 0);
        QCOMPARE(lines(read.out.toUtf8()).size(), packets.size());
    }

    void countStopsIt()
    {
        Proc listen;
        const quint16 port = portOf(startListener(
                listen, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "1"}));
        QVERIFY(port);
        Proc capture;
        capture.startCli(QStringList {"capture", "--port", QString::number(port), "-c", "3", "--"}
                         + pythonClient(port, 0));
        QVERIFY(capture.finish());
        const QStringList packets = lines(capture.out);
        QCOMPARE(packets.size(), 3); // the handshake, and no more
        QVERIFY2(packets[2].contains("[.] seq 1 ack 1"), capture.out.constData());
        QVERIFY2(capture.err.contains("3 packets"), capture.err.constData());
    }

    void forEndsAnIdleCapture()
    {
        // Nothing in a lab of its own (this machine's lo carries other tests' ICMP errors,
        // which every capture keeps): the capture ends after --for with no packet.
        Proc capture;
        capture.startCli({"--lab", "capture", "--port", "9", "--for", "300"});
        QVERIFY(capture.finish());
        QCOMPARE(capture.exitCode(), 0);
        QCOMPARE(capture.out, QByteArray());
        QVERIFY2(capture.err.contains("0 packets"), capture.err.constData());
    }

    void programThatDoesNotExist()
    {
        Proc capture;
        capture.startCli({"capture", "--", m_dir.filePath("no-such-program")});
        QVERIFY(capture.finish());
        QCOMPARE(capture.exitCode(), 127);
        QVERIFY2(capture.err.contains("no-such-program: No such file or directory"),
                 capture.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("port 0") << QStringList {"capture", "--port", "0"} << "--port";
        QTest::newRow("count x") << QStringList {"capture", "-c", "x"} << "--count";
        QTest::newRow("nothing after --") << QStringList {"capture", "--"} << "after --";
        QTest::newRow("stray word") << QStringList {"capture", "python3"} << "after --";
        QTest::newRow("overwrite alone") << QStringList {"capture", "--overwrite"} << "-w FILE";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        Proc capture;
        capture.startCli(args);
        QVERIFY(capture.finish());
        QCOMPARE(capture.exitCode(), 2);
        QVERIFY2(capture.err.contains(message.toUtf8()), capture.err.constData());
    }

    void existingFileIsKept()
    {
        const QString file = m_dir.filePath("mine.pcapng");
        QVERIFY(writeFile(file, "a person's file"));
        Proc capture;
        capture.startCli({"capture", "-w", file, "--for", "10"});
        QVERIFY(capture.finish());
        QCOMPARE(capture.exitCode(), 1);
        QVERIFY2(capture.err.contains("add --overwrite to replace it"), capture.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("a person's file"));
    }
};

int main(int argc, char **argv)
{
    sbtest::enterLabToCapture("tst_cli_capturecommand");
    QCoreApplication app(argc, argv);
    TstCliCaptureCommand test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cli_capturecommand.moc"
