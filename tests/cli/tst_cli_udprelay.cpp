// sockbench-cli relay between UDP peers: a python3 target that prints every datagram it gets
// and answers it, and UDP sockets of the test as clients. Each fault is checked by what the
// peers see: which datagrams arrived at the target and in what order, the answers each client
// got, the errno a closed target port gave, and the errors a stream fault on UDP gives.

#include "clitest.h"

#include <QTest>

#include <csignal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// python3 UDP target on 127.0.0.1: prints its port, then each datagram it receives on a line
/// of its own, and sends "echo:" + datagram back to its sender.
const char *kPythonTarget = R"PY(
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
print(s.getsockname()[1], flush=True)
while True:
    d, a = s.recvfrom(65536)
    print(d.decode('latin-1'), flush=True)
    s.sendto(b'echo:' + d, a)
)PY";

/// A UDP socket of the test's own, on 127.0.0.1, that waits at most 10 s for a datagram.
class UdpClient
{
public:
    UdpClient()
        : m_fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        const timeval tv {10, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~UdpClient() { ::close(m_fd); }
    UdpClient(const UdpClient &) = delete;
    UdpClient &operator=(const UdpClient &) = delete;

    bool sendTo(quint16 port, const QByteArray &data)
    {
        sockaddr_in to {};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::sendto(m_fd, data.constData(), size_t(data.size()), 0,
                        reinterpret_cast<sockaddr *>(&to), sizeof to)
                == data.size();
    }
    bool bindLoopback()
    {
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    }
    quint16 port() const
    {
        sockaddr_in a {};
        socklen_t len = sizeof a;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len);
        return ntohs(a.sin_port);
    }
    /// The next datagram; "" when none came within 10 s.
    QByteArray receive()
    {
        char buf[65536];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        return n < 0 ? QByteArray() : QByteArray(buf, int(n));
    }

private:
    int m_fd;
};

/// The target's lines after its port, once it has printed count of them.
QList<QByteArray> targetLines(Proc &target, int count)
{
    target.waitFor([&] { return target.out.count('\n') >= count; });
    QList<QByteArray> lines = target.out.split('\n');
    lines.removeLast(); // what follows the last newline
    return lines;
}

} // namespace

class TstCliUdpRelay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }
    void init();
    void cleanup();
    void forwardsEveryDatagramBothWaysInOrder();
    void eachClientGetsItsOwnAnswers();
    void dropThenClear();
    void duplicateSendsEachTwice();
    void reorderSwapsNeighbours();
    void closedTargetPortIsEconnrefusedInTheTrace();
    void streamFaultOnUdpIsUsageError_data();
    void streamFaultOnUdpIsUsageError();

private:
    /// Starts the relay before the target, with args; m_port is where it listens.
    bool startRelay(const QStringList &args, const QStringList &globals = {"--log", "text"});

    Proc m_target;
    Proc m_relay;
    QByteArray m_targetPort;
    quint16 m_port = 0;
};

void TstCliUdpRelay::init()
{
    m_target.startPython(kPythonTarget, {});
    m_targetPort = m_target.firstOutLine();
    QVERIFY(!m_targetPort.isEmpty());
    m_target.out.clear();
}

void TstCliUdpRelay::cleanup()
{
    m_relay.terminate();
    m_relay.finish();
    m_target.terminate();
    m_target.finish();
    m_relay.out.clear();
    m_relay.err.clear();
    m_target.out.clear();
}

bool TstCliUdpRelay::startRelay(const QStringList &args, const QStringList &globals)
{
    const QString listen = startListener(
            m_relay,
            globals + QStringList {"relay", "udp://127.0.0.1:0", "udp://127.0.0.1:" + m_targetPort}
                    + args);
    m_port = portOf(listen);
    return m_port != 0;
}

void TstCliUdpRelay::forwardsEveryDatagramBothWaysInOrder()
{
    QVERIFY2(startRelay({}), m_relay.err.constData());
    UdpClient client;
    for (int i = 0; i < 20; ++i)
        QVERIFY(client.sendTo(m_port, "d" + QByteArray::number(i)));
    for (int i = 0; i < 20; ++i)
        QCOMPARE(client.receive(), "echo:d" + QByteArray::number(i));
    const QList<QByteArray> lines = targetLines(m_target, 20);
    QCOMPARE(lines.size(), 20);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(lines[i], "d" + QByteArray::number(i));
    // Both legs show in the log: the client's flow (conn 1) and the target's socket (conn 2).
    QVERIFY2(m_relay.waitErr("data out conn 1"), m_relay.err.constData());
    QVERIFY(m_relay.err.contains("data in conn 1"));
    QVERIFY(m_relay.err.contains("data out conn 2 to udp://127.0.0.1:" + m_targetPort));
}

void TstCliUdpRelay::eachClientGetsItsOwnAnswers()
{
    QVERIFY2(startRelay({}), m_relay.err.constData());
    UdpClient a, b;
    QVERIFY(a.sendTo(m_port, "from a"));
    QVERIFY(b.sendTo(m_port, "from b"));
    QVERIFY(a.sendTo(m_port, "again a"));
    QCOMPARE(a.receive(), QByteArray("echo:from a"));
    QCOMPARE(a.receive(), QByteArray("echo:again a"));
    QCOMPARE(b.receive(), QByteArray("echo:from b"));
    // Two flows: two target sockets, opened as conns 2 and 4.
    QVERIFY2(m_relay.waitErr("opened conn 4"), m_relay.err.constData());
}

void TstCliUdpRelay::dropThenClear()
{
    // Every datagram up is dropped until 'clear' on stdin; then the marker goes through. The
    // target's first datagram is the marker: none of the five before it arrived.
    QVERIFY2(startRelay({"--drop-up", "100"}), m_relay.err.constData());
    UdpClient client;
    for (int i = 0; i < 5; ++i)
        QVERIFY(client.sendTo(m_port, "lost" + QByteArray::number(i)));
    QVERIFY2(m_relay.waitFor([&] { return m_relay.err.count("fault conn 1") == 5; }),
             m_relay.err.constData());
    QVERIFY(m_relay.err.contains("drop 5 bytes"));
    m_relay.write("clear\n");
    QVERIFY2(m_relay.waitErr("relay up: no fault"), m_relay.err.constData());
    QVERIFY(client.sendTo(m_port, "marker"));
    QCOMPARE(client.receive(), QByteArray("echo:marker"));
    QCOMPARE(targetLines(m_target, 1).value(0), QByteArray("marker"));
}

void TstCliUdpRelay::duplicateSendsEachTwice()
{
    QVERIFY2(startRelay({"--duplicate-up", "100"}), m_relay.err.constData());
    UdpClient client;
    QVERIFY(client.sendTo(m_port, "a"));
    QVERIFY(client.sendTo(m_port, "b"));
    QCOMPARE(targetLines(m_target, 4), (QList<QByteArray> {"a", "a", "b", "b"}));
    // Down is not duplicated: one answer per datagram the target got.
    for (const char *want : {"echo:a", "echo:a", "echo:b", "echo:b"})
        QCOMPARE(client.receive(), QByteArray(want));
}

void TstCliUdpRelay::reorderSwapsNeighbours()
{
    // With reorder at 100 % every datagram that finds none held is held, and leaves right
    // after the next one: 0 1 2 3 arrive as 1 0 3 2.
    QVERIFY2(startRelay({"--reorder-up", "100"}), m_relay.err.constData());
    UdpClient client;
    for (const char *d : {"r0", "r1", "r2", "r3"})
        QVERIFY(client.sendTo(m_port, d));
    QCOMPARE(targetLines(m_target, 4), (QList<QByteArray> {"r1", "r0", "r3", "r2"}));
}

void TstCliUdpRelay::closedTargetPortIsEconnrefusedInTheTrace()
{
    // The target goes away: the relay's connected socket gets the ICMP port unreachable as
    // ECONNREFUSED on its next recvfrom, in its trace and as an error of the target leg.
    {
        // A port nobody holds: bound by the kernel's choice, then closed.
        UdpClient gone;
        QVERIFY(gone.bindLoopback());
        m_targetPort = QByteArray::number(gone.port());
    }
    QVERIFY2(startRelay({}, {"--trace"}), m_relay.err.constData());
    UdpClient client;
    QVERIFY(client.sendTo(m_port, "anyone?"));
    QVERIFY2(m_relay.waitErr("ECONNREFUSED"), m_relay.err.constData());
    QVERIFY(m_relay.err.contains("recvfrom"));
}

void TstCliUdpRelay::streamFaultOnUdpIsUsageError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString u = "udp://127.0.0.1:0", t = "tcp://127.0.0.1:9";
    QTest::newRow("chop on udp") << QStringList {u, "udp://127.0.0.1:9", "--chop", "3"}
                                 << "chop acts on a byte stream; a UDP relay forwards whole";
    QTest::newRow("drop on tcp") << QStringList {"tcp://127.0.0.1:0", t, "--drop", "10"}
                                 << "drop acts on datagrams";
    QTest::newRow("udp to tcp") << QStringList {u, t} << "are not (udp:// to udp://";
    QTest::newRow("percent") << QStringList {u, "udp://127.0.0.1:9", "--drop", "101"}
                             << "--drop: '101' is not a percentage 0..100";
    QTest::newRow("unix dgram") << QStringList {"unix-dgram:///tmp/x", u} << "is neither";
}

void TstCliUdpRelay::streamFaultOnUdpIsUsageError()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Proc relay;
    relay.startCli(QStringList {"relay"} + args);
    QVERIFY(relay.finish());
    QCOMPARE(relay.exitCode(), 2);
    QVERIFY2(relay.err.contains(message.toUtf8()), relay.err.constData());
}

QTEST_GUILESS_MAIN(TstCliUdpRelay)
#include "tst_cli_udprelay.moc"
