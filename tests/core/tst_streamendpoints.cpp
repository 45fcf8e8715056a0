// The stream endpoints (client, server in its three models, socketpair) on real loopback
// sockets. The peers are plain blocking POSIX sockets made by the test.

#include "core/net/endpoint.h"
#include "../support/testregistry.h"
#include "eventwaiter.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <random>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace sb;
using sbtest::EventWaiter;

namespace {

EndpointConfig serverConfig(const char *endpoint, ResponderSpec::Kind reply,
                            ServerModel model = ServerModel::Event)
{
    EndpointConfig c;
    c.role = Role::Server;
    c.spec = *parseEndpoint(endpoint);
    c.responder.kind = reply;
    c.model = model;
    return c;
}

uint16_t listeningPort(EventWaiter &w)
{
    const auto *e = w.waitBody<ev::Listening>();
    return e ? e->local.port() : 0;
}

/// A blocking TCP client to 127.0.0.1:port, with a receive timeout so a test cannot hang.
int tcpClient(uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) < 0) {
        ::close(fd);
        return -1;
    }
    timeval tv {10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

/// Reads exactly n bytes (or until EOF/error/timeout).
std::string readN(int fd, size_t n)
{
    std::string out;
    char buf[65536];
    while (out.size() < n) {
        const ssize_t r = ::recv(fd, buf, std::min(sizeof buf, n - out.size()), 0);
        if (r <= 0)
            break;
        out.append(buf, static_cast<size_t>(r));
    }
    return out;
}

bool readableWithin(int fd, int ms)
{
    pollfd p {fd, POLLIN, 0};
    return ::poll(&p, 1, ms) == 1;
}

std::string randomBytes(size_t n, unsigned seed)
{
    std::mt19937 gen(seed);
    std::string s(n, '\0');
    for (char &c : s)
        c = static_cast<char>(gen());
    return s;
}

} // namespace

class tst_StreamEndpoints : public QObject
{
    Q_OBJECT
private slots:
    void echoServerAnswersPosixClient();
    void clientAndServerMoveAMegabyte();
    void iterativeServerMakesSecondClientWait();
    void concurrentAndEventServeBothAtOnce_data();
    void concurrentAndEventServeBothAtOnce();
    void abortiveCloseResetsPeer();
    void addressInUse();
    void connectionRefused();
    void halfCloseThePeerCanStillAnswer();
    void peerThatDoesNotReadGetsEverythingLater();
    void socketpairCarriesBothWays();
    void staleUnixSocketFileIsReplaced();
    void unixSeqpacketKeepsBoundaries();
    void stopLeaksNoFd();
};

void tst_StreamEndpoints::echoServerAnswersPosixClient()
{
    EventWaiter w;
    auto server = Endpoint::create(serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::Echo),
                                   w.sink(), sbtest::registry());
    server->start();
    const uint16_t port = listeningPort(w);
    QVERIFY(port != 0);
    const int fd = tcpClient(port);
    QVERIFY(fd >= 0);
    QCOMPARE(::send(fd, "hello\n", 6, 0), 6);
    QCOMPARE(readN(fd, 6), std::string("hello\n"));
    const Event *opened = w.waitKind<ev::Opened>();
    QVERIFY(opened);
    QCOMPARE(opened->as<ev::Opened>()->peer.host(), std::string("127.0.0.1"));
    QVERIFY(w.waitFor([](const Event &e) {
        const auto *d = e.as<ev::Data>();
        return d && d->dir == Direction::In && d->bytes && *d->bytes == "hello\n";
    }));
    ::close(fd);
    QVERIFY(w.waitKind<ev::Closed>(opened->conn));
}

void tst_StreamEndpoints::clientAndServerMoveAMegabyte()
{
    EventWaiter sw, cw;
    auto server = Endpoint::create(serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::Echo),
                                   sw.sink(), sbtest::registry());
    server->start();
    const uint16_t port = listeningPort(sw);
    EndpointConfig cc;
    cc.role = Role::Client;
    cc.spec = *parseEndpoint("tcp://127.0.0.1:" + std::to_string(port));
    cc.trace = false;
    auto client = Endpoint::create(cc, cw.sink(), sbtest::registry());
    client->start();
    const std::string payload = randomBytes(1 << 20, 7);
    // Sent before the connection is up: it waits for it and goes first.
    for (size_t off = 0; off < payload.size(); off += 100000)
        client->send(0, makeBytes(payload.substr(off, 100000)));
    const Event *opened = cw.waitKind<ev::Opened>();
    QVERIFY(opened);
    QTRY_VERIFY_WITH_TIMEOUT(cw.received(opened->conn).size() >= payload.size(), 20000);
    QVERIFY(cw.received(opened->conn) == payload);
}

void tst_StreamEndpoints::iterativeServerMakesSecondClientWait()
{
    EventWaiter w;
    auto server = Endpoint::create(
            serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::Echo, ServerModel::Iterative),
            w.sink(), sbtest::registry());
    server->start();
    const uint16_t port = listeningPort(w);
    const int a = tcpClient(port);
    QCOMPARE(::send(a, "a", 1, 0), 1);
    QCOMPARE(readN(a, 1), std::string("a"));
    // The kernel completes the second handshake into the backlog, but nobody accepts it.
    const int b = tcpClient(port);
    QVERIFY(b >= 0);
    QCOMPARE(::send(b, "b", 1, 0), 1);
    QVERIFY(!readableWithin(b, 500));
    ::close(a);
    QVERIFY(readableWithin(b, 10000));
    QCOMPARE(readN(b, 1), std::string("b"));
    ::close(b);
}

void tst_StreamEndpoints::concurrentAndEventServeBothAtOnce_data()
{
    QTest::addColumn<int>("model");
    QTest::newRow("event") << int(ServerModel::Event);
    QTest::newRow("concurrent") << int(ServerModel::Concurrent);
}

void tst_StreamEndpoints::concurrentAndEventServeBothAtOnce()
{
    QFETCH(int, model);
    EventWaiter w;
    auto server = Endpoint::create(
            serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::Echo, ServerModel(model)),
            w.sink(), sbtest::registry());
    server->start();
    const uint16_t port = listeningPort(w);
    const int a = tcpClient(port);
    const int b = tcpClient(port);
    QCOMPARE(::send(a, "a", 1, 0), 1);
    QCOMPARE(::send(b, "b", 1, 0), 1);
    QCOMPARE(readN(b, 1), std::string("b"));
    QCOMPARE(readN(a, 1), std::string("a"));
    ::close(a);
    ::close(b);
}

void tst_StreamEndpoints::abortiveCloseResetsPeer()
{
    EventWaiter w;
    auto server = Endpoint::create(serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::None),
                                   w.sink(), sbtest::registry());
    server->start();
    const int fd = tcpClient(listeningPort(w));
    const Event *opened = w.waitKind<ev::Opened>();
    QVERIFY(opened);
    server->abort(opened->conn);
    QVERIFY(w.waitKind<ev::Closed>(opened->conn));
    char c;
    errno = 0;
    QCOMPARE(::recv(fd, &c, 1, 0), ssize_t(-1));
    QCOMPARE(errno, ECONNRESET);
    ::close(fd);
}

void tst_StreamEndpoints::addressInUse()
{
    const int holder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(holder, reinterpret_cast<sockaddr *>(&sa), sizeof sa), 0);
    QCOMPARE(::listen(holder, 1), 0);
    socklen_t len = sizeof sa;
    ::getsockname(holder, reinterpret_cast<sockaddr *>(&sa), &len);
    EventWaiter w;
    const std::string ep = "tcp://127.0.0.1:" + std::to_string(ntohs(sa.sin_port));
    auto server = Endpoint::create(serverConfig(ep.c_str(), ResponderSpec::Kind::None), w.sink(), sbtest::registry());
    server->start();
    const auto *err = w.waitBody<ev::Error>();
    QVERIFY(err);
    QCOMPARE(err->op, std::string("bind"));
    QCOMPARE(err->err, EADDRINUSE);
    QVERIFY(!w.waitKind<ev::Listening>(UINT32_MAX, 200));
    ::close(holder);
}

void tst_StreamEndpoints::connectionRefused()
{
    // A port that was just free: bind, read it, close, connect to it.
    const int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(probe, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    socklen_t len = sizeof sa;
    ::getsockname(probe, reinterpret_cast<sockaddr *>(&sa), &len);
    ::close(probe);
    EventWaiter w;
    EndpointConfig cc;
    cc.role = Role::Client;
    cc.spec = *parseEndpoint("tcp://127.0.0.1:" + std::to_string(ntohs(sa.sin_port)));
    auto client = Endpoint::create(cc, w.sink(), sbtest::registry());
    client->start();
    const auto *err = w.waitBody<ev::Error>();
    QVERIFY(err);
    QCOMPARE(err->op, std::string("connect"));
    QCOMPARE(err->err, ECONNREFUSED);
    QVERIFY(w.waitKind<ev::Closed>());
}

void tst_StreamEndpoints::halfCloseThePeerCanStillAnswer()
{
    EventWaiter w;
    EndpointConfig sc = serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::None);
    sc.closeOnPeerEof = false;
    auto server = Endpoint::create(sc, w.sink(), sbtest::registry());
    server->start();
    const int fd = tcpClient(listeningPort(w));
    const Event *opened = w.waitKind<ev::Opened>();
    QVERIFY(opened);
    const ConnId conn = opened->conn;
    QCOMPARE(::send(fd, "question", 8, 0), 8);
    QCOMPARE(::shutdown(fd, SHUT_WR), 0);
    QVERIFY(w.waitFor([conn](const Event &e) { return e.is<ev::PeerEof>() && e.conn == conn; }));
    QCOMPARE(w.received(conn), std::string("question"));
    server->send(conn, makeBytes(std::string_view("answer")));
    server->shutdown(conn, SHUT_WR);
    QCOMPARE(readN(fd, 100), std::string("answer")); // then EOF ends readN
    QVERIFY(w.waitKind<ev::Closed>(conn));
    ::close(fd);
}

void tst_StreamEndpoints::peerThatDoesNotReadGetsEverythingLater()
{
    EventWaiter w;
    auto server = Endpoint::create(serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::None),
                                   w.sink(), sbtest::registry());
    server->start();
    const int fd = tcpClient(listeningPort(w));
    const Event *opened = w.waitKind<ev::Opened>();
    QVERIFY(opened);
    const std::string payload = randomBytes(16 << 20, 3);
    server->send(opened->conn, makeBytes(payload)); // far more than both socket buffers hold
    // The peer reads nothing for a while: the rest waits in the endpoint's output buffer.
    QVERIFY(w.waitKind<ev::SendQueue>(opened->conn));
    QCOMPARE(readN(fd, payload.size()), payload);
    ::close(fd);
}

void tst_StreamEndpoints::socketpairCarriesBothWays()
{
    EventWaiter w;
    EndpointConfig pc;
    pc.role = Role::Pair;
    pc.spec.transport = Transport::UnixStream;
    auto pair = Endpoint::create(pc, w.sink(), sbtest::registry());
    pair->start();
    QVERIFY(w.waitKind<ev::Opened>(1));
    QVERIFY(w.waitKind<ev::Opened>(2));
    pair->send(1, makeBytes(std::string_view("ping")));
    pair->send(2, makeBytes(std::string_view("pong")));
    QTRY_COMPARE(w.received(2), std::string("ping"));
    QTRY_COMPARE(w.received(1), std::string("pong"));
}

void tst_StreamEndpoints::staleUnixSocketFileIsReplaced()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("s").toStdString();
    // A socket file left by a server that died: bound, never unlinked.
    const int dead = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un un {};
    un.sun_family = AF_UNIX;
    std::strcpy(un.sun_path, path.c_str());
    QCOMPARE(::bind(dead, reinterpret_cast<sockaddr *>(&un), sizeof un), 0);
    ::close(dead);
    QVERIFY(QFile::exists(QString::fromStdString(path)));
    EventWaiter w;
    auto server = Endpoint::create(
            serverConfig(("unix://" + path).c_str(), ResponderSpec::Kind::Echo), w.sink(), sbtest::registry());
    server->start();
    const auto *l = w.waitBody<ev::Listening>();
    QVERIFY(l);
    QCOMPARE(l->local.host(), path);
    server->stop();
    QVERIFY(w.waitKind<ev::Stopped>());
    QVERIFY(!QFile::exists(QString::fromStdString(path))); // removed on stop
}

void tst_StreamEndpoints::unixSeqpacketKeepsBoundaries()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("sp").toStdString();
    EventWaiter sw, cw;
    auto server = Endpoint::create(
            serverConfig(("unix-seqpacket://" + path).c_str(), ResponderSpec::Kind::Echo),
            sw.sink(), sbtest::registry());
    server->start();
    QVERIFY(sw.waitKind<ev::Listening>());
    EndpointConfig cc;
    cc.role = Role::Client;
    cc.spec = *parseEndpoint("unix-seqpacket://" + path);
    auto client = Endpoint::create(cc, cw.sink(), sbtest::registry());
    client->start();
    client->send(0, makeBytes(std::string_view("one")));
    client->send(0, makeBytes(std::string_view("two")));
    client->send(0, makeBytes(std::string_view("three")));
    std::vector<std::string> got;
    QVERIFY(cw.waitFor([&](const Event &e) {
        if (const auto *d = e.as<ev::Data>(); d && d->dir == Direction::In)
            got.push_back(*d->bytes);
        return got.size() == 3;
    }));
    QCOMPARE(got, (std::vector<std::string> {"one", "two", "three"}));
}

void tst_StreamEndpoints::stopLeaksNoFd()
{
    const int before = sbtest::openFdCount();
    {
        EventWaiter w;
        auto server = Endpoint::create(serverConfig("tcp://127.0.0.1:0", ResponderSpec::Kind::Echo,
                                                    ServerModel::Concurrent),
                                       w.sink(), sbtest::registry());
        server->start();
        const uint16_t port = listeningPort(w);
        int fds[3];
        for (int &fd : fds)
            fd = tcpClient(port);
        QTRY_COMPARE(std::count_if(w.seen().begin(), w.seen().end(),
                                   [](const Event &e) { return e.is<ev::Opened>(); }),
                     3L);
        server->stop();
        QVERIFY(w.waitKind<ev::Stopped>());
        for (int fd : fds) {
            QCOMPARE(readN(fd, 1), std::string()); // each client sees an orderly EOF
            ::close(fd);
        }
    }
    QCOMPARE(sbtest::openFdCount(), before);
}

QTEST_GUILESS_MAIN(tst_StreamEndpoints)
#include "tst_streamendpoints.moc"
