#pragma once

#include "core/text/address.h"

#include <cstdint>
#include <map>
#include <set>

#include <sys/types.h>

namespace sb::tracee {

/// What the tracer knows of one socket fd of a traced process.
struct SocketFd
{
    int family = 0; ///< AF_INET, AF_UNIX, ...; 0 when not known (found at attach time)
    int type = 0; ///< SOCK_STREAM, ...; 0 when not known
    bool cloexec = false;
    /// What the kernel calls it, read through a duplicate of the fd (socketnames.h) when the
    /// call that made, bound or connected it returned; 0 / invalid until then.
    uint64_t inode = 0;
    bool listening = false; ///< listen() succeeded on it
    Address local;
    Address peer;
};

/// The socket fds of one process (threads share one; fork copies it; exec drops the
/// close-on-exec ones). An epoll fd that watches a socket counts, so epoll_wait on it is shown.
/// Tracer thread only.
class FdTable
{
public:
    const SocketFd *find(int fd) const;
    bool isSocket(int fd) const { return find(fd) != nullptr; }
    void add(int fd, SocketFd socket) { m_fds[fd] = socket; }
    void remove(int fd) { m_fds.erase(fd); }
    /// dup, dup2, dup3, fcntl(F_DUPFD): newFd is what oldFd is (when oldFd is a socket).
    void duplicate(int oldFd, int newFd, bool cloexec);
    void setCloexec(int fd, bool cloexec);
    /// exec: the close-on-exec fds are gone.
    void dropCloexec();
    /// The sockets a process already has, from /proc/PID/fd (socket:[inode] links),
    /// /proc/PID/fdinfo (O_CLOEXEC) and /proc/PID/net/* (family and type by inode).
    void loadFromProc(pid_t pid);
    size_t size() const { return m_fds.size(); }
    SocketFd *findMutable(int fd);
    /// Whether some fd of this table is the socket inode.
    bool holdsInode(uint64_t inode) const;
    const std::map<int, SocketFd> &sockets() const { return m_fds; }
    /// epoll_ctl added a socket to epfd: epoll_wait on it is a socket call.
    void markEpoll(int epfd) { m_epoll.insert(epfd); }
    bool isEpollOfSockets(int epfd) const { return m_epoll.count(epfd) != 0; }
    /// close(fd) of whatever fd is.
    void closed(int fd)
    {
        m_fds.erase(fd);
        m_epoll.erase(fd);
    }

private:
    std::map<int, SocketFd> m_fds;
    std::set<int> m_epoll;
};

} // namespace sb::tracee
