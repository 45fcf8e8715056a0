// The paths that move bytes without copying them through user space: a TCP discard server
// whose owner does not want the bytes drops them in the kernel (recv MSG_TRUNC), and a file
// queued with Endpoint::sendFile goes out by sendfile(2). Real loopback sockets, a real file.

#include "core/net/endpoint.h"
#include "../support/testregistry.h"
#include "eventwaiter.h"

#include <QTemporaryDir>
#include <QTest>

#include <random>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace sb;
using namespace sbtest;

namespace {

std::string randomBytes(size_t n, unsigned seed)
{
    std::mt19937 gen(seed);
    std::string s(n, '\0');
    for (char &c : s)
        c = static_cast<char>(gen());
    return s;
}

int rawListener(uint16_t *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    ::listen(fd, 4);
    socklen_t len = sizeof sa;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len);
    *port = ntohs(sa.sin_port);
    return fd;
}

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
    return fd;
}

int unixClient(const std::string &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un un {};
    un.sun_family = AF_UNIX;
    std::snprintf(un.sun_path, sizeof un.sun_path, "%s", path.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr *>(&un), sizeof un) < 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Everything until EOF (or a 20 s silence).
std::string readAll(int fd)
{
    timeval tv {20, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    std::vector<char> buf(1 << 16);
    ssize_t r;
    while ((r = ::recv(fd, buf.data(), buf.size(), 0)) > 0)
        out.append(buf.data(), static_cast<size_t>(r));
    return out;
}

bool sendAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

/// A file holding data, opened for reading.
int fileWith(const QTemporaryDir &dir, const std::string &name, const std::string &data)
{
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    const int w = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const bool ok = w >= 0 && ::write(w, data.data(), data.size()) == ssize_t(data.size());
    ::close(w);
    return ok ? ::open(path.c_str(), O_RDONLY | O_CLOEXEC) : -1;
}

uint64_t dataSize(EventWaiter &w, Direction dir, bool *anyBytes)
{
    uint64_t total = 0;
    *anyBytes = false;
    for (const Event &e : w.seen()) {
        if (const auto *d = e.as<ev::Data>(); d && d->dir == dir) {
            total += d->length;
            *anyBytes = *anyBytes || d->bytes;
        }
    }
    return total;
}

} // namespace

class tst_ZeroCopy : public QObject
{
    Q_OBJECT
private slots:
    void discardServerCountsWithoutBytes_data();
    void discardServerCountsWithoutBytes();
    void fileGoesOutWholeAndInOrder();
    void fileSendIsCancellable();
    void fileOnDatagramSocketIsRefused();
};

void tst_ZeroCopy::discardServerCountsWithoutBytes_data()
{
    QTest::addColumn<bool>("unixStream");
    QTest::addColumn<bool>("trace");
    QTest::newRow("tcp untraced: MSG_TRUNC") << false << false;
    QTest::newRow("tcp traced: read, shown in the trace") << false << true;
    QTest::newRow("unix untraced: splice to /dev/null") << true << false;
    QTest::newRow("unix traced: read, shown in the trace") << true << true;
}

void tst_ZeroCopy::discardServerCountsWithoutBytes()
{
    QFETCH(bool, unixStream);
    QFETCH(bool, trace);
    const int before = sbtest::openFdCount();
    QTemporaryDir dir;
    const std::string path = dir.filePath("d").toStdString();
    EventWaiter w;
    EndpointConfig c;
    c.role = Role::Server;
    c.spec = *parseEndpoint(unixStream ? "unix://" + path : "tcp://127.0.0.1:0");
    c.responder.kind = ResponderSpec::Kind::Discard;
    c.dataBytes = false;
    c.trace = trace;
    auto server = Endpoint::create(c, w.sink(), sbtest::registry());
    server->start();
    const auto *l = w.waitBody<ev::Listening>();
    QVERIFY(l);
    const int fd = unixStream ? unixClient(path) : tcpClient(l->local.port());
    QVERIFY(fd >= 0);
    const std::string payload = randomBytes(8 << 20, 9);
    QVERIFY(sendAll(fd, payload));
    ::close(fd);
    QVERIFY(w.waitKind<ev::Closed>());
    bool anyBytes = true;
    QCOMPARE(dataSize(w, Direction::In, &anyBytes), uint64_t(payload.size())); // every byte
    QVERIFY(!anyBytes); // counted, never handed over
    // With the trace on, the bytes are read after all (the trace shows them), and only the
    // Data events go without them; untraced, no record is made at all.
    bool truncCalls = false, dataCalls = false;
    for (const Event &e : w.seen()) {
        const auto *t = e.as<ev::Trace>();
        if (t && t->record->call == SysCall::Recv && t->record->result > 0) {
            truncCalls = truncCalls || (t->record->a[1] & MSG_TRUNC);
            dataCalls = dataCalls || t->record->data;
        }
    }
    QVERIFY(!truncCalls);
    QCOMPARE(dataCalls, trace);
    server->stop();
    QVERIFY(w.waitKind<ev::Stopped>());
    server.reset();
    QCOMPARE(sbtest::openFdCount(), before); // the drain pipe and /dev/null are closed too
}

void tst_ZeroCopy::fileGoesOutWholeAndInOrder()
{
    const int before = sbtest::openFdCount();
    {
        QTemporaryDir dir;
        const std::string content = randomBytes(20 << 20, 4);
        const int file = fileWith(dir, "f", content);
        QVERIFY(file >= 0);
        uint16_t port = 0;
        const int lfd = rawListener(&port);
        EventWaiter w;
        EndpointConfig c;
        c.role = Role::Client;
        c.spec = *parseEndpoint("tcp://127.0.0.1:" + std::to_string(port));
        auto client = Endpoint::create(c, w.sink(), sbtest::registry());
        client->start();
        const int peer = ::accept(lfd, nullptr, nullptr);
        QVERIFY(w.waitKind<ev::Opened>());
        // Bytes, the file, bytes: they arrive in the order they were queued.
        client->send(0, makeBytes(std::string_view("head|")));
        client->sendFile(0, file, content.size());
        client->send(0, makeBytes(std::string_view("|tail")));
        client->shutdown(0, SHUT_WR);
        const std::string got = readAll(peer);
        QCOMPARE(got.size(), content.size() + 10);
        QVERIFY(got == "head|" + content + "|tail");
        bool anyBytes = true;
        QVERIFY(w.waitFor([&](const Event &) {
            return dataSize(w, Direction::Out, &anyBytes) == content.size() + 10;
        }));
        bool sendfileTraced = false;
        for (const Event &e : w.seen())
            sendfileTraced = sendfileTraced
                    || (isTraceOf(e, SysCall::Sendfile) && e.as<ev::Trace>()->record->result > 0
                        && formatTrace(*e.as<ev::Trace>()->record).rfind("sendfile(", 0) == 0);
        QVERIFY(sendfileTraced);
        ::close(peer);
        ::close(lfd);
        client->stop();
        QVERIFY(w.waitKind<ev::Stopped>());
    }
    QCOMPARE(sbtest::openFdCount(), before); // the endpoint closed the file
}

void tst_ZeroCopy::fileSendIsCancellable()
{
    const int before = sbtest::openFdCount();
    {
        QTemporaryDir dir;
        const std::string content = randomBytes(64 << 20, 5);
        const int file = fileWith(dir, "big", content);
        QVERIFY(file >= 0);
        uint16_t port = 0;
        const int lfd = rawListener(&port);
        EventWaiter w;
        EndpointConfig c;
        c.role = Role::Client;
        c.spec = *parseEndpoint("tcp://127.0.0.1:" + std::to_string(port));
        c.trace = false;
        auto client = Endpoint::create(c, w.sink(), sbtest::registry());
        client->start();
        const int peer = ::accept(lfd, nullptr, nullptr);
        QVERIFY(w.waitKind<ev::Opened>());
        client->sendFile(0, file, content.size());
        // The peer reads nothing: the socket buffers fill and the rest of the file waits.
        QVERIFY(w.waitFor([](const Event &e) { return isData(e, Direction::Out); }));
        client->cancelSend(0);
        const auto *cancelled = body<ev::SendQueue>(w.waitFor([](const Event &e) {
            const auto *q = e.as<ev::SendQueue>();
            return q && q->cancelled;
        }));
        QVERIFY(cancelled);
        QCOMPARE(cancelled->queued, uint64_t(0));
        client->close(0);
        const std::string got = readAll(peer);
        QVERIFY2(got.size() < content.size(), std::to_string(got.size()).c_str());
        QVERIFY(got == std::string_view(content).substr(0, got.size()));
        bool anyBytes = true;
        QCOMPARE(dataSize(w, Direction::Out, &anyBytes), uint64_t(got.size()));
        ::close(peer);
        ::close(lfd);
        client->stop();
        QVERIFY(w.waitKind<ev::Stopped>());
    }
    QCOMPARE(sbtest::openFdCount(), before);
}

void tst_ZeroCopy::fileOnDatagramSocketIsRefused()
{
    const int before = sbtest::openFdCount();
    {
        QTemporaryDir dir;
        const int file = fileWith(dir, "d", "datagram?");
        EventWaiter w;
        EndpointConfig c;
        c.role = Role::Datagram;
        c.spec = *parseEndpoint("udp://127.0.0.1:0");
        auto ep = Endpoint::create(c, w.sink(), sbtest::registry());
        ep->start();
        QVERIFY(w.waitKind<ev::Listening>());
        ep->sendFile(0, file, 9);
        const auto *e = w.waitBody<ev::Error>();
        QVERIFY(e);
        QCOMPARE(e->err, EOPNOTSUPP);
        ep->stop();
        QVERIFY(w.waitKind<ev::Stopped>());
    }
    QCOMPARE(sbtest::openFdCount(), before);
}

QTEST_GUILESS_MAIN(tst_ZeroCopy)
#include "tst_zerocopy.moc"
