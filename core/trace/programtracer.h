#pragma once

#include "core/trace/traceeevent.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace sb::tracee {

struct TracerOptions
{
    /// The bytes of each send/recv/read/write kept in the record's data (the data log).
    size_t dataBytes = 64 * 1024;
    /// The calls a killed process reports with its signal.
    size_t lastCalls = 8;
    /// The process has no children but the tracees (a command-line tracer): each stop is
    /// waited for with one waitpid(-1) instead of a waitid(WNOWAIT) look first, which keeps
    /// other children's exit statuses for their owners (a GUI's QProcess).
    bool noOtherChildren = false;
};

class TraceSession;

/// Traces a program's socket calls with ptrace(2), x86_64: starts it (fork, PTRACE_SEIZE, a
/// seccomp-bpf filter so only the calls that matter stop it, exec) or attaches to a running
/// one by pid (every thread; there every call stops it and the tracer filters). Follows
/// forks, threads and exec. All ptrace calls are made on the tracer's own thread, which
/// hands each Event to the sink, in order.
///
/// A program it started dies with the tracer (PTRACE_O_EXITKILL): its seccomp filter would
/// fail the traced calls with ENOSYS without a tracer. An attached one is detached and runs on.
class ProgramTracer
{
public:
    using Sink = std::function<void(Event &&)>;

    explicit ProgramTracer(Sink sink, TracerOptions options = {});
    /// Kills a program it started, detaches from one it attached, and waits for its thread.
    ~ProgramTracer();
    ProgramTracer(const ProgramTracer &) = delete;
    ProgramTracer &operator=(const ProgramTracer &) = delete;

    /// Starts argv (argv[0] looked up in PATH) under the tracer. False with one sentence in
    /// reason when it cannot; once per tracer.
    bool start(const std::vector<std::string> &argv, std::string *reason);
    /// Attaches to the running process pid and all its threads. False with one sentence on
    /// why (Yama, CAP_SYS_PTRACE, no such process) in reason.
    bool attach(pid_t pid, std::string *reason);
    /// Lets go: detaches an attached program (a Detached event per process follows), kills a
    /// started one. Any thread; async-signal-safe (a SIGINT handler may call it).
    void detach();
    /// Waits until every traced process has ended or been detached.
    void wait();
    /// The process started or attached.
    pid_t pid() const { return m_pid; }
    /// The shell's status of that process once it ended: its exit code, 128+N when signal N
    /// killed it; -1 while it runs, or when it was detached.
    int exitStatus() const { return m_exitStatus.load(); }

private:
    bool launch(bool attaching, const std::vector<std::string> &argv, pid_t pid,
                std::string *reason);

    Sink m_sink;
    TracerOptions m_options;
    std::thread m_thread;
    pid_t m_pid = 0;
    std::atomic<int> m_exitStatus {-1};
    std::atomic<int> m_wakeFd {-1}; ///< written by detach(): the waker child ends
    std::atomic<bool> m_detachRequested {false};
    std::shared_ptr<TraceSession> m_session;
};

} // namespace sb::tracee
