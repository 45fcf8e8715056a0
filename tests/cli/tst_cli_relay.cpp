// sockbench-cli relay between real peers: python3 servers, the CLI's own connect, and raw
// sockets of the test. Each fault is checked by what the peers see: the bytes that arrived and
// in how many recv calls, the errno the client got, the time a throttled transfer cannot beat,
// a client's Send-Q that fills while the relay stalls.

#include "clitest.h"
#include "tests/support/posixsockets.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fstream>

#include <fcntl.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// python3 server: argv[1] "tcp" or "unix" (argv[2] the path); prints its port (0 for UNIX),
/// takes one connection, reads it to EOF with recv(65536) and prints the number of recv calls
/// that returned bytes, the byte count and the SHA-256; then the bytes themselves when short.
const char *kPythonCounter = R"PY(
import hashlib, socket, sys
if sys.argv[1] == 'unix':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(sys.argv[2])
else:
    s = socket.socket(); s.bind(('127.0.0.1', 0))
s.listen(1)
print(s.getsockname()[1] if sys.argv[1] != 'unix' else 0, flush=True)
c, _ = s.accept()
h = hashlib.sha256(); n = 0; calls = 0; head = b''
while True:
    b = c.recv(65536)
    if not b:
        break
    calls += 1; n += len(b); h.update(b)
    if len(head) < 64:
        head += b
print(calls, n, h.hexdigest(), head.decode('latin-1') if n <= 64 else '', flush=True)
)PY";

/// "VmRSS" of a process in KiB; -1 once it is gone.
long rssKb(qint64 pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

/// Starts the counter server; returns the target endpoint ("" on failure).
QString startCounter(Proc &server, const QString &unixPath = {})
{
    if (unixPath.isEmpty())
        server.startPython(kPythonCounter, {"tcp"});
    else
        server.startPython(kPythonCounter, {"unix", unixPath});
    const QByteArray port = server.firstOutLine();
    if (port.isEmpty())
        return {};
    server.out.clear();
    return unixPath.isEmpty() ? "tcp://127.0.0.1:" + QString::fromUtf8(port) : "unix://" + unixPath;
}

/// Starts `sockbench-cli [globals] relay LISTEN TARGET args...`; returns where it listens.
QString startRelay(Proc &relay, const QString &listen, const QString &target,
                   const QStringList &args, const QStringList &globals = {})
{
    return startListener(relay, globals + QStringList {"relay", listen, target} + args);
}

/// The counter's answer: recv calls, bytes, sha256, and the text when short.
QList<QByteArray> counterResult(Proc &server, int ms = kStepMs)
{
    const QByteArray line = server.firstOutLine(ms);
    return line.split(' ');
}

} // namespace

class TstCliRelay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void chopArrivesInSeparateRecvs();
    void resetAfterGivesClientEconnreset();
    void bulkThroughRelayIsIntact_data();
    void bulkThroughRelayIsIntact();
    void faultChangedMidStreamKeepsEveryByte();
    void throttleCannotBeBeaten();
    void stallFillsSendQueueInBoundedMemoryAndResumeOnStdin();
    void badOptionIsUsageError_data();
    void badOptionIsUsageError();
    void badStdinLineIsToldAndRelayGoesOn();

private:
    QTemporaryDir m_dir;
};

void TstCliRelay::initTestCase()
{
    QVERIFY(m_dir.isValid());
    std::signal(SIGPIPE, SIG_IGN);
}

void TstCliRelay::chopArrivesInSeparateRecvs()
{
    // HELLOWORLD chopped by 3 is four pieces: HEL LOW ORL D. Each is its own send with
    // TCP_NODELAY, 300 ms after the previous one was taken; the server is blocked in recv
    // long before the next piece comes, so each piece is one recv even on a loaded machine
    // (it would need to be descheduled for 300 ms to read two at once).
    Proc server;
    const QString target = startCounter(server);
    QVERIFY(!target.isEmpty());
    Proc relay;
    const QString listen = startRelay(relay, "tcp://127.0.0.1:0", target,
                                      {"--chop-up", "3", "--chop-gap", "300"});
    QVERIFY2(!listen.isEmpty(), relay.err.constData());
    Proc client;
    client.startCli({"connect", listen});
    QVERIFY(client.started());
    client.write("HELLOWORLD");
    const QList<QByteArray> got = [&] {
        client.p.closeWriteChannel(); // EOF: connect shuts down writing after the bytes
        return counterResult(server);
    }();
    QVERIFY2(got.size() >= 3, got.join(' ').constData());
    QVERIFY2(got[0].toInt() >= 4, got[0].constData());
    QCOMPARE(got[1], QByteArray("10"));
    QCOMPARE(got[3], QByteArray("HELLOWORLD"));
    QVERIFY(client.finish());
}

void TstCliRelay::resetAfterGivesClientEconnreset()
{
    // The relay forwards 1000 bytes of the 100000 the client sends, then closes both legs with
    // SO_LINGER {1, 0}: the client's next call says ECONNRESET, in its own trace.
    Proc server;
    server.startPython(kPythonStreamEcho, {"tcp"});
    const QByteArray port = server.firstOutLine();
    QVERIFY(!port.isEmpty());
    Proc relay;
    const QString listen = startRelay(relay, "tcp://127.0.0.1:0", "tcp://127.0.0.1:" + port,
                                      {"--reset-after", "1000"}, {"--trace"});
    QVERIFY2(!listen.isEmpty(), relay.err.constData());
    Proc client;
    client.startCli({"--trace", "connect", listen});
    QVERIFY(client.started());
    client.write(QByteArray(100000, 'x'));
    QVERIFY2(client.waitErr("ECONNRESET"), client.err.constData());
    QVERIFY(client.finish());
    QCOMPARE(client.exitCode(), 1);
    // The relay's own trace shows how: SO_LINGER {1, 0} before the close.
    QVERIFY2(relay.waitErr("SO_LINGER"), relay.err.constData());
}

void TstCliRelay::bulkThroughRelayIsIntact_data()
{
    QTest::addColumn<bool>("unixTarget");
    QTest::newRow("tcp") << false;
    QTest::newRow("unix") << true;
}

void TstCliRelay::bulkThroughRelayIsIntact()
{
    // 64 MiB from a file on the client's stdin, through the relay without a fault, to a
    // server that hashes what it got. UNIX: the relay listens and connects on UNIX paths.
    QFETCH(bool, unixTarget);
    const QString file = m_dir.filePath("bulk.bin");
    if (!QFile::exists(file))
        QVERIFY(writeFile(file, randomBytes(64 << 20)));
    const QByteArray sha = sha256OfFile(file);
    Proc server;
    const QString target
            = startCounter(server, unixTarget ? m_dir.filePath("target.sock") : QString());
    QVERIFY(!target.isEmpty());
    Proc relay;
    const QString listen = startRelay(
            relay, unixTarget ? "unix://" + m_dir.filePath("relay.sock") : "tcp://127.0.0.1:0",
            target, {});
    QVERIFY2(!listen.isEmpty(), relay.err.constData());
    Proc client;
    client.p.setStandardInputFile(file);
    client.startCli({"connect", listen});
    const QList<QByteArray> got = counterResult(server, kBulkMs);
    QVERIFY2(got.size() >= 3, got.join(' ').constData());
    QCOMPARE(got[1], QByteArray::number(64 << 20));
    QCOMPARE(got[2], sha);
    QVERIFY(client.finish());
    QCOMPARE(client.exitCode(), 0);
    relay.terminate();
    QVERIFY(relay.finish());
    // Stopped by SIGTERM, the relay removes the UNIX socket file it bound.
    if (unixTarget)
        QVERIFY(!QFile::exists(m_dir.filePath("relay.sock")));
}

void TstCliRelay::faultChangedMidStreamKeepsEveryByte()
{
    // Without a fault the relay moves bytes socket -> pipe -> socket with splice(2); with one
    // it reads them into its flow. Switching between the two in the middle of a connection
    // (throttle on, then clear) must keep every byte and its order.
    Proc server;
    const QString target = startCounter(server);
    QVERIFY(!target.isEmpty());
    Proc relay;
    const QString listen = startRelay(relay, "tcp://127.0.0.1:0", target, {}, {"--trace"});
    QVERIFY2(!listen.isEmpty(), relay.err.constData());
    const int fd = sbtest::connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", portOf(listen));
    QVERIFY(fd >= 0);
    QCryptographicHash sent(QCryptographicHash::Sha256);
    qint64 total = 0;
    const auto sendAll = [&](const QByteArray &data) {
        for (qsizetype at = 0; at < data.size();) {
            const ssize_t n
                    = ::send(fd, data.constData() + at, size_t(data.size() - at), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            at += n;
        }
        sent.addData(data);
        total += data.size();
        return true;
    };
    QVERIFY(sendAll(randomBytes(1 << 20)));
    // The splice path ran: the client leg's bytes went into a pipe, not through recv.
    QVERIFY2(relay.waitErr("splice("), relay.err.right(2000).constData());
    relay.write("throttle up 8M\n");
    QVERIFY2(relay.waitErr("relay up: throttle"), relay.err.right(2000).constData());
    QVERIFY(sendAll(randomBytes(1 << 20)));
    relay.write("clear\n");
    QVERIFY(relay.waitFor([&] { return relay.err.count("relay up: no fault") >= 2; }, kStepMs));
    QVERIFY(sendAll(randomBytes(1 << 20)));
    ::shutdown(fd, SHUT_WR);
    const QList<QByteArray> got = counterResult(server, kBulkMs);
    ::close(fd);
    QVERIFY2(got.size() >= 3, got.join(' ').constData());
    QCOMPARE(got[1], QByteArray::number(total));
    QCOMPARE(got[2], sent.result().toHex());
}

void TstCliRelay::throttleCannotBeBeaten()
{
    // 2 MiB at 1 MB/s take at least 2.097 s; the bucket starts empty and holds a fiftieth of
    // a second, so 1.9 s is a bound physics guarantees. Only a lower bound: a loaded machine
    // may take longer.
    Proc server;
    const QString target = startCounter(server);
    QVERIFY(!target.isEmpty());
    Proc relay;
    const QString listen = startRelay(relay, "tcp://127.0.0.1:0", target, {"--throttle", "1M"});
    QVERIFY2(!listen.isEmpty(), relay.err.constData());
    const QByteArray data = randomBytes(2 << 20);
    const QString file = m_dir.filePath("throttle.bin");
    QVERIFY(writeFile(file, data));
    Proc client;
    client.p.setStandardInputFile(file); // all of it at once; the relay alone holds it back
    QElapsedTimer timer;
    timer.start();
    client.startCli({"connect", listen});
    QVERIFY(client.started());
    const QList<QByteArray> got = counterResult(server, kBulkMs);
    const qint64 ms = timer.elapsed();
    QVERIFY2(got.size() >= 3, got.join(' ').constData());
    QCOMPARE(got[2], QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    QVERIFY2(ms >= 1900, QByteArray::number(ms).constData());
    QVERIFY(client.finish());
}

void TstCliRelay::stallFillsSendQueueInBoundedMemoryAndResumeOnStdin()
{
    // With up stalled the relay reads nothing from the client: the client's sends fill the
    // relay's receive buffer, then its own send buffer (Send-Q), then block; the relay's memory
    // does not grow. A "resume up" line on the relay's stdin lets every byte through.
    Proc server;
    const QString target = startCounter(server);
    QVERIFY(!target.isEmpty());
    Proc relay;
    const QString listen = startRelay(relay, "tcp://127.0.0.1:0", target, {"--stall-up"});
    QVERIFY2(!listen.isEmpty(), relay.err.constData());
    const int fd = sbtest::connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", portOf(listen));
    QVERIFY(fd >= 0);
    const long rssBefore = rssKb(relay.p.processId());
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    const QByteArray chunk = randomBytes(64 << 10);
    QCryptographicHash sent(QCryptographicHash::Sha256);
    qint64 total = 0;
    int sendQ = 0;
    // Send until the socket says EAGAIN with bytes queued, waiting for writability in between
    // (poll, no fixed sleep); 64 MiB is far more than every buffer on the way holds.
    while (total < (64 << 20)) {
        const ssize_t n = ::send(fd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
        if (n > 0) {
            sent.addData(QByteArrayView(chunk.constData(), n));
            total += n;
            continue;
        }
        QVERIFY(n < 0 && errno == EAGAIN);
        ::ioctl(fd, SIOCOUTQ, &sendQ);
        if (sendQ > 0)
            break;
    }
    QVERIFY2(sendQ > 0, QByteArray::number(total).constData());
    QVERIFY2(total < (64 << 20), "a stalled relay kept reading");
    const long rssAfter = rssKb(relay.p.processId());
    QVERIFY2(rssAfter - rssBefore < 16 * 1024,
             (QByteArray::number(rssBefore) + " -> " + QByteArray::number(rssAfter)).constData());
    // Nothing reached the server while stalled.
    server.collect();
    QVERIFY(server.out.isEmpty());

    relay.write("resume up\n");
    QVERIFY2(relay.waitErr("relay up: no fault"), relay.err.constData());
    // The rest goes as the relay drains: blocking sends now.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    ::shutdown(fd, SHUT_WR);
    const QList<QByteArray> got = counterResult(server, kBulkMs);
    ::close(fd);
    QVERIFY2(got.size() >= 3, got.join(' ').constData());
    QCOMPARE(got[1], QByteArray::number(total));
    QCOMPARE(got[2], sent.result().toHex());
}

void TstCliRelay::badOptionIsUsageError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString l = "tcp://127.0.0.1:0", t = "tcp://127.0.0.1:9";
    QTest::newRow("chop word") << QStringList {l, t, "--chop", "x"}
                               << "--chop: 'x' is not a number";
    QTest::newRow("chop too big") << QStringList {l, t, "--chop-up", "1G"}
                                  << "--chop-up: 1G is out of range";
    QTest::newRow("throttle unit") << QStringList {l, t, "--throttle-down", "1Q"}
                                   << "--throttle-down: '1Q' is not a number";
    QTest::newRow("delay negative") << QStringList {l, t, "--delay", "-5"}
                                    << "--delay: '-5' is not a number of milliseconds";
    QTest::newRow("coalesce one") << QStringList {l, t, "--coalesce", "1"}
                                  << "coalesce needs BYTES of 2 or more";
    QTest::newRow("no value") << QStringList {l, t, "--reset-after"}
                              << "--reset-after needs a value";
    QTest::newRow("unknown") << QStringList {l, t, "--chopp", "3"} << "unknown option '--chopp'";
    QTest::newRow("udp to tcp") << QStringList {"udp://127.0.0.1:0", t} << "are not (udp:// to udp://";
    QTest::newRow("no target") << QStringList {l} << "relay needs LISTEN and TARGET";
    QTest::newRow("three") << QStringList {l, t, t} << "is one too many";
}

void TstCliRelay::badOptionIsUsageError()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Proc relay;
    relay.startCli(QStringList {"relay"} + args);
    QVERIFY(relay.finish());
    QCOMPARE(relay.exitCode(), 2);
    QVERIFY2(relay.err.contains(message.toUtf8()), relay.err.constData());
}

void TstCliRelay::badStdinLineIsToldAndRelayGoesOn()
{
    Proc relay;
    const QString listen = startRelay(relay, "tcp://127.0.0.1:0", "tcp://127.0.0.1:9", {});
    QVERIFY2(!listen.isEmpty(), relay.err.constData());
    relay.write("throttle sideways 2M\nthrottle down 2M\nbogus\nquit\n");
    QVERIFY(relay.finish());
    QCOMPARE(relay.exitCode(), 0);
    QVERIFY2(relay.err.contains("stdin line 1: 'sideways' is not a direction (up, down)"),
             relay.err.constData());
    QVERIFY2(relay.err.contains("relay down: throttle 2000000 B/s"), relay.err.constData());
    QVERIFY2(relay.err.contains("stdin line 3: 'bogus' is not a fault"), relay.err.constData());
}

QTEST_GUILESS_MAIN(TstCliRelay)
#include "tst_cli_relay.moc"
