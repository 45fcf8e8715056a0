// Datagram boundaries through sockbench-cli: sizes 0, 1, 1472 and 65507 each arrive as exactly
// one datagram of that size, over UDP v4, UDP v6 and UNIX datagram sockets, with sockbench-cli
// as the client (`connect --send-file ...` against a python3 echo) and as the server
// (`listen --reply echo` against a python3 client).
#include "clitest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

/// A --wait no test reaches: the test ends the client when the reply it waits for is there.
const QString kNoSilenceEnd = QStringLiteral("600000");

const QList<int> kSizes = {0, 1, 1472, 65507};

/// python3 echo for datagrams: argv[1] udp4|udp6|unix, argv[2] the UNIX path. Prints its port,
/// then for each datagram prints its size and sends it back to the sender.
const char *kPythonDatagramEcho = R"PY(
import socket, sys
kind = sys.argv[1]
if kind == 'unix':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[2])
elif kind == 'udp6':
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(('::1', 0))
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
print(s.getsockname()[1] if kind != 'unix' else 0, flush=True)
while True:
    data, peer = s.recvfrom(70000)
    print(len(data), flush=True)
    s.sendto(data, peer)
)PY";

/// python3 datagram client: argv[1] udp4|udp6|unix, argv[2] target (port or path), argv[3]
/// own UNIX path; sends one datagram of each size in argv[4:], prints the size of each reply.
const char *kPythonDatagramClient = R"PY(
import socket, sys
kind, target, own = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == 'unix':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(own); dest = target
elif kind == 'udp6':
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); dest = ('::1', int(target))
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); dest = ('127.0.0.1', int(target))
s.settimeout(20)
for n in sys.argv[4:]:
    payload = bytes((i * 7 + 3) % 256 for i in range(int(n)))
    s.sendto(payload, dest)
    data = s.recv(70000)
    print(len(data), 'same' if data == payload else 'different', flush=True)
)PY";

QByteArray pattern(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = char((i * 7 + 3) % 256);
    return data;
}

/// Lengths of the "data" events of one direction in sockbench-cli's --log jsonl output.
QList<int> dataLengths(const QByteArray &jsonl, const QString &dir)
{
    QList<int> lengths;
    for (const QByteArray &line : jsonl.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value("event").toString() == "data" && o.value("dir").toString() == dir)
            lengths << o.value("len").toInt(-1);
    }
    return lengths;
}

} // namespace

class TstCliDatagram : public QObject
{
    Q_OBJECT

private slots:
    void clientKeepsBoundaries_data();
    void clientKeepsBoundaries();
    void clientAgainstSocatRecvfrom();
    void serverKeepsBoundaries_data();
    void serverKeepsBoundaries();

private:
    QTemporaryDir m_dir;
};

void TstCliDatagram::clientKeepsBoundaries_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("udp4") << "udp4";
    QTest::newRow("udp6") << "udp6";
    QTest::newRow("unix-dgram") << "unix";
}

void TstCliDatagram::clientKeepsBoundaries()
{
    QFETCH(QString, kind);
    const QString path = m_dir.filePath("echo-" + kind + ".sock");
    Proc echo;
    echo.startPython(kPythonDatagramEcho, {kind, path});
    const QByteArray port = echo.firstOutLine();
    QVERIFY2(!port.isEmpty(), echo.err.constData());
    echo.out.clear();
    const QString endpoint = kind == "unix" ? "unix-dgram://" + path
            : kind == "udp6"                ? "udp://[::1]:" + port
                                            : "udp://127.0.0.1:" + port;

    QStringList args = {"--log", "jsonl", "connect", endpoint};
    QByteArray expected;
    for (int size : kSizes) {
        const QString file = m_dir.filePath(QString("d%1.bin").arg(size));
        QVERIFY(writeFile(file, pattern(size)));
        args << "--send-file" << file;
        expected += pattern(size);
    }
    // No silence ends it (a loaded machine may be slow to echo): the last reply does. Then a
    // SIGTERM, as a person's Ctrl-C, stops it.
    args << "--wait" << kNoSilenceEnd;
    Proc cli;
    cli.startCli(args);
    QVERIFY2(cli.waitFor([&] {
        return cli.out.size() >= expected.size()
                && dataLengths(cli.err, "in").size() >= kSizes.size();
    }),
             cli.err.constData());
    cli.terminate();
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 128 + SIGTERM, cli.err.constData());

    // The echo saw each send as one datagram of its size...
    QVERIFY(echo.waitFor([&] { return echo.out.count('\n') >= kSizes.size(); }));
    QList<int> seen;
    for (const QByteArray &line : echo.out.trimmed().split('\n'))
        seen << line.toInt();
    QCOMPARE(seen, kSizes);
    // ...and sockbench-cli got each reply back as one datagram, printed in order.
    QCOMPARE(dataLengths(cli.err, "out"), kSizes);
    QCOMPARE(dataLengths(cli.err, "in"), kSizes);
    QCOMPARE(cli.out, expected);
}

void TstCliDatagram::serverKeepsBoundaries_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("kind");
    QTest::newRow("udp4") << "udp://127.0.0.1:0"
                          << "udp4";
    QTest::newRow("udp6") << "udp://[::1]:0"
                          << "udp6";
    QTest::newRow("unix-dgram") << "unix-dgram://"
                                << "unix";
}

void TstCliDatagram::serverKeepsBoundaries()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, kind);
    if (kind == "unix")
        endpoint += m_dir.filePath("server.sock");
    Proc server;
    const QString where = startListener(
            server, {"--log", "jsonl", "listen", endpoint, "--reply", "echo", "--count", "4"});
    QVERIFY2(!where.isEmpty(), server.err.constData());

    QStringList args = {kind,
                        kind == "unix" ? where.mid(QString("unix-dgram://").size())
                                       : QString::number(portOf(where)),
                        m_dir.filePath("client.sock")};
    for (int size : kSizes)
        args << QString::number(size);
    Proc client;
    client.startPython(kPythonDatagramClient, args);
    QVERIFY2(client.finish(), client.err.constData());
    QVERIFY2(client.exitCode() == 0, client.err.constData());
    QCOMPARE(client.out, QByteArray("0 same\n1 same\n1472 same\n65507 same\n"));

    // --count 4: four datagrams served, then it exits by itself.
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
    QCOMPARE(dataLengths(server.err, "in"), kSizes);
    QCOMPARE(dataLengths(server.err, "out"), kSizes);
}

void TstCliDatagram::clientAgainstSocatRecvfrom()
{
    // socat's UNIX-RECVFROM echo answers each datagram from a child, to the sender's
    // address: the abstract name sockbench-cli binds when given no --bind.
    const QString path = m_dir.filePath("socat-recvfrom.sock");
    Proc socat;
    socat.start("socat", {"-d", "-d", "-b", "65536", "UNIX-RECVFROM:" + path + ",fork", "PIPE"});
    QVERIFY2(socat.waitErr("receiving on"), socat.err.constData());
    for (int size : {1, 1472}) {
        const QString file = m_dir.filePath(QString("s%1.bin").arg(size));
        QVERIFY(writeFile(file, pattern(size)));
        Proc cli;
        cli.startCli({"--log", "jsonl", "connect", "unix-dgram://" + path, "--send-file", file,
                      "--wait", kNoSilenceEnd});
        QVERIFY2(cli.waitFor([&] { return dataLengths(cli.err, "in").size() >= 1; }),
                 cli.err.constData());
        cli.terminate();
        QVERIFY2(cli.finish(), cli.err.constData());
        QVERIFY2(cli.exitCode() == 128 + SIGTERM, cli.err.constData());
        QCOMPARE(dataLengths(cli.err, "in"), QList<int> {size});
        QCOMPARE(cli.out, pattern(size));
    }
}

QTEST_GUILESS_MAIN(TstCliDatagram)
#include "tst_cli_datagram.moc"
