// Netcat conformance: the cases of OpenBSD nc's regress suite (regress/usr.bin/nc), ncat's
// ncat-test.pl and socat's test.sh that fit sockbench-cli's features, each named after its
// original. The behaviours are ported, not the scripts: every peer here is sockbench-cli itself
// or a python3 socket, on loopback with port 0 and UNIX paths in a temporary directory. Where
// SockBench answers differently on purpose, the test asserts SockBench's answer and README.md
// ("Differences from netcat") says why.
#include "clitest.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/stat.h>

using namespace clitest;

namespace {

/// A scripted TCP or UNIX stream peer, in the manner of OpenBSD's client-tcp/server-tcp:
/// argv[1] "client" or "server"; argv[2] "tcp:PORT" / "tcp6:PORT" / "unix:PATH" (server: port
/// 0 or the path to bind); argv[3..] steps run in order: "r:TEXT" reads until TEXT has come,
/// "s:TEXT" sends TEXT, "N" shuts down writing, "E" reads until EOF, "R" closes with a reset.
/// A server prints its port (or 0) once listening. Prints "ok" when every step held.
const char *kPythonPeer = R"PY(
import socket, struct, sys
role, where, steps = sys.argv[1], sys.argv[2], sys.argv[3:]
kind, _, addr = where.partition(':')
fam = {'tcp': socket.AF_INET, 'tcp6': socket.AF_INET6, 'unix': socket.AF_UNIX}[kind]
host = {'tcp': '127.0.0.1', 'tcp6': '::1'}.get(kind)
target = addr if kind == 'unix' else (host, int(addr))
s = socket.socket(fam, socket.SOCK_STREAM)
if role == 'server':
    s.bind(target); s.listen(1)
    print(0 if kind == 'unix' else s.getsockname()[1], flush=True)
    c, _ = s.accept()
else:
    s.connect(target); c = s
c.settimeout(20)
got = b''
for step in steps:
    if step.startswith('r:'):
        want = step[2:].encode()
        while want not in got:
            b = c.recv(65536)
            if not b:
                sys.exit('EOF before %r, got %r' % (want, got))
            got += b
    elif step.startswith('s:'):
        c.sendall(step[2:].encode())
    elif step == 'N':
        c.shutdown(socket.SHUT_WR)
    elif step == 'E':
        while True:
            b = c.recv(65536)
            if not b:
                break
            got += b
    elif step == 'R':
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        c.close()
        print('ok', flush=True)
        sys.exit(0)
print('ok', flush=True)
c.close()
)PY";

/// ncat's "closes stdout and keeps running after socket EOF", seen from outside: runs
/// argv[1] (sockbench-cli) connect to a server of its own that sends argv[2] and shuts down
/// writing; reads the client's stdout to its end while the client's stdin stays open, checks
/// that the client still runs, then feeds it argv[3] and closes its stdin. Prints each fact.
const char *kPythonStdoutEof = R"PY(
import socket, subprocess, sys
cli, greeting, late = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
p = subprocess.Popen([cli, 'connect', 'tcp://127.0.0.1:%d' % srv.getsockname()[1]],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
c, _ = srv.accept(); c.settimeout(20)
c.sendall(greeting); c.shutdown(socket.SHUT_WR)
out = p.stdout.read()  # returns at stdout's end only
print('stdout', repr(out), flush=True)
print('running' if p.poll() is None else 'exited', flush=True)
p.stdin.write(late); p.stdin.close()
got = b''
while True:
    b = c.recv(65536)
    if not b:
        break
    got += b
print('server got', repr(got), flush=True)
print('status', p.wait(timeout=20), flush=True)
)PY";

/// The OpenBSD regress's greeting and command lines.
const QByteArray kGreeting = "greeting\n";
const QByteArray kCommand = "command\n";

/// Starts the scripted peer as a server and returns its port ("" when it did not start).
QString startPeerServer(Proc &peer, const QString &where, const QStringList &steps)
{
    peer.startPython(kPythonPeer, QStringList {"server", where} + steps);
    return QString::fromUtf8(peer.firstOutLine());
}

} // namespace

class TstCliConformance : public QObject
{
    Q_OBJECT

private slots:
    void netcatServerToTestClient_data();
    void netcatServerToTestClient();
    void netcatClientToTestServer_data();
    void netcatClientToTestServer();
    void netcatToNetcat_data();
    void netcatToNetcat();
    void datagramServerPrintsClient_data();
    void datagramServerPrintsClient();
    void keepServesNextClientWithoutGreeting_data();
    void keepServesNextClientWithoutGreeting();
    void unixProbe();
    void familyMismatchIsRefused_data();
    void familyMismatchIsRefused();
    void v6OnlyListener_data();
    void v6OnlyListener();
    void exitCodes_data();
    void exitCodes();
    void connectInterruptedExitsOne();
    void listenInterruptedExitsOne();
    void listenWithoutCountSurvivesReset();
    void serverKeepsRunningAfterStdinEof();
    void clientClosesStdoutAtSocketEof();
    void serverQuitsAfterItsCount();
    void countRefusesSecondConnection();
    void keepOpenServesTwoAtOnce();
    void echoThroughEveryTransport_data();
    void echoThroughEveryTransport();
    void serviceName();
    void listenKeepsNonSocketFile_data();
    void listenKeepsNonSocketFile();
    void signalExitStatus_data();
    void signalExitStatus();

private:
    QTemporaryDir m_dir;
};

// OpenBSD run-tcp-server*: sockbench-cli listen with "greeting" on stdin, and a test client
// that reads first (or sends first), shuts down or not, and waits for EOF or not.
void TstCliConformance::netcatServerToTestClient_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::newRow("openbsd run-tcp-server") << QStringList {"r:greeting\n", "s:command\n"};
    QTest::newRow("openbsd run-tcp-server-eof")
            << QStringList {"r:greeting\n", "s:command\n", "N", "E"};
    // The client sends, shuts down, then reads: the listener sends what its stdin holds
    // before it closes at the client's EOF.
    QTest::newRow("openbsd run-tcp-server-reverse-eof")
            << QStringList {"s:command\n", "N", "r:greeting\n", "E"};
}

void TstCliConformance::netcatServerToTestClient()
{
    QFETCH(QStringList, steps);
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    server.write(kGreeting);
    server.p.closeWriteChannel();

    Proc client;
    client.startPython(kPythonPeer,
                       QStringList {"client", "tcp:" + QString::number(portOf(where))} + steps);
    QVERIFY2(client.finish(), client.err.constData());
    QVERIFY2(client.out == "ok\n", client.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QCOMPARE(server.out, kCommand);
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

// OpenBSD run-tcp-client*: a test server that sends first or reads first, and sockbench-cli
// connect with "command" on stdin (it shuts down writing at stdin's end, as nc -N).
void TstCliConformance::netcatClientToTestServer_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::newRow("openbsd run-tcp-client") << QStringList {"s:greeting\n", "r:command\n"};
    QTest::newRow("openbsd run-tcp-client-eof")
            << QStringList {"s:greeting\n", "N", "r:command\n", "E"};
    QTest::newRow("openbsd run-tcp-client-reverse-eof")
            << QStringList {"r:command\n", "E", "s:greeting\n", "N"};
    QTest::newRow("openbsd run-tcp-client-shutdown-eof")
            << QStringList {"s:greeting\n", "N", "r:command\n", "E"};
    QTest::newRow("openbsd run-tcp-client-shutdown-reverse-eof")
            << QStringList {"r:command\n", "E", "s:greeting\n", "N"};
    // ncat's case is the same exchange seen from the client: after its stdin's end it still
    // reads what the server sends.
    QTest::newRow("ncat-test.pl: Client closes socket write and keeps running after stdin EOF")
            << QStringList {"r:command\n", "E", "s:greeting\n", "N"};
}

void TstCliConformance::netcatClientToTestServer()
{
    QFETCH(QStringList, steps);
    Proc server;
    const QString port = startPeerServer(server, "tcp:0", steps);
    QVERIFY2(!port.isEmpty(), server.err.constData());

    Proc client;
    client.startCli({"connect", "tcp://127.0.0.1:" + port});
    client.write(kCommand);
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, kGreeting);
    QVERIFY2(client.exitCode() == 0, client.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.out.endsWith("ok\n"), server.err.constData());
}

// OpenBSD run-tcp, run-tcp6, run-unix: greeting one way, command the other, both netcats.
void TstCliConformance::netcatToNetcat_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("openbsd run-tcp") << "tcp://127.0.0.1:0";
    QTest::newRow("openbsd run-tcp6") << "tcp://[::1]:0";
    QTest::newRow("openbsd run-unix") << "unix://%1/server.sock";
    QTest::newRow("openbsd run-unix (seqpacket)") << "unix-seqpacket://%1/server.sock";
    QTest::newRow("ncat-test.pl: Server -6 default listen address and port ([::])")
            << "tcp://[::]:0";
}

void TstCliConformance::netcatToNetcat()
{
    QFETCH(QString, endpoint);
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    endpoint = endpoint.contains("%1") ? endpoint.arg(dir.path()) : endpoint;
    Proc server;
    QString where = startListener(server, {"listen", endpoint, "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    server.write(kGreeting);
    server.p.closeWriteChannel();
    // A listener on [::] is reached from the IPv6 loopback.
    where.replace("[::]", "[::1]");

    Proc client;
    client.startCli({"connect", where});
    client.write(kCommand);
    // Its stdin ends (and so its writing side) once the greeting came, as with nc without
    // -N, whose server never sees an EOF before it sent its stdin.
    QVERIFY2(client.waitOut(kGreeting), client.err.constData());
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, kGreeting);
    QVERIFY2(client.exitCode() == 0, client.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QCOMPARE(server.out, kCommand);
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

// OpenBSD run-udp, run-udp6, run-unix-dgram: the client's datagram reaches the server's
// stdout. Difference: a datagram listener does not send its stdin (README).
void TstCliConformance::datagramServerPrintsClient_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("openbsd run-udp") << "udp://127.0.0.1:0";
    QTest::newRow("openbsd run-udp6") << "udp://[::1]:0";
    QTest::newRow("openbsd run-unix-dgram") << "unix-dgram://%1/server.sock";
}

void TstCliConformance::datagramServerPrintsClient()
{
    QFETCH(QString, endpoint);
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    endpoint = endpoint.contains("%1") ? endpoint.arg(dir.path()) : endpoint;
    Proc server;
    const QString where = startListener(server, {"listen", endpoint, "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());

    Proc client;
    client.startCli({"connect", where, "--wait", "0"});
    client.write(kCommand);
    QVERIFY2(client.finish(), client.err.constData());
    QVERIFY2(client.exitCode() == 0, client.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QCOMPARE(server.out, kCommand);
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

// OpenBSD run-tcp-keep, run-unix-keep: a server kept open serves a second client, which gets
// no greeting (stdin was the first client's). listen without --count is nc -k.
void TstCliConformance::keepServesNextClientWithoutGreeting_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("openbsd run-tcp-keep") << "tcp://127.0.0.1:0";
    QTest::newRow("openbsd run-unix-keep") << "unix://%1/server.sock";
}

void TstCliConformance::keepServesNextClientWithoutGreeting()
{
    QFETCH(QString, endpoint);
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    endpoint = endpoint.contains("%1") ? endpoint.arg(dir.path()) : endpoint;
    Proc server;
    const QString where = startListener(server, {"listen", endpoint});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    server.write(kGreeting);
    server.p.closeWriteChannel();

    Proc first;
    first.startCli({"connect", where});
    first.write("command one\n");
    QVERIFY2(first.waitOut(kGreeting), first.err.constData());
    QVERIFY2(first.finish(), first.err.constData());
    QCOMPARE(first.out, kGreeting);
    QVERIFY2(server.waitOut("command one\n"), server.err.constData());

    Proc second;
    second.startCli({"connect", where});
    second.write("command two\n");
    QVERIFY2(second.finish(), second.err.constData());
    QVERIFY2(second.exitCode() == 0, second.err.constData());
    QCOMPARE(second.out, QByteArray());
    QVERIFY2(server.waitOut("command two\n"), server.err.constData());
    QCOMPARE(server.out, QByteArray("command one\ncommand two\n"));
    QCOMPARE(server.p.state(), QProcess::Running);
    server.terminate();
    QVERIFY(server.finish());
    QCOMPARE(server.exitCode(), 128 + SIGTERM);
}

// OpenBSD run-unix-probe: a probe connects and closes; a second probe is refused; once the
// socket file is gone, ENOENT. Difference: a listener that ends removes its socket file, so
// after `--count 1` the second probe meets ENOENT at once; the refusal is what a socket file
// without a listener (one killed with SIGKILL) gives.
void TstCliConformance::unixProbe()
{
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    const QString path = dir.filePath("server.sock");
    Proc server;
    QVERIFY2(!startListener(server, {"listen", "unix://" + path, "--count", "1"}).isEmpty(),
             server.err.constData());
    Proc probe;
    probe.startCli({"connect", "unix://" + path});
    QVERIFY2(probe.finish(), probe.err.constData());
    QVERIFY2(probe.exitCode() == 0, probe.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
    QVERIFY(!QFileInfo::exists(path));
    Proc gone;
    gone.startCli({"connect", "unix://" + path});
    QVERIFY(gone.finish());
    QCOMPARE(gone.exitCode(), 1);
    QVERIFY2(gone.err.contains("connect: ENOENT"), gone.err.constData());

    // A socket file nobody listens on: refused, then ENOENT once it is removed.
    Proc killed;
    QVERIFY2(!startListener(killed, {"listen", "unix://" + path}).isEmpty(),
             killed.err.constData());
    ::kill(pid_t(killed.p.processId()), SIGKILL);
    QVERIFY(killed.p.waitForFinished(kStepMs));
    QVERIFY(QFileInfo::exists(path));
    Proc refused;
    refused.startCli({"connect", "unix://" + path});
    QVERIFY(refused.finish());
    QCOMPARE(refused.exitCode(), 1);
    QVERIFY2(refused.err.contains("connect: ECONNREFUSED"), refused.err.constData());
    QVERIFY(QFile::remove(path));
    Proc missing;
    missing.startCli({"connect", "unix://" + path});
    QVERIFY(missing.finish());
    QCOMPARE(missing.exitCode(), 1);
    QVERIFY2(missing.err.contains("connect: ENOENT"), missing.err.constData());
}

// OpenBSD run-tcp{,6}-bad-localhost-{server,client}: an address of the other family than -4
// or -6 asks for fails. SockBench refuses it before any socket call, as a usage error (2).
void TstCliConformance::familyMismatchIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("openbsd run-tcp-bad-localhost-server")
            << QStringList {"-4", "listen", "tcp://[::1]:0"};
    QTest::newRow("openbsd run-tcp6-bad-localhost-server")
            << QStringList {"-6", "listen", "tcp://127.0.0.1:0"};
    QTest::newRow("openbsd run-tcp-bad-localhost-client")
            << QStringList {"-4", "connect", "tcp://[::1]:9"};
    QTest::newRow("openbsd run-tcp6-bad-localhost-client")
            << QStringList {"-6", "connect", "tcp://127.0.0.1:9"};
}

void TstCliConformance::familyMismatchIsRefused()
{
    QFETCH(QStringList, args);
    Proc cli;
    cli.startCli(args);
    QVERIFY(cli.finish());
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY2(cli.err.contains(args.first() == "-4" ? "-4 asks for IPv4" : "-6 asks for IPv6"),
             cli.err.constData());
}

// socat test.sh IPV6ONLY0 / IPV6ONLY1: a [::] listener takes an IPv4 client unless
// IPV6_V6ONLY is set.
void TstCliConformance::v6OnlyListener_data()
{
    QTest::addColumn<QString>("v6only");
    QTest::newRow("socat test.sh: IPV6ONLY0") << "0";
    QTest::newRow("socat test.sh: IPV6ONLY1") << "1";
}

void TstCliConformance::v6OnlyListener()
{
    QFETCH(QString, v6only);
    Proc server;
    const QString where = startListener(
            server,
            {"--opt", "IPV6_V6ONLY=" + v6only, "listen", "tcp://[::]:0", "--reply", "echo"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startCli({"connect", "tcp://127.0.0.1:" + QString::number(portOf(where))});
    client.write("v4 client\n");
    QVERIFY2(client.finish(), client.err.constData());
    if (v6only == "0") {
        QVERIFY2(client.exitCode() == 0, client.err.constData());
        QCOMPARE(client.out, QByteArray("v4 client\n"));
    } else {
        QCOMPARE(client.exitCode(), 1);
        QVERIFY2(client.err.contains("connect: ECONNREFUSED"), client.err.constData());
        QCOMPARE(client.out, QByteArray());
    }
}

// ncat-test.pl's exit codes: 0 success, 1 refused, 2 a program (usage) error; socat test.sh
// TCP4_NOPORT: a listen address without a port bails out.
void TstCliConformance::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::newRow("ncat-test.pl: Connect connection refused exit code")
            << QStringList {"connect", "unix://" + m_dir.filePath("refused.sock")} << 1;
    QTest::newRow("ncat-test.pl: Program error exit code (connect)")
            << QStringList {"connect", "tcp://127.0.0.1:9", "--baffle"} << 2;
    QTest::newRow("ncat-test.pl: Program error exit code (listen)")
            << QStringList {"listen", "tcp://127.0.0.1:0", "--baffle"} << 2;
    QTest::newRow("socat test.sh: TCP4_NOPORT") << QStringList {"listen", "tcp://127.0.0.1:"} << 2;
}

void TstCliConformance::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    if (args.at(1).contains("refused.sock")) {
        // A socket file whose listener is gone: ECONNREFUSED, on loopback without a port.
        Proc killed;
        QVERIFY(!startListener(killed, {"listen", args.at(1)}).isEmpty());
        ::kill(pid_t(killed.p.processId()), SIGKILL);
        QVERIFY(killed.p.waitForFinished(kStepMs));
    }
    Proc cli;
    cli.startCli(args);
    QVERIFY(cli.finish());
    QVERIFY2(cli.exitCode() == status, cli.err.constData());
    if (status == 1)
        QVERIFY2(cli.err.contains("ECONNREFUSED"), cli.err.constData());
    // The hint speaks of what was refused: a path for a UNIX endpoint, a port for TCP.
    if (status == 1 && args.at(1).startsWith("unix:"))
        QVERIFY2(cli.err.contains("nobody listens on that UNIX path") && !cli.err.contains("port"),
                 cli.err.constData());
}

// ncat-test.pl "Connect connection interrupted exit code": the server resets; exit 1.
void TstCliConformance::connectInterruptedExitsOne()
{
    Proc server;
    const QString port = startPeerServer(server, "tcp:0", {"r:hello\n", "R"});
    QVERIFY2(!port.isEmpty(), server.err.constData());
    Proc client;
    client.startCli({"connect", "tcp://127.0.0.1:" + port});
    client.write("hello\n"); // stdin stays open: only the reset can end it
    QVERIFY2(client.waitErr("ECONNRESET"), client.err.constData());
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.exitCode(), 1);
}

// ncat-test.pl "Listen connection interrupted exit code": the client resets; the listener
// that served it (--count 1, nc without -k) exits 1 after saying ECONNRESET.
void TstCliConformance::listenInterruptedExitsOne()
{
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    server.write("hello\n");
    Proc client;
    // It reads the greeting first, so the reset comes after the accept.
    client.startPython(kPythonPeer,
                       {"client", "tcp:" + QString::number(portOf(where)), "r:hello\n", "R"});
    QVERIFY2(client.finish(), client.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.err.contains("recv: ECONNRESET"), server.err.constData());
    QCOMPARE(server.exitCode(), 1);
}

// The same reset to a listener without --count (ncat --keep-open): one client's trouble does
// not end the server, which serves the next one.
void TstCliConformance::listenWithoutCountSurvivesReset()
{
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    server.write("hello\n");
    const QString target = "tcp:" + QString::number(portOf(where));
    Proc reset;
    reset.startPython(kPythonPeer, {"client", target, "r:hello\n", "R"});
    QVERIFY2(reset.finish(), reset.err.constData());
    QVERIFY2(server.waitErr("recv: ECONNRESET"), server.err.constData());
    Proc next;
    next.startPython(kPythonPeer, {"client", target, "s:next\n", "N", "E"});
    QVERIFY2(next.finish(), next.err.constData());
    QVERIFY2(server.waitOut("next\n"), server.err.constData());
    QCOMPARE(server.p.state(), QProcess::Running);
    server.terminate();
    QVERIFY(server.finish());
    QCOMPARE(server.exitCode(), 128 + SIGTERM);
}

// ncat-test.pl "Server closes socket write and keeps running after stdin EOF". Difference:
// the listener keeps running and keeps its client, but does not shut down writing at stdin's
// end (nc without -N); the client sees no EOF and can still be answered.
void TstCliConformance::serverKeepsRunningAfterStdinEof()
{
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    server.write("abc\n");
    server.p.closeWriteChannel();

    // The client reads abc, sends more, and on the test's word checks its socket without
    // waiting: "open" when no EOF came.
    Proc client;
    client.startPython(R"PY(
import socket, sys
c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=20)
got = b''
while b'abc\n' not in got:
    got += c.recv(100)
c.sendall(b'more\n')
print('sent', flush=True)
sys.stdin.readline()
c.setblocking(False)
try:
    print('eof' if c.recv(100) == b'' else 'data', flush=True)
except BlockingIOError:
    print('open', flush=True)
)PY",
                       {QString::number(portOf(where))});
    QVERIFY2(client.waitOut("sent\n"), client.err.constData());
    QVERIFY2(server.waitOut("more\n"), server.err.constData());
    client.write("check\n");
    QVERIFY2(client.finish(), client.err.constData());
    QCOMPARE(client.out, QByteArray("sent\nopen\n"));
    QCOMPARE(server.p.state(), QProcess::Running);
    server.terminate();
    QVERIFY(server.finish());
    QCOMPARE(server.exitCode(), 128 + SIGTERM);
}

// ncat-test.pl "Client closes stdout and keeps running after socket EOF".
void TstCliConformance::clientClosesStdoutAtSocketEof()
{
    Proc harness;
    harness.startPython(kPythonStdoutEof, {cliPath(), "abc\n", "late\n"});
    QVERIFY2(harness.finish(kBulkMs), harness.err.constData());
    QCOMPARE(harness.out,
             QByteArray("stdout b'abc\\n'\nrunning\nserver got b'late\\n'\nstatus 0\n"));
}

// ncat-test.pl "Server quits without --keep-open": --count 1 is nc without -k.
void TstCliConformance::serverQuitsAfterItsCount()
{
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startCli({"connect", where});
    client.write("abc\n");
    QVERIFY2(server.waitOut("abc\n"), server.err.constData());
    client.terminate();
    QVERIFY(client.finish());
    QCOMPARE(client.exitCode(), 128 + SIGTERM);
    QVERIFY2(server.finish(), server.err.constData());
    QCOMPARE(server.exitCode(), 0);
}

// ncat-test.pl "Server does not accept multiple conns. without --keep-open". Difference: the
// listening socket stays open while the first client is served, so the second connection is
// accepted and reset at once (ECONNRESET, exit 1) rather than refused; none of its bytes
// reach stdout, and the first client is served to its end.
void TstCliConformance::countRefusesSecondConnection()
{
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc first;
    first.startCli({"connect", where});
    first.write("one\n");
    QVERIFY2(server.waitOut("one\n"), server.err.constData());

    Proc second;
    second.startCli({"connect", where});
    second.write("two\n"); // stdin stays open: only the server can end it
    QVERIFY2(second.waitFor([&] { return second.p.state() == QProcess::NotRunning; }),
             second.err.constData());
    QVERIFY2(second.exitCode() == 1, second.err.constData());
    QVERIFY2(second.err.contains("ECONNRESET"), second.err.constData());
    QVERIFY2(server.waitErr("--count 1 reached: connection reset"), server.err.constData());

    first.write("three\n");
    QVERIFY2(server.waitOut("three\n"), server.err.constData());
    QVERIFY2(first.finish(), first.err.constData());
    QVERIFY2(first.exitCode() == 0, first.err.constData());
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
    QCOMPARE(server.out, QByteArray("one\nthree\n"));
}

// ncat-test.pl "--keep-open": without --count two clients at once both reach stdout.
void TstCliConformance::keepOpenServesTwoAtOnce()
{
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc first;
    first.startCli({"connect", where});
    first.write("abc\n");
    QVERIFY2(server.waitOut("abc\n"), server.err.constData());
    Proc second;
    second.startCli({"connect", where});
    second.write("def\n");
    QVERIFY2(server.waitOut("def\n"), server.err.constData());
    QCOMPARE(server.out, QByteArray("abc\ndef\n"));
    server.terminate();
    QVERIFY(server.finish());
    QCOMPARE(server.exitCode(), 128 + SIGTERM);
}

// socat test.sh's echo cases: a listener with --reply echo and sockbench-cli connect with a
// line on stdin; the line comes back on stdout.
void TstCliConformance::echoThroughEveryTransport_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("socat test.sh: TCP4") << "tcp://127.0.0.1:0";
    QTest::newRow("socat test.sh: TCP6") << "tcp://[::1]:0";
    QTest::newRow("socat test.sh: UNIXSTREAM") << "unix://%1/echo.sock";
    QTest::newRow("socat test.sh: UNIXTOSTREAM (seqpacket)") << "unix-seqpacket://%1/echo.sock";
    QTest::newRow("socat test.sh: ABSTRACTSTREAM") << "unix://@%2";
    QTest::newRow("socat test.sh: UDP4DGRAM") << "udp://127.0.0.1:0";
    QTest::newRow("socat test.sh: UDP6DGRAM") << "udp://[::1]:0";
    QTest::newRow("socat test.sh: UNIXDGRAM") << "unix-dgram://%1/echo.sock";
    QTest::newRow("socat test.sh: ABSTRACTDGRAM") << "unix-dgram://@%2";
}

void TstCliConformance::echoThroughEveryTransport()
{
    QFETCH(QString, endpoint);
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    const QString unique = "sb-conformance-" + QString::number(::getpid()) + "-"
            + QFileInfo(dir.path()).fileName();
    endpoint.replace("%1", dir.path()).replace("%2", unique);
    Proc server;
    const QString where
            = startListener(server, {"listen", endpoint, "--reply", "echo", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    const QByteArray line = "test " + unique.toUtf8() + "\n";
    Proc client;
    // A datagram client ends after a silence of --wait; the echo comes long before it.
    client.startCli({"connect", where, "--wait", "3000"});
    client.write(line);
    QVERIFY2(client.finish(), client.err.constData());
    QVERIFY2(client.exitCode() == 0, client.err.constData());
    QCOMPARE(client.out, line);
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());
}

// socat test.sh TCP4SERVICE: a port given by its /etc/services name. Nobody may listen on a
// fixed port here, so the connect's address in --trace is what is checked (openvpn: 1194).
void TstCliConformance::serviceName()
{
    Proc cli;
    cli.startCli({"--trace", "connect", "tcp://127.0.0.1:openvpn", "--send", "x"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.err.contains("sin_port=htons(1194)"), cli.err.constData());
    QVERIFY2(cli.err.contains("connect("), cli.err.constData());
}

// socat test.sh UNIXLISTEN_KEEPFILE: listen on a path that holds something else fails and
// leaves it as it was.
void TstCliConformance::listenKeepsNonSocketFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("socat test.sh: UNIXLISTEN_KEEPFILE (regular file)") << "file";
    QTest::newRow("socat test.sh: UNIXLISTEN_KEEPFILE (FIFO)") << "fifo";
}

void TstCliConformance::listenKeepsNonSocketFile()
{
    QFETCH(QString, kind);
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    const QString path = dir.filePath("kept");
    const QByteArray bytes = "a person's notes\n\x01\x02";
    if (kind == "file")
        QVERIFY(writeFile(path, bytes));
    else
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);

    Proc cli;
    cli.startCli({"listen", "unix://" + path});
    QVERIFY2(cli.finish(), cli.err.constData());
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(cli.err.contains("EADDRINUSE"), cli.err.constData());
    struct stat st = {};
    QCOMPARE(::lstat(QFile::encodeName(path).constData(), &st), 0);
    if (kind == "file") {
        QVERIFY(S_ISREG(st.st_mode));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes);
    } else {
        QVERIFY(S_ISFIFO(st.st_mode));
    }
}

// socat test.sh EXITCODESIG: a command killed by a signal exits 128+N, both roles.
void TstCliConformance::signalExitStatus_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("signo");
    QTest::newRow("socat test.sh: EXITCODESIGTERM (listen)") << "listen" << int(SIGTERM);
    QTest::newRow("socat test.sh: EXITCODESIGINT (listen)") << "listen" << int(SIGINT);
    QTest::newRow("socat test.sh: EXITCODESIGTERM (connect)") << "connect" << int(SIGTERM);
    QTest::newRow("socat test.sh: EXITCODESIGINT (connect)") << "connect" << int(SIGINT);
}

void TstCliConformance::signalExitStatus()
{
    QFETCH(QString, role);
    QFETCH(int, signo);
    Proc server;
    const QString where = startListener(server, {"listen", "tcp://127.0.0.1:0"});
    QVERIFY2(!where.isEmpty(), server.err.constData());
    Proc client;
    client.startCli({"connect", where});
    client.write("up\n");
    QVERIFY2(server.waitOut("up\n"), server.err.constData());
    Proc &victim = role == "listen" ? server : client;
    ::kill(pid_t(victim.p.processId()), signo);
    QVERIFY(victim.finish());
    QVERIFY2(victim.exitCode() == 128 + signo, victim.err.constData());
}

QTEST_GUILESS_MAIN(TstCliConformance)
#include "tst_cli_conformance.moc"
