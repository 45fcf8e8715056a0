// errno names, texts and the one-line causes shown next to a failed call.
#include "core/net/sys.h"
#include "core/text/errnoinfo.h"

#include <QtTest>

#include <cerrno>
#include <cstring>
#include <set>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

using namespace sb;

class TstErrnoInfo : public QObject
{
    Q_OBJECT

private slots:
    void names_data()
    {
        QTest::addColumn<int>("err");
        QTest::addColumn<QString>("name");
#define ROW(e) QTest::newRow(#e) << int(e) << QString(#e);
        ROW(EACCES)
        ROW(EADDRINUSE)
        ROW(EADDRNOTAVAIL)
        ROW(EAFNOSUPPORT)
        ROW(EAGAIN)
        ROW(EALREADY)
        ROW(EBADF)
        ROW(ECONNABORTED)
        ROW(ECONNREFUSED)
        ROW(ECONNRESET)
        ROW(EDESTADDRREQ)
        ROW(EHOSTUNREACH)
        ROW(EINPROGRESS)
        ROW(EINTR)
        ROW(EINVAL)
        ROW(EISCONN)
        ROW(EMFILE)
        ROW(EMSGSIZE)
        ROW(ENETDOWN)
        ROW(ENETUNREACH)
        ROW(ENFILE)
        ROW(ENOBUFS)
        ROW(ENOENT)
        ROW(ENOMEM)
        ROW(ENOPROTOOPT)
        ROW(ENOTCONN)
        ROW(ENOTSOCK)
        ROW(EOPNOTSUPP)
        ROW(EPERM)
        ROW(EPIPE)
        ROW(EPROTONOSUPPORT)
        ROW(EPROTOTYPE)
        ROW(ETIMEDOUT)
        ROW(ENAMETOOLONG)
        ROW(ENOTDIR)
        ROW(ELOOP)
        ROW(EROFS)
        ROW(ESHUTDOWN)
        ROW(EHOSTDOWN)
        ROW(ENETRESET)
        ROW(EHWPOISON)
#undef ROW
        // Aliases print as the name strace uses for the shared number.
        QTest::newRow("EWOULDBLOCK") << int(EWOULDBLOCK) << "EAGAIN";
        QTest::newRow("ENOTSUP") << int(ENOTSUP) << "EOPNOTSUPP";
    }

    void names()
    {
        QFETCH(int, err);
        QFETCH(QString, name);
        QCOMPARE(QString(errnoName(err)), name);
    }

    void everyLinuxErrnoHasAName()
    {
        // Linux numbers its errors 1..133 without gaps except 41 and 58 (never assigned).
        int named = 0;
        std::set<std::string> distinct;
        for (int e = 1; e <= 133; ++e) {
            if (e == 41 || e == 58) {
                QCOMPARE(errnoName(e), nullptr);
                continue;
            }
            QVERIFY2(errnoName(e), QByteArray::number(e));
            distinct.insert(errnoName(e));
            ++named;
        }
        QCOMPARE(int(distinct.size()), named);
        QCOMPARE(errnoName(0), nullptr);
        QCOMPARE(errnoName(-1), nullptr);
        QCOMPARE(errnoName(4242), nullptr);
    }

    void formatted_data()
    {
        QTest::addColumn<int>("err");
        QTest::addColumn<QString>("text");
        QTest::newRow("refused") << ECONNREFUSED << "ECONNREFUSED (Connection refused)";
        QTest::newRow("in use") << EADDRINUSE << "EADDRINUSE (Address already in use)";
        QTest::newRow("again") << EAGAIN << "EAGAIN (Resource temporarily unavailable)";
        QTest::newRow("pipe") << EPIPE << "EPIPE (Broken pipe)";
        QTest::newRow("unknown") << 4242 << "errno 4242 (Unknown error 4242)";
    }

    void formatted()
    {
        QFETCH(int, err);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatErrno(err)), text);
    }

    void textIsThreadSafe()
    {
        // Two threads asking for different texts at once each get their own.
        std::string a, b;
        bool aOk = true, bOk = true;
        std::thread t1([&] {
            for (int i = 0; i < 2000; ++i)
                aOk = aOk && errnoText(ECONNRESET) == "Connection reset by peer";
        });
        std::thread t2([&] {
            for (int i = 0; i < 2000; ++i)
                bOk = bOk && errnoText(4000 + i % 7).rfind("Unknown error 400", 0) == 0;
        });
        t1.join();
        t2.join();
        QVERIFY(aOk);
        QVERIFY(bOk);
    }

    void causes_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("err");
        QTest::addColumn<QString>("contains");
        QTest::newRow("bind in use") << "bind" << EADDRINUSE << "SO_REUSEADDR";
        QTest::newRow("bind access") << "bind" << EACCES << "below 1024";
        QTest::newRow("bind not here")
                << "bind" << EADDRNOTAVAIL << "not an address of this machine";
        QTest::newRow("bind twice") << "bind" << EINVAL << "already bound";
        QTest::newRow("connect refused") << "connect" << ECONNREFUSED << "nobody listens";
        QTest::newRow("connect timeout") << "connect" << ETIMEDOUT << "backlog";
        QTest::newRow("connect host") << "connect" << EHOSTUNREACH << "host";
        QTest::newRow("connect net") << "connect" << ENETUNREACH << "network";
        QTest::newRow("connect isconn") << "connect" << EISCONN << "already connected";
        QTest::newRow("connect already") << "connect" << EALREADY << "in progress";
        QTest::newRow("connect progress") << "connect" << EINPROGRESS << "SO_ERROR";
        QTest::newRow("connect no file") << "connect" << ENOENT << "no socket file";
        QTest::newRow("connect reset") << "connect" << ECONNRESET << "reset";
        QTest::newRow("accept mfile") << "accept" << EMFILE << "descriptors";
        QTest::newRow("accept4 aborted") << "accept4" << ECONNABORTED << "gave up";
        QTest::newRow("accept again") << "accept" << EAGAIN << "no pending connection";
        QTest::newRow("send pipe") << "send" << EPIPE << "peer closed";
        QTest::newRow("sendto msgsize") << "sendto" << EMSGSIZE << "datagram is larger";
        QTest::newRow("recv reset") << "recv" << ECONNRESET << "reset";
        QTest::newRow("recv timeout") << "recvfrom" << EAGAIN << "SO_RCVTIMEO";
        QTest::newRow("shutdown") << "shutdown" << ENOTCONN << "not connected";
        QTest::newRow("socketpair af") << "socketpair" << EAFNOSUPPORT << "AF_UNIX";
        QTest::newRow("socketpair op") << "socketpair" << EOPNOTSUPP << "pairs";
        QTest::newRow("generic badf") << "listen" << EBADF << "not open";
        QTest::newRow("generic mfile") << "socket" << EMFILE << "ulimit";
    }

    void causes()
    {
        QFETCH(QString, op);
        QFETCH(int, err);
        QFETCH(QString, contains);
        const QString cause = errnoCause(op.toStdString(), err);
        QVERIFY2(cause.contains(contains), qPrintable(cause));
    }

    void nothingUsefulIsEmpty()
    {
        QCOMPARE(QString(errnoCause("connect", 0)), QString());
        QCOMPARE(QString(errnoCause("bind", EXDEV)), QString());
        QCOMPARE(QString(errnoCause("", 4242)), QString());
    }

    void causeOfARealBindFailure()
    {
        // What a person meets: a second bind to the same port, and a bind of a bound socket.
        const int a = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int b = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QCOMPARE(sys::bind(SysContext {}, a, Address::ip("127.0.0.1", 0)), 0);
        QCOMPARE(::listen(a, 1), 0);
        Address taken;
        QCOMPARE(sys::getsockname(SysContext {}, a, &taken), 0);
        QCOMPARE(sys::bind(SysContext {}, b, taken), -1);
        const int err = errno;
        QCOMPARE(QString::fromStdString(formatErrno(err)), "EADDRINUSE (Address already in use)");
        QVERIFY(QString(errnoCause("bind", err)).contains("another socket is bound"));
        QCOMPARE(sys::bind(SysContext {}, a, Address::ip("127.0.0.1", 0)), -1);
        QCOMPARE(QString(errnoCause("bind", errno)), "the socket is already bound to an address");
        ::close(a);
        ::close(b);
    }
};

QTEST_GUILESS_MAIN(TstErrnoInfo)
#include "tst_errnoinfo.moc"
