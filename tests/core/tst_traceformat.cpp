// The strace-style lines of real socket calls made through sb::sys with a Tracer.
#include "core/net/event.h"
#include "core/net/sys.h"
#include "core/text/trace.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

using namespace sb;

// Counts this thread's allocations, to show the untraced hot path makes none.
static thread_local long t_allocations = 0;

void *operator new(std::size_t n)
{
    ++t_allocations;
    if (void *p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}

void operator delete(void *p) noexcept { std::free(p); }

void operator delete(void *p, std::size_t) noexcept { std::free(p); }

namespace {

/// Keeps every event posted to it. Thread-safe.
class CollectingSink : public EventSink
{
public:
    void post(Event event) override
    {
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
    }
    std::vector<Event> take()
    {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_events, {});
    }

private:
    std::mutex m_mutex;
    std::vector<Event> m_events;
};

QString q(const std::string &s) { return QString::fromStdString(s); }

std::string v4(uint16_t port)
{
    return "{sa_family=AF_INET, sin_port=htons(" + std::to_string(port)
            + "), sin_addr=inet_addr(\"127.0.0.1\")}";
}

/// Waits for fd to have something to read; a deadline against a hang, not a timing check.
bool readable(int fd)
{
    pollfd p {fd, POLLIN, 0};
    return ::poll(&p, 1, 10000) == 1;
}

} // namespace

class TstTraceFormat : public QObject
{
    Q_OBJECT

private:
    CollectingSink m_sink;
    Tracer m_tracer {7, &m_sink, true};
    SysContext ctx() { return SysContext {&m_tracer, 3}; }
    /// The lines of every record since the last call, and checks each is a Trace event.
    QStringList lines()
    {
        QStringList out;
        for (const Event &e : m_sink.take()) {
            const auto *trace = e.as<ev::Trace>();
            if (!trace || !trace->record)
                continue;
            out << q(formatTrace(*trace->record));
        }
        return out;
    }
    QString line()
    {
        const QStringList l = lines();
        return l.size() == 1 ? l.first()
                             : "(" + QString::number(l.size()) + " lines) " + l.join(" | ");
    }

private slots:
    void init() { m_sink.take(); }

    void eventCarriesIds()
    {
        const int fd = sys::socket(ctx(), AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        const auto events = m_sink.take();
        QCOMPARE(events.size(), size_t(1));
        QVERIFY(events[0].is<ev::Trace>());
        const TraceRecord *trace = events[0].as<ev::Trace>()->record.get();
        QCOMPARE(events[0].endpoint, EndpointId(7));
        QCOMPARE(events[0].conn, ConnId(3));
        QVERIFY(events[0].monoNs > 0);
        QCOMPARE(events[0].monoNs, trace->monoNs);
        QCOMPARE(trace->fd, -1);
        QCOMPARE(trace->result, int64_t(fd));
        ::close(fd);
    }

    void disabledTracerPostsNothing()
    {
        Tracer off(8, &m_sink, false);
        const int fd = sys::socket(SysContext {&off, 0}, AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sys::close(SysContext {}, fd);
        QVERIFY(m_sink.take().empty());
    }

    void untracedCallsDoNotAllocate()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM, 0, fds), 0);
        const Bytes data = makeBytes(std::string("ping"));
        Tracer off(9, &m_sink, false);
        char buf[64];
        int pending = 0;
        const long before = t_allocations;
        for (const SysContext c : {SysContext {}, SysContext {&off, 1}}) {
            QCOMPARE(sys::send(c, fds[0], data, 0, 4, 0), ssize_t(4));
            QCOMPARE(sys::ioctl(c, fds[1], SIOCINQ, &pending), 0);
            QCOMPARE(sys::recv(c, fds[1], buf, sizeof buf, 0, nullptr), ssize_t(4));
            QCOMPARE(sys::sendto(c, fds[0], data, 0, 4, 0, Address()), ssize_t(4));
            QCOMPARE(sys::recvfrom(c, fds[1], buf, sizeof buf, 0, nullptr, nullptr, nullptr,
                                   nullptr),
                     ssize_t(4));
        }
        const long made = t_allocations - before;
        QCOMPARE(made, 0L);
        QVERIFY(m_sink.take().empty());
        // Traced, the same calls do allocate their records: the counter sees allocations.
        QCOMPARE(sys::send(ctx(), fds[0], data, 0, 4, 0), ssize_t(4));
        QVERIFY(t_allocations > before);
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void tcpSession()
    {
        const int l = sys::socket(ctx(), AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                  IPPROTO_TCP);
        QVERIFY(l >= 0);
        const std::string L = std::to_string(l);
        QCOMPARE(line(),
                 q("socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, IPPROTO_TCP) = " + L));
        const int one = 1;
        QCOMPARE(sys::setsockopt(ctx(), l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), 0);
        QCOMPARE(line(), q("setsockopt(" + L + ", SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0"));
        QCOMPARE(sys::bind(ctx(), l, Address::ip("127.0.0.1", 0)), 0);
        QCOMPARE(line(), q("bind(" + L + ", " + v4(0) + ", 16) = 0"));
        QCOMPARE(sys::listen(ctx(), l, 128), 0);
        QCOMPARE(line(), q("listen(" + L + ", 128) = 0"));
        Address bound;
        QCOMPARE(sys::getsockname(ctx(), l, &bound), 0);
        QVERIFY(bound.port() != 0);
        QCOMPARE(line(), q("getsockname(" + L + ", " + v4(bound.port()) + ", [16]) = 0"));

        // A blocking client: its connect returns once the handshake is done.
        const int c = sys::socket(ctx(), AF_INET, SOCK_STREAM, 0);
        const std::string C = std::to_string(c);
        QCOMPARE(line(), q("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = " + C));
        QCOMPARE(sys::connect(ctx(), c, bound), 0);
        QCOMPARE(line(), q("connect(" + C + ", " + v4(bound.port()) + ", 16) = 0"));
        Address clientAddr;
        QCOMPARE(sys::getsockname(SysContext {}, c, &clientAddr), 0);

        Address peer;
        const int a = sys::accept4(ctx(), l, &peer);
        QVERIFY2(a >= 0, strerror(errno));
        const std::string A = std::to_string(a);
        QCOMPARE(peer, clientAddr);
        QCOMPARE(line(),
                 q("accept4(" + L + ", " + v4(clientAddr.port())
                   + ", [16], SOCK_CLOEXEC|SOCK_NONBLOCK) = " + A));
        // Nothing more to accept: the non-blocking listener says EAGAIN.
        QCOMPARE(sys::accept4(ctx(), l, nullptr), -1);
        QCOMPARE(errno, EAGAIN);
        QCOMPARE(line(),
                 q("accept4(" + L
                   + ", NULL, [128], SOCK_CLOEXEC|SOCK_NONBLOCK) = -1 "
                     "EAGAIN (Resource temporarily unavailable)"));

        const Bytes hello = makeBytes(std::string("xxhello\n"));
        QCOMPARE(sys::send(ctx(), a, hello, 2, 6, 0), ssize_t(6));
        QCOMPARE(line(), q("send(" + A + ", \"hello\\n\", 6, MSG_NOSIGNAL) = 6"));
        char buf[65536];
        Bytes got;
        QCOMPARE(sys::recv(ctx(), c, buf, sizeof buf, 0, &got), ssize_t(6));
        QCOMPARE(view(got), std::string_view("hello\n"));
        QCOMPARE(line(), q("recv(" + C + ", \"hello\\n\", 65536, 0) = 6"));

        int pending = -1;
        QCOMPARE(sys::ioctl(ctx(), a, SIOCINQ, &pending), 0);
        QCOMPARE(pending, 0);
        QCOMPARE(line(), q("ioctl(" + A + ", SIOCINQ, [0]) = 0"));
        QCOMPARE(sys::recv(ctx(), a, buf, sizeof buf, 0, &got), ssize_t(-1));
        QCOMPARE(errno, EAGAIN);
        QCOMPARE(line(),
                 q("recv(" + A
                   + ", \"\", 65536, 0) = -1 EAGAIN (Resource temporarily "
                     "unavailable)"));

        int soError = -1;
        socklen_t len = sizeof soError;
        QCOMPARE(sys::getsockopt(ctx(), c, SOL_SOCKET, SO_ERROR, &soError, &len), 0);
        QCOMPARE(line(), q("getsockopt(" + C + ", SOL_SOCKET, SO_ERROR, [0], [4]) = 0"));

        QCOMPARE(sys::shutdown(ctx(), c, SHUT_WR), 0);
        QCOMPARE(line(), q("shutdown(" + C + ", SHUT_WR) = 0"));
        QCOMPARE(sys::recv(ctx(), a, buf, sizeof buf, MSG_WAITALL, &got), ssize_t(0));
        QCOMPARE(line(), q("recv(" + A + ", \"\", 65536, MSG_WAITALL) = 0"));

        for (int fd : {a, c, l}) {
            QCOMPARE(sys::close(ctx(), fd), 0);
            QCOMPARE(line(), q("close(" + std::to_string(fd) + ") = 0"));
        }
        QCOMPARE(sys::close(ctx(), l), -1);
        QCOMPARE(errno, EBADF);
        QCOMPARE(line(), q("close(" + L + ") = -1 EBADF (Bad file descriptor)"));
    }

    void connectionRefused()
    {
        // A port that was just bound and closed without listen: nobody listens there.
        const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
        QCOMPARE(sys::bind(SysContext {}, probe, Address::ip("127.0.0.1", 0)), 0);
        Address closed;
        QCOMPARE(sys::getsockname(SysContext {}, probe, &closed), 0);
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        errno = 0;
        QCOMPARE(sys::connect(ctx(), fd, closed), -1);
        QCOMPARE(errno, ECONNREFUSED); // errno is left as connect set it
        QCOMPARE(line(),
                 q("connect(" + std::to_string(fd) + ", " + v4(closed.port())
                   + ", 16) = -1 ECONNREFUSED (Connection refused)"));
        ::close(fd);
        ::close(probe);
    }

    void soErrorIsNamed()
    {
        // A non-blocking connect's outcome, as SO_ERROR tells it: strace names the errno.
        TraceRecord r;
        r.call = SysCall::Getsockopt;
        r.fd = 5;
        r.a[0] = SOL_SOCKET;
        r.a[1] = SO_ERROR;
        r.a[2] = ECONNREFUSED;
        r.a[3] = 4;
        QCOMPARE(formatTrace(r),
                 std::string("getsockopt(5, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0"));
        r.a[2] = 0;
        QCOMPARE(formatTrace(r), std::string("getsockopt(5, SOL_SOCKET, SO_ERROR, [0], [4]) = 0"));
        r.a[1] = SO_RCVBUF; // other integers stay numbers
        r.a[2] = ECONNREFUSED;
        QCOMPARE(formatTrace(r),
                 std::string("getsockopt(5, SOL_SOCKET, SO_RCVBUF, [111], [4]) = 0"));
    }

    void nonBlockingConnectInProgress()
    {
        const int l = ::socket(AF_INET, SOCK_STREAM, 0);
        QCOMPARE(::listen(l, 1), 0); // listen on an unbound socket picks a free port
        Address addr;
        QCOMPARE(sys::getsockname(SysContext {}, l, &addr), 0);
        addr = Address::ip("127.0.0.1", addr.port());
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        const int r = sys::connect(ctx(), fd, addr);
        const std::string prefix
                = "connect(" + std::to_string(fd) + ", " + v4(addr.port()) + ", 16)";
        if (r == 0)
            QCOMPARE(line(), q(prefix + " = 0"));
        else
            QCOMPARE(line(), q(prefix + " = -1 EINPROGRESS (Operation now in progress)"));
        ::close(fd);
        ::close(l);
    }

    void datagrams()
    {
        const int s = sys::socket(ctx(), AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        const int r = sys::socket(ctx(), AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        QCOMPARE(sys::bind(SysContext {}, r, Address::ip("127.0.0.1", 0)), 0);
        QCOMPARE(sys::bind(SysContext {}, s, Address::ip("127.0.0.1", 0)), 0);
        const int on = 1;
        QCOMPARE(sys::setsockopt(SysContext {}, r, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on), 0);
        Address to, from0;
        sys::getsockname(SysContext {}, r, &to);
        sys::getsockname(SysContext {}, s, &from0);
        lines();

        const Bytes ten = makeBytes(std::string("0123456789"));
        QCOMPARE(sys::sendto(ctx(), s, ten, 0, 10, 0, to), ssize_t(10));
        QCOMPARE(line(),
                 q("sendto(" + std::to_string(s) + ", \"0123456789\", 10, MSG_NOSIGNAL, "
                   + v4(to.port()) + ", 16) = 10"));
        // A 4-byte buffer: recvfrom still reports the real length, 10, and keeps 4 bytes.
        char buf[4];
        Bytes got;
        Address from;
        size_t real = 0;
        uint32_t drops = 12345;
        QVERIFY(readable(r));
        QCOMPARE(sys::recvfrom(ctx(), r, buf, sizeof buf, 0, &got, &from, &real, &drops),
                 ssize_t(10));
        QCOMPARE(real, size_t(10));
        QCOMPARE(view(got), std::string_view("0123"));
        QCOMPARE(from, from0);
        QCOMPARE(drops, uint32_t(12345)); // no drop yet: the kernel sends no counter
        QCOMPARE(line(),
                 q("recvfrom(" + std::to_string(r) + ", \"0123\", 4, MSG_TRUNC, " + v4(from0.port())
                   + ", [16]) = 10"));
        ::close(s);
        ::close(r);
    }

    void kernelDropCounter()
    {
        // Overflow a small receive buffer, then send one more datagram: the kernel stamps it
        // with the drop count so far, and recvfrom hands that back through SO_RXQ_OVFL.
        const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
        const int r = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        const int on = 1, small = 2048;
        QCOMPARE(::setsockopt(r, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on), 0);
        QCOMPARE(::setsockopt(r, SOL_SOCKET, SO_RCVBUF, &small, sizeof small), 0);
        QCOMPARE(sys::bind(SysContext {}, r, Address::ip("127.0.0.1", 0)), 0);
        Address to;
        sys::getsockname(SysContext {}, r, &to);
        const Bytes kb = makeBytes(std::string(1000, 'd'));
        for (int i = 0; i < 200; ++i)
            QCOMPARE(sys::sendto(SysContext {}, s, kb, 0, kb->size(), 0, to), ssize_t(1000));
        char buf[2000];
        while (sys::recvfrom(SysContext {}, r, buf, sizeof buf, 0, nullptr, nullptr, nullptr,
                             nullptr)
               > 0) { }
        QCOMPARE(sys::sendto(SysContext {}, s, kb, 0, 3, 0, to), ssize_t(3));
        uint32_t drops = 0;
        size_t real = 0;
        QVERIFY(readable(r));
        QCOMPARE(sys::recvfrom(SysContext {}, r, buf, sizeof buf, 0, nullptr, nullptr, &real,
                               &drops),
                 ssize_t(3));
        QVERIFY2(drops > 0 && drops < 200, QByteArray::number(drops));
        ::close(s);
        ::close(r);
    }

    void ipv6Address()
    {
        const int fd = sys::socket(SysContext {}, AF_INET6, SOCK_DGRAM, 0);
        if (fd < 0)
            QSKIP("no IPv6 on this machine");
        if (sys::bind(ctx(), fd, Address::ip("::1", 0)) != 0)
            QSKIP("cannot bind ::1");
        QCOMPARE(line(),
                 q("bind(" + std::to_string(fd)
                   + ", {sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), "
                     "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0"));
        ::close(fd);
    }

    void unixSocketpairAndUnlink()
    {
        int fds[2];
        QCOMPARE(
                sys::socketpair(ctx(), AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds),
                0);
        QCOMPARE(line(),
                 q("socketpair(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0, ["
                   + std::to_string(fds[0]) + ", " + std::to_string(fds[1]) + "]) = 0"));
        ::close(fds[0]);
        ::close(fds[1]);

        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/s";
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QCOMPARE(sys::bind(ctx(), fd, Address::unixPath(path)), 0);
        QCOMPARE(line(),
                 q("bind(" + std::to_string(fd) + ", {sa_family=AF_UNIX, sun_path=\"" + path
                   + "\"}, " + std::to_string(2 + path.size() + 1) + ") = 0"));
        ::close(fd);
        QCOMPARE(sys::unlink(ctx(), path), 0);
        QCOMPARE(line(), q("unlink(\"" + path + "\") = 0"));
        QCOMPARE(sys::unlink(ctx(), path), -1);
        QCOMPARE(errno, ENOENT);
        QCOMPARE(line(), q("unlink(\"" + path + "\") = -1 ENOENT (No such file or directory)"));
    }

    void structOptions()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const std::string F = std::to_string(fd);
        const linger lg {1, 0};
        QCOMPARE(sys::setsockopt(ctx(), fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
        QCOMPARE(line(),
                 q("setsockopt(" + F + ", SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0"));
        const timeval tv {1, 500000};
        QCOMPARE(sys::setsockopt(ctx(), fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
        QCOMPARE(line(),
                 q("setsockopt(" + F
                   + ", SOL_SOCKET, SO_RCVTIMEO, {tv_sec=1, "
                     "tv_usec=500000}, 16) = 0"));
        const int one = 1;
        QCOMPARE(sys::setsockopt(ctx(), fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), 0);
        QCOMPARE(line(), q("setsockopt(" + F + ", SOL_TCP, TCP_NODELAY, [1], 4) = 0"));
        QCOMPARE(sys::setsockopt(ctx(), fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one), -1);
        QCOMPARE(line(),
                 q("setsockopt(" + F
                   + ", SOL_IPV6, IPV6_V6ONLY, [1], 4) = -1 "
                     "ENOPROTOOPT (Protocol not available)"));
        linger back {};
        socklen_t len = sizeof back;
        QCOMPARE(sys::getsockopt(ctx(), fd, SOL_SOCKET, SO_LINGER, &back, &len), 0);
        QCOMPARE(line(),
                 q("getsockopt(" + F
                   + ", SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, [8]) = 0"));
        ::close(fd);
    }

    void previewEscapesAndCuts_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("shown");
        QTest::newRow("controls") << QByteArray("a\r\n\t\"\\", 6) << "\"a\\r\\n\\t\\\"\\\\\"";
        QTest::newRow("nul") << QByteArray("\0x", 2) << "\"\\0x\"";
        QTest::newRow("binary") << QByteArray("\x01\x7f\xff", 3) << "\"\\x01\\x7f\\xff\"";
        QTest::newRow("32 bytes, not cut") << QByteArray(32, 'a') << "\"" + QString(32, 'a') + "\"";
        QTest::newRow("33 bytes, cut") << QByteArray(33, 'a') << "\"" + QString(32, 'a') + "\"...";
    }

    void previewEscapesAndCuts()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, shown);
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        const Bytes data = makeBytes(std::string(payload.constData(), payload.size()));
        QCOMPARE(sys::send(ctx(), fds[0], data, 0, data->size(), 0), ssize_t(payload.size()));
        QCOMPARE(line(),
                 "send(" + QString::number(fds[0]) + ", " + shown + ", "
                         + QString::number(payload.size())
                         + ", MSG_NOSIGNAL) = " + QString::number(payload.size()));
        ::close(fds[0]);
        ::close(fds[1]);
    }
};

QTEST_GUILESS_MAIN(TstTraceFormat)
#include "tst_traceformat.moc"
