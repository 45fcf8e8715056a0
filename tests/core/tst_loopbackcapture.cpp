// LoopbackCapture on real loopback traffic of the workbench's own endpoints: each packet fact
// the course teaches, seen on lo and ordered against the traced calls — the SYN before
// connect() returns, the SYN-ACK before accept() does, RST,ACK for a refused connect, a FIN
// for shutdown(SHUT_WR) and a peer's recv of 0, RST for a close with unread data, ICMP port
// unreachable and then ECONNREFUSED for UDP — and the TCP states the segments give, compared
// with what `ss -tan` prints for the same sockets. Capturing needs CAP_NET_RAW: as root (CI)
// the test runs where it is; otherwise main() first moves it into the lab (user + network
// namespace), as `sockbench --lab` does.

#include "../support/capturelab.h"
#include "../support/posixsockets.h"
#include "../support/processrun.h"
#include "../support/requiretool.h"
#include "../support/testregistry.h"
#include "core/capture/labnamespace.h"
#include "core/capture/loopbackcapture.h"
#include "core/capture/packetcauses.h"
#include "core/capture/tcpstates.h"
#include "core/net/endpoint.h"
#include "eventwaiter.h"

#include <QCoreApplication>
#include <QTest>

#include <cstdio>
#include <functional>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/socket.h>

using namespace sb;
using sbtest::EventWaiter;

namespace {

EndpointConfig clientConfig(const std::string &endpoint)
{
    EndpointConfig c;
    c.role = Role::Client;
    c.spec = *parseEndpoint(endpoint);
    c.trace = true;
    return c;
}

const ev::Packet *packetOf(const Event *e) { return e ? e->as<ev::Packet>() : nullptr; }

/// Waits for a captured packet that pred accepts.
const ev::Packet *waitPacket(EventWaiter &w, const std::function<bool(const Packet &)> &pred)
{
    return packetOf(w.waitFor([&](const Event &e) {
        const auto *p = e.as<ev::Packet>();
        return p && pred(*p->packet);
    }));
}

/// Waits for the trace record of call by endpoint (with a result >= 0 when ok).
const TraceRecord *waitCall(EventWaiter &w, EndpointId endpoint, SysCall call, bool ok = false)
{
    const Event *e = w.waitFor([&](const Event &e) {
        const auto *t = e.as<ev::Trace>();
        return t && t->record && t->record->endpoint == endpoint && t->record->call == call
                && (!ok || t->record->result >= 0);
    });
    return e ? e->as<ev::Trace>()->record.get() : nullptr;
}

// The tests' sockets are on 127.0.0.1: a port filter also keeps another program's packets
// between [::1] sockets that happen to have the same port number.
bool onV4Loopback(const Packet &p)
{
    return p.src.host() == "127.0.0.1" && p.dst.host() == "127.0.0.1";
}

bool tcpFrom(const Packet &p, uint16_t port, uint8_t flags)
{
    return p.proto == PacketProto::Tcp && onV4Loopback(p) && p.src.port() == port
            && p.tcpFlags == flags;
}

bool tcpTo(const Packet &p, uint16_t port, uint8_t flags)
{
    return p.proto == PacketProto::Tcp && onV4Loopback(p) && p.dst.port() == port
            && p.tcpFlags == flags;
}

/// The State column `ss -tan` prints for the socket local -> peer; "" when it lists none.
QString ssState(const Address &local, const Address &peer)
{
    const sbtest::Run r = sbtest::run(QStringLiteral("ss"), {QStringLiteral("-tan")});
    for (const QString &line : r.out.split(QLatin1Char('\n'))) {
        const QStringList f = line.simplified().split(QLatin1Char(' '));
        if (f.size() >= 5 && f[3] == QString::fromStdString(local.toString())
            && f[4] == QString::fromStdString(peer.toString()))
            return f[0];
    }
    return {};
}

/// A blocking accept with a time limit, on a listener made by sbtest::bindInet.
int acceptWithin(int listener, int ms)
{
    timeval tv {ms / 1000, (ms % 1000) * 1000};
    ::setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

} // namespace

class TstLoopbackCapture : public QObject
{
    Q_OBJECT

private slots:
    void synBeforeConnectReturnsAndSynAckBeforeAccept()
    {
        EventWaiter w;
        EndpointConfig sc;
        sc.role = Role::Server;
        sc.spec = *parseEndpoint("tcp://127.0.0.1:0");
        auto server = Endpoint::create(sc, w.sink(), sbtest::registry());
        server->start();
        const auto *listening = w.waitBody<ev::Listening>();
        QVERIFY(listening);
        const uint16_t port = listening->local.port();

        // Only the server's port: a datagram to another port before the connect is not kept.
        LoopbackCapture capture(w.sink());
        QCOMPARE(capture.start({.ports = {port}}), 0);
        const int other = sbtest::bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1");
        const uint16_t otherPort = sbtest::localPort(other);
        sockaddr_storage to;
        const socklen_t toLen = sbtest::fillInet(&to, AF_INET, "127.0.0.1", otherPort);
        QCOMPARE(::sendto(other, "x", 1, 0, reinterpret_cast<sockaddr *>(&to), toLen), ssize_t(1));

        auto client = Endpoint::create(clientConfig("tcp://127.0.0.1:" + std::to_string(port)),
                                       w.sink(), sbtest::registry());
        client->start();
        const ev::Packet *syn
                = waitPacket(w, [&](const Packet &p) { return tcpTo(p, port, tcpflag::kSyn); });
        QVERIFY(syn);
        const ev::Packet *synAck = waitPacket(w, [&](const Packet &p) {
            return tcpFrom(p, port, tcpflag::kSyn | tcpflag::kAck);
        });
        QVERIFY(synAck);
        const TraceRecord *connect = waitCall(w, client->id(), SysCall::Connect);
        QVERIFY(connect);
        const TraceRecord *accept = waitCall(w, server->id(), SysCall::Accept4, true);
        QVERIFY(accept);
        QVERIFY2(syn->packet->monoNs < connect->monoNs, "the SYN left before connect() returned");
        QVERIFY2(synAck->packet->monoNs < accept->monoNs,
                 "the SYN-ACK was on the wire before accept() returned");
        // The handshake's options as Linux sends them on lo, numbers relative to each ISN.
        QCOMPARE(syn->packet->options.mss, 65495);
        QVERIFY(syn->packet->options.sackPermitted);
        QVERIFY(syn->packet->options.timestamps);
        QVERIFY(syn->packet->options.windowScale >= 0);
        QCOMPARE(syn->packet->relSeq, 0u);
        QCOMPARE(synAck->packet->relAck, 1u);
        QVERIFY(waitPacket(w, [&](const Packet &p) { return tcpTo(p, port, tcpflag::kAck); }));

        capture.stop();
        for (const Event &e : w.seen()) {
            const auto *p = e.as<ev::Packet>();
            QVERIFY(!p || !onV4Loopback(*p->packet)
                    || (p->packet->src.port() != otherPort && p->packet->dst.port() != otherPort));
        }
        // The cause of the SYN is the connect() it left during.
        PacketCauses causes;
        for (const Event &e : w.seen())
            causes.observe(e);
        std::vector<Event> released;
        causes.releaseAll(released);
        bool named = false;
        for (const Event &e : released) {
            const auto &p = *e.as<ev::Packet>();
            if (tcpTo(*p.packet, port, tcpflag::kSyn)) {
                QVERIFY(p.cause);
                QCOMPARE(p.cause->call, SysCall::Connect);
                QCOMPARE(e.endpoint, client->id());
                named = true;
            }
        }
        QVERIFY(named);
        ::close(other);
    }

    void refusedConnectShowsRstAck()
    {
        EventWaiter w;
        sbtest::RefusingPort refusing;
        QVERIFY(refusing.port);
        LoopbackCapture capture(w.sink());
        QCOMPARE(capture.start({.ports = {refusing.port}}), 0);
        auto client
                = Endpoint::create(clientConfig("tcp://127.0.0.1:" + std::to_string(refusing.port)),
                                   w.sink(), sbtest::registry());
        client->start();
        const auto *error = w.waitBody<ev::Error>();
        QVERIFY(error);
        QCOMPARE(error->err, ECONNREFUSED);
        QVERIFY(waitPacket(
                w, [&](const Packet &p) { return tcpTo(p, refusing.port, tcpflag::kSyn); }));
        const ev::Packet *rst = waitPacket(w, [&](const Packet &p) {
            return tcpFrom(p, refusing.port, tcpflag::kRst | tcpflag::kAck);
        });
        QVERIFY(rst);
        QCOMPARE(rst->packet->relAck, 1u); // it acknowledges the SYN
    }

    void shutdownWrSendsFinAndStatesMatchSs()
    {
        SB_REQUIRE_TOOL("ss", "iproute2");
        EventWaiter w;
        const int listener = sbtest::bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 4);
        QVERIFY(listener >= 0);
        const uint16_t port = sbtest::localPort(listener);
        LoopbackCapture capture(w.sink());
        QCOMPARE(capture.start({.ports = {port}}), 0);
        auto client = Endpoint::create(clientConfig("tcp://127.0.0.1:" + std::to_string(port)),
                                       w.sink(), sbtest::registry());
        client->start();
        const Event *opened = w.waitKind<ev::Opened>();
        QVERIFY(opened);
        const Address clientAddr = opened->as<ev::Opened>()->local;
        const Address serverAddr = opened->as<ev::Opened>()->peer;
        const ConnId conn = opened->conn;
        const int accepted = acceptWithin(listener, 10000);
        QVERIFY(accepted >= 0);

        TcpStates states;
        const auto applyPackets = [&] {
            for (const Event &e : w.seen())
                if (const auto *p = e.as<ev::Packet>())
                    states.apply(*p->packet);
        };
        QVERIFY(waitPacket(w, [&](const Packet &p) { return tcpTo(p, port, tcpflag::kAck); }));
        applyPackets();
        QCOMPARE(QString::fromStdString(states.stateOf(clientAddr, serverAddr)), QString("ESTAB"));
        QCOMPARE(ssState(clientAddr, serverAddr), QString("ESTAB"));

        client->shutdown(conn, SHUT_WR);
        const ev::Packet *fin = waitPacket(
                w, [&](const Packet &p) { return tcpTo(p, port, tcpflag::kFin | tcpflag::kAck); });
        QVERIFY(fin);
        const TraceRecord *shutdown = waitCall(w, client->id(), SysCall::Shutdown);
        QVERIFY(shutdown);
        QVERIFY2(fin->packet->monoNs < shutdown->monoNs, "the FIN left inside shutdown()");
        char c;
        QCOMPARE(::recv(accepted, &c, 1, 0), ssize_t(0)); // the peer reads end of file
        // The server's ACK of the FIN: the client is in FIN-WAIT-2, the server in CLOSE-WAIT.
        QVERIFY(waitPacket(w, [&](const Packet &p) {
            return tcpFrom(p, port, tcpflag::kAck) && p.relAck == fin->packet->relSeq + 1;
        }));
        applyPackets();
        QCOMPARE(QString::fromStdString(states.stateOf(clientAddr, serverAddr)),
                 QString("FIN-WAIT-2"));
        QCOMPARE(ssState(clientAddr, serverAddr), QString("FIN-WAIT-2"));
        QCOMPARE(QString::fromStdString(states.stateOf(serverAddr, clientAddr)),
                 QString("CLOSE-WAIT"));
        QCOMPARE(ssState(serverAddr, clientAddr), QString("CLOSE-WAIT"));

        // The server closes too: the client, which closed first, waits in TIME-WAIT.
        ::close(accepted);
        QVERIFY(waitPacket(w, [&](const Packet &p) {
            return tcpFrom(p, port, tcpflag::kFin | tcpflag::kAck);
        }));
        QVERIFY(waitPacket(w, [&](const Packet &p) {
            return tcpTo(p, port, tcpflag::kAck) && p.relSeq == fin->packet->relSeq + 1;
        }));
        applyPackets();
        QCOMPARE(QString::fromStdString(states.stateOf(clientAddr, serverAddr)),
                 QString("TIME-WAIT"));
        client->close(conn);
        QVERIFY(w.waitKind<ev::Closed>(conn));
        QTRY_COMPARE(ssState(clientAddr, serverAddr), QString("TIME-WAIT"));
        ::close(listener);
    }

    void closeWithUnreadDataSendsRst()
    {
        EventWaiter w;
        const int listener = sbtest::bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 4);
        const uint16_t port = sbtest::localPort(listener);
        LoopbackCapture capture(w.sink());
        QCOMPARE(capture.start({.ports = {port}}), 0);
        auto client = Endpoint::create(clientConfig("tcp://127.0.0.1:" + std::to_string(port)),
                                       w.sink(), sbtest::registry());
        client->start();
        const Event *opened = w.waitKind<ev::Opened>();
        QVERIFY(opened);
        const int accepted = acceptWithin(listener, 10000);
        QVERIFY(accepted >= 0);
        client->send(opened->conn, makeBytes(std::string("never read")));
        QVERIFY(waitPacket(w, [&](const Packet &p) {
            return p.proto == PacketProto::Tcp && onV4Loopback(p) && p.dst.port() == port
                    && p.payloadLength == 10;
        }));
        // The data sits in the server's receive queue: close() discards it with a RST, not a FIN.
        ::close(accepted);
        QVERIFY(waitPacket(w, [&](const Packet &p) {
            return p.proto == PacketProto::Tcp && onV4Loopback(p) && p.src.port() == port
                    && (p.tcpFlags & tcpflag::kRst);
        }));
        for (const Event &e : w.seen()) {
            const auto *p = e.as<ev::Packet>();
            QVERIFY2(!p || !onV4Loopback(*p->packet)
                             || !(p->packet->src.port() == port
                                  && (p->packet->tcpFlags & tcpflag::kFin)),
                     "no FIN from the server");
        }
        ::close(listener);
    }

    void udpToClosedPortIcmpThenEconnrefused()
    {
        EventWaiter w;
        // A port nobody holds: bound by the test, then let go.
        const int probe = sbtest::bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1");
        const uint16_t port = sbtest::localPort(probe);
        ::close(probe);
        LoopbackCapture capture(w.sink());
        QCOMPARE(capture.start({.ports = {port}}), 0);
        EndpointConfig c;
        c.role = Role::Datagram;
        c.remote = *parseEndpoint("udp://127.0.0.1:" + std::to_string(port));
        c.spec.transport = Transport::Udp;
        c.connectDatagram = true;
        c.bindDatagram = false;
        auto udp = Endpoint::create(c, w.sink(), sbtest::registry());
        udp->start();
        udp->send(0, makeBytes(std::string("ping")));
        QVERIFY(waitPacket(w, [&](const Packet &p) {
            return p.proto == PacketProto::Udp && onV4Loopback(p) && p.dst.port() == port
                    && p.payloadLength == 4;
        }));
        const ev::Packet *icmp = waitPacket(w, [&](const Packet &p) {
            return p.proto == PacketProto::Icmp && p.icmpType == 3 && p.icmpCode == 3 && p.hasInner
                    && p.innerDst.port() == port;
        });
        QVERIFY(icmp);
        const Event *refused = w.waitFor([](const Event &e) {
            const auto *err = e.as<ev::Error>();
            return err && err->err == ECONNREFUSED;
        });
        QVERIFY2(refused, "the next call on the socket says ECONNREFUSED");
        QVERIFY(icmp->packet->monoNs < refused->monoNs);
    }
};

int main(int argc, char **argv)
{
    sbtest::enterLabToCapture("tst_loopbackcapture");
    QCoreApplication app(argc, argv);
    TstLoopbackCapture test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_loopbackcapture.moc"
