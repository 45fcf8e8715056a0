// sockbench-cli resolve: rows, failures with the EAI_ name, reverse lookups, usage errors; and
// two flags whose effect needs another machine than this one: AI_ALL (a name with both an IPv6
// and an IPv4 address, given by an /etc/hosts bind-mounted in a private mount namespace) and
// AI_ADDRCONFIG on a loopback-only host (a fresh network namespace).
#include "../support/processrun.h"
#include "../support/requiretool.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using sbtest::cli;
using sbtest::run;
using sbtest::Run;

// Runs a shell script under unshare with the given namespace options; CLI is $C in it.
Run inNamespace(const QStringList &unshareOptions, const QString &script)
{
    QStringList args = unshareOptions;
    args << "sh"
         << "-c"
         << "C='" SB_CLI_PATH "'; " + script;
    return run("unshare", args);
}

bool canUnshare(const QString &option)
{
    if (QStandardPaths::findExecutable("unshare").isEmpty())
        return false;
    return run("unshare", {option, "true"}).status == 0;
}

} // namespace

class TestCliResolve : public QObject
{
    Q_OBJECT

private slots:
    void rowsInOrder()
    {
        const Run r = cli({"resolve", "127.0.0.1", "http", "--type", "stream", "--flags",
                           "AI_NUMERICHOST,AI_CANONNAME"});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(QRegularExpression(
                         R"(AF_INET\s+SOCK_STREAM\s+IPPROTO_TCP\s+127.0.0.1\s+127.0.0.1:80\n)")),
                 qPrintable(r.out));
        QVERIFY(r.out.startsWith("getaddrinfo(\"127.0.0.1\", \"http\", {ai_family=AF_UNSPEC, "
                                 "ai_socktype=SOCK_STREAM, ai_protocol=0, "
                                 "ai_flags=AI_CANONNAME|AI_NUMERICHOST})\n"));
        QVERIFY(r.out.contains("source: an address literal"));
    }

    void passiveWithGlobalFamily()
    {
        const Run r = cli({"-6", "resolve", "", "8080", "--type", "dgram", "--flags", "passive"});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(QRegularExpression(
                         R"(AF_INET6\s+SOCK_DGRAM\s+IPPROTO_UDP\s+-\s+\[::\]:8080)")),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains("AF_INET "));
    }

    void failuresNameTheEaiCode()
    {
        const Run r = cli({"resolve", "localhost", "--flags", "AI_NUMERICHOST"});
        QCOMPARE(r.status, 1);
        QCOMPARE(r.err,
                 QString("sockbench-cli: getaddrinfo: EAI_NONAME (Name or service not known)\n"));
        const Run s = cli({"resolve", "127.0.0.1", "tftp", "--type", "stream"});
        QCOMPARE(s.status, 1);
        QVERIFY2(s.err.startsWith("sockbench-cli: getaddrinfo: EAI_SERVICE ("), qPrintable(s.err));
        const Run f = cli({"resolve", "127.0.0.1", "80", "--type", "dgram", "--protocol", "tcp"});
        QCOMPARE(f.status, 1);
        QVERIFY2(f.err.startsWith("sockbench-cli: getaddrinfo: EAI_SOCKTYPE ("), qPrintable(f.err));
    }

    void reverseLookup()
    {
        const Run r = cli({"resolve", "--reverse", "127.0.0.1:512", "--flags", "NI_DGRAM"});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains("host: localhost\nservice: biff\n"), qPrintable(r.out));
        const Run n = cli(
                {"resolve", "--reverse", "[::1]:22", "--flags", "NI_NUMERICHOST,NI_NUMERICSERV"});
        QVERIFY2(n.out.contains("host: ::1\nservice: 22\n"), qPrintable(n.out));
        const Run f = cli({"resolve", "--reverse", "::1", "--flags", "NI_NUMERICHOST,NI_NAMEREQD"});
        QCOMPARE(f.status, 1);
        QVERIFY2(f.err.contains("getnameinfo: EAI_NONAME"), qPrintable(f.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no host") << QStringList {"resolve"} << "HOST [SERVICE]";
        QTest::newRow("three words") << QStringList {"resolve", "a", "b", "c"} << "HOST [SERVICE]";
        QTest::newRow("bad family")
                << QStringList {"resolve", "localhost", "--family", "inet5"} << "'inet5'";
        QTest::newRow("bad type") << QStringList {"resolve", "localhost", "--type", "raw2"}
                                  << "'raw2'";
        QTest::newRow("missing value")
                << QStringList {"resolve", "localhost", "--flags"} << "--flags needs a value";
        QTest::newRow("bad flag") << QStringList {"resolve", "localhost", "--flags",
                                                  "AI_PASSIVE,AI_X"}
                                  << "'AI_X'";
        QTest::newRow("NI flag for getaddrinfo")
                << QStringList {"resolve", "localhost", "--flags", "NI_DGRAM"} << "'NI_DGRAM'";
        QTest::newRow("bad reverse port")
                << QStringList {"resolve", "--reverse", "1.2.3.4:99999"} << "'1.2.3.4:99999'";
        QTest::newRow("reverse of a name")
                << QStringList {"resolve", "--reverse", "localhost"} << "'localhost'";
        QTest::newRow("unknown option") << QStringList {"resolve", "x", "--fast"} << "'--fast'";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cli(args);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void allAddsMappedAddresses()
    {
        SB_REQUIRE_TOOL("unshare", "util-linux");
        if (!canUnshare("-m"))
            SB_SKIP_OR_FAIL("no private mount namespace here (unshare -m refused: run as root)");
        QTemporaryDir dir;
        const QString hosts = dir.filePath("hosts");
        QFile f(hosts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("127.0.0.1 dual\n::1 dual\n");
        f.close();
        const QString mount = "mount --bind '" + hosts + "' /etc/hosts && ";
        const Run mapped = inNamespace(
                {"-m"},
                mount
                        + "exec \"$C\" resolve dual --family inet6 --type stream --flags "
                          "AI_V4MAPPED");
        QCOMPARE(mapped.status, 0);
        // An IPv6 answer exists: AI_V4MAPPED alone adds nothing.
        QVERIFY2(mapped.out.contains("[::1]:0") && !mapped.out.contains("::ffff:"),
                 qPrintable(mapped.out + mapped.err));
        const Run all = inNamespace({"-m"},
                                    mount
                                            + "exec \"$C\" resolve dual --family inet6 "
                                              "--type stream --flags AI_V4MAPPED,AI_ALL");
        QCOMPARE(all.status, 0);
        QVERIFY2(all.out.contains("[::1]:0") && all.out.contains("[::ffff:127.0.0.1]:0"),
                 qPrintable(all.out + all.err));
    }

    void addrConfigOnLoopbackOnlyHost()
    {
        SB_REQUIRE_TOOL("unshare", "util-linux");
        SB_REQUIRE_TOOL("ip", "iproute2");
        if (!canUnshare("-n"))
            SB_SKIP_OR_FAIL("no private network namespace here (unshare -n refused: run as root)");
        // A fresh network namespace has only lo: the loopback-only host. glibc counts no
        // family as configured (127.0.0.1 and ::1 do not count), so AF_UNSPEC is left alone
        // but asking for AF_INET with AI_ADDRCONFIG finds nothing, even for 127.0.0.1.
        const QString up = "ip link set lo up 2>/dev/null; ";
        const Run any = inNamespace(
                {"-n"}, up + "exec \"$C\" resolve localhost --type stream --flags AI_ADDRCONFIG");
        QCOMPARE(any.status, 0);
        QVERIFY2(any.out.contains("127.0.0.1:0"), qPrintable(any.out + any.err));
        const Run inet = inNamespace({"-n"},
                                     up
                                             + "exec \"$C\" resolve 127.0.0.1 --family "
                                               "inet --type stream --flags AI_ADDRCONFIG");
        QCOMPARE(inet.status, 1);
        QCOMPARE(inet.err,
                 QString("sockbench-cli: getaddrinfo: EAI_NONAME (Name or service not known)\n"));
        const Run without = inNamespace(
                {"-n"}, up + "exec \"$C\" resolve 127.0.0.1 --family inet --type stream");
        QCOMPARE(without.status, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliResolve)
#include "tst_cli_resolve.moc"
