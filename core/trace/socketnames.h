#pragma once

#include "core/trace/fdtable.h"

#include <sys/types.h>

namespace sb::tracee {

/// A pidfd of a traced process (pidfd_open), through which its socket fds can be looked at;
/// closed with the object. Tracer thread only.
class ProcessHandle
{
public:
    explicit ProcessHandle(pid_t pid);
    ~ProcessHandle();
    ProcessHandle(const ProcessHandle &) = delete;
    ProcessHandle &operator=(const ProcessHandle &) = delete;

    /// Fills socket's inode, local and peer addresses from the kernel, through a duplicate of
    /// the process's fd (pidfd_getfd, Linux 5.6) that is closed again at once: the socket's
    /// own state is not touched, and the duplicate never outlives the call, so the program's
    /// close() still sends its FIN or RST when it expects. A peer that is not connected yet
    /// stays invalid. False when the fd cannot be looked at (an old kernel, not permitted).
    bool readNames(int fd, SocketFd *socket) const;

private:
    int m_pidfd = -1;
};

} // namespace sb::tracee
