// --trace prints every socket call on stderr the way strace does, in the order the course
// teaches: socket, setsockopt, bind, listen, accept on a TCP server; socket, connect, send,
// recv, shutdown, close on a TCP client.
#include "clitest.h"
#include "tests/support/posixsockets.h"

#include <QRegularExpression>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// The call names of the trace lines in stderr ("accept4" counts as the course's "accept").
QStringList traceCalls(const QByteArray &err)
{
    static const QRegularExpression call(QStringLiteral("^([a-z_0-9]+)\\(.*\\) = "));
    QStringList calls;
    for (const QByteArray &line : err.split('\n')) {
        const auto m = call.match(QString::fromUtf8(line));
        if (m.hasMatch())
            calls << (m.captured(1) == "accept4" ? QStringLiteral("accept") : m.captured(1));
    }
    return calls;
}

/// Fails with the whole trace unless each name first appears after the one before it.
bool inCourseOrder(const QStringList &calls, const QStringList &order, QString *why)
{
    qsizetype previous = -1;
    for (const QString &name : order) {
        const qsizetype at = calls.indexOf(name, previous + 1);
        if (at < 0) {
            *why = name + " missing after " + (previous < 0 ? "the start" : calls[previous])
                    + " in: " + calls.join(' ');
            return false;
        }
        previous = at;
    }
    return true;
}

} // namespace

class TstCliTrace : public QObject
{
    Q_OBJECT

private slots:
    void tcpServerSequence();
    void tcpClientSequence();
    void refusedConnectNamesSoError();
};

void TstCliTrace::tcpServerSequence()
{
    Proc server;
    const QString where = startListener(
            server, {"--trace", "listen", "tcp://127.0.0.1:0", "--reply", "echo", "--count", "1"});
    QVERIFY2(!where.isEmpty(), server.err.constData());

    Proc nc;
    nc.start("nc", {"-N", "127.0.0.1", QString::number(portOf(where))});
    QVERIFY(nc.started());
    nc.write("hi\n");
    QVERIFY2(nc.finish(), nc.err.constData());
    QCOMPARE(nc.out, QByteArray("hi\n"));
    QVERIFY2(server.finish(), server.err.constData());
    QVERIFY2(server.exitCode() == 0, server.err.constData());

    const QStringList calls = traceCalls(server.err);
    QString why;
    QVERIFY2(inCourseOrder(
                     calls,
                     {"socket", "setsockopt", "bind", "listen", "accept", "recv", "send", "close"},
                     &why),
             qPrintable(why));
    QCOMPARE(calls.last(), QStringLiteral("close"));
    // strace's own spelling of the first calls.
    QVERIFY2(QRegularExpression(
                     "(^|\n)socket\\(AF_INET, SOCK_STREAM\\|SOCK_NONBLOCK\\|SOCK_CLOEXEC, "
                     "IPPROTO_TCP\\) = \\d+\n")
                     .match(QString::fromUtf8(server.err))
                     .hasMatch(),
             server.err.constData());
    QVERIFY2(QRegularExpression("(^|\n)bind\\(\\d+, \\{sa_family=AF_INET, sin_port=htons\\(0\\), "
                                "sin_addr=inet_addr\\(\"127.0.0.1\"\\)\\}, 16\\) = 0\n")
                     .match(QString::fromUtf8(server.err))
                     .hasMatch(),
             server.err.constData());
    QVERIFY2(QRegularExpression("(^|\n)listen\\(\\d+, 128\\) = 0\n")
                     .match(QString::fromUtf8(server.err))
                     .hasMatch(),
             server.err.constData());
}

void TstCliTrace::tcpClientSequence()
{
    Proc echo;
    echo.startPython(kPythonStreamEcho, {"tcp4"});
    const QByteArray port = echo.firstOutLine();
    QVERIFY2(!port.isEmpty(), echo.err.constData());

    Proc cli;
    cli.startCli({"--trace", "connect", "tcp://127.0.0.1:" + port});
    QVERIFY(cli.started());
    cli.write("hi\n");
    // The echo has come back (send, then recv) before stdin's EOF asks for the shutdown.
    QVERIFY2(cli.waitOut("hi\n"), cli.err.constData());
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());

    const QStringList calls = traceCalls(cli.err);
    QString why;
    QVERIFY2(inCourseOrder(calls, {"socket", "connect", "send", "recv", "shutdown", "close"}, &why),
             qPrintable(why));
    QCOMPARE(calls.last(), QStringLiteral("close"));
    QVERIFY2(QRegularExpression("(^|\n)connect\\(\\d+, \\{sa_family=AF_INET, sin_port=htons\\("
                                + QString::fromUtf8(port)
                                + "\\), sin_addr=inet_addr\\(\"127.0.0.1\"\\)\\}, 16\\) = ")
                     .match(QString::fromUtf8(cli.err))
                     .hasMatch(),
             cli.err.constData());
    QVERIFY2(QRegularExpression("(^|\n)shutdown\\(\\d+, SHUT_WR\\) = 0\n")
                     .match(QString::fromUtf8(cli.err))
                     .hasMatch(),
             cli.err.constData());
}

void TstCliTrace::refusedConnectNamesSoError()
{
    // A non-blocking connect learns its fate from SO_ERROR: the trace names the errno as strace
    // does ([ECONNREFUSED]), not its number ([111]).
    sbtest::RefusingPort held;
    QVERIFY(held.port != 0);
    Proc cli;
    cli.startCli(
            {"--trace", "connect", "tcp://127.0.0.1:" + QString::number(held.port), "--send", "x"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 1, cli.err.constData());
    QVERIFY2(
            QRegularExpression("(^|\n)getsockopt\\(\\d+, SOL_SOCKET, SO_ERROR, \\[ECONNREFUSED\\], "
                               "\\[4\\]\\) = 0\n")
                    .match(QString::fromUtf8(cli.err))
                    .hasMatch(),
            cli.err.constData());
    QVERIFY2(!cli.err.contains("SO_ERROR, [111]"), cli.err.constData());
}

QTEST_GUILESS_MAIN(TstCliTrace)
#include "tst_cli_trace.moc"
