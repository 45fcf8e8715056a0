// sockbench-cli connect: --bind, --repeat/--interval, --opt, --log jsonl and seqpacket records,
// against python3 peers that report what they saw.
#include "clitest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// Accepts one TCP connection, prints the client's port, its received byte count and, with
/// argv[1] == "rcvbuf", nothing more; echoes everything back until EOF.
const char *kPythonReportPeer = R"PY(
import socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, peer = s.accept()
got = b''
while True:
    b = c.recv(65536)
    if not b:
        break
    got += b
    c.sendall(b)
print('peer-port', peer[1], flush=True)
print('got', repr(got), flush=True)
c.close()
)PY";

/// UNIX seqpacket echo at argv[1] that prints each record's length.
const char *kPythonSeqpacketEcho = R"PY(
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET); s.bind(sys.argv[1]); s.listen(1)
print(0, flush=True)
c, _ = s.accept()
while True:
    b = c.recv(65536)
    if not b:
        break
    print('record', len(b), flush=True)
    c.send(b)
c.close()
)PY";

/// A free TCP port, found by binding port 0 and letting it go: only for --bind, where a lost
/// race would show as EADDRINUSE, not as a wrong pass.
quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sin {};
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sin;
    ::bind(fd, reinterpret_cast<sockaddr *>(&sin), sizeof sin);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&sin), &len);
    ::close(fd);
    return ntohs(sin.sin_port);
}

} // namespace

class TstCliConnect : public QObject
{
    Q_OBJECT

private slots:
    void bindsLocalPort();
    void repeatsSendList();
    void setsOptions();
    void logsJsonLines();
    void seqpacketKeepsRecords();
    void logsTextAndHex();
    void abstractName();
    void datagramFromStdin();
    void datagramsFromStdinFile();
    void datagramPerWriteWhileStdinOpen();
    void terminalStdinDoesNotHoldTheSocket();

private:
    QTemporaryDir m_dir;
};

void TstCliConnect::bindsLocalPort()
{
    Proc peer;
    peer.startPython(kPythonReportPeer);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());
    const QByteArray local = QByteArray::number(freePort());
    Proc cli;
    cli.startCli({"connect", "tcp://127.0.0.1:" + port, "--bind", "tcp://127.0.0.1:" + local,
                  "--send", "x"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QVERIFY2(peer.finish(), peer.err.constData());
    QVERIFY2(peer.out.contains("peer-port " + local + "\n"), peer.out.constData());
}

void TstCliConnect::repeatsSendList()
{
    Proc peer;
    peer.startPython(kPythonReportPeer);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());
    Proc cli;
    cli.startCli({"connect", "tcp://127.0.0.1:" + port, "--send", "a", "--send-hex", "0x62:63",
                  "--repeat", "3", "--interval", "50"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(cli.out, QByteArray("abcabcabc"));
    QVERIFY2(peer.finish(), peer.err.constData());
    QVERIFY2(peer.out.contains("got b'abcabcabc'\n"), peer.out.constData());
}

void TstCliConnect::setsOptions()
{
    Proc peer;
    peer.startPython(kPythonReportPeer);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());
    Proc cli;
    cli.startCli({"--trace", "--opt", "TCP_NODELAY=1", "--opt", "SO_RCVBUF=65536", "connect",
                  "tcp://127.0.0.1:" + port, "--send", "opt"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    // Both options are set before connect, as strace would show them.
    const QByteArray err = cli.err;
    const qsizetype nodelay = err.indexOf("setsockopt(");
    const qsizetype connect = err.indexOf("\nconnect(");
    QVERIFY2(err.contains("TCP_NODELAY, [1], 4) = 0"), err.constData());
    QVERIFY2(err.contains("SO_RCVBUF, [65536], 4) = 0"), err.constData());
    QVERIFY2(nodelay >= 0 && connect > nodelay, err.constData());
}

void TstCliConnect::logsJsonLines()
{
    Proc peer;
    peer.startPython(kPythonReportPeer);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());
    Proc cli;
    cli.startCli({"--log", "jsonl", "connect", "tcp://127.0.0.1:" + port, "--send", "json\\n"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());

    QStringList kinds;
    bool sawIn = false;
    for (const QByteArray &line : cli.err.trimmed().split('\n')) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        for (const char *key : {"event", "time", "conn", "peer", "len", "hex"})
            QVERIFY2(o.contains(key), line.constData());
        kinds << o.value("event").toString();
        if (o.value("event") == "data" && o.value("dir") == "in") {
            sawIn = true;
            QCOMPARE(o.value("len").toInt(), 5);
            QCOMPARE(o.value("hex").toString(), QString("6a736f6e0a"));
            QCOMPARE(o.value("peer").toString(), "tcp://127.0.0.1:" + QString::fromUtf8(port));
            QVERIFY(o.value("conn").toInt() > 0);
        }
    }
    QVERIFY2(sawIn, cli.err.constData());
    QVERIFY2(kinds.contains("opened") && kinds.contains("closed"), qPrintable(kinds.join(' ')));
}

void TstCliConnect::seqpacketKeepsRecords()
{
    const QString path = m_dir.filePath("seq.sock");
    Proc peer;
    peer.startPython(kPythonSeqpacketEcho, {path});
    QVERIFY2(!peer.firstOutLine().isEmpty(), peer.err.constData());
    Proc cli;
    cli.startCli({"--log", "jsonl", "connect", "unix-seqpacket://" + path, "--send", "one",
                  "--send", "three"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(cli.out, QByteArray("onethree"));
    QVERIFY2(peer.finish(), peer.err.constData());
    QCOMPARE(peer.out, QByteArray("0\nrecord 3\nrecord 5\n"));
}

void TstCliConnect::logsTextAndHex()
{
    Proc peer;
    peer.startPython(kPythonReportPeer);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());
    Proc cli;
    cli.startCli({"--log", "hex", "connect", "tcp://127.0.0.1:" + port, "--send", "Hi\\x00\\n"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    const QByteArray from
            = "data in conn 1 from tcp://127.0.0.1:" + port + " 4 bytes \"Hi\\0\\n\"\n";
    QVERIFY2(cli.err.contains(from), cli.err.constData());
    QVERIFY2(cli.err.contains("00000000  48 69 00 0a"), cli.err.constData());
    QVERIFY2(cli.err.contains("opened conn 1 tcp://127.0.0.1:"), cli.err.constData());
    QVERIFY2(cli.err.contains("shutdown conn 1 SHUT_WR"), cli.err.constData());
    QVERIFY2(cli.err.contains("shutdown conn 1 by peer (EOF)"), cli.err.constData());
}

void TstCliConnect::datagramFromStdin()
{
    // Each read of stdin is one datagram, as with nc -u; the reply is printed, and the
    // command ends after --wait ms without one.
    Proc echo;
    echo.startPython(R"PY(
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
data, peer = s.recvfrom(70000)
s.sendto(data.upper(), peer)
)PY");
    const QByteArray port = echo.firstOutLine();
    QVERIFY2(!port.isEmpty(), echo.err.constData());
    Proc cli;
    cli.startCli({"connect", "udp://127.0.0.1:" + port, "--wait", "300"});
    QVERIFY(cli.started());
    cli.write("shout\n");
    QVERIFY2(cli.waitOut("SHOUT\n"), cli.err.constData());
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(cli.out, QByteArray("SHOUT\n"));
}

// An echo that prints the size of each datagram it gets, then sends it back upper-cased.
static const char *const kSizeEcho = R"PY(
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
while True:
    data, peer = s.recvfrom(70000)
    print(len(data), flush=True)
    s.sendto(data.upper(), peer)
)PY";

void TstCliConnect::datagramsFromStdinFile()
{
    // A file on stdin is read on the socket's loop (epoll refuses files): each read one
    // datagram of at most 65,507 bytes, every byte sent, every reply printed in order.
    Proc echo;
    echo.startPython(kSizeEcho);
    const QByteArray port = echo.firstOutLine();
    QVERIFY2(!port.isEmpty(), echo.err.constData());
    echo.out.clear();
    QByteArray data(150000, 'a');
    for (qsizetype i = 0; i < data.size(); i += 7)
        data[i] = char('a' + i % 26);
    const QString file = m_dir.filePath("datagrams.txt");
    QVERIFY(writeFile(file, data));
    Proc cli;
    cli.p.setStandardInputFile(file);
    cli.startCli({"connect", "udp://127.0.0.1:" + port, "--wait", "600000"});
    QVERIFY2(cli.waitFor([&] { return cli.out.size() >= data.size(); }), cli.err.constData());
    QCOMPARE(cli.out, data.toUpper());
    QVERIFY(echo.waitFor([&] { return echo.out.count('\n') >= 3; }));
    QCOMPARE(echo.out, QByteArray("65507\n65507\n18986\n"));
    cli.terminate();
    QVERIFY(cli.finish());
}

void TstCliConnect::datagramPerWriteWhileStdinOpen()
{
    // Each write into the pipe is its own datagram, and its reply is printed before the next
    // write: stdin being open and quiet holds nothing up.
    Proc echo;
    echo.startPython(kSizeEcho);
    const QByteArray port = echo.firstOutLine();
    QVERIFY2(!port.isEmpty(), echo.err.constData());
    echo.out.clear();
    Proc cli;
    cli.startCli({"connect", "udp://127.0.0.1:" + port, "--wait", "200"});
    QVERIFY(cli.started());
    QByteArray expected;
    for (const QByteArray &line : {QByteArray("one\n"), QByteArray("three\n"), QByteArray("x")}) {
        cli.write(line);
        expected += line.toUpper();
        QVERIFY2(cli.waitOut(expected), cli.err.constData());
    }
    QVERIFY(echo.waitFor([&] { return echo.out.count('\n') >= 3; }));
    QCOMPARE(echo.out, QByteArray("4\n6\n1\n"));
    cli.p.closeWriteChannel();
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(cli.out, QByteArray("ONE\nTHREE\nX"));
}

void TstCliConnect::terminalStdinDoesNotHoldTheSocket()
{
    // A person typing: stdin is a terminal (a pty here), left blocking. After the first line
    // the server answers; the answer must show at once, not after the next line is typed.
    Proc driver;
    driver.startPython(R"PY(
import os, pty, socket, subprocess, sys, termios, time
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
master, slave = pty.openpty()
attrs = termios.tcgetattr(slave); attrs[3] &= ~termios.ECHO
termios.tcsetattr(slave, termios.TCSANOW, attrs)
cli = subprocess.Popen([sys.argv[1], 'connect', 'tcp://127.0.0.1:%d' % srv.getsockname()[1]],
                       stdin=slave, stdout=subprocess.PIPE)
os.close(slave)
conn, _ = srv.accept()
os.write(master, b'one\n')
got = b''
while not got.endswith(b'\n'):
    got += conn.recv(100)
print('server got', got.decode().strip(), flush=True)
conn.sendall(b'ping\n')
print('client printed', cli.stdout.readline().decode().strip(), flush=True)
os.write(master, b'two\n')
got = conn.recv(100)
print('server got', got.decode().strip(), flush=True)
os.write(master, b'\x04')  # Ctrl-D: the end of stdin
while conn.recv(100):
    pass
print('server got EOF', flush=True)
conn.close()
print('client exit', cli.wait(timeout=20), flush=True)
)PY",
                       {cliPath()});
    QVERIFY2(driver.waitOut("client printed ping\n"), (driver.out + driver.err).constData());
    QVERIFY2(driver.finish(), driver.err.constData());
    QCOMPARE(driver.out,
             QByteArray("server got one\nclient printed ping\nserver got two\n"
                        "server got EOF\nclient exit 0\n"));
}

void TstCliConnect::abstractName()
{
    const QString name = QString("sockbench-connect-%1").arg(QCoreApplication::applicationPid());
    Proc peer;
    peer.startPython(R"PY(
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind('\0' + sys.argv[1]); s.listen(1)
print(0, flush=True)
c, _ = s.accept()
data = c.recv(100)
c.sendall(data[::-1])
c.close()
)PY",
                     {name});
    QVERIFY2(!peer.firstOutLine().isEmpty(), peer.err.constData());
    Proc cli;
    cli.startCli({"connect", "unix://@" + name, "--send", "stressed"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(cli.out, QByteArray("desserts"));
}

QTEST_GUILESS_MAIN(TstCliConnect)
#include "tst_cli_connect.moc"
