#pragma once

#include "core/text/address.h"
#include "core/text/bytes.h"
#include "core/text/trace.h"

#include <atomic>
#include <cstddef>

#include <sys/types.h>

namespace sb {

class EventSink;

/// Where one endpoint's trace records go. Thread-safe: the sink is; enabled is atomic.
class Tracer
{
public:
    Tracer(EndpointId endpoint, EventSink *sink, bool enabled)
        : m_endpoint(endpoint)
        , m_sink(sink)
        , m_enabled(enabled)
    { }
    EndpointId endpoint() const { return m_endpoint; }
    bool enabled() const { return m_enabled.load(std::memory_order_relaxed) && m_sink; }
    void setEnabled(bool on) { m_enabled.store(on, std::memory_order_relaxed); }
    void record(TraceRecord &&record);

private:
    EndpointId m_endpoint;
    EventSink *m_sink;
    std::atomic<bool> m_enabled;
};

/// Who makes a call: the tracer of its endpoint (may be null: untraced) and the connection.
struct SysContext
{
    Tracer *tracer = nullptr;
    ConnId conn = 0;
};

/// Every socket call of SockBench goes through these. Each retries EINTR, leaves errno as the
/// call set it, and appends a TraceRecord through ctx.tracer. They return what the libc call
/// returns. All sockets are made SOCK_NONBLOCK|SOCK_CLOEXEC by the callers that want that.
namespace sys {

int socket(SysContext ctx, int domain, int type, int protocol);
int socketpair(SysContext ctx, int domain, int type, int protocol, int fds[2]);
int setsockopt(SysContext ctx, int fd, int level, int name, const void *value, socklen_t len);
int getsockopt(SysContext ctx, int fd, int level, int name, void *value, socklen_t *len);
int bind(SysContext ctx, int fd, const Address &address);
int listen(SysContext ctx, int fd, int backlog);
/// accept4, by default with SOCK_NONBLOCK|SOCK_CLOEXEC; peer receives the client's address.
int accept4(SysContext ctx, int fd, Address *peer, int flags = SOCK_NONBLOCK | SOCK_CLOEXEC);
int connect(SysContext ctx, int fd, const Address &address);
int getsockname(SysContext ctx, int fd, Address *out);
int getpeername(SysContext ctx, int fd, Address *out);
/// send of data[offset, offset+len) with MSG_NOSIGNAL added to flags.
ssize_t send(SysContext ctx, int fd, const Bytes &data, size_t offset, size_t len, int flags);
ssize_t sendto(SysContext ctx, int fd, const Bytes &data, size_t offset, size_t len, int flags,
               const Address &to);
/// sendfile(out_fd, in_fd, NULL, count): file bytes into a socket without a copy through user
/// space, from in_fd's file offset (which it advances).
ssize_t sendfile(SysContext ctx, int outFd, int inFd, size_t count);
/// splice(fdIn, NULL, fdOut, NULL, len, flags): bytes between a socket and a pipe (or a pipe
/// and a file) inside the kernel.
ssize_t splice(SysContext ctx, int fdIn, int fdOut, size_t len, unsigned flags);
/// recv into buf; on success *out holds exactly the bytes read (shared with the trace). With
/// MSG_TRUNC on TCP the kernel drops the bytes uncopied: buf may be null, *out stays null.
ssize_t recv(SysContext ctx, int fd, char *buf, size_t len, int flags, Bytes *out);
/// recvmsg of one datagram: *from the sender, *realLen the datagram's real length (MSG_TRUNC),
/// *drops the SO_RXQ_OVFL counter when the kernel sent one (else unchanged).
ssize_t recvfrom(SysContext ctx, int fd, char *buf, size_t len, int flags, Bytes *out,
                 Address *from, size_t *realLen, uint32_t *drops);
int shutdown(SysContext ctx, int fd, int how);
int close(SysContext ctx, int fd);
int ioctl(SysContext ctx, int fd, unsigned long request, int *value);
int unlink(SysContext ctx, const std::string &path);
/// Not a call: one line of TLS narration (a handshake message, an alert, the end of the
/// handshake) recorded in the trace between the calls that carried it (SysCall::Tls).
void narrate(SysContext ctx, int fd, std::string text, int64_t length);

} // namespace sys
} // namespace sb
