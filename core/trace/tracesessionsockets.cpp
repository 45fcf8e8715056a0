// TraceSession: which socket each call was about, named by the kernel (tracesession.h).
#include "core/trace/tracesession.h"

#include <unordered_set>

#include <sys/socket.h>

namespace sb::tracee {
namespace {

/// The fd a call is about: the new one of accept, the first end of socketpair, the fd
/// argument of the others; -1 for the calls about several (poll, select, epoll_wait).
int subjectFd(const TraceRecord &r)
{
    switch (r.call) {
    case SysCall::Accept:
    case SysCall::Accept4:
    case SysCall::Socket:
        return r.result >= 0 ? static_cast<int>(r.result) : -1;
    case SysCall::Socketpair:
        return r.result == 0 ? static_cast<int>(r.a[3]) : -1;
    case SysCall::Poll:
    case SysCall::Ppoll:
    case SysCall::Select:
    case SysCall::Pselect6:
    case SysCall::EpollWait:
    case SysCall::EpollPwait:
    case SysCall::EpollCtl:
        return -1;
    default:
        return r.fd;
    }
}

/// Whether the call may have given the socket a name it did not have: made, bound,
/// connected or accepted it; a first send that bound it implicitly; a connect in progress
/// that has completed by now.
bool mayRename(const TraceRecord &r, const SocketFd &s)
{
    switch (r.call) {
    case SysCall::Socket:
    case SysCall::Bind:
    case SysCall::Listen:
    case SysCall::Connect:
    case SysCall::Accept:
    case SysCall::Accept4:
        return true;
    case SysCall::Close:
    case SysCall::Dup:
    case SysCall::Dup2:
    case SysCall::Dup3:
    case SysCall::Fcntl:
        return false;
    default:
        break;
    }
    if (s.family != AF_INET && s.family != AF_INET6 && s.family != AF_UNIX)
        return false;
    if (s.inode == 0)
        return true; // found at attach time, or made before we looked
    if (s.type == SOCK_STREAM || s.type == SOCK_SEQPACKET)
        return !s.listening && !s.peer.valid(); // a non-blocking connect completing
    return !s.local.valid() || (s.local.isIp() && s.local.port() == 0); // implicit bind
}

} // namespace

void TraceSession::nameSocket(pid_t pid, Thread &t, Call &call)
{
    const TraceRecord &r = *call.record;
    if (r.call == SysCall::Close) {
        if (call.socketFd >= 0 && r.result == 0 && call.socket.inode != 0)
            call.lastReference = !t.fds->holdsInode(call.socket.inode)
                    && !heldElsewhere(pid, call.socket.inode);
        return;
    }
    const int fd = subjectFd(r);
    SocketFd *socket = fd >= 0 ? t.fds->findMutable(fd) : nullptr;
    if (!socket)
        return;
    if (mayRename(r, *socket)) {
        Process &process = m_processes[pid];
        if (!process.handle)
            process.handle = std::make_shared<ProcessHandle>(pid);
        process.handle->readNames(fd, socket);
        if (r.call == SysCall::Listen && r.result == 0)
            socket->listening = true;
    }
    call.socketFd = fd;
    call.socket = *socket;
}

bool TraceSession::heldElsewhere(pid_t pid, uint64_t inode) const
{
    return otherInodes(pid).count(inode) != 0;
}

std::unordered_set<uint64_t> TraceSession::otherInodes(pid_t pid) const
{
    // Threads share their process's table: each table is read once.
    std::unordered_set<const FdTable *> seen;
    std::unordered_set<uint64_t> inodes;
    for (const auto &[tid, thread] : m_threads)
        if (thread.pid != pid && thread.fds && seen.insert(thread.fds.get()).second)
            for (const auto &[fd, socket] : thread.fds->sockets())
                if (socket.inode != 0)
                    inodes.insert(socket.inode);
    return inodes;
}

std::vector<SocketFd> TraceSession::socketsEnding(pid_t pid, const FdTable &fds) const
{
    const std::unordered_set<uint64_t> others = otherInodes(pid);
    std::vector<SocketFd> ending;
    for (const auto &[fd, socket] : fds.sockets())
        if (socket.inode != 0 && !others.count(socket.inode))
            ending.push_back(socket);
    return ending;
}

} // namespace sb::tracee
