#pragma once

#include "core/text/trace.h"

#include <optional>
#include <span>

namespace sb::tracee {

/// A system call of x86_64 that the tracer reports, and the SysCall it is recorded as.
struct TracedSyscall
{
    long nr;
    SysCall call;
};

/// Every call the tracer stops on: the socket calls, and the fd calls (read, write, close,
/// dup, fcntl, poll, select, epoll) it reports when their fd is a socket.
std::span<const TracedSyscall> tracedSyscalls();

/// The SysCall of system call number nr, if the tracer reports it.
std::optional<SysCall> tracedCall(long nr);

/// True when the host architecture is one the tracer decodes (x86_64).
constexpr bool tracerSupported()
{
#if defined(__x86_64__)
    return true;
#else
    return false;
#endif
}

} // namespace sb::tracee
