// The one table of socket-API constant names (core/text/names.h): each name is the C macro's
// own spelling of its value, unknown values print as numbers, and flag words split as strace
// splits them.
#include "core/text/names.h"

#include <QtTest>

#include <set>
#include <string>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sys/socket.h>

using namespace sb;

// A row whose expected name is the macro's own spelling: a typo in the table fails here.
#define ROW(fn, c) QTest::newRow(#c) << fn(c) << QString(#c);

class TstNames : public QObject
{
    Q_OBJECT

private slots:
    void named_data()
    {
        QTest::addColumn<QString>("got");
        QTest::addColumn<QString>("want");
        const auto family = [](int v) { return QString::fromStdString(familyName(v)); };
        const auto type = [](int v) { return QString::fromStdString(socketTypeName(v)); };
        const auto proto = [](int v) { return QString::fromStdString(protocolName(v)); };
        const auto how = [](int v) { return QString::fromStdString(shutdownName(v)); };
        const auto flags = [](int v) { return QString::fromStdString(msgFlagsName(v)); };
        ROW(family, AF_UNSPEC)
        ROW(family, AF_UNIX)
        ROW(family, AF_INET)
        ROW(family, AF_INET6)
        ROW(family, AF_NETLINK)
        ROW(family, AF_PACKET)
        ROW(type, SOCK_STREAM)
        ROW(type, SOCK_DGRAM)
        ROW(type, SOCK_RAW)
        ROW(type, SOCK_SEQPACKET)
        ROW(type, SOCK_RDM)
        ROW(proto, IPPROTO_TCP)
        ROW(proto, IPPROTO_UDP)
        ROW(proto, IPPROTO_ICMP)
        ROW(proto, IPPROTO_ICMPV6)
        ROW(proto, IPPROTO_SCTP)
        ROW(proto, IPPROTO_UDPLITE)
        ROW(how, SHUT_RD)
        ROW(how, SHUT_WR)
        ROW(how, SHUT_RDWR)
        ROW(flags, MSG_OOB)
        ROW(flags, MSG_PEEK)
        ROW(flags, MSG_DONTROUTE)
        ROW(flags, MSG_CTRUNC)
        ROW(flags, MSG_TRUNC)
        ROW(flags, MSG_DONTWAIT)
        ROW(flags, MSG_EOR)
        ROW(flags, MSG_WAITALL)
        ROW(flags, MSG_CONFIRM)
        ROW(flags, MSG_ERRQUEUE)
        ROW(flags, MSG_NOSIGNAL)
        ROW(flags, MSG_MORE)
        ROW(flags, MSG_CMSG_CLOEXEC)
        const auto level = [](int v) { return QString::fromStdString(levelName(v)); };
        ROW(level, SOL_SOCKET)
        ROW(level, SOL_IP)
        ROW(level, SOL_TCP)
        ROW(level, SOL_IPV6)
        ROW(level, SOL_UDP)
        // What has no name prints as its number, "0" for none or for the default.
        QTest::newRow("family 9999") << family(9999) << "9999";
        QTest::newRow("type 0 (any)") << type(0) << "0";
        QTest::newRow("protocol 0 (default)") << proto(0) << "0";
        QTest::newRow("how 7") << how(7) << "7";
        QTest::newRow("level 9999") << level(9999) << "9999";
        QTest::newRow("no flags") << flags(0) << "0";
        QTest::newRow("two flags, bit order")
                << flags(MSG_DONTROUTE | MSG_OOB) << "MSG_OOB|MSG_DONTROUTE";
        QTest::newRow("unknown bit in hex")
                << flags(MSG_PEEK | 0x10000000) << "MSG_PEEK|0x10000000";
    }
    void named()
    {
        QFETCH(QString, got);
        QFETCH(QString, want);
        QCOMPARE(got, want);
    }

    // strace's spellings that only the tables give: IPPROTO_IP for protocol 0 in socket(),
    // and accept4's flags CLOEXEC first.
    void straceSpellings()
    {
        QCOMPARE(QString(findName(protocolNames(), 0)), QStringLiteral("IPPROTO_IP"));
        QVERIFY(findName(protocolNames(), 9999) == nullptr);
        QCOMPARE(QString::fromStdString(nameOr(familyNames(), -1)), QStringLiteral("-1"));
        QCOMPARE(QString::fromStdString(flagNames(acceptFlagNames(), SOCK_NONBLOCK | SOCK_CLOEXEC)),
                 QStringLiteral("SOCK_CLOEXEC|SOCK_NONBLOCK"));
        QCOMPARE(QString::fromStdString(
                         flagNames(socketTypeFlagNames(), SOCK_NONBLOCK | SOCK_CLOEXEC)),
                 QStringLiteral("SOCK_NONBLOCK|SOCK_CLOEXEC"));
    }

    // Every table names each value once and spells each name once, and a name reads back
    // to its value.
    void tablesAreOneToOne()
    {
        for (auto table :
             {familyNames(), socketTypeNames(), socketTypeFlagNames(), acceptFlagNames(),
              protocolNames(), levelNames(), msgFlagNames(), shutdownNames()}) {
            std::set<int64_t> values;
            std::set<std::string> names;
            for (const ConstantName &n : table) {
                QVERIFY2(values.insert(n.value).second, n.name);
                QVERIFY2(names.insert(n.name).second, n.name);
                int64_t back = -12345;
                QVERIFY(findValue(table, n.name, &back));
                QCOMPARE(back, n.value);
            }
        }
        int64_t v = 0;
        QVERIFY(!findValue(shutdownNames(), "shut_rd", &v)); // the exact spelling only
        QVERIFY(!findValue(shutdownNames(), "SHUT_", &v));
    }
};

QTEST_APPLESS_MAIN(TstNames)
#include "tst_names.moc"
