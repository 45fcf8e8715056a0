#include "core/trace/socketnames.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sb::tracee {

ProcessHandle::ProcessHandle(pid_t pid)
    : m_pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)))
{ }

ProcessHandle::~ProcessHandle()
{
    if (m_pidfd >= 0)
        ::close(m_pidfd);
}

bool ProcessHandle::readNames(int fd, SocketFd *socket) const
{
    if (m_pidfd < 0)
        return false;
    const int copy = static_cast<int>(::syscall(SYS_pidfd_getfd, m_pidfd, fd, 0));
    if (copy < 0)
        return false;
    struct stat st
    {
    };
    if (::fstat(copy, &st) == 0 && S_ISSOCK(st.st_mode))
        socket->inode = st.st_ino;
    sockaddr_storage ss {};
    socklen_t len = sizeof ss;
    if (::getsockname(copy, reinterpret_cast<sockaddr *>(&ss), &len) == 0)
        socket->local = Address::fromSockaddr(reinterpret_cast<sockaddr *>(&ss), len);
    len = sizeof ss;
    if (::getpeername(copy, reinterpret_cast<sockaddr *>(&ss), &len) == 0)
        socket->peer = Address::fromSockaddr(reinterpret_cast<sockaddr *>(&ss), len);
    ::close(copy);
    return true;
}

} // namespace sb::tracee
