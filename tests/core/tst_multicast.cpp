// Multicast and broadcast on datagram endpoints, on real sockets: every datagram reaches every
// member on lo, a member that left hears nothing more, SSM takes its one source, broadcast
// needs SO_BROADCAST, and the errnos the kernel gives (IPv6 on lo, leaving a group not joined)
// come as Error events with their trace. Traffic stays on lo: IPv4 groups go out of 127.0.0.1
// with TTL 1; nothing is sent anywhere else.

#include "../support/testregistry.h"
#include "core/net/endpoint.h"
#include "core/text/errnoinfo.h"
#include "eventwaiter.h"

#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>

using namespace sb;
using sbtest::EventWaiter;

namespace {

GroupSpec group(const std::string &text) { return *parseGroupSpec(text); }

/// A UDP socket bound to bind (the group address: a socket on INADDR_ANY would also hear
/// other groups), joined to joins, with IP_MULTICAST_ALL 0: with the kernel's default 1, a
/// socket hears every group some socket of the machine joined, so one that left would still
/// hear its group while another member stays. SO_REUSEADDR lets several bind the group's port.
std::unique_ptr<Endpoint> receiver(EventWaiter &w, const std::string &bind,
                                   std::vector<GroupSpec> joins)
{
    EndpointConfig c;
    c.role = Role::Datagram;
    c.spec = *parseEndpoint(bind);
    c.options.push_back({"SO_REUSEADDR", "1"});
    c.multicast.joins = std::move(joins);
    c.multicast.all = false;
    auto e = Endpoint::create(c, w.sink(), sbtest::registry());
    e->start();
    return e;
}

/// A sender bound to from, whose groups go out of lo (IP_MULTICAST_IF 127.0.0.1), TTL 1, with
/// loop on so that this machine's members hear them.
std::unique_ptr<Endpoint> groupSender(EventWaiter &w, const std::string &from,
                                      bool broadcast = false)
{
    EndpointConfig c;
    c.role = Role::Datagram;
    c.spec = *parseEndpoint(from);
    c.multicast.sendIface = "127.0.0.1";
    c.multicast.ttl = 1;
    c.multicast.loop = true;
    c.multicast.broadcast = broadcast;
    auto e = Endpoint::create(c, w.sink(), sbtest::registry());
    e->start();
    return e;
}

uint16_t boundPort(EventWaiter &w)
{
    const auto *l = w.waitBody<ev::Listening>();
    return l ? l->local.port() : 0;
}

/// The payloads received so far, in order.
std::vector<std::string> received(EventWaiter &w)
{
    std::vector<std::string> out;
    for (const Event &e : w.seen())
        if (const auto *d = e.as<ev::Data>(); d && d->dir == Direction::In && d->bytes)
            out.push_back(*d->bytes);
    return out;
}

bool hasDatagram(const Event &e, const std::string &payload)
{
    const auto *d = e.as<ev::Data>();
    return d && d->dir == Direction::In && d->bytes && *d->bytes == payload;
}

const Event *waitDatagram(EventWaiter &w, const std::string &payload)
{
    return w.waitFor([&](const Event &e) { return hasDatagram(e, payload); });
}

const ev::Error *waitError(EventWaiter &w, const std::string &op)
{
    const Event *e = w.waitFor([&](const Event &e) {
        const auto *err = e.as<ev::Error>();
        return err && err->op == op;
    });
    return e ? e->as<ev::Error>() : nullptr;
}

/// The setsockopt trace record of optname at level, the latest one.
std::shared_ptr<const TraceRecord> setsockoptTrace(EventWaiter &w, int level, int optname)
{
    std::shared_ptr<const TraceRecord> found;
    for (const Event &e : w.seen())
        if (const auto *t = e.as<ev::Trace>(); t && t->record->call == SysCall::Setsockopt
            && t->record->a[0] == level && t->record->a[1] == optname)
            found = t->record;
    return found;
}

const Event *waitOption(EventWaiter &w, const std::string &name)
{
    return w.waitFor([&](const Event &e) {
        const auto *o = e.as<ev::OptionValue>();
        return o && o->name == name && o->err == 0;
    });
}

/// Two members of group g on lo, bound to its one port (a's kernel-chosen one), both joined
/// (their joins come before Listening); the port, 0 on failure.
uint16_t twoMembers(EventWaiter &aw, EventWaiter &bw, const std::string &g,
                    std::unique_ptr<Endpoint> *a, std::unique_ptr<Endpoint> *b)
{
    *a = receiver(aw, "udp://" + g + ":0", {group(g + "%lo")});
    const uint16_t port = boundPort(aw);
    if (port == 0)
        return 0;
    *b = receiver(bw, "udp://" + g + ":" + std::to_string(port), {group(g + "%lo")});
    if (boundPort(bw) != port || !waitOption(aw, "IP_ADD_MEMBERSHIP")
        || !waitOption(bw, "IP_ADD_MEMBERSHIP"))
        return 0;
    return port;
}

Address to(const std::string &host, uint16_t port) { return Address::ip(host, port); }

} // namespace

class tst_Multicast : public QObject
{
    Q_OBJECT
private slots:
    void twoMembersGetEveryDatagram();
    void afterLeaveOnlyTheOtherHears();
    void sourceSpecificJoinTakesThatSourceOnly();
    void broadcastNeedsSoBroadcast();
    void leavingAGroupNotJoinedIsEaddrnotavail();
    void unknownInterfaceIsEnodev();
    void ipv6GroupOnLoopback();
    void traceShowsTheMembershipStruct();
};

void tst_Multicast::twoMembersGetEveryDatagram()
{
    EventWaiter aw, bw, sw;
    const std::string g = "239.255.71.1";
    std::unique_ptr<Endpoint> a, b;
    const uint16_t port = twoMembers(aw, bw, g, &a, &b);
    QVERIFY(port != 0);
    auto s = groupSender(sw, "udp://127.0.0.1:0");
    QVERIFY(boundPort(sw) != 0);

    std::vector<std::string> sent;
    uint64_t bytes = 0;
    for (int i = 0; i < 50; ++i) {
        sent.push_back("datagram " + std::to_string(i) + std::string(size_t(i) * 7, '.'));
        bytes += sent.back().size();
        s->send(0, makeBytes(sent.back()), 0, to(g, port));
    }
    QVERIFY(waitDatagram(aw, sent.back()));
    QVERIFY(waitDatagram(bw, sent.back()));
    QCOMPARE(received(aw), sent);
    QCOMPARE(received(bw), sent);
    for (EventWaiter *w : {&aw, &bw}) {
        uint64_t in = 0; // the real lengths the kernel reported, not only what was kept
        for (const Event &e : w->seen())
            if (const auto *d = e.as<ev::Data>(); d && d->dir == Direction::In)
                in += d->length;
        QCOMPARE(in, bytes);
    }
}

void tst_Multicast::afterLeaveOnlyTheOtherHears()
{
    EventWaiter aw, bw, sw;
    const std::string g = "239.255.71.2";
    std::unique_ptr<Endpoint> a, b;
    const uint16_t port = twoMembers(aw, bw, g, &a, &b);
    QVERIFY(port != 0);
    auto s = groupSender(sw, "udp://127.0.0.1:0");
    s->send(0, makeBytes(std::string("before")), 0, to(g, port));
    QVERIFY(waitDatagram(aw, "before"));
    QVERIFY(waitDatagram(bw, "before"));

    b->changeGroup(group(g + "%lo"), false);
    QVERIFY(waitOption(bw, "IP_DROP_MEMBERSHIP"));
    for (int i = 0; i < 5; ++i)
        s->send(0, makeBytes("after " + std::to_string(i)), 0, to(g, port));
    // The kernel delivers a group's datagram to all its members in one pass: once a has the
    // last one, b would have all of them queued if it were still a member.
    QVERIFY(waitDatagram(aw, "after 4"));
    // b joins again and a sentinel follows: b reads its queue in order, so when the sentinel
    // is read, anything queued before it has been read too.
    b->changeGroup(group(g + "%lo"), true);
    int joins = 0; // the second IP_ADD_MEMBERSHIP: the first was at start
    const Event *rejoined = bw.waitFor([&](const Event &e) {
        const auto *o = e.as<ev::OptionValue>();
        return o && o->name == "IP_ADD_MEMBERSHIP" && ++joins == 2;
    });
    QVERIFY(rejoined);
    s->send(0, makeBytes(std::string("sentinel")), 0, to(g, port));
    QVERIFY(waitDatagram(bw, "sentinel"));
    QCOMPARE(received(bw), (std::vector<std::string> {"before", "sentinel"}));
    QVERIFY(waitDatagram(aw, "sentinel"));
    QCOMPARE(received(aw),
             (std::vector<std::string> {"before", "after 0", "after 1", "after 2", "after 3",
                                        "after 4", "sentinel"}));
}

void tst_Multicast::sourceSpecificJoinTakesThatSourceOnly()
{
    EventWaiter ssmw, anyw, goodw, otherw;
    const std::string g = "239.255.71.3";
    GroupSpec ssm = group(g + "%lo");
    QVERIFY(setGroupSource(ssm, "127.0.0.2"));
    auto anyMember = receiver(anyw, "udp://" + g + ":0", {group(g + "%lo")});
    const uint16_t port = boundPort(anyw);
    QVERIFY(port != 0);
    auto ssmMember = receiver(ssmw, "udp://" + g + ":" + std::to_string(port), {ssm});
    QVERIFY(boundPort(ssmw) == port);
    QVERIFY(waitOption(ssmw, "IP_ADD_SOURCE_MEMBERSHIP"));
    auto other = groupSender(otherw, "udp://127.0.0.1:0");
    auto good = groupSender(goodw, "udp://127.0.0.2:0");
    QVERIFY(boundPort(otherw) != 0);
    QVERIFY(boundPort(goodw) != 0);

    other->send(0, makeBytes(std::string("from 127.0.0.1")), 0, to(g, port));
    // Delivered to the group's members in one pass: the any-source member has it, so the SSM
    // member's queue would too.
    QVERIFY(waitDatagram(anyw, "from 127.0.0.1"));
    good->send(0, makeBytes(std::string("from 127.0.0.2")), 0, to(g, port));
    const Event *got = waitDatagram(ssmw, "from 127.0.0.2");
    QVERIFY(got);
    QCOMPARE(got->as<ev::Data>()->peer.host(), std::string("127.0.0.2"));
    QCOMPARE(received(ssmw), std::vector<std::string> {"from 127.0.0.2"});
    const auto trace = setsockoptTrace(ssmw, IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP);
    QVERIFY(trace);
    QVERIFY2(formatTrace(*trace).find("imr_sourceaddr=inet_addr(\"127.0.0.2\")")
                     != std::string::npos,
             formatTrace(*trace).c_str());
}

void tst_Multicast::broadcastNeedsSoBroadcast()
{
    EventWaiter rw, plainw, bcastw;
    // Bound to the loopback network's broadcast address: it hears broadcasts to its port.
    auto r = receiver(rw, "udp://127.255.255.255:0", {});
    const uint16_t port = boundPort(rw);
    QVERIFY(port != 0);

    auto plain = groupSender(plainw, "udp://127.0.0.1:0");
    plain->send(0, makeBytes(std::string("refused")), 0, to("127.255.255.255", port));
    const ev::Error *err = waitError(plainw, "sendto");
    QVERIFY(err);
    QCOMPARE(err->err, EACCES);
    QVERIFY2(err->detail.find("SO_BROADCAST") != std::string::npos, err->detail.c_str());
    bool traced = false;
    for (const Event &e : plainw.seen())
        if (const auto *t = e.as<ev::Trace>(); t && t->record->call == SysCall::Sendto)
            traced = t->record->result == -1 && t->record->err == EACCES;
    QVERIFY(traced);

    auto bcast = groupSender(bcastw, "udp://127.0.0.1:0", true);
    bcast->send(0, makeBytes(std::string("delivered")), 0, to("127.255.255.255", port));
    const Event *got = waitDatagram(rw, "delivered");
    QVERIFY(got);
    QCOMPARE(received(rw), std::vector<std::string> {"delivered"});
    const auto so = setsockoptTrace(bcastw, SOL_SOCKET, SO_BROADCAST);
    QVERIFY(so);
    QCOMPARE(so->result, int64_t(0));
}

void tst_Multicast::leavingAGroupNotJoinedIsEaddrnotavail()
{
    EventWaiter w;
    auto r = receiver(w, "udp://239.255.71.4:0", {});
    QVERIFY(boundPort(w) != 0);
    r->changeGroup(group("239.255.71.4%lo"), false);
    const ev::Error *err = waitError(w, "leave");
    QVERIFY(err);
    QCOMPARE(err->err, EADDRNOTAVAIL);
    QCOMPARE(std::string(errnoCause("leave", EADDRNOTAVAIL)),
             std::string("this socket has not joined that group on that interface"));
    const auto trace = setsockoptTrace(w, IPPROTO_IP, IP_DROP_MEMBERSHIP);
    QVERIFY(trace);
    QCOMPARE(trace->err, EADDRNOTAVAIL);
}

void tst_Multicast::unknownInterfaceIsEnodev()
{
    EventWaiter w;
    auto r = receiver(w, "udp://239.255.71.5:0", {group("239.255.71.5%sbnosuch0")});
    const ev::Error *err = waitError(w, "join");
    QVERIFY(err);
    QCOMPARE(err->err, ENODEV);
    QVERIFY2(err->detail.find("sbnosuch0") != std::string::npos, err->detail.c_str());
}

void tst_Multicast::ipv6GroupOnLoopback()
{
    // lo has no IFF_MULTICAST. Joining ff15::/16 on it is what the kernel allows or refuses;
    // sending a group out of lo is refused with ENETUNREACH, and the error says why.
    EventWaiter rw, sw;
    auto r = receiver(rw, "udp://[::1]:0", {group("ff15::7171%lo")});
    const uint16_t port = boundPort(rw); // the joins come before Listening
    QVERIFY(port != 0);
    const auto join = setsockoptTrace(rw, IPPROTO_IPV6, IPV6_JOIN_GROUP);
    QVERIFY(join);
    QVERIFY2(formatTrace(*join).find("inet_pton(AF_INET6, \"ff15::7171\", &ipv6mr_multiaddr), "
                                     "ipv6mr_interface=if_nametoindex(\"lo\")")
                     != std::string::npos,
             formatTrace(*join).c_str());
    // Reported as the kernel answered (this machine's kernel accepts it: 0): an OptionValue
    // on success, else an Error of op "join" with the trace's errno.
    if (join->result == 0) {
        const Event *ok = waitOption(rw, "IPV6_JOIN_GROUP");
        QVERIFY(ok);
        QCOMPARE(ok->as<ev::OptionValue>()->value, std::string("ff15::7171%lo"));
    } else {
        const ev::Error *refused = waitError(rw, "join");
        QVERIFY(refused);
        QCOMPARE(refused->err, join->err);
    }

    EndpointConfig c;
    c.role = Role::Datagram;
    c.spec = *parseEndpoint("udp://[::1]:0");
    c.multicast.sendIface = "lo";
    c.multicast.ttl = 1;
    c.multicast.loop = true;
    auto s = Endpoint::create(c, sw.sink(), sbtest::registry());
    s->start();
    QVERIFY(boundPort(sw) != 0);
    s->send(0, makeBytes(std::string("v6")), 0, to("ff15::7171", port));
    const ev::Error *err = waitError(sw, "sendto");
    QVERIFY(err);
    QCOMPARE(err->err, ENETUNREACH);
    QVERIFY2(err->detail.find("IFF_MULTICAST") != std::string::npos, err->detail.c_str());
}

void tst_Multicast::traceShowsTheMembershipStruct()
{
    EventWaiter w;
    auto r = receiver(w, "udp://239.255.71.6:0", {group("239.255.71.6%lo")});
    QVERIFY(waitOption(w, "IP_ADD_MEMBERSHIP"));
    const auto trace = setsockoptTrace(w, IPPROTO_IP, IP_ADD_MEMBERSHIP);
    QVERIFY(trace);
    const std::string line = formatTrace(*trace);
    QVERIFY2(line.starts_with("setsockopt(") && line.ends_with(") = 0"), line.c_str());
    QVERIFY2(line.find("SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"239.255.71.6\"), "
                       "imr_address=inet_addr(\"127.0.0.1\"), "
                       "imr_ifindex=if_nametoindex(\"lo\")}, 12)")
                     != std::string::npos,
             line.c_str());
}

QTEST_GUILESS_MAIN(tst_Multicast)
#include "tst_multicast.moc"
