#include "core/trace/tracesession.h"

#include "core/text/clock.h"
#include "core/trace/ptraceerror.h"
#include "core/trace/seccompfilter.h"
#include "core/trace/syscalltable.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fstream>
#include <sched.h>

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace sb::tracee {
namespace {

constexpr long kCommonOptions = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK
        | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC;

/// "Tgid:" or "TracerPid:" of /proc/TID/status; -1 when it cannot be read.
pid_t statusPid(pid_t tid, const char *key)
{
    std::ifstream in("/proc/" + std::to_string(tid) + "/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(in, line))
        if (line.starts_with(prefix))
            return static_cast<pid_t>(std::atoi(line.c_str() + prefix.size()));
    return -1;
}

std::vector<pid_t> taskIds(pid_t pid)
{
    std::vector<pid_t> tids;
    DIR *dir = opendir(("/proc/" + std::to_string(pid) + "/task").c_str());
    if (!dir)
        return tids;
    while (const dirent *e = readdir(dir))
        if (e->d_name[0] != '.')
            tids.push_back(static_cast<pid_t>(std::atoi(e->d_name)));
    closedir(dir);
    return tids;
}

bool isGroupStopSignal(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/// close_range(2) around keep, in a child between fork and exit.
void closeAllBut(int keep)
{
    if (keep > 0)
        syscall(SYS_close_range, 0u, static_cast<unsigned>(keep - 1), 0u);
    syscall(SYS_close_range, static_cast<unsigned>(keep + 1), ~0u, 0u);
}

} // namespace

TraceSession::TraceSession(ProgramTracer::Sink sink, TracerOptions options,
                           std::atomic<int> *exitStatus, std::atomic<bool> *detachRequested,
                           std::atomic<int> *wakeFd)
    : m_sink(std::move(sink))
    , m_options(options)
    , m_exitStatus(exitStatus)
    , m_detachRequested(detachRequested)
    , m_wakeFd(wakeFd)
{ }

void TraceSession::emit(pid_t pid, pid_t tid, Body body)
{
    if (!m_sink)
        return;
    Event e;
    e.monoNs = monotonicNs();
    e.pid = pid;
    e.tid = tid;
    e.body = std::move(body);
    m_sink(std::move(e));
}

bool TraceSession::startProgram(const std::string &path, const std::vector<std::string> &argv,
                                std::string *reason)
{
    // Everything the child needs is made before fork: after it, only async-signal-safe calls.
    std::vector<char *> args;
    for (const std::string &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    std::vector<sock_filter> filter = buildSeccompFilter();
    sock_fprog prog {static_cast<unsigned short>(filter.size()), filter.data()};
    int sync[2];
    if (pipe2(sync, O_CLOEXEC) != 0) {
        *reason = std::string("cannot start ") + path + ": pipe: " + std::strerror(errno);
        return false;
    }
    const pid_t child = fork();
    if (child < 0) {
        *reason = std::string("cannot start ") + path + ": fork: " + std::strerror(errno);
        ::close(sync[0]);
        ::close(sync[1]);
        return false;
    }
    if (child == 0) {
        ::close(sync[1]);
        char go = 0;
        // Wait until the tracer has seized us: a traced call before that would fail (ENOSYS).
        while (::read(sync[0], &go, 1) < 0 && errno == EINTR) { }
        if (go != 1)
            _exit(127);
        // SPEC_ALLOW: the filter is for tracing, not a sandbox, so it must not turn on the
        // speculation mitigations a kernel may apply to seccomp'd tasks (the program would
        // run slower than without us). A kernel without the flag gets the plain filter.
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
            || (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog)
                        != 0
                && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0))
            _exit(126);
        execve(path.c_str(), args.data(), environ);
        _exit(127);
    }
    ::close(sync[0]);
    if (ptrace(PTRACE_SEIZE, child, nullptr,
               reinterpret_cast<void *>(kCommonOptions | PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL))
        != 0) {
        const int err = errno;
        ::close(sync[1]);
        ::kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
        *reason = explainPtraceFailure("trace", child, err);
        return false;
    }
    const char go = 1;
    const bool told = ::write(sync[1], &go, 1) == 1;
    ::close(sync[1]);
    if (!told) {
        ::kill(child, SIGKILL);
        *reason = std::string("cannot start ") + path + ": " + std::strerror(errno);
        return false;
    }
    m_mainPid = child;
    Thread &t = m_threads[child];
    t.pid = child;
    t.fds = std::make_shared<FdTable>();
    t.linked = true;
    m_processes[child];
    emit(child, child, Started {path, false});
    return true;
}

bool TraceSession::attachProcess(pid_t pid, std::string *reason)
{
    m_attached = true;
    if (::kill(pid, 0) != 0 && errno == ESRCH) {
        *reason = explainPtraceFailure("attach to", pid, ESRCH);
        return false;
    }
    if (statusPid(pid, "Tgid") != pid) {
        *reason = "cannot attach to " + std::to_string(pid)
                + ": it is a thread, not a process; give its process id (Tgid in /proc/"
                + std::to_string(pid) + "/status).";
        return false;
    }
    auto fds = std::make_shared<FdTable>();
    // Threads may start while we seize: list the tasks again until no new one appears.
    for (bool found = true; found;) {
        found = false;
        for (const pid_t tid : taskIds(pid)) {
            if (m_threads.count(tid))
                continue;
            if (ptrace(PTRACE_SEIZE, tid, nullptr, reinterpret_cast<void *>(kCommonOptions)) != 0) {
                if (errno == ESRCH && tid != pid)
                    continue; // a thread that just ended
                const int err = errno;
                for (auto &[seized, unused] : m_threads)
                    ptrace(PTRACE_DETACH, seized, nullptr, nullptr);
                m_threads.clear();
                *reason = explainPtraceFailure("attach to", pid, err);
                return false;
            }
            Thread &t = m_threads[tid];
            t.pid = pid;
            t.fds = fds;
            t.linked = true;
            found = true;
        }
    }
    fds->loadFromProc(pid);
    m_mainPid = pid;
    m_processes[pid];
    // Seizing does not stop a thread: interrupt each, and restart it with PTRACE_SYSCALL.
    for (auto &[tid, t] : m_threads) {
        ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr);
        t.interrupted = true;
    }
    m_awaitingFirstStops = m_threads.size();
    char exe[4096] = {};
    const ssize_t n
            = readlink(("/proc/" + std::to_string(pid) + "/exe").c_str(), exe, sizeof exe - 1);
    m_attachedPath = n > 0 ? std::string(exe, size_t(n)) : std::string();
    return true;
}

void TraceSession::startWaker()
{
    // A socketpair, not a pipe: detach() writes with MSG_NOSIGNAL, so a waker that is gone
    // cannot raise SIGPIPE in the process that asks.
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return;
    const pid_t child = fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return;
    }
    if (child == 0) {
        setpgid(0, 0);
        // Holds nothing of ours open (a socket kept open here would never see its EOF).
        closeAllBut(fds[0]);
        char c;
        while (::read(fds[0], &c, 1) < 0 && errno == EINTR) { }
        _exit(0);
    }
    ::close(fds[0]);
    m_waker = child;
    const int old = m_wakeFd->exchange(fds[1]);
    if (old >= 0)
        ::close(old);
    if (m_detachRequested->load()) {
        const int fd = m_wakeFd->exchange(-1);
        if (fd >= 0)
            ::close(fd);
    }
}

bool TraceSession::ours(pid_t tid) const
{
    return tid == m_waker || m_threads.count(tid) || statusPid(tid, "TracerPid") == getpid();
}

bool TraceSession::waitNext(pid_t *tid, int *status)
{
    if (m_options.noOtherChildren) {
        for (;;) {
            const pid_t got = waitpid(-1, status, __WALL);
            if (got > 0) {
                *tid = got;
                return true;
            }
            if (errno != EINTR)
                return false;
        }
    }
    for (;;) {
        siginfo_t info {};
        // Peek first: the process may have children that are not ours (a test's QProcess),
        // and reaping one of those would steal its exit status.
        if (waitid(P_ALL, 0, &info, WEXITED | WSTOPPED | WNOWAIT | __WALL) != 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (ours(info.si_pid)) {
            const pid_t got = waitpid(info.si_pid, status, __WALL);
            if (got > 0) {
                *tid = got;
                return true;
            }
            continue;
        }
        // A child of someone else's is waiting for its owner to reap it: ask ours one by
        // one until then.
        for (const auto &[candidate, unused] : m_threads) {
            const pid_t got = waitpid(candidate, status, __WALL | WNOHANG);
            if (got > 0) {
                *tid = got;
                return true;
            }
        }
        if (m_waker > 0 && waitpid(m_waker, status, WNOHANG) == m_waker) {
            *tid = m_waker;
            return true;
        }
        const timespec pause {0, 1000000};
        nanosleep(&pause, nullptr);
    }
}

void TraceSession::run()
{
    while (!m_threads.empty()) {
        pid_t tid = 0;
        int status = 0;
        if (!waitNext(&tid, &status))
            break;
        if (tid == m_waker) {
            m_waker = 0;
            if (m_detachRequested->load())
                beginDetach();
            else
                startWaker(); // something else ended it: detach() must still reach us
            continue;
        }
        handle(tid, status);
    }
    if (m_waker > 0) {
        ::kill(m_waker, SIGKILL);
        waitpid(m_waker, nullptr, 0);
        m_waker = 0;
    }
    for (const pid_t pid : m_detachedPids)
        emit(pid, pid, Detached {});
}

TraceSession::Thread &TraceSession::adopt(pid_t tid)
{
    Thread &t = m_threads[tid];
    if (!t.fds) {
        t.pid = statusPid(tid, "Tgid");
        if (t.pid <= 0)
            t.pid = tid;
        t.fds = std::make_shared<FdTable>();
        m_processes[t.pid];
    }
    return t;
}

void TraceSession::handle(pid_t tid, int status)
{
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
        handleExit(tid, status);
        return;
    }
    if (!WIFSTOPPED(status))
        return;
    adopt(tid);
    const int sig = WSTOPSIG(status);
    const int event = (status >> 16) & 0xffff;
    switch (event) {
    case PTRACE_EVENT_STOP:
        handleEventStop(tid, sig);
        return;
    case PTRACE_EVENT_SECCOMP:
        handleSeccomp(tid);
        return;
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK:
    case PTRACE_EVENT_CLONE:
        handleNewChild(tid, event);
        return;
    case PTRACE_EVENT_EXEC:
        handleExec(tid);
        return;
    default:
        break;
    }
    if (sig == (SIGTRAP | 0x80)) {
        handleSyscallStop(tid);
        return;
    }
    // A signal on its way to the tracee: shown, and passed on.
    emit(m_threads[tid].pid, tid, Signal {sig});
    resume(tid, sig);
}

void TraceSession::handleExit(pid_t tid, int status)
{
    const auto it = m_threads.find(tid);
    if (it == m_threads.end())
        return;
    const pid_t pid = it->second.pid;
    const std::shared_ptr<FdTable> fds = it->second.fds;
    if (it->second.interrupted && m_awaitingFirstStops > 0 && --m_awaitingFirstStops == 0)
        emit(m_mainPid, m_mainPid, Started {m_attachedPath, true});
    m_threads.erase(it);
    if (tid == m_mainPid)
        m_exitStatus->store(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    if (tid != pid)
        return; // a thread; the process reports when its leader ends
    Process &process = m_processes[pid];
    std::vector<SocketFd> ending;
    if (fds)
        ending = socketsEnding(pid, *fds);
    if (WIFEXITED(status)) {
        emit(pid, tid, Exited {WEXITSTATUS(status), std::move(ending)});
    } else {
        Killed k;
        k.closedSockets = std::move(ending);
        k.signo = WTERMSIG(status);
        k.coreDumped = WCOREDUMP(status);
        for (const auto &r : process.last)
            k.lastCalls.push_back(formatTrace(*r));
        emit(pid, tid, std::move(k));
    }
    m_processes.erase(pid);
}

void TraceSession::handleEventStop(pid_t tid, int sig)
{
    Thread &t = m_threads[tid];
    if (t.interrupted) {
        t.interrupted = false;
        if (m_awaitingFirstStops > 0 && --m_awaitingFirstStops == 0)
            emit(m_mainPid, m_mainPid, Started {m_attachedPath, true});
    }
    if (m_detaching) {
        letGo(tid, 0);
        return;
    }
    if (isGroupStopSignal(sig)) {
        // Stopped by SIGSTOP/SIGTSTP: stay stopped until SIGCONT, still traced.
        ptrace(PTRACE_LISTEN, tid, nullptr, nullptr);
        return;
    }
    if (!t.linked) {
        t.heldForParent = true; // resumed when its parent's fork event tells whose fds it has
        return;
    }
    resume(tid);
}

void TraceSession::handleNewChild(pid_t parent, int event)
{
    unsigned long msg = 0;
    ptrace(PTRACE_GETEVENTMSG, parent, nullptr, &msg);
    const auto child = static_cast<pid_t>(msg);
    const Thread &p = m_threads[parent];
    unsigned long long flags = 0;
    if (event == PTRACE_EVENT_CLONE) {
        user_regs_struct regs {};
        if (ptrace(PTRACE_GETREGS, parent, nullptr, &regs) == 0) {
            if (regs.orig_rax == SYS_clone)
                flags = regs.rdi;
            else if (regs.orig_rax == SYS_clone3)
                TraceeMemory(parent).value(regs.rdi, &flags);
        }
    }
    Thread &c = m_threads[child];
    c.pid = (flags & CLONE_THREAD) ? p.pid : child;
    c.fds = (flags & CLONE_FILES) ? p.fds : std::make_shared<FdTable>(*p.fds);
    c.linked = true;
    m_processes[c.pid];
    if (c.heldForParent) {
        c.heldForParent = false;
        if (m_detaching)
            letGo(child, 0);
        else
            resume(child);
    }
    resume(parent);
}

void TraceSession::handleExec(pid_t tid)
{
    unsigned long former = 0;
    ptrace(PTRACE_GETEVENTMSG, tid, nullptr, &former);
    if (static_cast<pid_t>(former) != tid) {
        // A thread other than the leader exec'd: it now has the leader's id.
        const auto it = m_threads.find(static_cast<pid_t>(former));
        if (it != m_threads.end()) {
            m_threads[tid].fds = it->second.fds;
            m_threads.erase(it);
        }
    }
    Thread &t = m_threads[tid];
    t.pending.reset();
    if (t.fds)
        t.fds->dropCloexec();
    resume(tid);
}

void TraceSession::handleSeccomp(pid_t tid)
{
    __ptrace_syscall_info info {};
    if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, reinterpret_cast<void *>(sizeof info), &info) <= 0
        || info.op != PTRACE_SYSCALL_INFO_SECCOMP) {
        resume(tid);
        return;
    }
    uint64_t args[6];
    std::copy(std::begin(info.seccomp.args), std::end(info.seccomp.args), args);
    Thread &t = m_threads[tid];
    entry(tid, t, static_cast<long>(info.seccomp.nr), args);
    resume(tid);
}

void TraceSession::handleSyscallStop(pid_t tid)
{
    __ptrace_syscall_info info {};
    Thread &t = m_threads[tid];
    if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, reinterpret_cast<void *>(sizeof info), &info) > 0) {
        if (info.op == PTRACE_SYSCALL_INFO_ENTRY && info.arch == AUDIT_ARCH_X86_64) {
            uint64_t args[6];
            std::copy(std::begin(info.entry.args), std::end(info.entry.args), args);
            entry(tid, t, static_cast<long>(info.entry.nr), args);
        } else if (info.op == PTRACE_SYSCALL_INFO_EXIT && t.pending) {
            exit(tid, t, info.exit.rval, info.exit.is_error != 0);
        }
    }
    resume(tid);
}

void TraceSession::entry(pid_t tid, Thread &t, long nr, const uint64_t (&args)[6])
{
    t.pending.reset();
    const std::optional<SysCall> call = tracedCall(nr);
    if (!call)
        return;
    t.pending = decodeEntry(*call, args, TraceeMemory(tid), *t.fds, m_options.dataBytes);
    if (t.pending)
        t.pending->record.monoNs = monotonicNs();
}

void TraceSession::exit(pid_t tid, Thread &t, int64_t rval, bool isError)
{
    PendingCall pending = std::move(*t.pending);
    t.pending.reset();
    if (m_detaching && isError && -rval >= 512 && -rval <= 516)
        return; // interrupted by our own PTRACE_INTERRUPT: it restarts once we are gone
    Call call;
    if (pending.call == SysCall::Close)
        if (const SocketFd *closing = t.fds->find(pending.record.fd)) {
            call.socketFd = pending.record.fd;
            call.socket = *closing;
        }
    decodeExit(pending, rval, isError, TraceeMemory(tid), *t.fds, m_options.dataBytes);
    auto record = std::make_shared<const TraceRecord>(std::move(pending.record));
    Process &process = m_processes[t.pid];
    process.last.push_back(record);
    while (process.last.size() > m_options.lastCalls)
        process.last.pop_front();
    call.record = std::move(record);
    nameSocket(t.pid, t, call);
    emit(t.pid, tid, std::move(call));
}

void TraceSession::resume(pid_t tid, int sig)
{
    if (m_detaching) {
        letGo(tid, sig);
        return;
    }
    const Thread &t = m_threads[tid];
    const bool syscallStops = m_attached || t.pending.has_value();
    ptrace(syscallStops ? PTRACE_SYSCALL : PTRACE_CONT, tid, nullptr,
           reinterpret_cast<void *>(static_cast<long>(sig)));
}

void TraceSession::beginDetach()
{
    if (!m_attached) {
        // A program we started cannot run on without us (its filter's traced calls would
        // fail): it ends with the tracer.
        for (const auto &[tid, t] : m_threads)
            if (tid == t.pid)
                ::kill(tid, SIGKILL);
        return;
    }
    m_detaching = true;
    std::vector<pid_t> held;
    for (const auto &[tid, t] : m_threads) {
        if (t.heldForParent)
            held.push_back(tid);
        else
            ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr);
    }
    for (const pid_t tid : held)
        letGo(tid, 0);
}

void TraceSession::letGo(pid_t tid, int sig)
{
    ptrace(PTRACE_DETACH, tid, nullptr, reinterpret_cast<void *>(static_cast<long>(sig)));
    const auto it = m_threads.find(tid);
    if (it == m_threads.end())
        return;
    const pid_t pid = it->second.pid;
    m_threads.erase(it);
    const bool last = std::none_of(m_threads.begin(), m_threads.end(),
                                   [pid](const auto &entry) { return entry.second.pid == pid; });
    if (last)
        m_detachedPids.push_back(pid);
}

} // namespace sb::tracee
