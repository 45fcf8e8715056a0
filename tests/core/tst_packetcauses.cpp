// PacketCauses: which call caused a packet, decided from tables of events (trace records,
// packets) with made-up times: the sending socket's call that was running, else the call a
// kernel's immediate answer answers, else the last call before; none for another program's.

#include "core/capture/packetcauses.h"

#include <QTest>

#include <sys/socket.h>

using namespace sb;

namespace {

constexpr EndpointId kClient = 7;

Event traceAt(int64_t t, SysCall call, int fd, int64_t result, Address addr = {})
{
    auto r = std::make_shared<TraceRecord>();
    r->monoNs = t;
    r->endpoint = kClient;
    r->call = call;
    r->fd = fd;
    r->result = result;
    r->addr = addr;
    if (call == SysCall::Socket) {
        r->a[0] = AF_INET;
        r->a[1] = SOCK_STREAM;
    }
    Event e(0, ev::Trace {r});
    e.monoNs = t;
    e.endpoint = kClient;
    return e;
}

Event packetAt(int64_t t, uint16_t from, uint16_t to, uint8_t flags, uint32_t length = 0)
{
    auto p = std::make_shared<Packet>();
    p->monoNs = t;
    p->ipVersion = 4;
    p->proto = PacketProto::Tcp;
    p->src = Address::ip("127.0.0.1", from);
    p->dst = Address::ip("127.0.0.1", to);
    p->tcpFlags = flags;
    p->payloadLength = length;
    Event e(0, ev::Packet {p, nullptr});
    e.monoNs = t;
    return e;
}

/// The call named as each packet's cause, in order ("-" for none).
QStringList causes(const std::vector<Event> &events)
{
    PacketCauses c(0);
    for (const Event &e : events)
        c.observe(e);
    std::vector<Event> out;
    c.releaseAll(out);
    QStringList names;
    for (const Event &e : out) {
        const auto &p = *e.as<ev::Packet>();
        names << (p.cause ? QString::fromLatin1(sysCallName(p.cause->call)) : QStringLiteral("-"));
    }
    return names;
}

} // namespace

class TstPacketCauses : public QObject
{
    Q_OBJECT

private slots:
    void rules()
    {
        const Address server = Address::ip("127.0.0.1", 5000);
        const std::vector<Event> events = {
                traceAt(100, SysCall::Socket, -1, 5),
                // The SYN leaves inside connect(), which returns after it: the sending socket's.
                packetAt(200, 40000, 5000, tcpflag::kSyn),
                // The SYN-ACK answers at once, inside the same connect(): the receiver's call.
                packetAt(210, 5000, 40000, tcpflag::kSyn | tcpflag::kAck),
                traceAt(300, SysCall::Connect, 5, -1, server),
                traceAt(350, SysCall::Send, 5, 5),
                // The peer's data is its own: not connect's nor the later recv's; the last call
                // before it is the send it echoes.
                packetAt(400, 5000, 40000, tcpflag::kPsh | tcpflag::kAck, 5),
                traceAt(450, SysCall::Recv, 5, 5),
                // Another program's packet on lo: no socket of ours has these ports.
                packetAt(500, 41000, 6000, tcpflag::kSyn),
                // Long after any call: the kernel's own, told by the last call before it.
                packetAt(100'000'000, 40000, 5000, tcpflag::kAck),
        };
        QCOMPARE(causes(events), (QStringList {"connect", "connect", "send", "-", "recv"}));
    }

    void synBeforeItsAcceptedSocketAndALateConnect()
    {
        const Address server = Address::ip("127.0.0.1", 5000);
        const int64_t ms = 1'000'000;
        const std::vector<Event> events = {
                traceAt(100, SysCall::Socket, -1, 3),
                traceAt(110, SysCall::Bind, 3, 0, server),
                traceAt(120, SysCall::Listen, 3, 0),
                traceAt(130, SysCall::Socket, -1, 5),
                packetAt(200, 40000, 5000, tcpflag::kSyn),
                // connect() returns 50 ms after its SYN (a busy machine), and accept() returns
                // later still: the accepted socket matches both ends of the SYN but did not
                // exist when it left; the client's own port is not known yet.
                traceAt(200 + 50 * ms, SysCall::Connect, 5, -1, server),
                traceAt(200 + 60 * ms, SysCall::Accept4, 3, 6, Address::ip("127.0.0.1", 40000)),
        };
        QCOMPARE(causes(events), (QStringList {"connect"}));
    }

    void heldUntilTheirCallsCanHaveArrived()
    {
        PacketCauses c(60);
        c.observe(traceAt(100, SysCall::Socket, -1, 5));
        QVERIFY(c.observe(packetAt(200, 40000, 5000, tcpflag::kSyn)));
        std::vector<Event> out;
        c.release(250, out);
        QVERIFY(out.empty());
        QCOMPARE(c.held(), size_t(1));
        c.observe(traceAt(240, SysCall::Connect, 5, -1, Address::ip("127.0.0.1", 5000)));
        c.release(261, out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].as<ev::Packet>()->cause->call, SysCall::Connect);
        QCOMPARE(out[0].endpoint, kClient);
    }
};

QTEST_GUILESS_MAIN(TstPacketCauses)
#include "tst_packetcauses.moc"
