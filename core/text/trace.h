#pragma once

#include "core/text/address.h"
#include "core/text/bytes.h"

#include <cstdint>
#include <string>

namespace sb {

using EndpointId = uint32_t;
using ConnId = uint32_t;

enum class SysCall : uint8_t {
    Socket,
    Socketpair,
    Setsockopt,
    Getsockopt,
    Bind,
    Listen,
    Accept4,
    Connect,
    Getsockname,
    Getpeername,
    Send,
    Sendto,
    Recv,
    Recvfrom,
    Recvmsg,
    Shutdown,
    Close,
    Ioctl,
    Splice,
    Unlink,
    Sendfile,
    // The calls a traced program makes that the workbench itself does not (core/trace).
    Accept,
    Read,
    Write,
    Readv,
    Writev,
    Sendmsg,
    Sendmmsg,
    Recvmmsg,
    Dup,
    Dup2,
    Dup3,
    Fcntl,
    Poll,
    Ppoll,
    Select,
    Pselect6,
    EpollCtl,
    EpollWait,
    EpollPwait,
    /// Not a system call: one TLS handshake message or alert, narrated in the same stream as
    /// the calls that carried it (text holds the line, result its size in bytes).
    Tls,
};

/// The number of SysCall values.
constexpr int kSysCallCount = static_cast<int>(SysCall::Tls) + 1;

const char *sysCallName(SysCall call);

/// One socket system call as it happened: a plain struct, cheap to make on the hot path.
/// Turning it into an strace-like line happens only when something displays it (formatTrace).
struct TraceRecord
{
    int64_t monoNs = 0; ///< CLOCK_MONOTONIC
    EndpointId endpoint = 0;
    ConnId conn = 0;
    SysCall call = SysCall::Socket;
    int fd = -1;
    int64_t result = 0;
    int err = 0; ///< errno when result < 0
    /// Integer arguments by call: socket(domain,type,proto), setsockopt(level,name,value),
    /// listen(backlog), send/recv(len,flags), shutdown(how), ioctl(request,value),
    /// accept4(flags), socketpair(domain,type,proto) with fds in a[3], a[4],
    /// sendfile(in_fd, count), read/write(count, buffer address).
    /// For accept, accept4, getsockname, getpeername, recvfrom and recvmsg a[4] is the address
    /// length the caller passed in, when known (a traced program's call): printed as strace
    /// does, "[128 => 16]" when the kernel changed it; kLenPointerNull when the length pointer
    /// was NULL; 0 when not known (the workbench's own calls).
    int64_t a[5] = {0, 0, 0, 0, 0};
    Address addr; ///< bind/connect/sendto target, accept/recvfrom source, unlink path
    Bytes data; ///< send/recv payload, shared with the data event (never copied for the trace)
    uint32_t dataOffset = 0;
    /// For getsockopt/setsockopt of SO_LINGER and timevals: a preformatted value; else empty.
    /// For readv, writev, sendmsg, sendmmsg, recvmmsg, dup*, fcntl, poll, ppoll, select,
    /// pselect6 and the epoll calls, and a traced recvmsg: every argument, preformatted.
    std::string text;
    /// Printed after the result, as strace does: " ([{fd=3, revents=POLLIN}])"; else empty.
    std::string note;
};

/// TraceRecord::a[4] of a call whose address-length pointer was NULL.
constexpr int64_t kLenPointerNull = -1;

/// A buffer as strace quotes it: at most limit bytes, C escapes, "..." after the quote when
/// cut: "GET / HTTP/1.1\r\n"...
std::string quotedPreview(std::string_view data, size_t limit = 32);

/// "connect(3, {sa_family=AF_INET, sin_port=htons(7), sin_addr=inet_addr(\"127.0.0.1\")}, 16)
/// = -1 ECONNREFUSED (Connection refused)"
std::string formatTrace(const TraceRecord &record);

/// The errno a call reported: its own when it failed, or the pending error that a successful
/// getsockopt(SO_ERROR) read back (the outcome of a non-blocking connect); 0 for none.
int reportedErrno(const TraceRecord &record);

} // namespace sb
