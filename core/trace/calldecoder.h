#pragma once

#include "core/text/trace.h"
#include "core/trace/fdtable.h"
#include "core/trace/traceememory.h"

#include <cstdint>
#include <optional>

namespace sb::tracee {

/// A call seen at its entry and reported: what the call consumed (bytes written, the address
/// given) is read now, what it produces at its exit.
struct PendingCall
{
    SysCall call = SysCall::Socket;
    uint64_t args[6] = {};
    TraceRecord record;
};

/// The entry of call with args: nullopt when it is not reported (a read, write, close, ...
/// whose fd is not a socket), else the call with its entry-time arguments read. At most
/// dataBytes of a buffer are copied.
std::optional<PendingCall> decodeEntry(SysCall call, const uint64_t (&args)[6],
                                       const TraceeMemory &memory, const FdTable &fds,
                                       size_t dataBytes);

/// The exit: the result (rval, negative errno when isError) and what the call produced;
/// the fd table learns the sockets made, duplicated and closed.
void decodeExit(PendingCall &pending, int64_t rval, bool isError, const TraceeMemory &memory,
                FdTable &fds, size_t dataBytes);

} // namespace sb::tracee
