#include "core/net/sys.h"

#include "core/net/event.h"
#include "core/text/optvaluetext.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace sb {

void Tracer::record(TraceRecord &&record)
{
    if (!m_sink)
        return;
    auto shared = std::make_shared<const TraceRecord>(std::move(record));
    Event e(shared->conn, ev::Trace {shared});
    e.monoNs = shared->monoNs;
    e.endpoint = shared->endpoint;
    m_sink->post(std::move(e));
}

namespace {

bool tracing(const SysContext &ctx) { return ctx.tracer && ctx.tracer->enabled(); }

/// The common head of a record; only called when tracing, so the hot path builds nothing.
TraceRecord begin(const SysContext &ctx, SysCall call, int fd, int64_t result, int err)
{
    TraceRecord r;
    r.monoNs = monotonicNs();
    r.endpoint = ctx.tracer->endpoint();
    r.conn = ctx.conn;
    r.call = call;
    r.fd = fd;
    r.result = result;
    r.err = result < 0 ? err : 0;
    return r;
}

} // namespace

namespace sys {

int socket(SysContext ctx, int domain, int type, int protocol)
{
    int r;
    do {
        r = ::socket(domain, type, protocol);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Socket, -1, r, saved);
        t.a[0] = domain;
        t.a[1] = type;
        t.a[2] = protocol;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int socketpair(SysContext ctx, int domain, int type, int protocol, int fds[2])
{
    int r;
    do {
        r = ::socketpair(domain, type, protocol, fds);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Socketpair, -1, r, saved);
        t.a[0] = domain;
        t.a[1] = type;
        t.a[2] = protocol;
        if (r == 0) {
            t.a[3] = fds[0];
            t.a[4] = fds[1];
        }
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int setsockopt(SysContext ctx, int fd, int level, int name, const void *value, socklen_t len)
{
    int r;
    do {
        r = ::setsockopt(fd, level, name, value, len);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Setsockopt, fd, r, saved);
        t.a[0] = level;
        t.a[1] = name;
        t.a[3] = len;
        describeOptValue(t, level, name, value, len);
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int getsockopt(SysContext ctx, int fd, int level, int name, void *value, socklen_t *len)
{
    int r;
    do {
        r = ::getsockopt(fd, level, name, value, len);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Getsockopt, fd, r, saved);
        t.a[0] = level;
        t.a[1] = name;
        t.a[3] = len ? *len : 0;
        if (r == 0 && len)
            describeOptValue(t, level, name, value, *len);
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int bind(SysContext ctx, int fd, const Address &address)
{
    int r;
    do {
        r = ::bind(fd, address.sockaddrPtr(), address.length());
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Bind, fd, r, saved);
        t.addr = address;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int listen(SysContext ctx, int fd, int backlog)
{
    int r;
    do {
        r = ::listen(fd, backlog);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Listen, fd, r, saved);
        t.a[0] = backlog;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int accept4(SysContext ctx, int fd, Address *peer, int flags)
{
    Address local;
    Address *out = peer ? peer : &local;
    socklen_t len;
    int r;
    do {
        len = Address::capacity();
        r = ::accept4(fd, out->sockaddrPtr(), &len, flags);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    out->setLength(r >= 0 ? len : 0);
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Accept4, fd, r, saved);
        t.a[0] = flags;
        t.a[1] = len;
        t.addr = *out;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int connect(SysContext ctx, int fd, const Address &address)
{
    // A connect interrupted by a signal goes on in the background; calling it again reports
    // EALREADY (non-blocking) or waits again (blocking). Retrying matches libuv's behaviour.
    int r;
    do {
        r = ::connect(fd, address.sockaddrPtr(), address.length());
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Connect, fd, r, saved);
        t.addr = address;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

namespace {

int nameCall(SysContext ctx, SysCall call, int fd, Address *out)
{
    Address local;
    Address *addr = out ? out : &local;
    socklen_t len;
    int r;
    do {
        len = Address::capacity();
        r = call == SysCall::Getsockname ? ::getsockname(fd, addr->sockaddrPtr(), &len)
                                         : ::getpeername(fd, addr->sockaddrPtr(), &len);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    addr->setLength(r == 0 ? std::min<socklen_t>(len, Address::capacity()) : 0);
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, call, fd, r, saved);
        t.a[1] = len;
        t.addr = *addr;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

} // namespace

int getsockname(SysContext ctx, int fd, Address *out)
{
    return nameCall(ctx, SysCall::Getsockname, fd, out);
}

int getpeername(SysContext ctx, int fd, Address *out)
{
    return nameCall(ctx, SysCall::Getpeername, fd, out);
}

ssize_t send(SysContext ctx, int fd, const Bytes &data, size_t offset, size_t len, int flags)
{
    const std::string_view all = view(data);
    assert(offset <= all.size() && len <= all.size() - offset);
    flags |= MSG_NOSIGNAL;
    ssize_t r;
    do {
        r = ::send(fd, all.data() + offset, len, flags);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Send, fd, r, saved);
        t.a[0] = static_cast<int64_t>(len);
        t.a[1] = flags;
        t.data = data;
        t.dataOffset = static_cast<uint32_t>(offset);
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

ssize_t sendto(SysContext ctx, int fd, const Bytes &data, size_t offset, size_t len, int flags,
               const Address &to)
{
    const std::string_view all = view(data);
    assert(offset <= all.size() && len <= all.size() - offset);
    flags |= MSG_NOSIGNAL;
    ssize_t r;
    do {
        r = ::sendto(fd, all.data() + offset, len, flags, to.valid() ? to.sockaddrPtr() : nullptr,
                     to.valid() ? to.length() : 0);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Sendto, fd, r, saved);
        t.a[0] = static_cast<int64_t>(len);
        t.a[1] = flags;
        t.addr = to;
        t.data = data;
        t.dataOffset = static_cast<uint32_t>(offset);
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

ssize_t sendfile(SysContext ctx, int outFd, int inFd, size_t count)
{
    ssize_t r;
    do {
        r = ::sendfile(outFd, inFd, nullptr, count);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Sendfile, outFd, r, saved);
        t.a[0] = inFd;
        t.a[1] = static_cast<int64_t>(count);
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

ssize_t splice(SysContext ctx, int fdIn, int fdOut, size_t len, unsigned flags)
{
    ssize_t r;
    do {
        r = ::splice(fdIn, nullptr, fdOut, nullptr, len, flags);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Splice, fdIn, r, saved);
        t.a[0] = fdOut;
        t.a[1] = static_cast<int64_t>(len);
        t.a[2] = flags;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

ssize_t recv(SysContext ctx, int fd, char *buf, size_t len, int flags, Bytes *out)
{
    ssize_t r;
    do {
        r = ::recv(fd, buf, len, flags);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    // With MSG_TRUNC a TCP socket drops the bytes without copying them: there is nothing in
    // buf to keep (it may be null).
    const bool copied = r > 0 && !(flags & MSG_TRUNC);
    Bytes got;
    if (r >= 0 && out) {
        got = copied ? makeBytes(std::string_view(buf, static_cast<size_t>(r))) : Bytes();
        *out = got;
    }
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Recv, fd, r, saved);
        t.a[0] = static_cast<int64_t>(len);
        t.a[1] = flags;
        t.data = got
                ? std::move(got)
                : (copied ? makeBytes(std::string_view(buf, static_cast<size_t>(r))) : Bytes());
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

ssize_t recvfrom(SysContext ctx, int fd, char *buf, size_t len, int flags, Bytes *out,
                 Address *from, size_t *realLen, uint32_t *drops)
{
    Address local;
    Address *sender = from ? from : &local;
    // MSG_TRUNC makes a datagram socket return the datagram's real length even when buf is
    // shorter (Linux, UDP and UNIX datagram/seqpacket sockets); only len bytes are copied.
    flags |= MSG_TRUNC;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(uint32_t))];
    iovec iov {buf, len};
    msghdr msg {};
    ssize_t r;
    do {
        msg = msghdr {};
        msg.msg_name = sender->sockaddrPtr();
        msg.msg_namelen = Address::capacity();
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        r = ::recvmsg(fd, &msg, flags);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    Bytes got;
    if (r >= 0) {
        sender->setLength(msg.msg_namelen);
        const size_t copied = std::min(static_cast<size_t>(r), len);
        if (realLen)
            *realLen = static_cast<size_t>(r);
        // The bytes are copied once, and only when someone (caller or trace) wants them.
        if (out || tracing(ctx))
            got = makeBytes(std::string_view(buf, copied));
        if (out)
            *out = got;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL
                && c->cmsg_len >= CMSG_LEN(sizeof(uint32_t)) && drops)
                std::memcpy(drops, CMSG_DATA(c), sizeof(uint32_t));
        }
    } else {
        sender->setLength(0);
    }
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Recvfrom, fd, r, saved);
        t.a[0] = static_cast<int64_t>(len);
        t.a[1] = flags;
        t.addr = *sender;
        t.data = std::move(got);
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int shutdown(SysContext ctx, int fd, int how)
{
    int r;
    do {
        r = ::shutdown(fd, how);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Shutdown, fd, r, saved);
        t.a[0] = how;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int close(SysContext ctx, int fd)
{
    // Never retry close: on Linux the descriptor is gone even when close reports EINTR, and
    // a retry could close a descriptor another thread has just been given.
    const int r = ::close(fd);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Close, fd, r, saved);
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int ioctl(SysContext ctx, int fd, unsigned long request, int *value)
{
    int r;
    do {
        r = ::ioctl(fd, request, value);
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Ioctl, fd, r, saved);
        t.a[0] = static_cast<int64_t>(request);
        t.a[1] = value ? *value : 0;
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

int unlink(SysContext ctx, const std::string &path)
{
    int r;
    do {
        r = ::unlink(path.c_str());
    } while (r < 0 && errno == EINTR);
    const int saved = errno;
    if (tracing(ctx)) {
        TraceRecord t = begin(ctx, SysCall::Unlink, -1, r, saved);
        t.text = path; // the whole path, even past sun_path's 107 bytes
        ctx.tracer->record(std::move(t));
    }
    errno = saved;
    return r;
}

void narrate(SysContext ctx, int fd, std::string text, int64_t length)
{
    if (!tracing(ctx))
        return;
    TraceRecord t = begin(ctx, SysCall::Tls, fd, length, 0);
    t.text = std::move(text);
    ctx.tracer->record(std::move(t));
}

} // namespace sys
} // namespace sb
