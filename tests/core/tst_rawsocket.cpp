// RawSocket on real sockets: one traced call per method, blocking on the worker only.
#include "core/demo/rawsocket.h"
#include "eventwaiter.h"

#include <QElapsedTimer>
#include <QTest>

#include <cerrno>

#include <netinet/in.h>
#include <sys/socket.h>

using namespace sb;
using namespace sbtest;

namespace {

/// The Done event of the next call named op (after the ones already matched).
const ev::CallDone *waitDone(EventWaiter &w, const std::string &op, int *cursor)
{
    int seen = 0;
    return body<ev::CallDone>(w.waitFor([&](const Event &e) {
        if (!isDone(e, op))
            return false;
        return seen++ >= *cursor ? (++*cursor, true) : false;
    }));
}

std::vector<std::string> calls(EventWaiter &w, EndpointId id)
{
    std::vector<std::string> out;
    for (const Event &e : w.seen())
        if (e.is<ev::Trace>() && e.endpoint == id)
            out.push_back(sysCallName(e.as<ev::Trace>()->record->call));
    return out;
}

/// A listening raw socket on 127.0.0.1 with a kernel-chosen port; returns the port.
uint16_t listenOn(RawSocket &server, EventWaiter &w, int backlog)
{
    server.socket(AF_INET, SOCK_STREAM);
    server.bind(0, Address::ip("127.0.0.1", 0));
    server.listen(0, backlog);
    const auto *bound = body<ev::CallDone>(w.waitFor(
            [&](const Event &e) { return isDone(e, "bind") && e.endpoint == server.id(); }));
    if (!bound || !bound->local.valid())
        return 0;
    w.waitFor([&](const Event &e) { return isDone(e, "listen") && e.endpoint == server.id(); });
    return bound->local.port();
}

} // namespace

class tst_RawSocket : public QObject
{
    Q_OBJECT

private slots:
    void echoDialogOneCallAtATime();
    void recvTimeoutGivesEagain();
    void connectionRefused();
    void connectTimesOutOnFullBacklog();
    void cancelWakesBlockedAccept();
    void socketpairBothWays();
    void outOfBandByte();
    void unknownHandleIsEbadf();
};

void tst_RawSocket::echoDialogOneCallAtATime()
{
    EventWaiter w;
    RawSocket server(w.sink(), "server");
    RawSocket client(w.sink(), "client");
    const uint16_t port = listenOn(server, w, 5);
    QVERIFY(port != 0);
    server.accept(0);
    client.socket(AF_INET, SOCK_STREAM);
    client.connect(0, Address::ip("127.0.0.1", port), 0);
    const auto *accepted = body<ev::CallDone>(w.waitFor(
            [&](const Event &e) { return isDone(e, "accept") && e.endpoint == server.id(); }));
    QVERIFY(accepted);
    QCOMPARE(accepted->err, 0);
    const ConnId conn = ConnId(accepted->result);
    QCOMPARE(conn, ConnId(1));
    QCOMPARE(accepted->peer.host(), std::string("127.0.0.1"));

    client.send(0, makeBytes(std::string("hello\n")), 0);
    server.recv(conn, 100, 0);
    QVERIFY(w.waitFor(
            [&](const Event &e) { return isData(e, Direction::In) && e.endpoint == server.id(); }));
    QCOMPARE(w.received(conn), std::string("hello\n"));

    client.close(0);
    server.recv(conn, 100, 0);
    const Event *eof = w.waitFor(
            [&](const Event &e) { return e.is<ev::PeerEof>() && e.endpoint == server.id(); });
    QVERIFY(eof);
    QCOMPARE(eof->conn, conn);

    // The peer may see the EOF before close() returns on the client's worker: wait for it.
    QVERIFY(w.waitFor(
            [&](const Event &e) { return isDone(e, "close") && e.endpoint == client.id(); }));
    // The course's order, one call per method, on the server; and the client's.
    const std::vector<std::string> serverCalls
            = {"socket", "bind", "listen", "accept4", "recv", "recv"};
    QCOMPARE(calls(w, server.id()), serverCalls);
    const std::vector<std::string> clientCalls = {"socket", "connect", "send", "close"};
    QCOMPARE(calls(w, client.id()), clientCalls);
    QTRY_COMPARE(server.pending(), 0);
}

void tst_RawSocket::recvTimeoutGivesEagain()
{
    EventWaiter w;
    RawSocket server(w.sink());
    RawSocket client(w.sink());
    const uint16_t port = listenOn(server, w, 5);
    QVERIFY(port);
    server.accept(0);
    client.socket(AF_INET, SOCK_STREAM);
    client.connect(0, Address::ip("127.0.0.1", port), 0);
    client.setOption(0, {"SO_RCVTIMEO", "200"});
    client.recv(0, 100, 0);
    // The caller's thread is never blocked: the recv waits on the worker.
    QCOMPARE(client.pending() > 0, true);
    const auto *err = body<ev::Error>(w.waitFor(
            [&](const Event &e) { return e.is<ev::Error>() && e.endpoint == client.id(); }));
    QVERIFY(err);
    QCOMPARE(err->op, std::string("recv"));
    QCOMPARE(err->err, EAGAIN);
}

void tst_RawSocket::connectionRefused()
{
    EventWaiter w;
    RawSocket probe(w.sink());
    probe.socket(AF_INET, SOCK_STREAM);
    probe.bind(0, Address::ip("127.0.0.1", 0));
    const auto *bound = w.waitBody<ev::CallDone>();
    QVERIFY(bound && bound->op == "socket");
    bound = body<ev::CallDone>(w.waitFor([](const Event &e) { return isDone(e, "bind"); }));
    QVERIFY(bound);
    const uint16_t port = bound->local.port();
    probe.close(0);
    QVERIFY(w.waitFor([](const Event &e) { return isDone(e, "close"); }));

    RawSocket client(w.sink());
    client.socket(AF_INET, SOCK_STREAM);
    client.connect(0, Address::ip("127.0.0.1", port), 0);
    const auto *err = body<ev::Error>(w.waitFor(
            [&](const Event &e) { return e.is<ev::Error>() && e.endpoint == client.id(); }));
    QVERIFY(err);
    QCOMPARE(err->op, std::string("connect"));
    QCOMPARE(err->err, ECONNREFUSED);
    const Event *trace = w.waitFor([&](const Event &e) {
        return isTraceOf(e, SysCall::Connect) && e.endpoint == client.id();
    });
    QVERIFY(trace);
    QCOMPARE(trace->as<ev::Trace>()->record->err, ECONNREFUSED);
}

void tst_RawSocket::connectTimesOutOnFullBacklog()
{
    EventWaiter w;
    RawSocket full(w.sink());
    const uint16_t port = listenOn(full, w, 0);
    QVERIFY(port);
    RawSocket first(w.sink());
    first.socket(AF_INET, SOCK_STREAM);
    first.connect(0, Address::ip("127.0.0.1", port), 5000);
    const auto *opened = body<ev::CallDone>(w.waitFor(
            [&](const Event &e) { return isDone(e, "connect") && e.endpoint == first.id(); }));
    QVERIFY(opened);
    QCOMPARE(opened->err, 0);

    RawSocket late(w.sink());
    late.socket(AF_INET, SOCK_STREAM);
    late.connect(0, Address::ip("127.0.0.1", port), 300);
    const auto *err = body<ev::Error>(w.waitFor(
            [&](const Event &e) { return e.is<ev::Error>() && e.endpoint == late.id(); }));
    QVERIFY(err);
    QCOMPARE(err->err, ETIMEDOUT);
}

void tst_RawSocket::cancelWakesBlockedAccept()
{
    EventWaiter w;
    auto server = std::make_unique<RawSocket>(w.sink());
    QVERIFY(listenOn(*server, w, 5));
    server->accept(0);
    server->recv(0, 10, 0); // queued behind the accept: must never run
    QTRY_VERIFY(w.waitFor([&](const Event &e) { return isTraceOf(e, SysCall::Listen); }));
    server->cancel();
    server.reset(); // joins: the blocked accept was woken
    for (const Event &e : w.seen())
        QVERIFY(!(isTraceOf(e, SysCall::Recv)));
}

void tst_RawSocket::socketpairBothWays()
{
    EventWaiter w;
    RawSocket pair(w.sink());
    pair.socketpair(SOCK_STREAM);
    const auto *made = w.waitBody<ev::CallDone>();
    QVERIFY(made);
    QCOMPARE(made->op, std::string("socketpair"));
    const ConnId left = ConnId(made->result);
    const ConnId right = left + 1;
    pair.send(left, makeBytes(std::string("ping")), 0);
    pair.recv(right, 100, 0);
    pair.send(right, makeBytes(std::string("pong")), 0);
    pair.recv(left, 100, 0);
    int cursor = 0;
    QVERIFY(waitDone(w, "recv", &cursor));
    QVERIFY(waitDone(w, "recv", &cursor));
    QCOMPARE(w.received(right), std::string("ping"));
    QCOMPARE(w.received(left), std::string("pong"));
}

void tst_RawSocket::outOfBandByte()
{
    EventWaiter w;
    RawSocket server(w.sink());
    RawSocket client(w.sink());
    const uint16_t port = listenOn(server, w, 5);
    server.accept(0);
    client.socket(AF_INET, SOCK_STREAM);
    client.connect(0, Address::ip("127.0.0.1", port), 0);
    client.send(0, makeBytes(std::string("data")), 0);
    client.send(0, makeBytes(std::string("!")), MSG_OOB);
    int sends = 0;
    QVERIFY(waitDone(w, "send", &sends));
    QVERIFY(waitDone(w, "send", &sends));
    server.recv(1, 1, MSG_OOB);
    server.recv(1, 100, 0);
    int recvs = 0;
    const auto *oob = waitDone(w, "recv", &recvs);
    QVERIFY(oob);
    QCOMPARE(oob->err, 0);
    QCOMPARE(oob->result, int64_t(1));
    QVERIFY(waitDone(w, "recv", &recvs));
    std::string urgent;
    std::string normal;
    for (const Event &e : w.seen())
        if (const auto *d = e.as<ev::Data>(); d && d->dir == Direction::In)
            ((d->flags & MSG_OOB) ? urgent : normal) += view(d->bytes);
    QCOMPARE(urgent, std::string("!"));
    QCOMPARE(normal, std::string("data"));
}

void tst_RawSocket::unknownHandleIsEbadf()
{
    EventWaiter w;
    RawSocket raw(w.sink());
    raw.listen(0, 5); // no socket() yet
    const auto *err = w.waitBody<ev::Error>();
    QVERIFY(err);
    QCOMPARE(err->op, std::string("listen"));
    QCOMPARE(err->err, EBADF);
    QVERIFY(w.waitKind<ev::CallDone>());
}

QTEST_GUILESS_MAIN(tst_RawSocket)
#include "tst_rawsocket.moc"
