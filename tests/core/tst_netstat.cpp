// The /proc/net reader: fixed kernel text parsed field by field, then real sockets of this
// process found with the queues, states, inodes and owner the kernel gives them.
#include "core/tools/inettools.h"
#include "core/tools/netstat.h"
#include "tests/support/posixsockets.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace sb;
using namespace sbtest;

namespace {

const InetSocketRow *findInet(const NetstatSnapshot &s, uint64_t inode)
{
    for (const InetSocketRow &r : s.inet)
        if (r.inode == inode)
            return &r;
    return nullptr;
}

const UnixSocketRow *findUnix(const NetstatSnapshot &s, uint64_t inode)
{
    for (const UnixSocketRow &r : s.unixRows)
        if (r.inode == inode)
            return &r;
    return nullptr;
}

NetstatOptions everything()
{
    NetstatOptions o;
    o.all = true;
    o.numeric = true;
    return o;
}

// Recv-Q of the inet socket with this inode now, -1 when /proc has no such row.
int64_t recvQOf(uint64_t inode)
{
    const NetstatSnapshot s = readNetstat(everything());
    const InetSocketRow *r = findInet(s, inode);
    return r ? int64_t(r->recvQ) : -1;
}

} // namespace

class TestNetstat : public QObject
{
    Q_OBJECT

private slots:
    void parsesProcNetTcp()
    {
        if (!hostIsLittleEndian())
            QSKIP("the sample lines are a little-endian kernel's");
        const char *text
                = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   "
                  "uid  timeout inode\n"
                  "   0: 0100007F:C679 0100007F:D908 01 0000000A:00000005 00:00000000 00000000  "
                  "1000        0 8944 1 000000005c87e6bd 20 0 0 10 -1\n"
                  "   1: 00000000:07E8 00000000:0000 0A 00000000:00000003 00:00000000 00000000     "
                  "0        0 1149 1 000000006382c3fc 100 0 0 10 0\n"
                  "garbage line\n";
        const auto rows = parseProcNetInet(text, NetProto::Tcp);
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].local.toString(), std::string("127.0.0.1:50809"));
        QCOMPARE(rows[0].foreign.toString(), std::string("127.0.0.1:55560"));
        QCOMPARE(inetStateName(rows[0]), std::string("ESTABLISHED"));
        QCOMPARE(rows[0].sendQ, 10u);
        QCOMPARE(rows[0].recvQ, 5u);
        QCOMPARE(rows[0].uid, uid_t(1000));
        QCOMPARE(rows[0].inode, uint64_t(8944));
        QCOMPARE(rows[1].local.toString(), std::string("0.0.0.0:2024"));
        QCOMPARE(inetStateName(rows[1]), std::string("LISTEN"));
        QCOMPARE(rows[1].recvQ, 3u);
    }

    void parsesProcNetUdp6()
    {
        if (!hostIsLittleEndian())
            QSKIP("the sample lines are a little-endian kernel's");
        const char *text = "  sl  local_address                         remote_address          "
                           "              st tx_queue rx_queue tr tm->when retrnsmt   uid  "
                           "timeout inode ref pointer drops\n"
                           " 5918: 00000000000000000000000001000000:D8CA "
                           "0000000000000000FFFF00000100007F:0035 01 00000000:00000300 "
                           "00:00000000 00000000     0        0 8946 2 00000000ffdf752b 0\n";
        const auto rows = parseProcNetInet(text, NetProto::Udp6);
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(rows[0].local.toString(), std::string("[::1]:55498"));
        QCOMPARE(rows[0].foreign.toString(), std::string("[::ffff:127.0.0.1]:53"));
        QCOMPARE(rows[0].recvQ, 0x300u);
        QCOMPARE(inetStateName(rows[0]), std::string("ESTABLISHED"));
        QCOMPARE(netstatAddress(rows[0].local, NetProto::Udp6, true), std::string("::1:55498"));
    }

    void parsesProcNetUnix()
    {
        const char *text = "Num       RefCount Protocol Flags    Type St Inode Path\n"
                           "000000004160e4be: 00000003 00000000 00000000 0001 03  1146\n"
                           "0000000073a2c1ea: 00000002 00000000 00010000 0001 01  8945 @sbtest\n"
                           "0000000073a2c1eb: 00000002 00000000 00000000 0002 01  8950 /tmp/a b\n"
                           "0000000073a2c1ec: 00000002 00000000 00000000 0005 03  8951\n";
        const auto rows = parseProcNetUnix(text);
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(unixStateName(rows[0]), std::string("CONNECTED"));
        QCOMPARE(unixFlagsText(rows[0]), std::string("[ ]"));
        QCOMPARE(rows[0].path, std::string());
        QCOMPARE(rows[1].path, std::string("@sbtest"));
        QCOMPARE(unixStateName(rows[1]), std::string("LISTENING"));
        QCOMPARE(unixFlagsText(rows[1]), std::string("[ ACC ]"));
        QCOMPARE(rows[1].refCnt, 2u);
        QCOMPARE(unixTypeName(rows[2].type), std::string("DGRAM"));
        QCOMPARE(unixStateName(rows[2]), std::string(""));
        QCOMPARE(rows[2].path, std::string("/tmp/a b"));
        QCOMPARE(unixTypeName(rows[3].type), std::string("SEQPACKET"));
        QCOMPARE(rows[3].inode, uint64_t(8951));
    }

    void tcpQueuesOfLiveSockets()
    {
        FdGuard g;
        const int listener = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 5));
        QVERIFY(listener >= 0);
        const uint16_t port = localPort(listener);
        // Two connections the server has not accepted: the accept queue holds them.
        QVERIFY(g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", port)) >= 0);
        const int client = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", port));
        QVERIFY(client >= 0);
        QCOMPARE(send(client, "hello", 5, 0), ssize_t(5));
        QTRY_COMPARE(recvQOf(inodeOf(listener)), int64_t(2));
        const NetstatSnapshot s = readNetstat(everything());
        const InetSocketRow *l = findInet(s, inodeOf(listener));
        QCOMPARE(l->proto, NetProto::Tcp);
        QCOMPARE(inetStateName(*l), std::string("LISTEN"));
        QCOMPARE(l->local.toString(), "127.0.0.1:" + std::to_string(port));
        QCOMPARE(l->uid, getuid());
        if (s.listenBacklogKnown)
            QCOMPARE(l->sendQ, 5u);
        // The accepted side (not yet accepted, so no inode) holds the 5 unread bytes.
        const auto server = std::find_if(s.inet.begin(), s.inet.end(), [&](const InetSocketRow &r) {
            return r.local.port() == port && r.foreign.port() == localPort(client);
        });
        QVERIFY(server != s.inet.end());
        QCOMPARE(server->recvQ, 5u);
        QCOMPARE(inetStateName(*server), std::string("ESTABLISHED"));
        const InetSocketRow *c = findInet(s, inodeOf(client));
        QVERIFY(c);
        QCOMPARE(c->foreign.toString(), "127.0.0.1:" + std::to_string(port));
    }

    void udpAndUnixOfLiveSockets()
    {
        QTemporaryDir dir;
        FdGuard g;
        const int u6 = g.add(bindInet(AF_INET6, SOCK_DGRAM, "::1"));
        QVERIFY(u6 >= 0);
        const int sender = g.add(connectInet(AF_INET6, SOCK_DGRAM, "::1", localPort(u6)));
        QCOMPARE(send(sender, "datagram", 8, 0), ssize_t(8));
        const std::string streamPath = dir.filePath("stream.sock").toStdString();
        const std::string dgramPath = dir.filePath("dgram.sock").toStdString();
        const int ul = g.add(bindUnix(SOCK_STREAM, streamPath, 3));
        const int ud = g.add(bindUnix(SOCK_DGRAM, dgramPath));
        const int uc = g.add(connectUnix(SOCK_STREAM, streamPath));
        QVERIFY(ul >= 0 && ud >= 0 && uc >= 0);
        QTRY_VERIFY(recvQOf(inodeOf(u6)) > 0);
        NetstatOptions withOwners = everything();
        withOwners.programs = true;
        const NetstatSnapshot s = readNetstat(withOwners);
        const InetSocketRow *r = findInet(s, inodeOf(u6));
        QCOMPARE(r->proto, NetProto::Udp6);
        QCOMPARE(inetStateName(*r), std::string(""));
        const InetSocketRow *snd = findInet(s, inodeOf(sender));
        QCOMPARE(inetStateName(*snd), std::string("ESTABLISHED"));
        QCOMPARE(snd->foreign.port(), localPort(u6));

        const UnixSocketRow *l = findUnix(s, inodeOf(ul));
        QVERIFY(l);
        QCOMPARE(l->path, streamPath);
        QCOMPARE(unixStateName(*l), std::string("LISTENING"));
        QCOMPARE(unixTypeName(l->type), std::string("STREAM"));
        const UnixSocketRow *d = findUnix(s, inodeOf(ud));
        QCOMPARE(d->path, dgramPath);
        QCOMPARE(unixTypeName(d->type), std::string("DGRAM"));
        QCOMPARE(unixStateName(*findUnix(s, inodeOf(uc))), std::string("CONNECTED"));

        // This process owns them all.
        QCOMPARE(s.owners.at(inodeOf(ul)).pid, getpid());
        QCOMPARE(s.owners.at(inodeOf(u6)).pid, getpid());
        std::ifstream comm("/proc/self/comm");
        std::string me;
        std::getline(comm, me);
        QCOMPARE(s.owners.at(inodeOf(ud)).program, me);
    }

    void filtersAsNetstat()
    {
        FdGuard g;
        const int listener = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 1));
        const int client
                = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", localPort(listener)));
        const int udp = g.add(bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
        QVERIFY(listener >= 0 && client >= 0 && udp >= 0);
        const NetstatSnapshot s = readNetstat(everything());
        const InetSocketRow *l = findInet(s, inodeOf(listener));
        const InetSocketRow *c = findInet(s, inodeOf(client));
        const InetSocketRow *u = findInet(s, inodeOf(udp));
        QVERIFY(l && c && u);
        NetstatOptions o;
        QVERIFY(!netstatShows(*l, o) && netstatShows(*c, o) && !netstatShows(*u, o));
        o.listening = true;
        QVERIFY(netstatShows(*l, o) && !netstatShows(*c, o) && netstatShows(*u, o));
        o.all = true;
        QVERIFY(netstatShows(*l, o) && netstatShows(*c, o) && netstatShows(*u, o));
        o.tcp = false;
        QVERIFY(!netstatShows(*l, o) && netstatShows(*u, o));
    }

    void formatsNetstatColumns()
    {
        FdGuard g;
        const int listener = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 4));
        QVERIFY(listener >= 0);
        const std::string port = std::to_string(localPort(listener));
        NetstatOptions o = everything();
        o.udp = o.unixSockets = false;
        const QString numeric = QString::fromStdString(formatNetstat(readNetstat(o), o));
        QVERIFY(numeric.startsWith("Active Internet connections (servers and established)\n"
                                   "Proto Recv-Q Send-Q Local Address           Foreign Address  "
                                   "       State      \n"));
        const QString line = QString("tcp        0      4 %1 0.0.0.0:*               LISTEN     \n")
                                     .arg(QString::fromStdString("127.0.0.1:" + port), -23);
        QVERIFY2(numeric.contains(line), qPrintable(numeric));
        o.numeric = false;
        const QString named = QString::fromStdString(formatNetstat(readNetstat(o), o));
        // 127.0.0.1 is named in /etc/hosts; the wildcard stays digits, port 0 is "*".
        QVERIFY2(named.contains(QString::fromStdString("localhost:" + port)), qPrintable(named));
        QVERIFY(named.contains("0.0.0.0:*"));
    }

    void missingProcIsReported()
    {
        QTemporaryDir dir;
        const NetstatSnapshot s = readNetstat(everything(), dir.path().toStdString());
        QVERIFY(s.inet.empty());
        QCOMPARE(s.errors.size(), size_t(5));
        QVERIFY2(s.errors[0].find("/net/tcp: No such file or directory") != std::string::npos,
                 s.errors[0].c_str());
    }
};

QTEST_GUILESS_MAIN(TestNetstat)
#include "tst_netstat.moc"
