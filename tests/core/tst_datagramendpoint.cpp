// Datagram endpoints (UDP v4/v6, UNIX datagram) on real sockets: boundaries, truncation,
// kernel drops, connected-UDP errors.

#include "core/net/endpoint.h"
#include "../support/testregistry.h"
#include "eventwaiter.h"

#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;
using sbtest::EventWaiter;

namespace {

std::unique_ptr<Endpoint> startDatagram(EventWaiter &w, const std::string &endpoint,
                                        ResponderSpec::Kind reply, size_t readSize = 65536)
{
    EndpointConfig c;
    c.role = Role::Datagram;
    c.spec = *parseEndpoint(endpoint);
    c.responder.kind = reply;
    c.readSize = readSize;
    auto e = Endpoint::create(c, w.sink(), sbtest::registry());
    e->start();
    return e;
}

std::vector<std::string> inbound(EventWaiter &w)
{
    std::vector<std::string> out;
    for (const Event &e : w.seen())
        if (const auto *d = e.as<ev::Data>(); d && d->dir == Direction::In)
            out.push_back(*d->bytes);
    return out;
}

} // namespace

class tst_DatagramEndpoint : public QObject
{
    Q_OBJECT
private slots:
    void boundariesKept_data();
    void boundariesKept();
    void truncationReportsRealLength();
    void kernelDropsAreCounted();
    void connectedUdpHearsRefusal();
    void answersLastSender_data();
    void answersLastSender();
    void noSenderYetIsDestAddrRequired();
};

void tst_DatagramEndpoint::boundariesKept_data()
{
    QTest::addColumn<QString>("server");
    QTest::newRow("udp4") << "udp://127.0.0.1:0";
    QTest::newRow("udp6") << "udp://[::1]:0";
    QTest::newRow("unix-dgram") << "unix-dgram://";
}

void tst_DatagramEndpoint::boundariesKept()
{
    QFETCH(QString, server);
    QTemporaryDir dir;
    std::string spec = server.toStdString();
    if (spec == "unix-dgram://")
        spec += dir.filePath("d").toStdString();
    EventWaiter sw, cw;
    auto srv = startDatagram(sw, spec, ResponderSpec::Kind::Echo);
    const auto *l = sw.waitBody<ev::Listening>();
    QVERIFY(l);
    EndpointConfig cc;
    cc.role = Role::Client;
    cc.spec = *parseEndpoint(
            formatEndpoint(cc.spec.transport = parseEndpoint(spec)->transport, l->local));
    auto client = Endpoint::create(cc, cw.sink(), sbtest::registry());
    client->start();
    const size_t maxSize = spec.starts_with("unix") ? 65507 : 65507;
    const std::vector<std::string> sent {std::string(), std::string(1, 'x'), std::string(1472, 'm'),
                                         std::string(maxSize, 'M')};
    for (const std::string &d : sent)
        client->send(0, makeBytes(d));
    QTRY_COMPARE_WITH_TIMEOUT(inbound(cw).size(), sent.size(), 10000);
    QCOMPARE(inbound(cw), sent);
    QCOMPARE(inbound(sw), sent);
}

void tst_DatagramEndpoint::truncationReportsRealLength()
{
    EventWaiter w;
    auto srv = startDatagram(w, "udp://127.0.0.1:0", ResponderSpec::Kind::None, 16);
    const auto *l = w.waitBody<ev::Listening>();
    QVERIFY(l);
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const std::string big(100, 'z');
    QCOMPARE(::sendto(fd, big.data(), big.size(), 0, l->local.sockaddrPtr(), l->local.length()),
             ssize_t(100));
    const auto *d = w.waitBody<ev::Data>();
    QVERIFY(d);
    QCOMPARE(d->length, uint64_t(100)); // the datagram's real length
    QCOMPARE(d->bytes->size(), size_t(16)); // what fitted the buffer
    QVERIFY(d->truncated);
    ::close(fd);
}

void tst_DatagramEndpoint::kernelDropsAreCounted()
{
    EventWaiter w;
    EndpointConfig c;
    c.role = Role::Datagram;
    c.spec = *parseEndpoint("udp://127.0.0.1:0");
    c.options.push_back({"SO_RCVBUF", "2048"});
    auto srv = Endpoint::create(c, w.sink(), sbtest::registry());
    srv->start();
    const auto *l = w.waitBody<ev::Listening>();
    QVERIFY(l);
    // Flood faster than a 2 KiB receive buffer (the kernel doubles it) can hold between two
    // wake-ups of the endpoint.
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const std::string d(1000, 'd');
    for (int i = 0; i < 20000; ++i)
        ::sendto(fd, d.data(), d.size(), 0, l->local.sockaddrPtr(), l->local.length());
    // The kernel reports its drop count with the next datagram it delivers: send markers until
    // one gets through, so the count covers the whole flood.
    int markers = 0;
    const Event *marker = nullptr;
    while (!marker && markers < 50) {
        ::sendto(fd, "end", 3, 0, l->local.sockaddrPtr(), l->local.length());
        ++markers;
        marker = w.waitFor(
                [](const Event &e) {
                    const auto *d = e.as<ev::Data>();
                    return d && d->bytes && *d->bytes == "end";
                },
                500);
    }
    ::close(fd);
    QVERIFY(marker);
    uint64_t received = 0, dropped = 0;
    for (const Event &e : w.seen()) {
        if (e.is<ev::Data>())
            ++received;
        if (const auto *err = e.as<ev::Error>(); err && err->err == ENOBUFS)
            dropped += err->dropped;
    }
    QVERIFY2(dropped > 0, "the kernel dropped nothing: the receiver kept up with the flood");
    QCOMPARE(received + dropped, uint64_t(20000 + markers));
}

void tst_DatagramEndpoint::connectedUdpHearsRefusal()
{
    // A port nobody listens on: the ICMP port unreachable comes back as ECONNREFUSED.
    const int probe = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(probe, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    socklen_t len = sizeof sa;
    ::getsockname(probe, reinterpret_cast<sockaddr *>(&sa), &len);
    ::close(probe);
    EventWaiter w;
    EndpointConfig c;
    c.role = Role::Client;
    c.spec = *parseEndpoint("udp://127.0.0.1:" + std::to_string(ntohs(sa.sin_port)));
    auto client = Endpoint::create(c, w.sink(), sbtest::registry());
    client->start();
    client->send(0, makeBytes(std::string_view("anyone?")));
    const Event *err = w.waitFor([](const Event &e) {
        const auto *err = e.as<ev::Error>();
        return err && err->err == ECONNREFUSED;
    });
    QVERIFY(err);
}

void tst_DatagramEndpoint::answersLastSender_data()
{
    QTest::addColumn<QString>("server");
    QTest::newRow("udp4") << "udp://127.0.0.1:0";
    QTest::newRow("udp6") << "udp://[::1]:0";
    QTest::newRow("unix-dgram") << "unix-dgram://";
}

void tst_DatagramEndpoint::answersLastSender()
{
    // Two peers write to a server that has no remote; a send naming no destination goes to
    // the one heard from last, and only to it.
    QFETCH(QString, server);
    QTemporaryDir dir;
    std::string spec = server.toStdString();
    const bool unixDgram = spec == "unix-dgram://";
    if (unixDgram)
        spec += dir.filePath("srv").toStdString();
    EventWaiter w;
    auto srv = startDatagram(w, spec, ResponderSpec::Kind::None);
    const auto *l = w.waitBody<ev::Listening>();
    QVERIFY(l);
    const Address local = l->local;
    auto peer = [&](const char *name) {
        const int fd = ::socket(local.family(), SOCK_DGRAM | SOCK_CLOEXEC, 0);
        Address a = unixDgram ? Address::unixPath(dir.filePath(name).toStdString())
                              : Address::ip(local.family() == AF_INET6 ? "::1" : "127.0.0.1", 0);
        ::bind(fd, a.sockaddrPtr(), a.length());
        timeval tv {5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        return fd;
    };
    const int first = peer("first");
    const int second = peer("second");
    QCOMPARE(::sendto(first, "one", 3, 0, local.sockaddrPtr(), local.length()), ssize_t(3));
    QVERIFY(w.waitFor([](const Event &e) { return sbtest::isData(e, Direction::In); }));
    QCOMPARE(::sendto(second, "two", 3, 0, local.sockaddrPtr(), local.length()), ssize_t(3));
    QVERIFY(w.waitFor([](const Event &e) {
        const auto *d = e.as<ev::Data>();
        return d && d->dir == Direction::In && *d->bytes == "two";
    }));

    srv->send(0, makeBytes(std::string_view("back")), 0, std::nullopt);
    char buf[16] = {};
    QCOMPARE(::recv(second, buf, sizeof buf, 0), ssize_t(4));
    QCOMPARE(std::string(buf, 4), std::string("back"));
    QCOMPARE(::recv(first, buf, sizeof buf, MSG_DONTWAIT), ssize_t(-1));
    QCOMPARE(errno, EAGAIN);
    ::close(first);
    ::close(second);
}

void tst_DatagramEndpoint::noSenderYetIsDestAddrRequired()
{
    EventWaiter w;
    auto srv = startDatagram(w, "udp://127.0.0.1:0", ResponderSpec::Kind::None);
    QVERIFY(w.waitBody<ev::Listening>());
    srv->send(0, makeBytes(std::string_view("nobody")), 0, std::nullopt);
    const Event *err = w.waitFor([](const Event &e) {
        const auto *err = e.as<ev::Error>();
        return err && err->err == EDESTADDRREQ;
    });
    QVERIFY(err);
}

QTEST_GUILESS_MAIN(tst_DatagramEndpoint)
#include "tst_datagramendpoint.moc"
