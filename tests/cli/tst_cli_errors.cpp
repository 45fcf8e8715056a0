// What a person sees when things go wrong: socket errors exit 1 with the errno name, its text
// and a hint line; usage errors exit 2 with a message naming the bad part, before any socket.
#include "clitest.h"

#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// A TCP listener with backlog 0 that never accepts, its queue filled by two clients of its
/// own: the kernel drops further SYNs, so a connect to it can only time out.
const char *kPythonFullBacklog = R"PY(
import socket, time
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)
fillers = []
for i in range(3):
    c = socket.socket(); c.setblocking(False)
    try:
        c.connect(s.getsockname())
    except BlockingIOError:
        pass
    fillers.append(c)
time.sleep(0.3)
print(s.getsockname()[1], flush=True)
time.sleep(120)
)PY";

/// A TCP port on 127.0.0.1 held by this test: bound, and listening if asked.
struct HeldPort
{
    explicit HeldPort(bool listening)
    {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sin {};
        sin.sin_family = AF_INET;
        sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof sin;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&sin), sizeof sin) != 0
            || (listening && ::listen(fd, 8) != 0)
            || ::getsockname(fd, reinterpret_cast<sockaddr *>(&sin), &len) != 0)
            return;
        port = ntohs(sin.sin_port);
    }
    ~HeldPort()
    {
        if (fd >= 0)
            ::close(fd);
    }
    int fd = -1;
    quint16 port = 0;
};

} // namespace

class TstCliErrors : public QObject
{
    Q_OBJECT

private slots:
    void connectionRefused();
    void addressInUse();
    void missingUnixPath();
    void serviceName();
    void connectTimesOut();
    void commandHelp_data();
    void commandHelp();
    void usageErrors_data();
    void usageErrors();

private:
    void expectSocketError(const QStringList &args, const QByteArray &line);
    QTemporaryDir m_dir;
};

void TstCliErrors::expectSocketError(const QStringList &args, const QByteArray &line)
{
    Proc cli;
    cli.startCli(args);
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 1, cli.err.constData());
    QVERIFY2(cli.err.contains("sockbench-cli: " + line), cli.err.constData());
    QVERIFY2(cli.err.contains("sockbench-cli: hint: "), cli.err.constData());
}

void TstCliErrors::connectionRefused()
{
    // A port that is bound but not listening refuses connections, and nobody else can take
    // it while we hold it.
    HeldPort held(false);
    QVERIFY(held.port != 0);
    expectSocketError({"connect", "tcp://127.0.0.1:" + QString::number(held.port), "--send", "x"},
                      "connect: ECONNREFUSED (Connection refused)");
}

void TstCliErrors::addressInUse()
{
    HeldPort held(true);
    QVERIFY(held.port != 0);
    expectSocketError({"listen", "tcp://127.0.0.1:" + QString::number(held.port)},
                      "bind: EADDRINUSE (Address already in use)");

    // The same for a UNIX path a running sockbench-cli listens on.
    const QString path = m_dir.filePath("busy.sock");
    Proc first;
    QVERIFY2(!startListener(first, {"listen", "unix://" + path}).isEmpty(), first.err.constData());
    expectSocketError({"listen", "unix://" + path}, "bind: EADDRINUSE (Address already in use)");
}

void TstCliErrors::missingUnixPath()
{
    expectSocketError({"connect", "unix://" + m_dir.filePath("nobody-here.sock")},
                      "connect: ENOENT (No such file or directory)");
}

void TstCliErrors::serviceName()
{
    // tcp://127.0.0.1:openvpn is port 1194 of /etc/services: the connect() goes there (and
    // nobody listens on it here: refused).
    Proc cli;
    cli.startCli({"--trace", "connect", "tcp://127.0.0.1:openvpn", "--send", "x"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.err.contains("connect(") && cli.err.contains("sin_port=htons(1194)"),
             cli.err.constData());
    QVERIFY2(!cli.err.contains("is not a number"), cli.err.constData());
}

void TstCliErrors::connectTimesOut()
{
    Proc full;
    full.startPython(kPythonFullBacklog);
    const QByteArray port = full.firstOutLine();
    QVERIFY2(!port.isEmpty(), full.err.constData());
    expectSocketError({"connect", "tcp://127.0.0.1:" + port, "--timeout", "1000"},
                      "connect: ETIMEDOUT (Connection timed out)");
}

void TstCliErrors::commandHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("listen") << "listen";
    QTest::newRow("connect") << "connect";
}

void TstCliErrors::commandHelp()
{
    // Not an error: --help after a command prints its synopsis and exits 0, touching no socket.
    QFETCH(QString, command);
    Proc cli;
    cli.startCli({command, "--help"});
    QVERIFY(cli.finish());
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(cli.out.startsWith("usage: sockbench-cli "), cli.out.constData());
    QVERIFY2(cli.out.contains("  " + command.toUtf8() + " ENDPOINT ["), cli.out.constData());
}

void TstCliErrors::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString longPath = "unix:///" + QString(119, 'p');
    QTest::newRow("port out of range") << QStringList {"connect", "tcp://127.0.0.1:70000"}
                                       << "port 70000 is out of range 0..65535";
    QTest::newRow("UNIX path too long")
            << QStringList {"listen", longPath} << "UNIX path is 120 bytes; the limit is 107";
    QTest::newRow("odd hex") << QStringList {"connect", "udp://127.0.0.1:9", "--send-hex", "abc"}
                             << "odd number of hex digits";
    QTest::newRow("bad port") << QStringList {"connect", "tcp://127.0.0.1:nosuchservice"}
                              << "port 'nosuchservice' is not a number, nor a tcp service";
    QTest::newRow("unknown scheme")
            << QStringList {"connect", "ftp://127.0.0.1:21"} << "unknown scheme 'ftp'";
    QTest::newRow("no scheme") << QStringList {"connect", "127.0.0.1:7"} << "has no scheme";
    QTest::newRow("unclosed bracket")
            << QStringList {"connect", "tcp://[::1:7"} << "no closing ']'";
    QTest::newRow("-6 with an IPv4 literal") << QStringList {"-6", "connect", "tcp://127.0.0.1:7"}
                                             << "-6 asks for IPv6, but 127.0.0.1";
    QTest::newRow("-4 with an IPv6 literal")
            << QStringList {"-4", "listen", "tcp://[::1]:0"} << "-4 asks for IPv4, but ::1";
    QTest::newRow("missing endpoint") << QStringList {"connect"} << "connect needs an ENDPOINT";
    QTest::newRow("missing listen endpoint")
            << QStringList {"listen", "--reply", "echo"} << "listen needs an ENDPOINT";
    QTest::newRow("two endpoints")
            << QStringList {"connect", "tcp://127.0.0.1:1", "tcp://127.0.0.1:2"} << "one too many";
    QTest::newRow("unknown command")
            << QStringList {"frobnicate"} << "unknown command 'frobnicate'";
    QTest::newRow("missing command") << QStringList {"--trace"} << "missing command";
    QTest::newRow("unknown global option")
            << QStringList {"--colour", "connect"} << "unknown option '--colour'";
    QTest::newRow("unknown connect option")
            << QStringList {"connect", "tcp://127.0.0.1:1", "--frob"} << "unknown option '--frob'";
    QTest::newRow("unknown listen option")
            << QStringList {"listen", "tcp://127.0.0.1:0", "--frob"} << "unknown option '--frob'";
    QTest::newRow("bad log format")
            << QStringList {"--log", "xml", "connect", "tcp://127.0.0.1:1"} << "--log format 'xml'";
    QTest::newRow("opt without =")
            << QStringList {"--opt", "SO_REUSEADDR", "connect", "tcp://127.0.0.1:1"}
            << "is not NAME=VALUE";
    QTest::newRow("unknown opt") << QStringList {"--opt", "SO_FROB=1", "connect",
                                                 "tcp://127.0.0.1:1"}
                                 << "SO_FROB";
    QTest::newRow("read-only opt")
            << QStringList {"--opt", "SO_TYPE=1", "connect", "tcp://127.0.0.1:1"} << "read-only";
    QTest::newRow("bad opt value")
            << QStringList {"--opt", "SO_RCVBUF=lots", "listen", "tcp://127.0.0.1:0"} << "lots";
    QTest::newRow("bad reply") << QStringList {"listen", "tcp://127.0.0.1:0", "--reply", "shout"}
                               << "--reply 'shout' is not one of";
    QTest::newRow("bad fixed escape")
            << QStringList {"listen", "tcp://127.0.0.1:0", "--reply", "fixed:\\xZZ"} << "fixed:";
    QTest::newRow("bad model") << QStringList {"listen", "tcp://127.0.0.1:0", "--model", "forking"}
                               << "--model 'forking'";
    QTest::newRow("model on datagram")
            << QStringList {"listen", "udp://127.0.0.1:0", "--model", "iterative"}
            << "datagram endpoint";
    QTest::newRow("bad backlog") << QStringList {"listen", "tcp://127.0.0.1:0", "--backlog", "-1"}
                                 << "--backlog -1 is out of range";
    QTest::newRow("zero count") << QStringList {"listen", "tcp://127.0.0.1:0", "--count", "0"}
                                << "--count 0 is out of range";
    QTest::newRow("bad duration") << QStringList {"listen", "tcp://127.0.0.1:0", "--duration",
                                                  "soon"}
                                  << "--duration 'soon' is not a number";
    QTest::newRow("missing value") << QStringList {"connect", "tcp://127.0.0.1:1", "--timeout"}
                                   << "--timeout needs a value";
    QTest::newRow("zero timeout") << QStringList {"connect", "tcp://127.0.0.1:1", "--timeout", "0"}
                                  << "--timeout 0 is out of range";
    QTest::newRow("bad shutdown") << QStringList {"connect", "tcp://127.0.0.1:1", "--shutdown",
                                                  "rd"}
                                  << "--shutdown 'rd'";
    QTest::newRow("bind of another kind")
            << QStringList {"connect", "tcp://127.0.0.1:1", "--bind", "udp://127.0.0.1:0"}
            << "--bind udp://127.0.0.1:0 is not a tcp:// endpoint";
    QTest::newRow("missing send file")
            << QStringList {"connect", "tcp://127.0.0.1:1", "--send-file", "/nonexistent/payload"}
            << "/nonexistent/payload";
    QTest::newRow("repeat without sends")
            << QStringList {"connect", "tcp://127.0.0.1:1", "--repeat", "2"} << "there is none";
    QTest::newRow("datagram too big")
            << QStringList {"connect", "udp://127.0.0.1:9", "--send-hex", QString(2 * 65508, 'a')}
            << "65508 bytes is over the limit";
}

void TstCliErrors::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Proc cli;
    cli.startCli(args);
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 2, cli.err.constData());
    QVERIFY2(cli.err.startsWith("sockbench-cli: "), cli.err.constData());
    QVERIFY2(cli.err.contains(message.toUtf8()), cli.err.constData());
    QVERIFY2(cli.out.isEmpty(), cli.out.constData());
}

QTEST_GUILESS_MAIN(TstCliErrors)
#include "tst_cli_errors.moc"
