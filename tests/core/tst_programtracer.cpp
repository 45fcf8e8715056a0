// core/trace: ProgramTracer in process, on this test binary run again as the traced program
// (argv[1] says what it does), and the pieces it is made of: the fd table, the seccomp filter,
// the sentences when ptrace is refused.
#include "core/trace/fdtable.h"
#include "core/trace/programtracer.h"
#include "core/trace/ptraceerror.h"
#include "core/trace/seccompfilter.h"
#include "core/trace/syscalltable.h"

#include <QCoreApplication>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>

#include <linux/seccomp.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace sb;
using namespace sb::tracee;

namespace {

/// The traced program's parts, chosen by argv[1].
int childMain(const char *mode)
{
    int sv[2];
    if (std::strcmp(mode, "--child-pair") == 0) {
        // A socketpair, a write and a read on it, a write to a pipe (not a socket: not
        // reported), exit 3.
        socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
        (void)!write(sv[0], "hello", 5);
        char buf[16];
        (void)!read(sv[1], buf, sizeof buf);
        int p[2];
        (void)!pipe(p);
        (void)!write(p[1], "pipe", 4);
        return 3;
    }
    if (std::strcmp(mode, "--child-thread") == 0) {
        // A socket made on a second thread, and closed on the first.
        int fd = -1;
        std::thread t([&] { fd = socket(AF_INET, SOCK_DGRAM, 0); });
        t.join();
        close(fd);
        return 0;
    }
    return 100;
}

struct Collected
{
    std::mutex mutex;
    std::vector<Event> events;

    ProgramTracer::Sink sink()
    {
        return [this](Event &&e) {
            std::lock_guard lock(mutex);
            events.push_back(std::move(e));
        };
    }
    /// The calls, formatted, in order.
    QStringList lines()
    {
        std::lock_guard lock(mutex);
        QStringList out;
        for (const Event &e : events)
            if (const auto *c = e.as<Call>())
                out << QString::fromStdString(formatTrace(*c->record));
        return out;
    }
};

QString self() { return QCoreApplication::applicationFilePath(); }

} // namespace

class TestProgramTracer : public QObject
{
    Q_OBJECT

private slots:
    void seccompFilterTracesTheListedCalls();
    void fdTableFollowsDupCloexecAndClose();
    void startedProgramsCallsAndExit();
    void threadsShareTheFdTable();
    void otherChildrenKeepTheirExitStatus();
    void refusalsAreOneSentence();
};

void TestProgramTracer::seccompFilterTracesTheListedCalls()
{
    const std::vector<sock_filter> prog = buildSeccompFilter();
    // load arch, check it, load nr, one test per call, allow, trace.
    QCOMPARE(prog.size(), tracedSyscalls().size() + 5);
    QCOMPARE(prog[prog.size() - 2].k, unsigned(SECCOMP_RET_ALLOW));
    QCOMPARE(prog.back().k, unsigned(SECCOMP_RET_TRACE));
    // Each test jumps to the last instruction when it matches.
    for (size_t i = 3; i < prog.size() - 2; ++i)
        QCOMPARE(i + 1 + prog[i].jt, prog.size() - 1);
    QVERIFY(tracedCall(SYS_connect) == SysCall::Connect);
    QVERIFY(!tracedCall(SYS_getpid));
}

void TestProgramTracer::fdTableFollowsDupCloexecAndClose()
{
    FdTable t;
    t.add(3, {AF_INET, SOCK_STREAM, false});
    t.add(4, {AF_UNIX, SOCK_DGRAM, true});
    t.duplicate(3, 7, true);
    t.duplicate(5, 3, false); // dup2 of a file over a socket: 3 is no longer one
    QVERIFY(!t.isSocket(3));
    QCOMPARE(t.find(7)->family, AF_INET);
    FdTable forked = t; // fork copies
    forked.closed(7);
    QVERIFY(t.isSocket(7));
    t.dropCloexec(); // exec
    QVERIFY(!t.isSocket(4));
    QVERIFY(!t.isSocket(7));
    QCOMPARE(t.size(), size_t(0));
}

void TestProgramTracer::startedProgramsCallsAndExit()
{
    Collected c;
    {
        ProgramTracer tracer(c.sink());
        std::string reason;
        QVERIFY2(tracer.start({self().toStdString(), "--child-pair"}, &reason), reason.c_str());
        tracer.wait();
        QCOMPARE(tracer.exitStatus(), 3);
    }
    const QStringList lines = c.lines();
    QVERIFY2(lines.size() == 3, qPrintable(lines.join('\n')));
    QVERIFY(lines[0].startsWith("socketpair(AF_UNIX, SOCK_STREAM, 0, ["));
    QVERIFY(lines[1].endsWith(", \"hello\", 5) = 5"));
    QVERIFY(lines[2].contains(", \"hello\", 16) = 5"));
    std::lock_guard lock(c.mutex);
    QVERIFY(c.events.front().as<Started>());
    QCOMPARE(c.events.back().as<Exited>()->status, 3);
    // The data of the read is the bytes, for the data log.
    const auto *read = c.events[3].as<Call>();
    QVERIFY(read);
    QCOMPARE(read->record->call, SysCall::Read);
    QCOMPARE(QByteArray::fromStdString(std::string(view(read->record->data))), QByteArray("hello"));
}

void TestProgramTracer::threadsShareTheFdTable()
{
    Collected c;
    ProgramTracer tracer(c.sink());
    std::string reason;
    QVERIFY2(tracer.start({self().toStdString(), "--child-thread"}, &reason), reason.c_str());
    tracer.wait();
    QCOMPARE(tracer.exitStatus(), 0);
    std::lock_guard lock(c.mutex);
    std::vector<const Event *> calls;
    for (const Event &e : c.events)
        if (e.as<Call>())
            calls.push_back(&e);
    QCOMPARE(calls.size(), size_t(2));
    QCOMPARE(calls[0]->as<Call>()->record->call, SysCall::Socket);
    QVERIFY(calls[0]->tid != calls[0]->pid); // made on the second thread
    QCOMPARE(calls[1]->as<Call>()->record->call, SysCall::Close); // known as a socket
    QCOMPARE(calls[1]->tid, calls[1]->pid);
}

void TestProgramTracer::otherChildrenKeepTheirExitStatus()
{
    // The tracer waits only for its own tracees: a child of this process that is not traced,
    // and ended before the trace (a zombie the tracer sees first each time it looks), keeps
    // its exit status for its owner, and the trace still runs to its end. (A plain fork, not
    // a QProcess: Qt's vfork-like start confuses ThreadSanitizer's fork bookkeeping.)
    const pid_t other = fork();
    if (other == 0)
        _exit(7);
    QVERIFY(other > 0);
    Collected c;
    {
        ProgramTracer tracer(c.sink());
        std::string reason;
        QVERIFY2(tracer.start({self().toStdString(), "--child-pair"}, &reason), reason.c_str());
        tracer.wait();
        QCOMPARE(tracer.exitStatus(), 3);
    }
    QCOMPARE(c.lines().size(), 3);
    int status = 0;
    QCOMPARE(waitpid(other, &status, 0), other);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 7);
    // A started program that is still running when the tracer is told to stop is killed.
    ProgramTracer tracer(c.sink());
    std::string reason;
    QVERIFY(tracer.start({"sleep", "600"}, &reason));
    tracer.detach();
    tracer.wait();
    QCOMPARE(tracer.exitStatus(), 128 + SIGKILL);
}

void TestProgramTracer::refusalsAreOneSentence()
{
    const std::string gone = explainPtraceFailure("attach to", 999999999, ESRCH);
    QCOMPARE(QString::fromStdString(gone),
             QString("cannot attach to process 999999999: ESRCH (No such process); there is no "
                     "process 999999999 (it ended, or the number is wrong)."));
    Collected c;
    ProgramTracer tracer(c.sink());
    std::string reason;
    QVERIFY(!tracer.attach(999999999, &reason));
    QCOMPARE(reason, gone);
    ProgramTracer missing(c.sink());
    QVERIFY(!missing.start({"/nonexistent/program"}, &reason));
    QCOMPARE(QString::fromStdString(reason),
             QString("cannot start /nonexistent/program: no such executable file"));
}

int main(int argc, char **argv)
{
    // _exit: a sanitizer's exit-time work (LeakSanitizer ptraces the process's threads,
    // which cannot be while we trace them) is not the program under test.
    if (argc > 1 && std::strncmp(argv[1], "--child-", 8) == 0)
        _exit(childMain(argv[1]));
    QCoreApplication app(argc, argv);
    TestProgramTracer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_programtracer.moc"
