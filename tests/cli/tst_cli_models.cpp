// The course's three server models, seen from two clients: with --model iterative the second
// client is not served until the first closes; with concurrent and event both are served at
// once.
#include "clitest.h"

#include <QTest>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// A blocking TCP client on 127.0.0.1, owned by the test thread.
class Client
{
public:
    explicit Client(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sin {};
        sin.sin_family = AF_INET;
        sin.sin_port = htons(port);
        sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected
                = m_fd >= 0 && ::connect(m_fd, reinterpret_cast<sockaddr *>(&sin), sizeof sin) == 0;
    }
    ~Client() { close(); }
    bool connected() const { return m_connected; }
    bool send(const QByteArray &data)
    {
        return ::send(m_fd, data.constData(), data.size(), MSG_NOSIGNAL) == data.size();
    }
    /// Whether something (data or EOF) becomes readable within ms.
    bool readable(int ms)
    {
        pollfd p {m_fd, POLLIN, 0};
        return ::poll(&p, 1, ms) == 1;
    }
    /// Reads exactly n bytes, or what came before EOF / the deadline.
    QByteArray receive(qsizetype n, int ms = kStepMs)
    {
        QByteArray got;
        QDeadlineTimer deadline(ms);
        while (got.size() < n && !deadline.hasExpired()) {
            if (!readable(int(deadline.remainingTime())))
                break;
            char buf[4096];
            const ssize_t r = ::recv(m_fd, buf, std::min<qsizetype>(sizeof buf, n - got.size()), 0);
            if (r <= 0)
                break;
            got.append(buf, r);
        }
        return got;
    }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
    bool m_connected = false;
};

} // namespace

class TstCliModels : public QObject
{
    Q_OBJECT

private slots:
    void iterativeServesOneAtATime();
    void bothServedAtOnce_data();
    void bothServedAtOnce();
};

void TstCliModels::iterativeServesOneAtATime()
{
    Proc server;
    const QString where = startListener(
            server, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--model", "iterative"});
    QVERIFY2(!where.isEmpty(), server.err.constData());

    Client first(portOf(where));
    QVERIFY(first.connected());
    QVERIFY(first.send("one"));
    QCOMPARE(first.receive(3), QByteArray("one"));

    // The second connect completes in the kernel's backlog, but nobody reads it yet.
    Client second(portOf(where));
    QVERIFY(second.connected());
    QVERIFY(second.send("two"));
    QVERIFY(first.send("one again"));
    QCOMPARE(first.receive(9), QByteArray("one again"));
    QVERIFY2(!second.readable(500), "the iterative server answered a second client early");

    // Once the first client is gone, the second is served.
    first.close();
    QCOMPARE(second.receive(3), QByteArray("two"));
    server.terminate();
    QVERIFY(server.finish());
    QVERIFY2(server.exitCode() == 128 + SIGTERM, server.err.constData());
}

void TstCliModels::bothServedAtOnce_data()
{
    QTest::addColumn<QString>("model");
    QTest::newRow("concurrent") << "concurrent";
    QTest::newRow("event") << "event";
}

void TstCliModels::bothServedAtOnce()
{
    QFETCH(QString, model);
    Proc server;
    const QString where = startListener(
            server, {"listen", "tcp://127.0.0.1:0", "--reply", "echo", "--model", model});
    QVERIFY2(!where.isEmpty(), server.err.constData());

    Client first(portOf(where));
    QVERIFY(first.connected());
    QVERIFY(first.send("one"));
    QCOMPARE(first.receive(3), QByteArray("one"));

    // With the first still connected, the second is answered.
    Client second(portOf(where));
    QVERIFY(second.connected());
    QVERIFY(second.send("two"));
    QCOMPARE(second.receive(3), QByteArray("two"));
    QVERIFY(first.send("one again"));
    QCOMPARE(first.receive(9), QByteArray("one again"));
    server.terminate();
    QVERIFY(server.finish());
    QVERIFY2(server.exitCode() == 128 + SIGTERM, server.err.constData());
}

QTEST_GUILESS_MAIN(TstCliModels)
#include "tst_cli_models.moc"
