#include "core/trace/syscalltable.h"

#include <array>

#include <sys/syscall.h>

namespace sb::tracee {
namespace {

#if defined(__x86_64__)
constexpr TracedSyscall kTraced[] = {
        {SYS_socket, SysCall::Socket},
        {SYS_socketpair, SysCall::Socketpair},
        {SYS_bind, SysCall::Bind},
        {SYS_listen, SysCall::Listen},
        {SYS_accept, SysCall::Accept},
        {SYS_accept4, SysCall::Accept4},
        {SYS_connect, SysCall::Connect},
        {SYS_sendto, SysCall::Sendto},
        {SYS_recvfrom, SysCall::Recvfrom},
        {SYS_sendmsg, SysCall::Sendmsg},
        {SYS_recvmsg, SysCall::Recvmsg},
        {SYS_sendmmsg, SysCall::Sendmmsg},
        {SYS_recvmmsg, SysCall::Recvmmsg},
        {SYS_shutdown, SysCall::Shutdown},
        {SYS_setsockopt, SysCall::Setsockopt},
        {SYS_getsockopt, SysCall::Getsockopt},
        {SYS_getsockname, SysCall::Getsockname},
        {SYS_getpeername, SysCall::Getpeername},
        {SYS_close, SysCall::Close},
        {SYS_dup, SysCall::Dup},
        {SYS_dup2, SysCall::Dup2},
        {SYS_dup3, SysCall::Dup3},
        {SYS_fcntl, SysCall::Fcntl},
        {SYS_read, SysCall::Read},
        {SYS_write, SysCall::Write},
        {SYS_readv, SysCall::Readv},
        {SYS_writev, SysCall::Writev},
        {SYS_poll, SysCall::Poll},
        {SYS_ppoll, SysCall::Ppoll},
        {SYS_select, SysCall::Select},
        {SYS_pselect6, SysCall::Pselect6},
        {SYS_epoll_ctl, SysCall::EpollCtl},
        {SYS_epoll_wait, SysCall::EpollWait},
        {SYS_epoll_pwait, SysCall::EpollPwait},
};
#else
constexpr std::array<TracedSyscall, 0> kTraced {};
#endif

} // namespace

std::span<const TracedSyscall> tracedSyscalls() { return kTraced; }

std::optional<SysCall> tracedCall(long nr)
{
    for (const TracedSyscall &t : kTraced)
        if (t.nr == nr)
            return t.call;
    return std::nullopt;
}

} // namespace sb::tracee
