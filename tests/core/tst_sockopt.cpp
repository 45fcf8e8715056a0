// The option table against real sockets: every settable option set and read back.
#include "core/net/event.h"
#include "core/net/sockopt.h"

#include <QFile>
#include <QtTest>

#include <cerrno>
#include <mutex>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;

namespace {

/// A socket closed at scope exit.
struct Fd
{
    int fd;
    explicit Fd(int f)
        : fd(f)
    { }
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

const OptionInfo &opt(const char *name)
{
    const OptionInfo *o = findOption(name);
    if (!o)
        qFatal("no option %s", name);
    return *o;
}

/// The socket an option applies to: TCP for most, UDP for datagram ones, v6 for IPV6_*.
int socketFor(const OptionInfo &o)
{
    switch (o.scope) {
    case OptionScope::Udp:
    case OptionScope::Datagram:
        return ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    case OptionScope::Ipv6:
        return ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    default:
        return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    }
}

int64_t procValue(const char *path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readAll().trimmed().toLongLong();
}

class CollectingSink : public EventSink
{
public:
    void post(Event event) override
    {
        std::lock_guard lock(m_mutex);
        if (const auto *t = event.as<ev::Trace>(); t && t->record)
            lines << QString::fromStdString(formatTrace(*t->record));
    }
    std::mutex m_mutex;
    QStringList lines;
};

} // namespace

class TstSockopt : public QObject
{
    Q_OBJECT

private slots:
    void tableHasTheDesignOptions()
    {
        const char *names[]
                = {"SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_RCVBUF",   "SO_SNDBUF",
                   "SO_LINGER",    "SO_BROADCAST", "SO_RCVTIMEO",  "SO_SNDTIMEO", "SO_OOBINLINE",
                   "TCP_NODELAY",  "IP_TTL",       "IPV6_V6ONLY",  "SO_RXQ_OVFL"};
        for (const char *n : names) {
            const OptionInfo *o = findOption(n);
            QVERIFY2(o, n);
            QVERIFY2(o->settable, n);
            QCOMPARE(QString(o->name), QString(n));
            QVERIFY(o->help && *o->help);
        }
        for (const char *n : {"SO_TYPE", "SO_ERROR", "SO_ACCEPTCONN"}) {
            QVERIFY2(findOption(n), n);
            QVERIFY2(!findOption(n)->settable, n);
        }
    }

    void findByName_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("name");
        QTest::newRow("exact") << "SO_REUSEADDR"
                               << "SO_REUSEADDR";
        QTest::newRow("lower") << "so_reuseaddr"
                               << "SO_REUSEADDR";
        QTest::newRow("bare") << "reuseaddr"
                              << "SO_REUSEADDR";
        QTest::newRow("dashed") << "reuse-addr"
                                << "SO_REUSEADDR";
        QTest::newRow("nodelay") << "NoDelay"
                                 << "TCP_NODELAY";
        QTest::newRow("v6only") << "v6only"
                                << "IPV6_V6ONLY";
        QTest::newRow("ttl") << "ttl"
                             << "IP_TTL";
        QTest::newRow("spaces") << "  rcvbuf "
                                << "SO_RCVBUF";
        QTest::newRow("unknown") << "SO_NOPE"
                                 << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("underscores only") << "__"
                                          << "";
    }

    void findByName()
    {
        QFETCH(QString, typed);
        QFETCH(QString, name);
        const OptionInfo *o = findOption(typed.toStdString());
        QCOMPARE(o ? QString(o->name) : QString(), name);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("number");
        QTest::addColumn<bool>("on");
        QTest::newRow("bool 1") << "SO_KEEPALIVE"
                                << "1" << qint64(1) << true;
        QTest::newRow("bool on") << "SO_KEEPALIVE"
                                 << " On " << qint64(1) << true;
        QTest::newRow("bool yes") << "SO_KEEPALIVE"
                                  << "yes" << qint64(1) << true;
        QTest::newRow("bool false") << "SO_KEEPALIVE"
                                    << "FALSE" << qint64(0) << false;
        QTest::newRow("bool no") << "SO_KEEPALIVE"
                                 << "no" << qint64(0) << false;
        QTest::newRow("ttl") << "IP_TTL"
                             << "64" << qint64(64) << false;
        QTest::newRow("bytes") << "SO_RCVBUF"
                               << "65536" << qint64(65536) << false;
        QTest::newRow("bytes k") << "SO_RCVBUF"
                                 << "64k" << qint64(65536) << false;
        QTest::newRow("bytes KiB") << "SO_RCVBUF"
                                   << "64 KiB" << qint64(65536) << false;
        QTest::newRow("bytes M") << "SO_SNDBUF"
                                 << "1M" << qint64(1 << 20) << false;
        QTest::newRow("linger on,5") << "SO_LINGER"
                                     << "on,5" << qint64(5) << true;
        QTest::newRow("linger 1,0") << "SO_LINGER"
                                    << "1, 0" << qint64(0) << true;
        QTest::newRow("linger off") << "SO_LINGER"
                                    << "off" << qint64(0) << false;
        QTest::newRow("timeout ms") << "SO_RCVTIMEO"
                                    << "1500" << qint64(1500) << false;
        QTest::newRow("timeout ms suffix") << "SO_RCVTIMEO"
                                           << "1500ms" << qint64(1500) << false;
        QTest::newRow("timeout s") << "SO_SNDTIMEO"
                                   << "1.5s" << qint64(1500) << false;
        QTest::newRow("timeout none") << "SO_SNDTIMEO"
                                      << "0" << qint64(0) << false;
    }

    void parse()
    {
        QFETCH(QString, option);
        QFETCH(QString, text);
        QFETCH(qint64, number);
        QFETCH(bool, on);
        const auto v = parseOptionValue(opt(qPrintable(option)), text.toStdString());
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().c_str());
        QCOMPARE(qint64(v->number), number);
        QCOMPARE(v->on, on);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << "SO_KEEPALIVE"
                               << " "
                               << "no value given for SO_KEEPALIVE";
        QTest::newRow("bool") << "SO_KEEPALIVE"
                              << "maybe"
                              << "'maybe' is not on or off for SO_KEEPALIVE";
        QTest::newRow("ttl text") << "IP_TTL"
                                  << "x1"
                                  << "'x1' is not a whole number for IP_TTL";
        QTest::newRow("ttl high") << "IP_TTL"
                                  << "300"
                                  << "IP_TTL must be between 1 and 255; got 300";
        QTest::newRow("ttl zero") << "IP_TTL"
                                  << "0"
                                  << "IP_TTL must be between 1 and 255; got 0";
        QTest::newRow("bytes unit") << "SO_RCVBUF"
                                    << "64q"
                                    << "'64q' is not a size for SO_RCVBUF";
        QTest::newRow("bytes negative") << "SO_RCVBUF"
                                        << "-1"
                                        << "'-1' is not a size for SO_RCVBUF";
        QTest::newRow("bytes huge") << "SO_RCVBUF"
                                    << "4096M"
                                    << "SO_RCVBUF must be between 0 and";
        QTest::newRow("linger on alone") << "SO_LINGER"
                                         << "on"
                                         << "SO_LINGER on needs the seconds to wait";
        QTest::newRow("linger word") << "SO_LINGER"
                                     << "sometimes,3"
                                     << "'sometimes,3' is not a linger setting for SO_LINGER";
        QTest::newRow("linger secs") << "SO_LINGER"
                                     << "on,x"
                                     << "'x' is not a number of seconds for SO_LINGER";
        QTest::newRow("linger negative") << "SO_LINGER"
                                         << "on,-2"
                                         << "SO_LINGER must be between 0 s and";
        QTest::newRow("timeout text") << "SO_RCVTIMEO"
                                      << "soon"
                                      << "'soon' is not a timeout for SO_RCVTIMEO";
        QTest::newRow("timeout negative") << "SO_RCVTIMEO"
                                          << "-5"
                                          << "SO_RCVTIMEO must be between 0 and";
        QTest::newRow("timeout nan") << "SO_RCVTIMEO"
                                     << "nans"
                                     << "'nans' is not a timeout for SO_RCVTIMEO";
    }

    void parseErrors()
    {
        QFETCH(QString, option);
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto v = parseOptionValue(opt(qPrintable(option)), text.toStdString());
        QVERIFY(!v.ok());
        QVERIFY2(QString::fromStdString(v.error()).startsWith(error), v.error().c_str());
    }

    void setAndReadBack_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("readBack");
        for (const char *b : {"SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_BROADCAST",
                              "SO_OOBINLINE", "SO_RXQ_OVFL", "TCP_NODELAY", "IPV6_V6ONLY"}) {
            QTest::addRow("%s on", b) << b << "on"
                                      << "1";
            QTest::addRow("%s off", b) << b << "off"
                                       << "0";
        }
        QTest::newRow("ttl") << "IP_TTL"
                             << "17"
                             << "17";
        QTest::newRow("linger on,5") << "SO_LINGER"
                                     << "on,5"
                                     << "on,5";
        QTest::newRow("linger on,0") << "SO_LINGER"
                                     << "1,0"
                                     << "on,0";
        QTest::newRow("linger off") << "SO_LINGER"
                                    << "off"
                                    << "off";
        QTest::newRow("rcvtimeo") << "SO_RCVTIMEO"
                                  << "1.5s"
                                  << "1500 ms";
        // 500 ms is a whole number of jiffies at HZ 100, 250, 300 and 1000: no rounding.
        QTest::newRow("sndtimeo") << "SO_SNDTIMEO"
                                  << "500"
                                  << "500 ms";
        QTest::newRow("no timeout") << "SO_SNDTIMEO"
                                    << "0"
                                    << "0 (no timeout)";
        // The kernel doubles a buffer size it is asked for (its bookkeeping overhead).
        const int64_t rmax = procValue("/proc/sys/net/core/rmem_max");
        const int64_t wmax = procValue("/proc/sys/net/core/wmem_max");
        if (rmax >= 65536)
            QTest::newRow("rcvbuf") << "SO_RCVBUF"
                                    << "64k"
                                    << "131072";
        if (wmax >= 65536)
            QTest::newRow("sndbuf") << "SO_SNDBUF"
                                    << "65536"
                                    << "131072";
    }

    void setAndReadBack()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QString, readBack);
        const OptionInfo &o = opt(qPrintable(option));
        Fd s(socketFor(o));
        if (s.fd < 0 && o.scope == OptionScope::Ipv6)
            QSKIP("no IPv6 here");
        QVERIFY(s.fd >= 0);
        const auto v = parseOptionValue(o, value.toStdString());
        QVERIFY(v.ok());
        QCOMPARE(applyOption(SysContext {}, s.fd, o, *v), 0);
        const OptionReading r = readOption(SysContext {}, s.fd, o);
        QCOMPARE(r.err, 0);
        QCOMPARE(QString::fromStdString(r.text), readBack);
    }

    void readOnlyOptions()
    {
        Fd udp(::socket(AF_INET, SOCK_DGRAM, 0));
        QCOMPARE(QString::fromStdString(readOption({}, udp.fd, opt("SO_TYPE")).text), "SOCK_DGRAM");
        // The kernel refuses to set a read-only option.
        QCOMPARE(applyOption({}, udp.fd, opt("SO_TYPE"), OptionValue {1, true}), ENOPROTOOPT);

        Fd l(::socket(AF_INET, SOCK_STREAM, 0));
        QCOMPARE(QString::fromStdString(readOption({}, l.fd, opt("acceptconn")).text), "0");
        QCOMPARE(::listen(l.fd, 1), 0);
        QCOMPARE(QString::fromStdString(readOption({}, l.fd, opt("acceptconn")).text), "1");
        QCOMPARE(QString::fromStdString(readOption({}, l.fd, opt("SO_TYPE")).text), "SOCK_STREAM");
    }

    void soErrorOfARefusedConnect()
    {
        // A port bound and never listened on: a non-blocking connect there fails later, and
        // SO_ERROR says why, once.
        Fd probe(::socket(AF_INET, SOCK_STREAM, 0));
        QCOMPARE(sys::bind({}, probe.fd, Address::ip("127.0.0.1", 0)), 0);
        Address closed;
        QCOMPARE(sys::getsockname({}, probe.fd, &closed), 0);
        Fd c(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
        const int r = sys::connect({}, c.fd, closed);
        QVERIFY(r == -1 && (errno == EINPROGRESS || errno == ECONNREFUSED));
        if (errno == ECONNREFUSED)
            QSKIP("the refusal came back from connect itself");
        pollfd p {c.fd, POLLOUT, 0};
        QCOMPARE(::poll(&p, 1, 10000), 1);
        const OptionReading first = readOption({}, c.fd, opt("SO_ERROR"));
        QCOMPARE(first.err, 0);
        QCOMPARE(QString::fromStdString(first.text), "ECONNREFUSED (Connection refused)");
        QCOMPARE(first.value.number, int64_t(ECONNREFUSED));
        QCOMPARE(QString::fromStdString(readOption({}, c.fd, opt("SO_ERROR")).text), "0");
    }

    void wrongSocketIsRefusedByTheKernel()
    {
        Fd v4(::socket(AF_INET, SOCK_STREAM, 0));
        const OptionInfo &v6only = opt("IPV6_V6ONLY");
        QVERIFY(!optionApplies(v6only, Transport::Tcp, AF_INET));
        QCOMPARE(applyOption({}, v4.fd, v6only, OptionValue {1, true}), ENOPROTOOPT);
        const OptionReading r = readOption({}, v4.fd, v6only);
        QCOMPARE(r.err, EOPNOTSUPP); // getsockopt says it differently from setsockopt
        QVERIFY(r.text.empty());

        Fd unixStream(::socket(AF_UNIX, SOCK_STREAM, 0));
        QVERIFY(!optionApplies(opt("TCP_NODELAY"), Transport::UnixStream, AF_UNIX));
        QVERIFY(applyOption({}, unixStream.fd, opt("TCP_NODELAY"), OptionValue {1, true}) != 0);
    }

    void applicability_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<int>("transport");
        QTest::addColumn<int>("family");
        QTest::addColumn<bool>("applies");
        const int tcp = int(Transport::Tcp), udp = int(Transport::Udp),
                  ustream = int(Transport::UnixStream), udgram = int(Transport::UnixDgram);
        QTest::newRow("reuseaddr unix") << "SO_REUSEADDR" << ustream << AF_UNIX << true;
        QTest::newRow("reuseport udp") << "SO_REUSEPORT" << udp << AF_INET6 << true;
        QTest::newRow("reuseport unix") << "SO_REUSEPORT" << ustream << AF_UNIX << false;
        QTest::newRow("nodelay tcp") << "TCP_NODELAY" << tcp << AF_INET6 << true;
        QTest::newRow("nodelay udp") << "TCP_NODELAY" << udp << AF_INET << false;
        QTest::newRow("ttl v4") << "IP_TTL" << tcp << AF_INET << true;
        QTest::newRow("ttl v6") << "IP_TTL" << tcp << AF_INET6 << false;
        QTest::newRow("v6only v6") << "IPV6_V6ONLY" << udp << AF_INET6 << true;
        QTest::newRow("v6only v4") << "IPV6_V6ONLY" << udp << AF_INET << false;
        QTest::newRow("broadcast udp") << "SO_BROADCAST" << udp << AF_INET << true;
        QTest::newRow("broadcast tcp") << "SO_BROADCAST" << tcp << AF_INET << false;
        QTest::newRow("rxq_ovfl unix dgram") << "SO_RXQ_OVFL" << udgram << AF_UNIX << true;
        QTest::newRow("rxq_ovfl tcp") << "SO_RXQ_OVFL" << tcp << AF_INET << false;
        QTest::newRow("linger unix stream") << "SO_LINGER" << ustream << AF_UNIX << true;
        QTest::newRow("linger udp") << "SO_LINGER" << udp << AF_INET << false;
        QTest::newRow("rcvbuf anything") << "SO_RCVBUF" << udgram << AF_UNIX << true;
    }

    void applicability()
    {
        QFETCH(QString, option);
        QFETCH(int, transport);
        QFETCH(int, family);
        QFETCH(bool, applies);
        QCOMPARE(optionApplies(opt(qPrintable(option)), Transport(transport), family), applies);
    }

    void appliedOptionsAreTraced()
    {
        CollectingSink sink;
        Tracer tracer(1, &sink, true);
        Fd s(::socket(AF_INET, SOCK_STREAM, 0));
        const std::string fd = std::to_string(s.fd);
        QCOMPARE(applyOption({&tracer, 0}, s.fd, opt("SO_LINGER"), OptionValue {0, true}), 0);
        QCOMPARE(applyOption({&tracer, 0}, s.fd, opt("TCP_NODELAY"), OptionValue {1, true}), 0);
        readOption({&tracer, 0}, s.fd, opt("SO_SNDTIMEO"));
        QCOMPARE(sink.lines,
                 QStringList({QString::fromStdString("setsockopt(" + fd
                                                     + ", SOL_SOCKET, SO_LINGER, {l_onoff=1, "
                                                       "l_linger=0}, 8) = 0"),
                              QString::fromStdString("setsockopt(" + fd
                                                     + ", SOL_TCP, TCP_NODELAY, [1], 4) = 0"),
                              QString::fromStdString(
                                      "getsockopt(" + fd
                                      + ", SOL_SOCKET, SO_SNDTIMEO, {tv_sec=0, tv_usec=0}, "
                                        "[16]) = 0")}));
    }

    void formatRoundTrips()
    {
        for (const OptionInfo &o : socketOptions()) {
            if (!o.settable)
                continue;
            for (const char *text : {"1", "0", "on,7", "off", "64", "2s"}) {
                const auto v = parseOptionValue(o, text);
                if (!v.ok())
                    continue;
                const auto again = parseOptionValue(o, formatOptionValue(o, *v));
                QVERIFY2(again.ok(), o.name);
                QCOMPARE(again->number, v->number);
                QCOMPARE(again->on, v->on);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstSockopt)
#include "tst_sockopt.moc"
