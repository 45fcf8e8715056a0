// sockbench-cli --packets and -w against real peers on lo: the packet lines interleaved with the
// trace in time order (the SYN between socket() and connect()'s return), a pcapng that tshark
// reads back with the same packets, flags and comments, a file a person owns never replaced
// without --overwrite, UNIX endpoints that have no packets, and the lab: a network namespace of
// its own where capture works and the machine's listeners are not there. Capturing needs
// CAP_NET_RAW: CI runs as root; elsewhere main() first moves the test into the lab, and the
// peers and the CLI it starts inherit it.

#include "../support/capturelab.h"
#include "../support/posixsockets.h"
#include "../support/processrun.h"
#include "../support/requiretool.h"
#include "clitest.h"
#include "core/capture/labnamespace.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// The lines of text that start with prefix.
QStringList linesStarting(const QByteArray &text, const QString &prefix)
{
    QStringList out;
    for (const QString &line : QString::fromUtf8(text).split(QLatin1Char('\n')))
        if (line.startsWith(prefix))
            out << line;
    return out;
}

qsizetype indexOfLine(const QStringList &lines, const QString &needle)
{
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines[i].contains(needle))
            return i;
    return -1;
}

/// tcpdump's letters of a packet line ("[S.]") as tshark's tcp.flags.str writes them
/// ("·······A··S·"): the set of letters, sorted.
QString flagLetters(const QString &text)
{
    QString letters;
    for (const QChar c : text) {
        if (c == QLatin1Char('.'))
            letters += QLatin1Char('A');
        else if (QStringLiteral("SFRPUEW").contains(c))
            letters += c == QLatin1Char('W') ? QLatin1Char('C') : c;
    }
    std::sort(letters.begin(), letters.end());
    return letters;
}

} // namespace

class TstCliCapture : public QObject
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

    void packetLinesInterleaveWithTheTrace()
    {
        Proc listen;
        const quint16 port = portOf(startListener(
                listen, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "1"}));
        QVERIFY(port);
        Proc client;
        client.startCli({"--trace", "--packets", "connect", QString("tcp://127.0.0.1:%1").arg(port),
                         "--send", "hello"});
        QVERIFY(client.finish());
        QCOMPARE(client.exitCode(), 0);
        QCOMPARE(client.out, QByteArray("hello"));
        const QStringList lines = QString::fromUtf8(client.err).split(QLatin1Char('\n'));
        const qsizetype socketAt = indexOfLine(lines, "socket(AF_INET");
        const qsizetype synAt = indexOfLine(lines, QString("> 127.0.0.1:%1 [S] seq 0").arg(port));
        const qsizetype connectAt = indexOfLine(lines, "connect(");
        const qsizetype synAckAt = indexOfLine(lines, QString("127.0.0.1:%1 > ").arg(port));
        QVERIFY2(socketAt >= 0 && synAt >= 0 && connectAt >= 0, client.err.constData());
        QVERIFY2(socketAt < synAt && synAt < connectAt,
                 "the SYN line comes after socket() and before connect()'s return");
        QVERIFY2(synAckAt > synAt && lines[synAckAt].contains("[S.]"), client.err.constData());
        QVERIFY2(indexOfLine(lines, "<mss 65495,sackOK,TS val") >= 0, client.err.constData());
        QVERIFY2(indexOfLine(lines, "[P.] seq 1:6") >= 0, client.err.constData());
        QVERIFY2(indexOfLine(lines, "[F.]") >= 0
                         && indexOfLine(lines, "[F.]") < indexOfLine(lines, "SHUT_WR) = 0"),
                 client.err.constData());
    }

    void pcapngReadsBackInTshark()
    {
        SB_REQUIRE_TOOL("tshark", "tshark");
        Proc listen;
        const quint16 port = portOf(startListener(
                listen, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "1"}));
        QVERIFY(port);
        const QString file = m_dir.filePath("echo.pcapng");
        Proc client;
        client.startCli({"--packets", "-w", file, "connect",
                         QString("tcp://127.0.0.1:%1").arg(port), "--send", "hello"});
        QVERIFY(client.finish());
        QCOMPARE(client.exitCode(), 0);
        const QStringList packets = linesStarting(client.err, "packet ");
        QVERIFY2(packets.size() >= 7, client.err.constData()); // 3 handshake, data, FINs, ACKs
        QVERIFY2(client.err.contains(QString("%1 packets written to").arg(packets.size()).toUtf8()),
                 client.err.constData());

        const sbtest::Run read = sbtest::run("tshark",
                                             {"-r", file, "-T", "fields", "-E", "separator=|", "-e",
                                              "tcp.flags.str", "-e", "frame.comment"});
        QCOMPARE(read.status, 0);
        const QStringList rows = read.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(rows.size(), packets.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QString flags = rows[i].section(QLatin1Char('|'), 0, 0);
            const QString comment = rows[i].section(QLatin1Char('|'), 1);
            const QString ours
                    = packets[i].section(QLatin1Char('['), 1).section(QLatin1Char(']'), 0, 0);
            QString theirs;
            for (const QChar c : flags)
                if (c.isLetter())
                    theirs += c;
            std::sort(theirs.begin(), theirs.end());
            QCOMPARE(theirs, flagLetters(ours));
            QVERIFY2(!comment.isEmpty(), qPrintable(rows[i]));
        }
        QVERIFY2(rows[0].contains("connect(") && rows[0].contains("sa_family=AF_INET"),
                 qPrintable(rows[0]));
        QVERIFY2(read.out.contains("SHUT_WR) = 0"), qPrintable(read.out));
    }

    void existingFileIsKeptWithoutOverwrite()
    {
        const QString file = m_dir.filePath("mine.pcapng");
        QVERIFY(writeFile(file, "a person's file"));
        sbtest::RefusingPort refusing;
        const QString where = QString("tcp://127.0.0.1:%1").arg(refusing.port);
        Proc kept;
        kept.startCli({"-w", file, "connect", where});
        QVERIFY(kept.finish());
        QCOMPARE(kept.exitCode(), 1);
        QVERIFY2(kept.err.contains("File exists (add --overwrite to replace it)"),
                 kept.err.constData());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("a person's file"));
        f.close();

        // With --overwrite it is replaced by the refused connect's two packets: SYN, RST.
        Proc replaced;
        replaced.startCli({"-w", file, "--overwrite", "connect", where});
        QVERIFY(replaced.finish());
        QCOMPARE(replaced.exitCode(), 1);
        QVERIFY2(replaced.err.contains("ECONNREFUSED"), replaced.err.constData());
        QVERIFY2(replaced.err.contains("2 packets written to"), replaced.err.constData());
    }

    void refusedConnectShowsRstAck()
    {
        sbtest::RefusingPort refusing;
        Proc client;
        client.startCli({"--packets", "connect", QString("tcp://127.0.0.1:%1").arg(refusing.port)});
        QVERIFY(client.finish());
        QCOMPARE(client.exitCode(), 1);
        const QStringList packets = linesStarting(client.err, "packet ");
        QCOMPARE(packets.size(), 2);
        QVERIFY2(packets[0].contains(QString("> 127.0.0.1:%1 [S] seq 0").arg(refusing.port)),
                 client.err.constData());
        QVERIFY2(packets[1].contains(QString("127.0.0.1:%1 > ").arg(refusing.port))
                         && packets[1].contains("[R.] seq 0 ack 1"),
                 client.err.constData());
    }

    void udpToClosedPortShowsIcmp()
    {
        const int probe = sbtest::bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1");
        const quint16 port = sbtest::localPort(probe);
        ::close(probe);
        Proc client;
        client.startCli({"--trace", "--packets", "connect", QString("udp://127.0.0.1:%1").arg(port),
                         "--send", "ping", "--wait", "2000"});
        QVERIFY(client.finish());
        QCOMPARE(client.exitCode(), 1);
        const QStringList lines = QString::fromUtf8(client.err).split(QLatin1Char('\n'));
        const qsizetype udpAt = indexOfLine(lines, QString("> 127.0.0.1:%1 UDP len 4").arg(port));
        const qsizetype icmpAt = indexOfLine(lines, "ICMP port unreachable (udp 127.0.0.1:");
        const qsizetype refusedAt = indexOfLine(lines, "= -1 ECONNREFUSED");
        QVERIFY2(udpAt >= 0 && icmpAt > udpAt && refusedAt > icmpAt, client.err.constData());
    }

    void unixSocketsHaveNoPackets()
    {
        const QString path = m_dir.filePath("none.sock");
        Proc client;
        client.startCli({"--packets", "connect", "unix://" + path});
        QVERIFY(client.finish());
        QVERIFY2(client.err.contains("no packets: UNIX sockets have none"), client.err.constData());
        QVERIFY2(client.err.contains("ENOENT") || client.err.contains("ECONNREFUSED"),
                 client.err.constData());
    }

    void labIsANetworkOfItsOwn()
    {
        // A listener here, on this machine's lo: reachable from here, and not from the lab,
        // whose lo is its own — the connect there is refused, and the capture shows why.
        Proc listen;
        const quint16 port = portOf(startListener(
                listen, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "1"}));
        QVERIFY(port);
        const QString where = QString("tcp://127.0.0.1:%1").arg(port);
        Proc inLab;
        inLab.startCli({"--lab", "--packets", "connect", where, "--send", "x"});
        QVERIFY(inLab.finish());
        QVERIFY2(!inLab.err.contains("no lab:"), inLab.err.constData());
        QCOMPARE(inLab.exitCode(), 1);
        QVERIFY2(inLab.err.contains("ECONNREFUSED"), inLab.err.constData());
        const QStringList packets = linesStarting(inLab.err, "packet ");
        QVERIFY2(packets.size() == 2 && packets[1].contains("[R.]"), inLab.err.constData());

        Proc here;
        here.startCli({"connect", where, "--send", "x"});
        QVERIFY(here.finish());
        QCOMPARE(here.exitCode(), 0);
        QCOMPARE(here.out, QByteArray("x"));
    }
};

int main(int argc, char **argv)
{
    sbtest::enterLabToCapture("tst_cli_capture");
    QCoreApplication app(argc, argv);
    TstCliCapture test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cli_capture.moc"
