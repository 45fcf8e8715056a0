// The group memberships of /proc/net/igmp and igmp6: the parser on captured text, and the
// live files after a real join on lo (and after it is left).

#include "core/tools/igmp.h"

#include <QTest>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;

namespace {

// Captured from a Linux 6.x machine (tabs as the kernel writes them).
constexpr const char *kIgmp = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
                              "1\tlo        :     2      V3\n"
                              "\t\t\t\t0947FFEF     3 0:00000000\t\t0\n"
                              "\t\t\t\t010000E0     1 0:00000000\t\t0\n"
                              "4\teth0      :     1      V3\n"
                              "\t\t\t\t010000E0     1 0:00000000\t\t0\n";

constexpr const char *kIgmp6
        = "1    lo              ff020000000000000000000000000001     1 0000000C 0\n"
          "1    lo              ff150000000000000000000000007171     2 00000004 0\n"
          "4    eth0            ff0200000000000000000001ff000002     1 00000004 0\n";

bool hasRow(const std::vector<GroupMembershipRow> &rows, const std::string &iface,
            const std::string &group, uint32_t minUsers = 1)
{
    for (const GroupMembershipRow &r : rows)
        if (r.iface == iface && r.group.host() == group && r.users >= minUsers)
            return true;
    return false;
}

} // namespace

class tst_Igmp : public QObject
{
    Q_OBJECT
private slots:
    void parsesIgmp();
    void parsesIgmp6();
    void skipsWhatItCannotRead();
    void formatsLikeNetstatG();
    void liveJoinAppearsAndLeaves();
};

void tst_Igmp::parsesIgmp()
{
    const auto rows = parseIgmp(kIgmp);
    QCOMPARE(rows.size(), size_t(3));
    QCOMPARE(rows[0].ifindex, 1);
    QCOMPARE(rows[0].iface, std::string("lo"));
    QCOMPARE(rows[0].group.host(), std::string("239.255.71.9"));
    QCOMPARE(rows[0].users, uint32_t(3));
    QCOMPARE(rows[1].group.host(), std::string("224.0.0.1"));
    QCOMPARE(rows[2].ifindex, 4);
    QCOMPARE(rows[2].iface, std::string("eth0"));
    QCOMPARE(rows[2].group.host(), std::string("224.0.0.1"));
}

void tst_Igmp::parsesIgmp6()
{
    const auto rows = parseIgmp6(kIgmp6);
    QCOMPARE(rows.size(), size_t(3));
    QCOMPARE(rows[0].iface, std::string("lo"));
    QCOMPARE(rows[0].group.host(), std::string("ff02::1"));
    QCOMPARE(rows[1].group.host(), std::string("ff15::7171"));
    QCOMPARE(rows[1].users, uint32_t(2));
    QCOMPARE(rows[2].ifindex, 4);
    QCOMPARE(rows[2].group.host(), std::string("ff02::1:ff00:2"));
}

void tst_Igmp::skipsWhatItCannotRead()
{
    // A group line before any device, a short hex word, a device line without a number.
    QVERIFY(parseIgmp("\t\t\t\t010000E0     1 0:00000000\t\t0\n").empty());
    QVERIFY(parseIgmp("1\tlo        :     1      V3\n\t\t\t\t0100E0     1 0:0\n").empty());
    QVERIFY(parseIgmp("x\tlo :\n\t\t\t\t010000E0     1 0:00000000\t\t0\n").empty());
    QVERIFY(parseIgmp6("1    lo    ff02     1 0000000C 0\n").empty());
    QVERIFY(parseIgmp6("").empty());
}

void tst_Igmp::formatsLikeNetstatG()
{
    auto rows = parseIgmp(kIgmp);
    for (auto &r : parseIgmp6(kIgmp6))
        rows.push_back(r);
    const std::string text = formatGroupMemberships(rows);
    QVERIFY2(text.starts_with("IPv6/IPv4 Group Memberships\n"
                              "Interface       RefCnt Group\n"
                              "--------------- ------ ---------------------\n"
                              "lo              3      239.255.71.9\n"),
             text.c_str());
    QVERIFY(text.find("eth0            1      ff02::1:ff00:2\n") != std::string::npos);
}

void tst_Igmp::liveJoinAppearsAndLeaves()
{
    const int v4 = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int v6 = ::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    QVERIFY(v4 >= 0 && v6 >= 0);
    ip_mreqn m {};
    inet_pton(AF_INET, "239.255.72.1", &m.imr_multiaddr);
    m.imr_ifindex = int(if_nametoindex("lo"));
    QCOMPARE(::setsockopt(v4, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m), 0);
    ipv6_mreq m6 {};
    inet_pton(AF_INET6, "ff15::7272", &m6.ipv6mr_multiaddr);
    m6.ipv6mr_interface = if_nametoindex("lo");
    QCOMPARE(::setsockopt(v6, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m6, sizeof m6), 0);

    std::vector<std::string> errors;
    auto rows = readGroupMemberships(&errors);
    QVERIFY(errors.empty());
    QVERIFY(hasRow(rows, "lo", "239.255.72.1"));
    QVERIFY(hasRow(rows, "lo", "ff15::7272"));

    // The last member leaving drops the interface's membership at once.
    QCOMPARE(::setsockopt(v4, IPPROTO_IP, IP_DROP_MEMBERSHIP, &m, sizeof m), 0);
    QCOMPARE(::setsockopt(v6, IPPROTO_IPV6, IPV6_LEAVE_GROUP, &m6, sizeof m6), 0);
    rows = readGroupMemberships(&errors);
    QVERIFY(!hasRow(rows, "lo", "239.255.72.1"));
    QVERIFY(!hasRow(rows, "lo", "ff15::7272"));
    ::close(v4);
    ::close(v6);
}

QTEST_GUILESS_MAIN(tst_Igmp)
#include "tst_igmp.moc"
