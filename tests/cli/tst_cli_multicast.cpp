// Multicast and broadcast through sockbench-cli, against python3 peers: two `listen --join`
// members both print every datagram a python3 sender sends to the group; `connect` sends to a
// group out of 127.0.0.1 (its setsockopt calls traced like strace) to a python3 member; a
// broadcast to 127.255.255.255 fails with EACCES without --broadcast and arrives with it;
// `netstat -g` lists a membership a python3 process holds; bad values are usage errors naming
// their option. Every group goes out of lo with TTL 1; nothing leaves this machine.
#include "clitest.h"

#include <QTest>

using namespace clitest;

namespace {

/// python3 member: argv[1] group (or a broadcast address), argv[2] port (0: any); binds to that
/// address, joins the group on lo when it is one, prints its port, then "PAYLOAD SENDER" for
/// each datagram.
const char *kPythonMember = R"PY(
import socket, struct, sys
addr, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((addr, port))
if 224 <= int(addr.split('.')[0]) <= 239:
    mreq = struct.pack('4s4si', socket.inet_aton(addr), socket.inet_aton('127.0.0.1'), 0)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
print(s.getsockname()[1], flush=True)
while True:
    data, peer = s.recvfrom(70000)
    print(data.decode(), peer[0], flush=True)
)PY";

/// python3 sender: argv[1] group, argv[2] port, then the payloads; out of 127.0.0.1, TTL 1.
const char *kPythonSender = R"PY(
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('127.0.0.1'))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
for payload in sys.argv[3:]:
    s.sendto(payload.encode(), (sys.argv[1], int(sys.argv[2])))
print('sent', flush=True)
)PY";

} // namespace

class TstCliMulticast : public QObject
{
    Q_OBJECT

private slots:
    void twoListenersGetEveryDatagram();
    void connectSendsToTheGroup();
    void broadcastNeedsTheFlag();
    void ipv6GroupOutOfLoIsUnreachable();
    void netstatListsGroups_data();
    void netstatListsGroups();
    void badValuesAreUsageErrors_data();
    void badValuesAreUsageErrors();
};

void TstCliMulticast::twoListenersGetEveryDatagram()
{
    const QString group = "239.255.73.1";
    const QStringList common = {"--join", group + "%lo", "--count", "3"};
    Proc first, second;
    const QString where = startListener(
            first,
            QStringList {"--opt", "SO_REUSEADDR=1", "listen", "udp://" + group + ":0"} + common);
    QVERIFY2(!where.isEmpty(), first.err.constData());
    const QString port = QString::number(portOf(where));
    QVERIFY2(!startListener(second,
                            QStringList {"--opt", "SO_REUSEADDR=1", "listen",
                                         "udp://" + group + ":" + port}
                                    + common)
                      .isEmpty(),
             second.err.constData());

    Proc sender;
    sender.startPython(kPythonSender, {group, port, "one\n", "two\n", "three\n"});
    QVERIFY2(sender.waitOut("sent"), sender.err.constData());
    // --count 3: each ends by itself after the third datagram.
    for (Proc *member : {&first, &second}) {
        QVERIFY2(member->finish(), member->err.constData());
        QVERIFY2(member->exitCode() == 0, member->err.constData());
        QCOMPARE(member->out, QByteArray("one\ntwo\nthree\n"));
    }
}

void TstCliMulticast::connectSendsToTheGroup()
{
    const QString group = "239.255.73.2";
    Proc member;
    member.startPython(kPythonMember, {group, "0"});
    const QByteArray port = member.firstOutLine();
    QVERIFY2(!port.isEmpty(), member.err.constData());
    member.out.clear();

    Proc cli;
    cli.startCli({"--trace", "connect", "udp://" + group + ":" + port, "--multicast-if",
                  "127.0.0.1", "--multicast-ttl", "1", "--multicast-loop", "1", "--send", "hello",
                  "--wait", "0"});
    QVERIFY2(member.waitOut("hello 127.0.0.1\n"), member.err.constData());
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QVERIFY2(cli.err.contains("setsockopt(")
                     && cli.err.contains(
                             "SOL_IP, IP_MULTICAST_IF, [inet_addr(\"127.0.0.1\")], 4) = 0"),
             cli.err.constData());
    QVERIFY2(cli.err.contains("SOL_IP, IP_MULTICAST_TTL, [1], 4) = 0"), cli.err.constData());
    QVERIFY2(cli.err.contains("SOL_IP, IP_MULTICAST_LOOP, [1], 4) = 0"), cli.err.constData());
}

void TstCliMulticast::broadcastNeedsTheFlag()
{
    Proc member;
    member.startPython(kPythonMember, {"127.255.255.255", "0"});
    const QByteArray port = member.firstOutLine();
    QVERIFY2(!port.isEmpty(), member.err.constData());
    member.out.clear();
    const QString target = "udp://127.255.255.255:" + port;

    Proc refused;
    refused.startCli({"--trace", "connect", target, "--send", "no", "--wait", "0"});
    QVERIFY2(refused.finish(), refused.err.constData());
    QVERIFY2(refused.exitCode() == 1, refused.err.constData());
    QVERIFY2(refused.err.contains("= -1 EACCES (Permission denied)"), refused.err.constData());
    QVERIFY2(refused.err.contains("with SO_BROADCAST"), refused.err.constData());

    Proc sent;
    sent.startCli({"--trace", "connect", target, "--broadcast", "--send", "yes", "--wait", "0"});
    QVERIFY2(member.waitOut("yes 127.0.0.1\n"), member.err.constData());
    QVERIFY2(sent.finish(), sent.err.constData());
    QVERIFY2(sent.exitCode() == 0, sent.err.constData());
    QVERIFY2(sent.err.contains("SOL_SOCKET, SO_BROADCAST, [1], 4) = 0"), sent.err.constData());
    // The refused one never arrived: the member printed only what came with --broadcast.
    QCOMPARE(member.out, QByteArray("yes 127.0.0.1\n"));
}

void TstCliMulticast::ipv6GroupOutOfLoIsUnreachable()
{
    // lo has no IFF_MULTICAST: the kernel has no IPv6 route for a group out of it, and says so
    // at connect, before anything is sent.
    Proc cli;
    cli.startCli({"--trace", "connect", "udp://[ff15::7373]:9", "--multicast-if", "lo",
                  "--multicast-ttl", "1", "--send", "x", "--wait", "0"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 1, cli.err.constData());
    QVERIFY2(cli.err.contains("SOL_IPV6, IPV6_MULTICAST_IF, [1], 4) = 0"), cli.err.constData());
    QVERIFY2(cli.err.contains("= -1 ENETUNREACH (Network is unreachable)"), cli.err.constData());
    QVERIFY2(cli.err.contains("lo has no IFF_MULTICAST"), cli.err.constData());
}

void TstCliMulticast::netstatListsGroups_data()
{
    QTest::addColumn<QString>("flag");
    QTest::newRow("-g") << "-g";
    QTest::newRow("--groups") << "--groups";
}

void TstCliMulticast::netstatListsGroups()
{
    QFETCH(QString, flag);
    Proc member;
    member.startPython(kPythonMember, {"239.255.73.3", "0"});
    QVERIFY2(!member.firstOutLine().isEmpty(), member.err.constData()); // joined by then
    Proc cli;
    cli.startCli({"netstat", flag});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QVERIFY2(cli.out.startsWith("IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n"),
             cli.out.constData());
    static const QRegularExpression row("\nlo +[1-9][0-9]* +239\\.255\\.73\\.3\n");
    QVERIFY2(row.match(QString::fromUtf8(cli.out)).hasMatch(), cli.out.constData());
}

void TstCliMulticast::badValuesAreUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString udp = "udp://127.0.0.1:9";
    QTest::newRow("ttl range") << QStringList {"connect", udp, "--multicast-ttl", "300"}
                               << "--multicast-ttl 300 is out of range 0..255";
    QTest::newRow("loop value") << QStringList {"connect", udp, "--multicast-loop", "yes"}
                                << "--multicast-loop 'yes' is not 0 or 1";
    QTest::newRow("not a group") << QStringList {"listen", "udp://127.0.0.1:0", "--join",
                                                 "10.1.2.3"}
                                 << "--join '10.1.2.3' is not a multicast group";
    QTest::newRow("no interface")
            << QStringList {"listen", "udp://239.255.73.4:0", "--join", "239.255.73.4%sbnosuch0"}
            << "--join 239.255.73.4%sbnosuch0: no network interface named 'sbnosuch0'";
    QTest::newRow("multicast-if") << QStringList {
            "connect", udp, "--multicast-if",
            "sbnosuch0"} << "--multicast-if sbnosuch0: no network interface named 'sbnosuch0'";
    QTest::newRow("tcp") << QStringList {"listen", "tcp://127.0.0.1:0", "--join", "239.255.73.4"}
                         << "--join is for udp:// endpoints; this one is tcp://";
    QTest::newRow("broadcast tcp") << QStringList {"connect", "tcp://127.0.0.1:9", "--broadcast"}
                                   << "--broadcast is for udp:// endpoints";
    QTest::newRow("source alone") << QStringList {"listen", "udp://127.0.0.1:0", "--source",
                                                  "127.0.0.1"}
                                  << "--source 127.0.0.1 needs a --join GROUP";
    QTest::newRow("source v6") << QStringList {"listen",  "udp://[::1]:0", "--join",
                                               "ff15::1", "--source",      "::1"}
                               << "--source source-specific joins are IPv4 only here";
    QTest::newRow("join no value")
            << QStringList {"listen", "udp://127.0.0.1:0", "--join"} << "--join needs a value";
}

void TstCliMulticast::badValuesAreUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Proc cli;
    cli.startCli(args);
    QVERIFY(cli.finish());
    QVERIFY2(cli.exitCode() == 2, cli.err.constData());
    QVERIFY2(cli.err.contains(message.toUtf8()), cli.err.constData());
}

QTEST_GUILESS_MAIN(TstCliMulticast)
#include "tst_cli_multicast.moc"
