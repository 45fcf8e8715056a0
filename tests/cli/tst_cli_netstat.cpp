// sockbench-cli netstat -tuxan against ss -tuanx on the same sockets: the test opens real
// sockets in LISTEN, ESTABLISHED, CLOSE_WAIT, FIN_WAIT2 and TIME_WAIT, UDP ones, UNIX stream
// and datagram ones, and every one must appear in both with the same addresses, queues and
// state. Also netstat's layout, its program column and its usage errors.
#include "../support/processrun.h"
#include "../support/requiretool.h"
#include "core/tools/netstat.h"
#include "tests/support/posixsockets.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>

using namespace sb;
using namespace sbtest;

namespace {

using sbtest::cli;
using sbtest::run;
using sbtest::Run;

// One socket as either tool shows it, in a form both can be brought to.
struct Seen
{
    QString recvQ, sendQ, state, path, type;
    bool operator==(const Seen &) const = default;
    QString toString() const
    {
        return QString("Recv-Q=%1 Send-Q=%2 state='%3' type=%4 path='%5'")
                .arg(recvQ, sendQ, state, type, path);
    }
};

// "::1:5000" (netstat) and "[::1]:5000" (ss) both become "::1 5000"; "*" stays for port 0.
QString normalAddress(QString a)
{
    const int colon = a.lastIndexOf(':');
    QString host = a.left(colon), port = a.mid(colon + 1);
    if (host.startsWith('[') && host.endsWith(']'))
        host = host.mid(1, host.size() - 2);
    return host + " " + port;
}

// Key: "tcp LOCAL FOREIGN" for inet sockets, "unix INODE" for UNIX ones.
using Table = QMap<QString, Seen>;

Table parseOurs(const QString &text)
{
    Table t;
    static const QRegularExpression unixLine(
            R"(^unix\s+(\d+)\s+\[ (?:ACC )?\]\s+(\S+)\s+(LISTENING|CONNECTED|CONNECTING|DISCONNECTING|FREE)?\s+(\d+)\s*(.*)$)");
    for (const QString &line : text.split('\n')) {
        const QStringList f = line.split(' ', Qt::SkipEmptyParts);
        if (f.size() >= 5 && (f[0].startsWith("tcp") || f[0].startsWith("udp"))) {
            const QString key
                    = f[0].left(3) + " " + normalAddress(f[3]) + " " + normalAddress(f[4]);
            t[key] = Seen {f[1], f[2], f.value(5), {}, {}};
        } else if (const auto m = unixLine.match(line); m.hasMatch()) {
            t["unix " + m.captured(4)]
                    = Seen {{}, {}, m.captured(3), m.captured(5).trimmed(), m.captured(2)};
        }
    }
    return t;
}

// ss names the states its own way; bring them to netstat's.
QString ssState(const QString &netid, const QString &s)
{
    if (netid.startsWith("u_")) {
        if (s == "LISTEN")
            return "LISTENING";
        if (s == "ESTAB")
            return "CONNECTED";
        return s == "UNCONN" ? QString() : s;
    }
    if (s == "ESTAB")
        return "ESTABLISHED";
    if (s == "UNCONN")
        return QString();
    QString n = s;
    n.replace("FIN-WAIT-", "FIN_WAIT").replace('-', '_');
    return n == "SYN_RECV" ? "SYN_RECV" : n;
}

Table parseSs(const QString &text)
{
    Table t;
    for (const QString &line : text.split('\n')) {
        const QStringList f = line.split(' ', Qt::SkipEmptyParts);
        if (f.size() >= 8 && f[0].startsWith("u_")) {
            const QString type = f[0] == "u_str" ? "STREAM"
                    : f[0] == "u_dgr"            ? "DGRAM"
                                                 : "SEQPACKET";
            t["unix " + f[5]]
                    = Seen {{}, {}, ssState(f[0], f[1]), f[4] == "*" ? QString() : f[4], type};
        } else if (f.size() >= 6 && (f[0] == "tcp" || f[0] == "udp")) {
            t[f[0] + " " + normalAddress(f[4]) + " " + normalAddress(f[5])]
                    = Seen {f[2], f[3], ssState(f[0], f[1]), {}, {}};
        }
    }
    return t;
}

QString inetKey(const char *proto, const char *localHost, uint16_t localPort,
                const char *foreignHost, uint16_t foreignPort)
{
    auto port = [](uint16_t p) { return p ? QString::number(p) : QString("*"); };
    return QString("%1 %2 %3 %4 %5")
            .arg(proto, localHost, port(localPort), foreignHost, port(foreignPort));
}

const InetSocketRow *rowByPorts(const NetstatSnapshot &s, uint16_t local, uint16_t foreign)
{
    for (const InetSocketRow &r : s.inet)
        if (r.local.port() == local && r.foreign.port() == foreign)
            return &r;
    return nullptr;
}

std::string stateOf(uint16_t local, uint16_t foreign)
{
    NetstatOptions o;
    o.all = true;
    o.udp = o.unixSockets = false;
    const NetstatSnapshot snapshot = readNetstat(o);
    const InetSocketRow *r = rowByPorts(snapshot, local, foreign);
    return r ? inetStateName(*r) : std::string("(gone)");
}

} // namespace

class TestCliNetstat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { SB_REQUIRE_TOOL("ss", "iproute2"); }

    void sameSocketsAsSs()
    {
        QTemporaryDir dir;
        FdGuard g;
        // LISTEN with one connection waiting in the accept queue, backlog 7.
        const int l4 = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 7));
        QVERIFY(l4 >= 0);
        const uint16_t p4 = localPort(l4);
        const int waiting = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", p4));
        QVERIFY(waiting >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(p4, 0), std::string("LISTEN"), 20000);
        // ESTABLISHED, with 3 bytes the server has not read.
        const int c1 = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", p4));
        // accept() takes the oldest first: the waiting one, which we then leave alone.
        const int aWaiting = g.add(accept4(l4, nullptr, nullptr, SOCK_CLOEXEC));
        const int a1 = g.add(accept4(l4, nullptr, nullptr, SOCK_CLOEXEC));
        QVERIFY(c1 >= 0 && aWaiting >= 0 && a1 >= 0);
        QCOMPARE(send(c1, "abc", 3, 0), ssize_t(3));
        // CLOSE_WAIT / FIN_WAIT2: the client shuts its writing half, the server does not.
        const int c2 = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", p4));
        const int a2 = g.add(accept4(l4, nullptr, nullptr, SOCK_CLOEXEC));
        QVERIFY(c2 >= 0 && a2 >= 0);
        QCOMPARE(shutdown(c2, SHUT_WR), 0);
        // TIME_WAIT: the client closes first, then the server.
        const int c3 = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", p4));
        const int a3 = g.add(accept4(l4, nullptr, nullptr, SOCK_CLOEXEC));
        QVERIFY(c3 >= 0 && a3 >= 0);
        const uint16_t pc3 = localPort(c3);
        g.closeNow(c3);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(p4, pc3), std::string("CLOSE_WAIT"), 20000);
        g.closeNow(a3);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(pc3, p4), std::string("TIME_WAIT"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(localPort(c2), p4), std::string("FIN_WAIT2"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(p4, localPort(c2)), std::string("CLOSE_WAIT"), 20000);
        // Last, a connection nobody accepts: it waits in the listener's accept queue.
        const int stillWaiting = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", p4));
        QVERIFY(stillWaiting >= 0);

        // A full send queue: the receiver's small buffer closes the window, so the sender's
        // unacknowledged bytes stay in Send-Q and the receiver's unread ones in Recv-Q.
        const int l6 = g.add(socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
        const int small = 4096;
        QCOMPARE(setsockopt(l6, SOL_SOCKET, SO_RCVBUF, &small, sizeof small), 0);
        sockaddr_storage ss;
        const socklen_t len = fillInet(&ss, AF_INET6, "::1", 0);
        QCOMPARE(bind(l6, reinterpret_cast<sockaddr *>(&ss), len), 0);
        QCOMPARE(listen(l6, 2), 0);
        const uint16_t p6 = localPort(l6);
        const int c6 = g.add(connectInet(AF_INET6, SOCK_STREAM, "::1", p6));
        const int a6 = g.add(accept4(l6, nullptr, nullptr, SOCK_CLOEXEC));
        QVERIFY(c6 >= 0 && a6 >= 0);
        fcntl(c6, F_SETFL, O_NONBLOCK);
        const std::string chunk(4096, 'x');
        while (send(c6, chunk.data(), chunk.size(), MSG_NOSIGNAL) > 0) { }
        QCOMPARE(errno, EAGAIN);

        // UDP: a bound socket with one unread datagram; a connected IPv6 pair.
        const int u4 = g.add(bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
        const int us = g.add(connectInet(AF_INET, SOCK_DGRAM, "127.0.0.1", localPort(u4)));
        QCOMPARE(send(us, "ping", 4, 0), ssize_t(4));
        const int v1 = g.add(bindInet(AF_INET6, SOCK_DGRAM, "::1"));
        const int v2 = g.add(connectInet(AF_INET6, SOCK_DGRAM, "::1", localPort(v1)));
        sockaddr_storage v2addr;
        const socklen_t v2len = fillInet(&v2addr, AF_INET6, "::1", localPort(v2));
        QCOMPARE(::connect(v1, reinterpret_cast<sockaddr *>(&v2addr), v2len), 0);

        // UNIX: a stream listener and a connection to it; a bound datagram socket and an
        // unnamed one connected to it.
        const std::string streamPath = dir.filePath("stream.sock").toStdString();
        const std::string dgramPath = dir.filePath("dgram.sock").toStdString();
        const int xl = g.add(bindUnix(SOCK_STREAM, streamPath, 4));
        const int xc = g.add(connectUnix(SOCK_STREAM, streamPath));
        const int xa = g.add(accept4(xl, nullptr, nullptr, SOCK_CLOEXEC));
        const int xd = g.add(bindUnix(SOCK_DGRAM, dgramPath));
        const int xdc = g.add(connectUnix(SOCK_DGRAM, dgramPath));
        QVERIFY(xl >= 0 && xc >= 0 && xa >= 0 && xd >= 0 && xdc >= 0);

        // What the test knows of each socket; "?" where only the kernel knows (datagram
        // memory accounting, a closed window's byte counts): there both tools must agree.
        struct Expect
        {
            QString key;
            Seen seen;
        };
        const QString S = "?";
        auto unixKey = [](int fd) { return "unix " + QString::number(inodeOf(fd)); };
        const QList<Expect> expected = {
                {inetKey("tcp", "127.0.0.1", p4, "0.0.0.0", 0), {"1", "7", "LISTEN", {}, {}}},
                {inetKey("tcp", "127.0.0.1", p4, "127.0.0.1", localPort(c1)),
                 {"3", "0", "ESTABLISHED", {}, {}}},
                {inetKey("tcp", "127.0.0.1", localPort(c1), "127.0.0.1", p4),
                 {"0", "0", "ESTABLISHED", {}, {}}},
                {inetKey("tcp", "127.0.0.1", localPort(stillWaiting), "127.0.0.1", p4),
                 {"0", "0", "ESTABLISHED", {}, {}}},
                {inetKey("tcp", "127.0.0.1", localPort(c2), "127.0.0.1", p4),
                 {"0", "0", "FIN_WAIT2", {}, {}}},
                // The peer's FIN takes a sequence number: rcv_nxt - copied_seq is 1.
                {inetKey("tcp", "127.0.0.1", p4, "127.0.0.1", localPort(c2)),
                 {"1", "0", "CLOSE_WAIT", {}, {}}},
                {inetKey("tcp", "127.0.0.1", pc3, "127.0.0.1", p4),
                 {"0", "0", "TIME_WAIT", {}, {}}},
                {inetKey("tcp", "::1", p6, "::", 0), {"0", "2", "LISTEN", {}, {}}},
                {inetKey("tcp", "::1", localPort(c6), "::1", p6), {"0", S, "ESTABLISHED", {}, {}}},
                {inetKey("tcp", "::1", p6, "::1", localPort(c6)), {S, "0", "ESTABLISHED", {}, {}}},
                {inetKey("udp", "127.0.0.1", localPort(u4), "0.0.0.0", 0), {S, "0", "", {}, {}}},
                {inetKey("udp", "::1", localPort(v1), "::1", localPort(v2)),
                 {"0", "0", "ESTABLISHED", {}, {}}},
                {unixKey(xl), {{}, {}, "LISTENING", QString::fromStdString(streamPath), "STREAM"}},
                {unixKey(xc), {{}, {}, "CONNECTED", {}, "STREAM"}},
                {unixKey(xa), {{}, {}, "CONNECTED", QString::fromStdString(streamPath), "STREAM"}},
                {unixKey(xd), {{}, {}, S, QString::fromStdString(dgramPath), "DGRAM"}},
                {unixKey(xdc), {{}, {}, "CONNECTED", {}, "DGRAM"}},
        };

        // Both tools read the kernel a few milliseconds apart; a window probe or a late ACK
        // may move a queue in between, so compare again until the two agree (a real
        // difference persists and fails below).
        QStringList problems;
        Run ours, theirs;
        for (int attempt = 0; attempt < 20; ++attempt) {
            ours = cli({"netstat", "-tuxan"});
            theirs = run("ss", {"-tuanx"});
            QCOMPARE(ours.status, 0);
            QCOMPARE(theirs.status, 0);
            const Table a = parseOurs(ours.out), b = parseSs(theirs.out);
            problems.clear();
            for (const Expect &e : expected) {
                if (!a.contains(e.key)) {
                    problems << "sockbench-cli lacks " + e.key;
                    continue;
                }
                if (!b.contains(e.key)) {
                    problems << "ss lacks " + e.key;
                    continue;
                }
                if (a[e.key] != b[e.key])
                    problems << e.key + ": sockbench-cli " + a[e.key].toString() + " / ss "
                                    + b[e.key].toString();
                Seen want = e.seen;
                const Seen &got = a[e.key];
                for (auto [w, v] : {std::pair {&want.recvQ, got.recvQ},
                                    {&want.sendQ, got.sendQ},
                                    {&want.state, got.state}})
                    if (*w == S)
                        *w = v;
                if (want != got)
                    problems << e.key + ": expected " + want.toString() + ", got " + got.toString();
            }
            if (problems.isEmpty())
                break;
            QTest::qWait(200);
        }
        if (!problems.isEmpty())
            qWarning().noquote() << "--- sockbench-cli:\n" + ours.out + "--- ss:\n" + theirs.out;
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        // The queues the test could not predict are really there.
        const Table a = parseOurs(ours.out);
        QVERIFY(a[inetKey("udp", "127.0.0.1", localPort(u4), "0.0.0.0", 0)].recvQ.toInt() > 0);
        QVERIFY(a[inetKey("tcp", "::1", localPort(c6), "::1", p6)].sendQ.toInt() > 0);
        QVERIFY(a[inetKey("tcp", "::1", p6, "::1", localPort(c6))].recvQ.toInt() > 0);
    }

    void layoutOfNetstat()
    {
        FdGuard g;
        const int l = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 3));
        const QString port = QString::number(localPort(l));
        const Run r = cli({"netstat", "-ltn"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.startsWith("Active Internet connections (only servers)\n"
                                 "Proto Recv-Q Send-Q Local Address           Foreign Address  "
                                 "       State      \n"));
        QVERIFY2(r.out.contains(QString("tcp        0      3 %1 0.0.0.0:*               LISTEN")
                                        .arg("127.0.0.1:" + port, -23)),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains("UNIX"));
        // net-tools' netstat prints the same line but for Send-Q (0 there: it reads
        // /proc/net/tcp, which has no backlog).
        SB_REQUIRE_TOOL("netstat", "net-tools");
        const Run n = run("netstat", {"-ltn"});
        QVERIFY2(n.out.contains(QString("tcp        0      0 %1 0.0.0.0:*               LISTEN")
                                        .arg("127.0.0.1:" + port, -23)),
                 qPrintable(n.out));
    }

    void programColumn()
    {
        QTemporaryDir dir;
        FdGuard g;
        const std::string path = dir.filePath("p.sock").toStdString();
        QVERIFY(g.add(bindUnix(SOCK_STREAM, path, 1)) >= 0);
        const Run r = cli({"netstat", "-xlp"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("PID/Program name"));
        // The socket is this test's, not sockbench-cli's: the PID is ours.
        const QString self = QString::number(QCoreApplication::applicationPid()) + "/";
        const QString line = r.out.split('\n').filter(QString::fromStdString(path)).value(0);
        QVERIFY2(line.contains(self), qPrintable(r.out));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown flag") << QStringList {"netstat", "-tuz"} << "'-z' in '-tuz'";
        QTest::newRow("stray argument") << QStringList {"netstat", "all"} << "'all'";
        QTest::newRow("long option") << QStringList {"netstat", "--wide"} << "'--wide'";
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
};

QTEST_GUILESS_MAIN(TestCliNetstat)
#include "tst_cli_netstat.moc"
