// sockbench-cli trace: the course's example programs (examples/*.c, compiled here with cc as
// the course compiles them) traced by SockBench and by strace, their calls compared line by
// line: the calls, their order, arguments, results and errno must match, per process, after
// normalising pointers, pids and ports, and dropping strace's read/write/close on fds that are
// not sockets (which fds are sockets is learnt from strace's own socket/accept results).
#include "../support/requiretool.h"
#include "clitest.h"
#include "tests/support/posixsockets.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

/// What a run of a traced program left: its socket calls per process (processes in pid order,
/// which is the order they were made in), and the signals it was sent, sorted. Signals and
/// the calls they interrupt (= ? ERESTARTSYS) come when the kernel delivers them, which may
/// differ from run to run, so they are compared as a set, not in the sequence.
struct Normalised
{
    QList<QStringList> processes;
    QStringList signalNames;
};

/// A line of either tracer with what changes from run to run replaced: pointers, and ports
/// (the server's port is PORT, any other port the kernel chose is EPH).
QString normaliseLine(QString line, quint16 port)
{
    static const QRegularExpression pointer(QStringLiteral("0x[0-9a-f]+"));
    static const QRegularExpression portRe(QStringLiteral("htons\\((\\d+)\\)"));
    static const QRegularExpression spaces(QStringLiteral("\\)\\s+= "));
    line.replace(pointer, QStringLiteral("0xPTR"));
    line.replace(spaces, QStringLiteral(") = "));
    QString out;
    qsizetype at = 0;
    for (auto it = portRe.globalMatch(line); it.hasNext();) {
        const auto m = it.next();
        const quint16 p = m.captured(1).toUShort();
        out += line.mid(at, m.capturedStart() - at);
        out += p == 0 ? QStringLiteral("htons(0)")
                      : (p == port ? QStringLiteral("htons(PORT)") : QStringLiteral("htons(EPH)"));
        at = m.capturedEnd();
    }
    return out + line.mid(at);
}

bool interrupted(const QString &line) { return line.contains(QStringLiteral(") = ? ERESTART")); }

/// strace -f -o FILE: "PID  call(...) = r" lines; a call another process interrupted is split
/// into "call(args <unfinished ...>" and "<... call resumed>rest", joined back here.
Normalised fromStrace(const QByteArray &text, quint16 port)
{
    static const QRegularExpression head(QStringLiteral("^(\\d+)\\s+(.*)$"));
    static const QRegularExpression signal(QStringLiteral("^--- (SIG[A-Z0-9]+) "));
    static const QRegularExpression fork(QStringLiteral("^(clone3?|v?fork)\\(.*\\) = (\\d+)$"));
    static const QRegularExpression fdCall(
            QStringLiteral("^(read|write|close|readv|writev|fcntl|dup|dup2|dup3)\\((\\d+)"));
    static const QRegularExpression made(
            QStringLiteral("^(socket|accept|accept4)\\(.*\\) = (\\d+)$"));
    static const QRegularExpression pair(
            QStringLiteral("^socketpair\\(.*\\[(\\d+), (\\d+)\\]\\) = 0$"));
    QMap<qint64, QStringList> raw;
    QMap<qint64, QString> pending;
    for (const QByteArray &bytes : text.split('\n')) {
        const auto m = head.match(QString::fromUtf8(bytes));
        if (!m.hasMatch())
            continue;
        const qint64 pid = m.captured(1).toLongLong();
        QString rest = m.captured(2);
        if (rest.endsWith(QStringLiteral(" <unfinished ...>"))) {
            pending[pid] = rest.chopped(17);
            continue;
        }
        if (rest.startsWith(QStringLiteral("<... "))) {
            const qsizetype end = rest.indexOf(QStringLiteral(" resumed>"));
            rest = pending.take(pid) + rest.mid(end + 9);
        }
        static const QRegularExpression padding(QStringLiteral("\\)\\s+= "));
        raw[pid] << rest.trimmed().replace(padding, QStringLiteral(") = "));
    }
    // Which fds are sockets, per process: a child starts with its parent's at the fork.
    Normalised n;
    QMap<qint64, QSet<int>> inherited;
    for (auto it = raw.cbegin(); it != raw.cend(); ++it) {
        QSet<int> sockets = inherited.value(it.key());
        QStringList calls;
        for (const QString &line : it.value()) {
            if (const auto s = signal.match(line); s.hasMatch()) {
                n.signalNames << s.captured(1);
                continue;
            }
            if (const auto f = fork.match(line); f.hasMatch()) {
                inherited[f.captured(2).toLongLong()] = sockets;
                continue;
            }
            const auto fd = fdCall.match(line);
            if (fd.hasMatch() && !sockets.contains(fd.captured(2).toInt()))
                continue;
            if (const auto s = made.match(line); s.hasMatch())
                sockets.insert(s.captured(2).toInt());
            if (const auto p = pair.match(line); p.hasMatch())
                sockets << p.captured(1).toInt() << p.captured(2).toInt();
            if (fd.hasMatch() && fd.captured(1) == "close")
                sockets.remove(fd.captured(2).toInt());
            if (const QString normal = normaliseLine(line, port); !interrupted(normal))
                calls << normal;
        }
        n.processes << calls;
    }
    n.signalNames.sort();
    return n;
}

/// sockbench-cli trace --jsonl: one object a line.
Normalised fromJsonl(const QByteArray &text, quint16 port)
{
    QMap<qint64, QStringList> raw;
    Normalised n;
    for (const QByteArray &bytes : text.split('\n')) {
        if (bytes.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(bytes).object();
        const QString event = o.value("event").toString();
        const qint64 pid = o.value("pid").toInteger();
        if (event == "call") {
            if (const QString line = normaliseLine(o.value("line").toString(), port);
                !interrupted(line))
                raw[pid] << line;
        } else if (event == "signal") {
            n.signalNames << o.value("signal").toString();
        } else if (event == "exited") {
            raw[pid] << QStringLiteral("+++ exited with %1 +++").arg(o.value("status").toInt());
        } else if (event == "killed") {
            raw[pid] << QStringLiteral("+++ killed by %1 +++").arg(o.value("signal").toString());
        }
    }
    for (auto it = raw.cbegin(); it != raw.cend(); ++it)
        n.processes << it.value();
    n.signalNames.sort();
    return n;
}

enum class Tracer { Strace, SockBench };

/// One run: an untraced helper server (when helper is not empty), the traced program, then
/// the untraced clients one after the other. "{PORT}" in any argument is the port of whoever
/// printed "listening on N": the helper, or the traced program when it is the server.
struct Scenario
{
    QStringList helper;
    QStringList traced;
    QList<QStringList> clients;
    int exitCode = 0;
    quint16 fixedPort = 0; ///< a port known beforehand (the refused connect's)
};

} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestCliTraceProgram : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matchesStrace_data();
    void matchesStrace();
    void refusedConnectNamesItsErrno();
    void attachAndDetachLeavesTheProgramRunning();
    void killedProgramReportsSignalAndLastCalls();
    void missingProgramIsOneSentence();
    void noSuchProcessIsOneSentence();

private:
    QString exe(const QString &name) const { return m_bin.filePath(name); }
    QStringList substitute(const QStringList &args, quint16 port) const;
    /// Runs the scenario under tracer; the trace file's text, and the port used.
    bool run(const Scenario &s, Tracer tracer, QByteArray *trace, quint16 *port);
    bool compile(const QString &name, const QByteArray &source = {});

    QTemporaryDir m_dir;
    QDir m_bin;
};

bool TestCliTraceProgram::compile(const QString &name, const QByteArray &source)
{
    QString src = QStringLiteral(SB_SOURCE_DIR "/examples/") + name + ".c";
    if (!source.isEmpty()) {
        src = m_bin.filePath(name + ".c");
        if (!writeFile(src, source))
            return false;
    }
    Proc cc;
    cc.start("cc", {"-Wall", "-o", exe(name), src});
    if (!cc.finish(120000) || cc.exitCode() != 0) {
        qWarning("cc %s: %s", qPrintable(name), cc.err.constData());
        return false;
    }
    return true;
}

void TestCliTraceProgram::initTestCase()
{
    SB_REQUIRE_TOOL("cc", "gcc");
    SB_REQUIRE_TOOL("strace", "strace");
    QVERIFY(m_dir.isValid());
    m_bin = QDir(m_dir.path());
    for (const char *name : {"tcp_client", "tcp_iterative_server", "tcp_concurrent_server",
                             "udp_echo", "socketpair_user"})
        QVERIFY2(compile(name), name);
    // A program killed in the middle of its work: a socket, a datagram, then SIGKILL.
    QVERIFY(compile("killed", R"C(
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    write(sv[0], "last words", 10);
    kill(getpid(), SIGKILL);
    return 0;
}
)C"));
    // sendmmsg and recvmmsg: two datagrams in one call each way.
    QVERIFY(compile("mmsg", R"C(
#define _GNU_SOURCE
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    char a[] = "one", b[] = "second";
    struct iovec out[2] = {{a, 3}, {b, 6}};
    struct mmsghdr send[2];
    memset(send, 0, sizeof send);
    send[0].msg_hdr.msg_iov = &out[0];
    send[0].msg_hdr.msg_iovlen = 1;
    send[1].msg_hdr.msg_iov = &out[1];
    send[1].msg_hdr.msg_iovlen = 1;
    if (sendmmsg(sv[0], send, 2, 0) != 2)
        return 1;
    char x[16], y[16];
    struct iovec in[2] = {{x, sizeof x}, {y, sizeof y}};
    struct mmsghdr recv[2];
    memset(recv, 0, sizeof recv);
    recv[0].msg_hdr.msg_iov = &in[0];
    recv[0].msg_hdr.msg_iovlen = 1;
    recv[1].msg_hdr.msg_iov = &in[1];
    recv[1].msg_hdr.msg_iovlen = 1;
    if (recvmmsg(sv[1], recv, 2, 0, NULL) != 2)
        return 1;
    close(sv[0]);
    close(sv[1]);
    return 0;
}
)C"));
}

QStringList TestCliTraceProgram::substitute(const QStringList &args, quint16 port) const
{
    QStringList out;
    for (QString a : args) {
        a.replace(QStringLiteral("{PORT}"), QString::number(port));
        out << a;
    }
    if (!out.isEmpty())
        out[0] = exe(out[0]);
    return out;
}

bool TestCliTraceProgram::run(const Scenario &s, Tracer tracer, QByteArray *trace, quint16 *port)
{
    static const QRegularExpression listening(QStringLiteral("listening on (\\d+)"));
    const auto portOfLine = [](Proc &p) -> quint16 {
        const auto m = listening.match(QString::fromUtf8(p.firstOutLine()));
        return m.hasMatch() ? m.captured(1).toUShort() : 0;
    };
    *port = s.fixedPort;
    Proc helper;
    if (!s.helper.isEmpty()) {
        helper.start(exe(s.helper[0]), s.helper.mid(1));
        *port = portOfLine(helper);
        if (!*port)
            return false;
    }
    const QString file = m_bin.filePath(tracer == Tracer::Strace ? "strace.out" : "sb.out");
    QFile::remove(file);
    QStringList args = substitute(s.traced, *port);
    Proc traced;
    if (tracer == Tracer::Strace)
        traced.start("strace",
                     QStringList {"-f", "-e",
                                  "trace=network,read,write,close,clone,"
                                  "clone3,fork,vfork",
                                  "-o", file}
                             + args);
    else
        traced.startCli(QStringList {"trace", "--jsonl", "-o", file, "--"} + args);
    if (s.helper.isEmpty() && !s.clients.isEmpty()) {
        *port = portOfLine(traced);
        if (!*port) {
            qWarning("no port: %s", traced.err.constData());
            return false;
        }
    }
    for (const QStringList &client : s.clients) {
        Proc c;
        const QStringList a = substitute(client, *port);
        c.start(a[0], a.mid(1));
        if (!c.finish() || c.exitCode() != 0) {
            qWarning("client %s: %d %s", qPrintable(a.join(' ')), c.exitCode(), c.err.constData());
            return false;
        }
    }
    if (!traced.finish(kBulkMs) || traced.exitCode() != s.exitCode) {
        qWarning("traced program: exit %d, stderr %s", traced.exitCode(), traced.err.constData());
        return false;
    }
    if (!s.helper.isEmpty() && (!helper.finish() || helper.exitCode() != 0))
        return false;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    *trace = f.readAll();
    return true;
}

void TestCliTraceProgram::matchesStrace_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<int>("processes");
    Scenario client;
    client.helper = {"tcp_iterative_server", "0", "1"};
    client.traced = {"tcp_client", "127.0.0.1", "{PORT}", "hola"};
    QTest::newRow("TCP client") << client << 1;

    Scenario iterative;
    iterative.traced = {"tcp_iterative_server", "0", "2"};
    iterative.clients = {{"tcp_client", "127.0.0.1", "{PORT}", "first"},
                         {"tcp_client", "127.0.0.1", "{PORT}", "second one"}};
    QTest::newRow("iterative TCP server") << iterative << 1;

    Scenario concurrent;
    concurrent.traced = {"tcp_concurrent_server", "0", "2"};
    concurrent.clients = {{"tcp_client", "127.0.0.1", "{PORT}", "uno"},
                          {"tcp_client", "127.0.0.1", "{PORT}", "dos"}};
    QTest::newRow("forking TCP server (-f)") << concurrent << 3;

    Scenario udpServer;
    udpServer.traced = {"udp_echo", "server", "0", "2"};
    udpServer.clients = {{"udp_echo", "client", "127.0.0.1", "{PORT}", "ping"},
                         {"udp_echo", "client", "127.0.0.1", "{PORT}", "pong"}};
    QTest::newRow("UDP echo peer, server") << udpServer << 1;

    Scenario udpClient;
    udpClient.helper = {"udp_echo", "server", "0", "1"};
    udpClient.traced = {"udp_echo", "client", "127.0.0.1", "{PORT}", "hello"};
    QTest::newRow("UDP echo peer, client") << udpClient << 1;

    Scenario pair;
    pair.traced = {"socketpair_user", "3"};
    QTest::newRow("socketpair user (fork)") << pair << 2;

    Scenario mmsg;
    mmsg.traced = {"mmsg"};
    QTest::newRow("sendmmsg and recvmmsg") << mmsg << 1;
}

void TestCliTraceProgram::matchesStrace()
{
    QFETCH(Scenario, scenario);
    QFETCH(int, processes);
    QByteArray straceText, sbText;
    quint16 stracePort = 0, sbPort = 0;
    QVERIFY(run(scenario, Tracer::Strace, &straceText, &stracePort));
    QVERIFY(run(scenario, Tracer::SockBench, &sbText, &sbPort));
    const Normalised expected = fromStrace(straceText, stracePort);
    const Normalised got = fromJsonl(sbText, sbPort);
    QCOMPARE(expected.processes.size(), processes);
    QVERIFY2(got.processes.size() == expected.processes.size(), sbText.constData());
    for (qsizetype i = 0; i < expected.processes.size(); ++i) {
        // The socket calls are there at all (a filter that dropped everything would pass).
        QVERIFY(expected.processes[i].size() >= 2);
        // One line at a time, so a failure names the first line that differs.
        const QStringList &want = expected.processes[i];
        const QStringList &have = got.processes[i];
        if (have != want)
            qWarning("SockBench:\n%s\nstrace:\n%s", qPrintable(have.join('\n')),
                     qPrintable(want.join('\n')));
        for (qsizetype line = 0; line < std::min(want.size(), have.size()); ++line)
            QCOMPARE(have[line], want[line]);
        QCOMPARE(have.size(), want.size());
    }
    QCOMPARE(got.signalNames, expected.signalNames);
}

void TestCliTraceProgram::refusedConnectNamesItsErrno()
{
    sbtest::RefusingPort refusing;
    QVERIFY(refusing.port);
    Scenario s;
    s.traced = {"tcp_client", "127.0.0.1", "{PORT}"};
    s.fixedPort = refusing.port;
    s.exitCode = 1;
    QByteArray straceText, sbText;
    quint16 port = 0;
    QVERIFY(run(s, Tracer::Strace, &straceText, &port));
    QVERIFY(run(s, Tracer::SockBench, &sbText, &port));
    const Normalised expected = fromStrace(straceText, port);
    const Normalised got = fromJsonl(sbText, port);
    QCOMPARE(got.processes.size(), 1);
    QCOMPARE(got.processes[0].join('\n'), expected.processes[0].join('\n'));
    // The fd numbers are the program's: under ctest an inherited fd may shift them.
    static const QRegularExpression connect(QStringLiteral(
            "^connect\\(\\d+, \\{sa_family=AF_INET, sin_port=htons\\(PORT\\), "
            "sin_addr=inet_addr\\(\"127\\.0\\.0\\.1\"\\)\\}, 16\\) = -1 ECONNREFUSED "
            "\\(Connection refused\\)$"));
    QVERIFY2(!got.processes[0].filter(connect).isEmpty(), sbText.constData());
    // The jsonl event names the errno, its text and the usual cause.
    QVERIFY(sbText.contains("\"errno\":\"ECONNREFUSED\",\"error\":\"Connection refused\""));
    QVERIFY(sbText.contains("\"cause\":"));
    // And the plain output is strace's line.
    Proc plain;
    plain.startCli({"trace", "--", exe("tcp_client"), "127.0.0.1", QString::number(port)});
    QVERIFY(plain.finish());
    QCOMPARE(plain.exitCode(), 1);
    QVERIFY2(plain.err.contains("= -1 ECONNREFUSED (Connection refused)\n"), plain.err.constData());
}

void TestCliTraceProgram::attachAndDetachLeavesTheProgramRunning()
{
    // A UDP echo server for three datagrams, not started by us: attached while it waits in
    // recvfrom, traced for one datagram, let go, and it answers the other two on its own.
    Proc server;
    server.start(exe("udp_echo"), {"server", "0", "3"});
    const QByteArray first = server.firstOutLine();
    QVERIFY2(first.startsWith("listening on "), first.constData());
    const QString port = QString::fromUtf8(first.mid(13));
    const QString file = m_bin.filePath("attach.out");
    QFile::remove(file);
    Proc tracer;
    tracer.startCli({"trace", "--jsonl", "-o", file, "-p", QString::number(server.p.processId())});
    QFile trace(file);
    const auto traceHas = [&](const QByteArray &needle) {
        QDeadlineTimer deadline(kStepMs);
        while (!deadline.hasExpired()) {
            if (trace.open(QIODevice::ReadOnly)) {
                const bool found = trace.readAll().contains(needle);
                trace.close();
                if (found)
                    return true;
            }
            if (tracer.p.state() == QProcess::NotRunning)
                return false;
            tracer.p.waitForFinished(20);
        }
        return false;
    };
    QVERIFY2(traceHas("\"event\":\"started\""), tracer.err.constData());
    QVERIFY(trace.open(QIODevice::ReadOnly));
    QVERIFY(trace.readAll().contains("\"attached\":true"));
    trace.close();

    Proc one;
    one.start(exe("udp_echo"), {"client", "127.0.0.1", port, "one"});
    QVERIFY(one.finish());
    QCOMPARE(one.out, QByteArray("one\n"));
    QVERIFY(traceHas(", \\\"one\\\", 3, 0, {sa_family=AF_INET"));

    ::kill(pid_t(tracer.p.processId()), SIGINT);
    QVERIFY(tracer.finish());
    QCOMPARE(tracer.exitCode(), 0);
    QVERIFY(traceHas("\"event\":\"detached\""));
    QVERIFY(trace.open(QIODevice::ReadOnly));
    const QByteArray all = trace.readAll();
    static const QRegularExpression recvfrom(QStringLiteral(
            "\"line\":\"recvfrom\\(\\d+, \\\\\"one\\\\\", 1500, 0, \\{sa_family=AF_INET"));
    QVERIFY2(recvfrom.match(QString::fromUtf8(all)).hasMatch(), all.constData());
    QVERIFY(all.contains("\"line\":\"sendto("));
    // The call it was blocked in when we let go is not reported half-done.
    QVERIFY2(!all.contains("ERESTART"), all.constData());

    // Still running, untraced: it answers the other two and ends normally.
    for (const char *word : {"two", "three"}) {
        Proc c;
        c.start(exe("udp_echo"), {"client", "127.0.0.1", port, word});
        QVERIFY(c.finish());
        QCOMPARE(c.out, QByteArray(word) + "\n");
    }
    QVERIFY(server.finish());
    QCOMPARE(server.exitCode(), 0);
}

void TestCliTraceProgram::killedProgramReportsSignalAndLastCalls()
{
    Proc plain;
    plain.startCli({"trace", "--", exe("killed")});
    QVERIFY(plain.finish());
    QCOMPARE(plain.exitCode(), 128 + SIGKILL);
    QVERIFY2(plain.err.contains("+++ killed by SIGKILL +++\n"), plain.err.constData());
    static const QRegularExpression last(QStringLiteral(
            "its last calls:\n  socketpair\\(AF_UNIX, SOCK_DGRAM, 0, \\[(\\d+), \\d+\\]\\) = 0\n"
            "  write\\(\\1, \"last words\", 10\\) = 10\n"));
    QVERIFY2(last.match(QString::fromUtf8(plain.err)).hasMatch(), plain.err.constData());
    Proc json;
    json.startCli({"trace", "--jsonl", "--", exe("killed")});
    QVERIFY(json.finish());
    QCOMPARE(json.exitCode(), 128 + SIGKILL);
    QVERIFY2(json.err.contains("\"event\":\"killed\""), json.err.constData());
    QVERIFY(json.err.contains("\"signal\":\"SIGKILL\",\"last\":[\"socketpair("));
}

void TestCliTraceProgram::missingProgramIsOneSentence()
{
    Proc cli;
    cli.startCli({"trace", "--", m_bin.filePath("no-such-program")});
    QVERIFY(cli.finish());
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(cli.err.startsWith("sockbench-cli: trace: cannot start ")
                     && cli.err.endsWith("no such executable file\n"),
             cli.err.constData());
}

void TestCliTraceProgram::noSuchProcessIsOneSentence()
{
    // Above any pid_max Linux allows (4194304).
    Proc cli;
    cli.startCli({"trace", "-p", "999999999"});
    QVERIFY(cli.finish());
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(cli.err.contains("cannot attach to process 999999999: ESRCH (No such process); "
                              "there is no process 999999999"),
             cli.err.constData());
}

QTEST_GUILESS_MAIN(TestCliTraceProgram)
#include "tst_cli_traceprogram.moc"
