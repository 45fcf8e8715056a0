#pragma once

#include "core/trace/calldecoder.h"
#include "core/trace/fdtable.h"
#include "core/trace/programtracer.h"
#include "core/trace/socketnames.h"

#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <sys/types.h>

namespace sb::tracee {

/// The state of one ProgramTracer run, on the tracer thread only: the traced threads and
/// processes, the wait loop and what each ptrace stop means.
class TraceSession
{
public:
    TraceSession(ProgramTracer::Sink sink, TracerOptions options, std::atomic<int> *exitStatus,
                 std::atomic<bool> *detachRequested, std::atomic<int> *wakeFd);

    /// fork + PTRACE_SEIZE + seccomp + exec of path with argv. False with reason.
    bool startProgram(const std::string &path, const std::vector<std::string> &argv,
                      std::string *reason);
    /// PTRACE_SEIZE of every thread of pid. False with reason.
    bool attachProcess(pid_t pid, std::string *reason);
    /// A child that exits when *wakeFd is written or closed: it wakes run()'s wait. In its
    /// own process group, so a Ctrl+C at the terminal leaves it alone; made again if it dies.
    void startWaker();
    /// Handles stops until every tracee has ended or been let go.
    void run();
    pid_t mainPid() const { return m_mainPid; }

private:
    struct Thread
    {
        pid_t pid = 0; ///< thread group
        std::shared_ptr<FdTable> fds;
        std::optional<PendingCall> pending;
        bool heldForParent = false; ///< a new child stopped before its parent's fork event
        bool linked = false; ///< its fd table is its parent's (copied or shared)
        bool interrupted = false; ///< attached, and its first stop not seen yet
    };
    struct Process
    {
        std::deque<std::shared_ptr<const TraceRecord>> last;
        std::shared_ptr<ProcessHandle> handle; ///< made at its first socket call
    };

    bool waitNext(pid_t *tid, int *status);
    bool ours(pid_t tid) const;
    void handle(pid_t tid, int status);
    void handleExit(pid_t tid, int status);
    void handleSeccomp(pid_t tid);
    void handleSyscallStop(pid_t tid);
    void handleNewChild(pid_t parent, int event);
    void handleExec(pid_t tid);
    void handleEventStop(pid_t tid, int sig);
    Thread &adopt(pid_t tid);
    void entry(pid_t tid, Thread &t, long nr, const uint64_t (&args)[6]);
    void exit(pid_t tid, Thread &t, int64_t rval, bool isError);
    void resume(pid_t tid, int sig = 0);
    void beginDetach();
    void letGo(pid_t tid, int sig);
    void emit(pid_t pid, pid_t tid, Body body);
    /// Fills call's socket: the fd the record is about, named by the kernel when the call
    /// could have changed its names (made, bound, connected, accepted, first sent on).
    void nameSocket(pid_t pid, Thread &t, Call &call);
    /// Whether a traced process other than pid has an fd on the socket inode.
    bool heldElsewhere(pid_t pid, uint64_t inode) const;
    /// The socket inodes the traced processes other than pid have fds on.
    std::unordered_set<uint64_t> otherInodes(pid_t pid) const;
    /// The sockets of fds that end with process pid.
    std::vector<SocketFd> socketsEnding(pid_t pid, const FdTable &fds) const;

    ProgramTracer::Sink m_sink;
    TracerOptions m_options;
    std::atomic<int> *m_exitStatus;
    std::atomic<bool> *m_detachRequested;
    std::atomic<int> *m_wakeFd;
    bool m_attached = false; ///< attach mode: PTRACE_SYSCALL stops, no seccomp filter
    bool m_detaching = false;
    pid_t m_mainPid = 0;
    pid_t m_waker = 0;
    std::unordered_map<pid_t, Thread> m_threads;
    std::unordered_map<pid_t, Process> m_processes;
    std::vector<pid_t> m_detachedPids;
    /// Attach: the threads whose first stop is still to come; Started is sent after the
    /// last, so every call made after it is seen.
    size_t m_awaitingFirstStops = 0;
    std::string m_attachedPath;
};

} // namespace sb::tracee
