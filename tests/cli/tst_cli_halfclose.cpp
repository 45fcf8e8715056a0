// Half-close both ways: after sockbench-cli shuts down its writing side it still reads what the
// peer sends, and after the peer shuts down its side sockbench-cli still sends. Both roles.
#include "clitest.h"

#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

/// Reads until EOF, then answers "got N bytes\n" and closes: the answer can only arrive at a
/// client that keeps reading after its own shutdown(SHUT_WR).
const char *kPythonCountAfterEof = R"PY(
import socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
n = 0
while True:
    b = c.recv(65536)
    if not b:
        break
    n += len(b)
c.sendall(b'got %d bytes\n' % n)
c.close()
)PY";

/// Sends a banner and shuts down its writing side at once, then prints everything the client
/// sends until the client's EOF: data sent after our EOF must still arrive.
const char *kPythonBannerThenRead = R"PY(
import socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
c.sendall(b'banner\n')
c.shutdown(socket.SHUT_WR)
got = b''
while True:
    b = c.recv(65536)
    if not b:
        break
    got += b
print('received:' + got.decode(), flush=True)
c.close()
)PY";

/// A client for sockbench-cli listen: sends argv[2], shuts down writing, prints all it gets
/// back until the server closes.
const char *kPythonSendShutdownRead = R"PY(
import socket, sys
c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=20)
c.sendall(sys.argv[2].encode())
c.shutdown(socket.SHUT_WR)
got = b''
while True:
    b = c.recv(65536)
    if not b:
        break
    got += b
print('echoed:' + got.decode(), flush=True)
)PY";

} // namespace

class TstCliHalfClose : public QObject
{
    Q_OBJECT

private slots:
    void clientReadsAfterItsShutdown();
    void clientReadsAfterItsShutdownWithSendList();
    void clientSendsAfterPeerShutdown();
    void serverEchoesAfterClientShutdown();
};

void TstCliHalfClose::clientReadsAfterItsShutdown()
{
    Proc peer;
    peer.startPython(kPythonCountAfterEof);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());

    Proc cli;
    cli.startCli({"connect", "tcp://127.0.0.1:" + port});
    QVERIFY(cli.started());
    cli.write("hello world\n");
    // Closing stdin is the EOF that makes sockbench-cli shut down writing; the peer answers
    // only then, so the answer proves sockbench-cli read after its own shutdown.
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(cli.out, QByteArray("got 12 bytes\n"));
}

void TstCliHalfClose::clientReadsAfterItsShutdownWithSendList()
{
    Proc peer;
    peer.startPython(kPythonCountAfterEof);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());

    Proc cli;
    cli.startCli({"connect", "tcp://127.0.0.1:" + port, "--send", "PING\\r\\n", "--send-hex",
                  "00 01 02", "--repeat", "3"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QCOMPARE(cli.out, QByteArray("got 27 bytes\n")); // (6 + 3) * 3
}

void TstCliHalfClose::clientSendsAfterPeerShutdown()
{
    Proc peer;
    peer.startPython(kPythonBannerThenRead);
    const QByteArray port = peer.firstOutLine();
    QVERIFY2(!port.isEmpty(), peer.err.constData());

    Proc cli;
    cli.startCli({"connect", "tcp://127.0.0.1:" + port});
    QVERIFY(cli.started());
    // The banner arrives and the peer's EOF with it; sockbench-cli must go on sending stdin.
    QVERIFY2(cli.waitOut("banner\n"), cli.err.constData());
    cli.write("after your EOF\n");
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QVERIFY2(peer.finish(), peer.err.constData());
    QCOMPARE(peer.out, port + "\nreceived:after your EOF\n\n");
}

void TstCliHalfClose::serverEchoesAfterClientShutdown()
{
    Proc server;
    const QString where = startListener(
            server, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startPython(kPythonSendShutdownRead, {QString::number(portOf(where)), "ping"});
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, QByteArray("echoed:ping\n"));
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

QTEST_GUILESS_MAIN(TstCliHalfClose)
#include "tst_cli_halfclose.moc"
