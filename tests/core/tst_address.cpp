// Address values and the endpoint grammar: parse, resolve, format, strace form.
#include "core/net/sys.h"
#include "core/text/address.h"
#include "core/text/endpointspec.h"

#include <QTemporaryDir>
#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace sb;

Q_DECLARE_METATYPE(sb::Transport)

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

class TstAddress : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Transport>("transport");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("tcp v4") << "tcp://127.0.0.1:80" << Transport::Tcp << "127.0.0.1" << 80
                                << "tcp://127.0.0.1:80";
        QTest::newRow("udp v6") << "udp://[::1]:53" << Transport::Udp << "::1" << 53
                                << "udp://[::1]:53";
        QTest::newRow("v6 full") << "tcp://[2001:db8::7]:65535" << Transport::Tcp << "2001:db8::7"
                                 << 65535 << "tcp://[2001:db8::7]:65535";
        QTest::newRow("name") << "tcp://localhost:0" << Transport::Tcp << "localhost" << 0
                              << "tcp://localhost:0";
        QTest::newRow("any, empty")
                << "tcp://:8080" << Transport::Tcp << "" << 8080 << "tcp://:8080";
        QTest::newRow("any, star") << "udp://*:9" << Transport::Udp << "" << 9 << "udp://:9";
        // A service name of /etc/services (netbase), by the scheme's protocol, as nc takes it.
        QTest::newRow("tcp service name") << "tcp://127.0.0.1:openvpn" << Transport::Tcp
                                          << "127.0.0.1" << 1194 << "tcp://127.0.0.1:1194";
        QTest::newRow("tcp service alias")
                << "tcp://[::1]:www" << Transport::Tcp << "::1" << 80 << "tcp://[::1]:80";
        QTest::newRow("udp service name") << "udp://127.0.0.1:domain" << Transport::Udp
                                          << "127.0.0.1" << 53 << "udp://127.0.0.1:53";
        QTest::newRow("spaces around") << "  tcp://127.0.0.1:7\t" << Transport::Tcp << "127.0.0.1"
                                       << 7 << "tcp://127.0.0.1:7";
        QTest::newRow("tls v4") << "tls://127.0.0.1:443" << Transport::Tcp << "127.0.0.1" << 443
                                << "tls://127.0.0.1:443";
        QTest::newRow("tls v6") << "tls://[::1]:8443" << Transport::Tcp << "::1" << 8443
                                << "tls://[::1]:8443";
        QTest::newRow("unix") << "unix:///tmp/s" << Transport::UnixStream << "/tmp/s" << 0
                              << "unix:///tmp/s";
        QTest::newRow("unix-stream") << "unix-stream:///tmp/s" << Transport::UnixStream << "/tmp/s"
                                     << 0 << "unix:///tmp/s";
        QTest::newRow("unix-dgram") << "unix-dgram:///run/d" << Transport::UnixDgram << "/run/d"
                                    << 0 << "unix-dgram:///run/d";
        QTest::newRow("unix-seqpacket") << "unix-seqpacket:///q" << Transport::UnixSeqpacket << "/q"
                                        << 0 << "unix-seqpacket:///q";
        QTest::newRow("abstract") << "unix://@name" << Transport::UnixStream << "@name" << 0
                                  << "unix://@name";
        const QString path107 = "/" + QString(106, 'p');
        QTest::newRow("path of 107 bytes") << "unix://" + path107 << Transport::UnixStream
                                           << path107 << 0 << "unix://" + path107;
        const QString abstract108 = "@" + QString(107, 'a');
        QTest::newRow("abstract of 107 bytes") << "unix://" + abstract108 << Transport::UnixStream
                                               << abstract108 << 0 << "unix://" + abstract108;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(Transport, transport);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, canonical);
        const auto spec = parseEndpoint(text.toStdString());
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().c_str());
        QCOMPARE(spec->transport, transport);
        QCOMPARE(q(spec->host), host);
        QCOMPARE(int(spec->port), port);
        QCOMPARE(q(spec->toString()), canonical);
        // The canonical form parses back to the same endpoint.
        const auto again = parseEndpoint(spec->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->transport, transport);
        QCOMPARE(q(again->host), host);
        QCOMPARE(int(again->port), port);
        QCOMPARE(again->tls, text.trimmed().startsWith("tls://"));
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << "  "
                               << "empty endpoint: expected e.g. tcp://127.0.0.1:7 or "
                                  "unix:///tmp/sock";
        QTest::newRow("no scheme") << "127.0.0.1:80"
                                   << "'127.0.0.1:80' has no scheme: expected tcp://, udp://, "
                                      "tls://, unix://, unix-dgram:// or unix-seqpacket://";
        QTest::newRow("unknown scheme") << "ftp://host:21"
                                        << "unknown scheme 'ftp': expected tcp, udp, tls, unix, "
                                           "unix-dgram or unix-seqpacket";
        QTest::newRow("tls with a path") << "tls:///tmp/s"
                                         << "'tls:///tmp/s': TLS runs over TCP here: expected "
                                            "tls://HOST:PORT, not a UNIX path";
        QTest::newRow("port out of range") << "tcp://127.0.0.1:70000"
                                           << "port 70000 is out of range 0..65535";
        QTest::newRow("port far out of range") << "udp://[::1]:99999999999999999999999"
                                               << "port 99999999999999999999999 is out of range "
                                                  "0..65535";
        QTest::newRow("port not a number nor a service")
                << "tcp://127.0.0.1:nosuchservice"
                << "port 'nosuchservice' is not a number, nor a tcp service of /etc/services";
        QTest::newRow("tcp-only service on udp")
                << "udp://127.0.0.1:http"
                << "port 'http' is not a number, nor a udp service of /etc/services";
        QTest::newRow("service with a bad character")
                << "tcp://127.0.0.1:http$"
                << "port 'http$' is not a number, nor a tcp service of /etc/services";
        QTest::newRow("negative port") << "tcp://127.0.0.1:-1"
                                       << "port '-1' is not a number";
        QTest::newRow("missing port") << "tcp://127.0.0.1"
                                      << "missing port: expected tcp://HOST:PORT";
        QTest::newRow("empty port") << "udp://127.0.0.1:"
                                    << "missing port (use :0 to let the kernel choose)";
        QTest::newRow("v6 without brackets") << "tcp://::1:80"
                                             << "IPv6 address must be in brackets: "
                                                "tcp://[::1]:80";
        QTest::newRow("malformed v6") << "tcp://[::g]:80"
                                      << "malformed IPv6 address '::g'";
        QTest::newRow("v4 in brackets") << "tcp://[127.0.0.1]:80"
                                        << "'127.0.0.1' in [] is not an IPv6 address";
        QTest::newRow("no closing bracket") << "tcp://[::1:80"
                                            << "IPv6 address has no closing ']'";
        QTest::newRow("no port after brackets") << "tcp://[::1]"
                                                << "missing port after [::1]";
        QTest::newRow("empty brackets") << "tcp://[]:80"
                                        << "empty IPv6 address in []";
        QTest::newRow("bad host char") << "tcp://ho st:80"
                                       << "host 'ho st' has an invalid character ' '";
        QTest::newRow("unix path too long")
                << "unix:///" + QString(119, 'x') << "UNIX path is 120 bytes; the limit is 107";
        QTest::newRow("abstract too long")
                << "unix://@" + QString(108, 'x') << "UNIX path is 109 bytes; the limit is 108";
        QTest::newRow("unix empty") << "unix://"
                                    << "missing UNIX path: expected unix:///path or unix://@name";
        QTest::newRow("abstract empty") << "unix-dgram://@"
                                        << "abstract UNIX name is empty: expected unix://@name";
    }

    void parseErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto spec = parseEndpoint(text.toStdString());
        QVERIFY(!spec.ok());
        QCOMPARE(q(spec.error()), error);
    }

    void nulInUnixPath()
    {
        const auto spec = parseEndpoint(std::string_view("unix:///tmp/a\0b", 15));
        QVERIFY(!spec.ok());
        QCOMPARE(q(spec.error()), "UNIX path contains a NUL byte");
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("pref");
        QTest::addColumn<bool>("passive");
        QTest::addColumn<QString>("first");
        QTest::newRow("v4 literal")
                << "tcp://127.0.0.1:80" << int(FamilyPref::Any) << false << "127.0.0.1:80";
        QTest::newRow("v6 literal")
                << "udp://[::1]:53" << int(FamilyPref::Any) << false << "[::1]:53";
        QTest::newRow("localhost v4")
                << "tcp://localhost:7" << int(FamilyPref::V4) << false << "127.0.0.1:7";
        QTest::newRow("empty host, passive")
                << "tcp://:9000" << int(FamilyPref::Any) << true << "0.0.0.0:9000";
        QTest::newRow("empty host, active")
                << "tcp://:9000" << int(FamilyPref::Any) << false << "127.0.0.1:9000";
        QTest::newRow("empty host, passive v6")
                << "udp://:0" << int(FamilyPref::V6) << true << "[::]:0";
        QTest::newRow("empty host, active v6")
                << "udp://:5" << int(FamilyPref::V6) << false << "[::1]:5";
        QTest::newRow("unix") << "unix-dgram:///tmp/x" << int(FamilyPref::Any) << false << "/tmp/x";
        QTest::newRow("abstract") << "unix://@sb" << int(FamilyPref::Any) << true << "@sb";
    }

    void resolve()
    {
        QFETCH(QString, text);
        QFETCH(int, pref);
        QFETCH(bool, passive);
        QFETCH(QString, first);
        const auto spec = parseEndpoint(text.toStdString());
        QVERIFY(spec.ok());
        const auto addrs = resolveEndpoint(*spec, FamilyPref(pref), passive);
        QVERIFY2(addrs.ok(), addrs.ok() ? "" : addrs.error().c_str());
        QVERIFY(!addrs->empty());
        QCOMPARE(q(addrs->front().toString()), first);
    }

    void resolveLocalhostFromHosts()
    {
        // localhost comes from /etc/hosts (nsswitch "files"): no DNS query leaves the machine.
        const auto addrs
                = resolveEndpoint(*parseEndpoint("tcp://localhost:4000"), FamilyPref::Any, false);
        QVERIFY(addrs.ok());
        bool loop4 = false;
        for (const Address &a : *addrs) {
            QCOMPARE(a.port(), uint16_t(4000));
            loop4 = loop4 || a.toString() == "127.0.0.1:4000";
        }
        QVERIFY(loop4);
    }

    void resolveFamilyMismatch()
    {
        auto r = resolveEndpoint(*parseEndpoint("tcp://[::1]:1"), FamilyPref::V4, false);
        QVERIFY(!r.ok());
        QCOMPARE(q(r.error()), "'::1' is not an IPv4 address");
        r = resolveEndpoint(*parseEndpoint("tcp://127.0.0.1:1"), FamilyPref::V6, false);
        QVERIFY(!r.ok());
        QCOMPARE(q(r.error()), "'127.0.0.1' is not an IPv6 address");
    }

    void addressValues()
    {
        QVERIFY(!Address().valid());
        QCOMPARE(q(Address().toString()), "(none)");
        QVERIFY(!Address::ip("300.1.1.1", 1).valid());
        QVERIFY(!Address::ip("::g", 1).valid());
        QVERIFY(!Address::ip("fe80::1%", 1).valid());
        Address a = Address::ip("10.0.0.1", 1);
        QCOMPARE(a.family(), AF_INET);
        QCOMPARE(a.length(), socklen_t(sizeof(sockaddr_in)));
        a.setPort(65535);
        QCOMPARE(a.port(), uint16_t(65535));
        QCOMPARE(a, Address::ip("10.0.0.1", 65535));
        QVERIFY(!(a == Address::ip("10.0.0.1", 1)));
        QCOMPARE(q(Address::ipv6Any(0).host()), "::");
        QCOMPARE(q(Address::unixPath("/tmp/s").host()), "/tmp/s");
        QCOMPARE(Address::unixPath("/tmp/s").port(), uint16_t(0));
    }

    void toStrace_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("strace");
        QTest::newRow("v4") << "tcp://127.0.0.1:80"
                            << "{sa_family=AF_INET, sin_port=htons(80), "
                               "sin_addr=inet_addr(\"127.0.0.1\")}";
        QTest::newRow("v6") << "udp://[::1]:53"
                            << "{sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), "
                               "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}";
        QTest::newRow("unix path") << "unix:///tmp/x/s"
                                   << "{sa_family=AF_UNIX, sun_path=\"/tmp/x/s\"}";
        QTest::newRow("abstract") << "unix://@name"
                                  << "{sa_family=AF_UNIX, sun_path=@\"name\"}";
    }

    void toStrace()
    {
        QFETCH(QString, text);
        QFETCH(QString, strace);
        const auto addrs
                = resolveEndpoint(*parseEndpoint(text.toStdString()), FamilyPref::Any, false);
        QVERIFY(addrs.ok());
        QCOMPARE(q(addrs->front().toStrace()), strace);
    }

    void realSocketNames()
    {
        // The kernel's own view of a bound path, an abstract name and an unnamed socket.
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/sock";
        const int s = ::socket(AF_UNIX, SOCK_DGRAM, 0);
        QCOMPARE(sys::bind({}, s, Address::unixPath(path)), 0);
        Address got;
        QCOMPARE(sys::getsockname({}, s, &got), 0);
        QCOMPARE(q(got.toString()), q(path));
        QCOMPARE(q(formatEndpoint(Transport::UnixDgram, got)), q("unix-dgram://" + path));
        ::close(s);

        const std::string name
                = "@sockbench-tst-" + std::to_string(::getpid()) + std::string(60, 'n');
        const int a = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QCOMPARE(sys::bind({}, a, Address::unixPath(name)), 0);
        QCOMPARE(sys::getsockname({}, a, &got), 0);
        QCOMPARE(q(got.host()), q(name));
        QCOMPARE(got, Address::unixPath(name));
        ::close(a);

        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
        QCOMPARE(sys::getsockname({}, pair[0], &got), 0);
        QVERIFY(got.valid());
        QCOMPARE(q(got.toString()), "(unnamed)");
        QCOMPARE(q(got.toStrace()), "{sa_family=AF_UNIX}");
        ::close(pair[0]);
        ::close(pair[1]);

        const int t = ::socket(AF_INET6, SOCK_STREAM, 0);
        if (t >= 0 && sys::bind({}, t, Address::ip("::1", 0)) == 0) {
            QCOMPARE(sys::getsockname({}, t, &got), 0);
            QVERIFY(got.port() != 0);
            QCOMPARE(q(formatEndpoint(Transport::Tcp, got)),
                     "tcp://[::1]:" + QString::number(got.port()));
        }
        if (t >= 0)
            ::close(t);
    }

    void longestNamesBind()
    {
        // The longest path and abstract name the grammar accepts are the longest the kernel
        // takes: nothing is cut off on the way.
        QTemporaryDir dir;
        std::string path = dir.path().toStdString() + "/";
        path += std::string(kMaxUnixPath - path.size(), 'L');
        QCOMPARE(path.size(), kMaxUnixPath);
        const auto spec = parseEndpoint("unix://" + path);
        QVERIFY(spec.ok());
        const auto addrs = resolveEndpoint(*spec, FamilyPref::Any, true);
        const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QCOMPARE(sys::bind({}, s, addrs->front()), 0);
        Address got;
        QCOMPARE(sys::getsockname({}, s, &got), 0);
        QCOMPARE(q(got.host()), q(path));
        ::close(s);

        const std::string abstract = "@" + std::to_string(::getpid()) + std::string(200, 'A');
        const std::string longest = abstract.substr(0, kMaxUnixPath + 1);
        const auto aspec = parseEndpoint("unix://" + longest);
        QVERIFY(aspec.ok());
        const auto aaddrs = resolveEndpoint(*aspec, FamilyPref::Any, true);
        QCOMPARE(q(aaddrs->front().host()), q(longest));
        const int t = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QCOMPARE(sys::bind({}, t, aaddrs->front()), 0);
        QCOMPARE(sys::getsockname({}, t, &got), 0);
        QCOMPARE(q(got.host()), q(longest));
        ::close(t);
    }

    void helpers()
    {
        QCOMPARE(socketType(Transport::Tcp), SOCK_STREAM);
        QCOMPARE(socketType(Transport::UnixDgram), SOCK_DGRAM);
        QCOMPARE(socketType(Transport::UnixSeqpacket), SOCK_SEQPACKET);
        QVERIFY(isConnectionOriented(Transport::UnixSeqpacket));
        QVERIFY(!isConnectionOriented(Transport::Udp));
        QCOMPARE(q(protoName(Transport::Tcp, AF_INET6)), "tcp6");
        QCOMPARE(q(protoName(Transport::Udp, AF_INET)), "udp");
        QCOMPARE(q(protoName(Transport::UnixDgram, AF_UNIX)), "unix");
    }
};

QTEST_GUILESS_MAIN(TstAddress)
#include "tst_address.moc"
