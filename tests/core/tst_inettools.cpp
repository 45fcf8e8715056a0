// inet_pton / inet_ntop with the bytes, hex parsing, and htons/htonl/ntohs/ntohl with the bytes
// of argument and result in memory.
#include "core/tools/inettools.h"

#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>

using namespace sb;

class TestInetTools : public QObject
{
    Q_OBJECT

private slots:
    void presentationToNetworkBytes()
    {
        const auto v4 = presentationToNetwork(AF_INET, "127.0.0.1");
        QVERIFY(v4);
        QCOMPARE(v4->hex(), std::string("7f 00 00 01"));
        const auto v6 = presentationToNetwork(AF_INET6, "2001:db8::1");
        QVERIFY(v6);
        QCOMPARE(v6->hex(), std::string("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"));
        const auto bad = presentationToNetwork(AF_INET, "256.0.0.1");
        QVERIFY(!bad);
        QVERIFY(bad.error().find("'256.0.0.1'") != std::string::npos);
        QVERIFY(!presentationToNetwork(AF_INET, "1.2.3"));
        QVERIFY(!presentationToNetwork(AF_INET6, "1::2::3"));
        QCOMPARE(*networkToPresentation(AF_INET6, v6->bytes), std::string("2001:db8::1"));
        QCOMPARE(*networkToPresentation(AF_INET, *parseHexBytes("c0:a8:00:01")),
                 std::string("192.168.0.1"));
        const auto shortBytes = networkToPresentation(AF_INET6, {1, 2, 3, 4});
        QVERIFY(!shortBytes);
        QVERIFY(shortBytes.error().find("16 bytes, got 4") != std::string::npos);
        QVERIFY(!parseHexBytes("7f0"));
        QVERIFY(!parseHexBytes("zz"));
    }

    void byteOrderShowsNetworkOrder()
    {
        const auto s = convertByteOrder("htons", 0x1234);
        QVERIFY(s);
        // Whatever the host, the result lies in memory most significant byte first.
        QCOMPARE(s->outputBytes, (std::vector<uint8_t> {0x12, 0x34}));
        QCOMPARE(s->inputBytes,
                 hostIsLittleEndian() ? (std::vector<uint8_t> {0x34, 0x12})
                                      : (std::vector<uint8_t> {0x12, 0x34}));
        QCOMPARE(s->output, uint32_t(htons(0x1234)));
        const auto l = convertByteOrder("htonl", 0x7f000001);
        QCOMPARE(l->outputBytes, (std::vector<uint8_t> {0x7f, 0x00, 0x00, 0x01}));
        const auto back = convertByteOrder("ntohl", l->output);
        QCOMPARE(back->output, uint32_t(0x7f000001));
        const auto big = convertByteOrder("htons", 70000);
        QVERIFY(!big);
        QVERIFY(big.error().find("over 65535") != std::string::npos);
        QVERIFY(!convertByteOrder("htonq", 1));
        QCOMPARE(*parseUnsigned("0x1F90"), uint32_t(8080));
        QVERIFY(!parseUnsigned("4294967296"));
        QVERIFY(!parseUnsigned("12a"));
        QVERIFY(hostByteOrderName().starts_with(hostIsLittleEndian() ? "little" : "big"));
    }
};

QTEST_GUILESS_MAIN(TestInetTools)
#include "tst_inettools.moc"
