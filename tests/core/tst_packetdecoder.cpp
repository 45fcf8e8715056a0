// The packet decoder (core/capture/packetdecoder.h) on frames as lo delivers them: the bytes
// of real loopback segments (a SYN of Linux 6 with its usual options), crafted edge cases
// (every truncation of a frame, IPv6, ICMP errors quoting their packet, malformed options),
// and the relative sequence numbers and TCP states made from decoded packets.

#include "core/capture/packetdecoder.h"
#include "core/capture/tcpsequences.h"
#include "core/capture/tcpstates.h"

#include <QTest>

#include <string>

using namespace sb;

namespace {

std::string bytes(std::initializer_list<int> list)
{
    std::string s;
    for (int b : list)
        s += static_cast<char>(b);
    return s;
}

void put16(std::string &s, size_t at, uint16_t v)
{
    s[at] = char(v >> 8);
    s[at + 1] = char(v & 0xff);
}

void put32(std::string &s, size_t at, uint32_t v)
{
    put16(s, at, uint16_t(v >> 16));
    put16(s, at + 2, uint16_t(v & 0xffff));
}

/// lo's link header: zero MAC addresses, then the ethertype.
std::string ethernet(uint16_t type)
{
    std::string s(14, '\0');
    put16(s, 12, type);
    return s;
}

std::string ipv4Header(uint8_t proto, size_t payload, uint32_t src = 0x7f000001,
                       uint32_t dst = 0x7f000001)
{
    std::string s(20, '\0');
    s[0] = 0x45;
    put16(s, 2, uint16_t(20 + payload));
    put16(s, 6, 0x4000); // DF
    s[8] = 64;
    s[9] = char(proto);
    put32(s, 12, src);
    put32(s, 16, dst);
    return s;
}

std::string ipv6Header(uint8_t next, size_t payload)
{
    std::string s(40, '\0');
    s[0] = 0x60;
    put16(s, 4, uint16_t(payload));
    s[6] = char(next);
    s[7] = 64;
    s[23] = 1; // ::1
    s[39] = 1;
    return s;
}

std::string tcpHeader(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
                      uint16_t window, const std::string &options = {})
{
    std::string s(20, '\0');
    put16(s, 0, sport);
    put16(s, 2, dport);
    put32(s, 4, seq);
    put32(s, 8, ack);
    s[12] = char(((20 + options.size()) / 4) << 4);
    s[13] = char(flags);
    put16(s, 14, window);
    return s + options;
}

/// The options of a SYN from Linux on lo: MSS 65495, SACK permitted, timestamps, NOP,
/// window scale 7.
std::string linuxSynOptions(uint32_t tsval)
{
    std::string o = bytes({2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7});
    put32(o, 8, tsval);
    return o;
}

std::string tcpFrame4(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
                      const std::string &options = {}, const std::string &payload = {})
{
    const std::string tcp = tcpHeader(sport, dport, seq, ack, flags, 65495, options) + payload;
    return ethernet(0x0800) + ipv4Header(6, tcp.size()) + tcp;
}

} // namespace

class TstPacketDecoder : public QObject
{
    Q_OBJECT

private slots:
    void realLoopbackSyn()
    {
        // A SYN as the capture of `connect` to 127.0.0.1:5000 from port 40000 holds it.
        const std::string frame
                = tcpFrame4(40000, 5000, 0x9a3b1c2d, 0, tcpflag::kSyn, linuxSynOptions(123456));
        const Packet p = decodeFrame(frame);
        QVERIFY(p.problem.empty());
        QCOMPARE(p.ipVersion, 4);
        QCOMPARE(p.proto, PacketProto::Tcp);
        QCOMPARE(p.src.toString(), std::string("127.0.0.1:40000"));
        QCOMPARE(p.dst.toString(), std::string("127.0.0.1:5000"));
        QCOMPARE(p.tcpFlags, tcpflag::kSyn);
        QCOMPARE(p.seq, 0x9a3b1c2du);
        QCOMPARE(p.window, uint16_t(65495));
        QCOMPARE(p.options.mss, 65495);
        QVERIFY(p.options.sackPermitted);
        QVERIFY(p.options.timestamps);
        QCOMPARE(p.options.tsval, 123456u);
        QCOMPARE(p.options.windowScale, 7);
        QCOMPARE(p.payloadLength, 0u);
        QCOMPARE(p.wireLength, uint32_t(frame.size()));
    }

    void summaryReadsLikeTcpdump()
    {
        Packet p = decodeFrame(tcpFrame4(40000, 5000, 1000, 0, tcpflag::kSyn, linuxSynOptions(7)));
        TcpSequences numbers;
        numbers.number(p);
        QCOMPARE(packetSummary(p),
                 std::string("127.0.0.1:40000 > 127.0.0.1:5000 [S] seq 0 win 65495 <mss "
                             "65495,sackOK,TS val 7 ecr 0,wscale 7> len 0"));
        Packet synAck = decodeFrame(tcpFrame4(5000, 40000, 77, 1001, tcpflag::kSyn | tcpflag::kAck,
                                              linuxSynOptions(8)));
        numbers.number(synAck);
        QCOMPARE(synAck.relSeq, 0u);
        QCOMPARE(synAck.relAck, 1u);
        Packet data = decodeFrame(
                tcpFrame4(40000, 5000, 1001, 78, tcpflag::kPsh | tcpflag::kAck, {}, "hello"));
        numbers.number(data);
        QCOMPARE(
                packetSummary(data),
                std::string("127.0.0.1:40000 > 127.0.0.1:5000 [P.] seq 1:6 ack 1 win 65495 len 5"));
    }

    void flagsText_data()
    {
        QTest::addColumn<int>("flags");
        QTest::addColumn<QString>("text");
        QTest::newRow("syn") << int(tcpflag::kSyn) << "[S]";
        QTest::newRow("syn-ack") << int(tcpflag::kSyn | tcpflag::kAck) << "[S.]";
        QTest::newRow("rst-ack") << int(tcpflag::kRst | tcpflag::kAck) << "[R.]";
        QTest::newRow("fin-ack") << int(tcpflag::kFin | tcpflag::kAck) << "[F.]";
        QTest::newRow("push-ack") << int(tcpflag::kPsh | tcpflag::kAck) << "[P.]";
        QTest::newRow("none") << 0 << "[none]";
    }
    void flagsText()
    {
        QFETCH(int, flags);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(tcpFlagsText(uint8_t(flags))), text);
    }

    void ipv6Segment()
    {
        const std::string tcp = tcpHeader(41000, 6000, 5, 9, tcpflag::kFin | tcpflag::kAck, 512);
        const Packet p = decodeFrame(ethernet(0x86dd) + ipv6Header(6, tcp.size()) + tcp);
        QVERIFY(p.problem.empty());
        QCOMPARE(p.ipVersion, 6);
        QCOMPARE(p.src.toString(), std::string("[::1]:41000"));
        QCOMPARE(p.dst.toString(), std::string("[::1]:6000"));
        QCOMPARE(p.tcpFlags, uint8_t(tcpflag::kFin | tcpflag::kAck));
        QCOMPARE(p.window, uint16_t(512));
    }

    void udpDatagram()
    {
        std::string udp(8, '\0');
        put16(udp, 0, 41000);
        put16(udp, 2, 9);
        put16(udp, 4, 8 + 5);
        udp += "hello";
        const Packet p = decodeFrame(ethernet(0x0800) + ipv4Header(17, udp.size()) + udp);
        QCOMPARE(p.proto, PacketProto::Udp);
        QCOMPARE(p.payloadLength, 5u);
        QCOMPARE(packetSummary(p), std::string("127.0.0.1:41000 > 127.0.0.1:9 UDP len 5"));
    }

    void icmpPortUnreachableQuotesTheDatagram()
    {
        std::string udp(8, '\0');
        put16(udp, 0, 41000);
        put16(udp, 2, 9);
        put16(udp, 4, 8 + 2);
        udp += "hi";
        const std::string quoted = ipv4Header(17, udp.size()) + udp;
        std::string icmp = bytes({3, 3, 0, 0, 0, 0, 0, 0}) + quoted;
        const Packet p = decodeFrame(ethernet(0x0800) + ipv4Header(1, icmp.size()) + icmp);
        QCOMPARE(p.proto, PacketProto::Icmp);
        QCOMPARE(p.icmpType, uint8_t(3));
        QCOMPARE(p.icmpCode, uint8_t(3));
        QVERIFY(p.hasInner);
        QCOMPARE(p.innerProto, PacketProto::Udp);
        QCOMPARE(p.innerSrc.port(), uint16_t(41000));
        QCOMPARE(p.innerDst.port(), uint16_t(9));
        QCOMPARE(packetSummary(p),
                 std::string("127.0.0.1 > 127.0.0.1 ICMP port unreachable (udp 127.0.0.1:41000 > "
                             "127.0.0.1:9)"));
    }

    void icmp6PortUnreachable()
    {
        std::string udp(8, '\0');
        put16(udp, 0, 41001);
        put16(udp, 2, 7);
        put16(udp, 4, 8);
        const std::string quoted = ipv6Header(17, udp.size()) + udp;
        std::string icmp = bytes({1, 4, 0, 0, 0, 0, 0, 0}) + quoted;
        const Packet p = decodeFrame(ethernet(0x86dd) + ipv6Header(58, icmp.size()) + icmp);
        QCOMPARE(p.proto, PacketProto::Icmp6);
        QCOMPARE(icmpText(p.proto, p.icmpType, p.icmpCode), std::string("port unreachable"));
        QVERIFY(p.hasInner);
        QCOMPARE(p.innerDst.toString(), std::string("[::1]:7"));
    }

    void everyTruncationIsSaidNotOverread()
    {
        // Each prefix of a full segment decodes without reading past its end (ASan builds
        // would catch it) and says what is missing once a header is cut.
        const std::string frame = tcpFrame4(40000, 5000, 1, 0, tcpflag::kSyn, linuxSynOptions(1));
        for (size_t n = 0; n < frame.size(); ++n) {
            const Packet p = decodeFrame(std::string_view(frame).substr(0, n));
            if (n < 14 + 20 + 20 + 20)
                QVERIFY2(!p.problem.empty(), qPrintable(QString::number(n)));
        }
        QCOMPARE(decodeFrame(frame.substr(0, 20)).problem, std::string("truncated IPv4 header"));
        QCOMPARE(decodeFrame(frame.substr(0, 14 + 20 + 10)).problem,
                 std::string("truncated TCP header"));
        QCOMPARE(decodeFrame(frame.substr(0, 14 + 20 + 30)).problem,
                 std::string("truncated TCP options"));
        const std::string tcp = tcpHeader(1, 2, 0, 0, 0, 0);
        QCOMPARE(decodeFrame(ethernet(0x86dd) + ipv6Header(6, 20).substr(0, 30)).problem,
                 std::string("truncated IPv6 header"));
    }

    void malformedOptionStopsTheOptions()
    {
        // An option whose length is 0 would loop for ever; the decoder stops and says so.
        const std::string frame
                = tcpFrame4(1, 2, 0, 0, tcpflag::kSyn, bytes({2, 4, 0x05, 0xb4, 8, 0, 0, 0}));
        const Packet p = decodeFrame(frame);
        QCOMPARE(p.options.mss, 1460);
        QCOMPARE(p.problem, std::string("malformed TCP option"));
    }

    void notIp()
    {
        const Packet p = decodeFrame(ethernet(0x0806) + std::string(28, '\0'));
        QCOMPARE(p.ipVersion, 0);
        QVERIFY(!p.problem.empty());
    }

    void statesFollowTheSegments()
    {
        // A full exchange: handshake, the client shuts down its side, the server closes.
        TcpStates states;
        TcpSequences numbers;
        const Address client = Address::ip("127.0.0.1", 40000);
        const Address server = Address::ip("127.0.0.1", 5000);
        const auto seg = [&](bool fromClient, uint32_t seq, uint32_t ack, uint8_t flags) {
            Packet p = decodeFrame(fromClient ? tcpFrame4(40000, 5000, seq, ack, flags)
                                              : tcpFrame4(5000, 40000, seq, ack, flags));
            numbers.number(p);
            states.apply(p);
        };
        seg(true, 100, 0, tcpflag::kSyn);
        QCOMPARE(states.stateOf(client, server), std::string("SYN-SENT"));
        seg(false, 900, 101, tcpflag::kSyn | tcpflag::kAck);
        seg(true, 101, 901, tcpflag::kAck);
        QCOMPARE(states.stateOf(client, server), std::string("ESTAB"));
        QCOMPARE(states.stateOf(server, client), std::string("ESTAB"));
        seg(true, 101, 901, tcpflag::kFin | tcpflag::kAck);
        QCOMPARE(states.stateOf(client, server), std::string("FIN-WAIT-1"));
        QCOMPARE(states.stateOf(server, client), std::string("CLOSE-WAIT"));
        seg(false, 901, 102, tcpflag::kAck);
        QCOMPARE(states.stateOf(client, server), std::string("FIN-WAIT-2"));
        seg(false, 901, 102, tcpflag::kFin | tcpflag::kAck);
        QCOMPARE(states.stateOf(server, client), std::string("LAST-ACK"));
        QCOMPARE(states.stateOf(client, server), std::string("TIME-WAIT"));
        seg(true, 102, 902, tcpflag::kAck);
        QCOMPARE(states.stateOf(server, client), std::string("CLOSED"));
        QCOMPARE(states.stateOf(client, server), std::string("TIME-WAIT"));
    }
};

QTEST_GUILESS_MAIN(TstPacketDecoder)
#include "tst_packetdecoder.moc"
