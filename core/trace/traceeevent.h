#pragma once

#include "core/text/trace.h"
#include "core/trace/fdtable.h"

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <sys/types.h>

namespace sb::tracee {

/// The program was started under the tracer (argv[0] resolved to path), or a running one
/// was attached.
struct Started
{
    std::string path;
    bool attached = false;
};

/// One socket call of the traced program, as formatTrace prints it. The record's data holds
/// the first bytes the call carried (send/recv family, read/write on a socket).
struct Call
{
    std::shared_ptr<const TraceRecord> record;
    /// The socket the call was about, as the kernel named it once the call returned (for
    /// accept the new connection, for socketpair its first end, for close the socket as it
    /// was): its inode, local and peer addresses. socketFd is -1 when the call was about no
    /// one socket (poll, select, epoll_wait).
    int socketFd = -1;
    SocketFd socket;
    /// close() took away the last fd of any traced process on the socket: the kernel closed
    /// it (sent its FIN or RST). False while a forked child still holds it.
    bool lastReference = false;
};

/// A signal was delivered to the process (and passed on to it).
struct Signal
{
    int signo = 0;
};

/// A process (or thread) of the traced program ended by exit(status).
struct Exited
{
    int status = 0;
    /// The sockets that ended with the process (no other traced process holds them).
    std::vector<SocketFd> closedSockets;
};

/// A process was killed by a signal; its last calls, formatted, oldest first.
struct Killed
{
    int signo = 0;
    bool coreDumped = false;
    std::vector<std::string> lastCalls;
    std::vector<SocketFd> closedSockets; ///< as Exited's
};

/// The tracer let go of a process it had attached; the process runs on.
struct Detached
{
};

/// The tracer could not start or attach: one sentence on why and what would allow it.
struct Failed
{
    std::string reason;
};

using Body = std::variant<Started, Call, Signal, Exited, Killed, Detached, Failed>;

/// What the tracer saw, in the order it saw it.
struct Event
{
    int64_t monoNs = 0; ///< CLOCK_MONOTONIC
    pid_t pid = 0; ///< the process (thread group)
    pid_t tid = 0; ///< the thread that made the call
    Body body;

    template<class T>
    const T *as() const
    {
        return std::get_if<T>(&body);
    }
};

/// "SIGSEGV" for SIGSEGV; "SIG42" for a number without a name.
std::string signalName(int signo);

/// "+++ exited with 0 +++", "+++ killed by SIGSEGV (core dumped) +++", "--- SIGCHLD ---",
/// "connect(3, ...) = 0", "+++ detached +++": one line per event, without the pid prefix.
std::string formatEvent(const Event &event);

} // namespace sb::tracee
