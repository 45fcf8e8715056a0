#include "core/demo/rawsocket.h"

#include "core/net/multicast.h"
#include "core/net/sockopt.h"
#include "core/net/unixbind.h"

#include <atomic>
#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {
namespace {

/// RawSocket ids live apart from Endpoint ids (which count from 1), so that one sink can tell
/// them apart without a shared counter.
std::atomic<EndpointId> g_nextRawId {0x40000000};

bool setBlocking(int fd, bool blocking)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0)
        return false;
    const int wanted = blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
    return wanted == flags || ::fcntl(fd, F_SETFL, wanted) == 0;
}

} // namespace

RawSocket::RawSocket(EventSink &sink, std::string label)
    : m_sink(sink)
    , m_label(std::move(label))
    , m_tracer(g_nextRawId.fetch_add(1), &sink, true)
    , m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
    , m_thread([this] { run(); })
{ }

RawSocket::~RawSocket()
{
    cancel();
    m_thread.join();
    for (const auto &[handle, fd] : m_fds)
        ::close(fd);
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

void RawSocket::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    m_pending -= static_cast<int>(m_queue.size());
    m_queue.clear();
    // shutdown wakes a blocked accept (EINVAL), recv (0) and a blocking connect in SYN_SENT;
    // the eventfd wakes a connect waiting in poll.
    for (const auto &[handle, fd] : m_fds)
        ::shutdown(fd, SHUT_RDWR);
    if (m_wakeFd >= 0) {
        const uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(m_wakeFd, &one, sizeof one);
    }
    m_cv.notify_all();
}

int RawSocket::pending() const
{
    std::lock_guard lock(m_mutex);
    return m_pending;
}

void RawSocket::run()
{
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_cancelled || !m_queue.empty(); });
            if (m_cancelled)
                return;
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        job();
        std::lock_guard lock(m_mutex);
        --m_pending;
    }
}

void RawSocket::enqueue(std::string op, ConnId handle, std::function<void(ConnId)> call)
{
    std::lock_guard lock(m_mutex);
    if (m_cancelled)
        return;
    ++m_pending;
    m_queue.push_back([this, op = std::move(op), handle, call = std::move(call)] {
        // Every call but socket() and socketpair() needs the handle to exist.
        if (op != "socket" && op != "socketpair" && fdOf(handle) < 0) {
            error(op, handle, EBADF, "no socket with handle " + std::to_string(handle));
            done(op, handle, -1, EBADF);
            return;
        }
        call(handle);
    });
    m_cv.notify_one();
}

int RawSocket::fdOf(ConnId handle) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_fds.find(handle);
    return it == m_fds.end() ? -1 : it->second;
}

ConnId RawSocket::addFd(int fd)
{
    std::lock_guard lock(m_mutex);
    const ConnId handle = m_nextHandle++;
    m_fds[handle] = fd;
    return handle;
}

void RawSocket::post(Event event)
{
    event.endpoint = id();
    if (!event.monoNs)
        event.monoNs = monotonicNs();
    m_sink.post(std::move(event));
}

void RawSocket::done(const std::string &op, ConnId handle, int64_t result, int err,
                     const Address &local, const Address &peer)
{
    post(Event(handle,
               ev::CallDone {.op = op,
                             .err = result < 0 ? err : 0,
                             .result = result < 0 ? 0 : result,
                             .local = local,
                             .peer = peer}));
}

void RawSocket::error(const std::string &op, ConnId handle, int err, std::string text)
{
    post(Event(handle, ev::Error {.op = op, .err = err, .detail = std::move(text)}));
}

void RawSocket::socket(int family, int type)
{
    enqueue("socket", 0, [this, family, type](ConnId) {
        if (fdOf(0) >= 0) {
            error("socket", 0, EISCONN, "this panel already has its socket");
            done("socket", 0, -1, EISCONN);
            return;
        }
        const int fd = sys::socket(ctx(0), family, type | SOCK_CLOEXEC, 0);
        const int err = errno;
        if (fd < 0) {
            error("socket", 0, err);
        } else {
            std::lock_guard lock(m_mutex);
            m_fds[0] = fd;
        }
        done("socket", 0, fd, err);
    });
}

void RawSocket::socketpair(int type)
{
    enqueue("socketpair", 0, [this, type](ConnId) {
        int fds[2] = {-1, -1};
        const int r = sys::socketpair(ctx(0), AF_UNIX, type | SOCK_CLOEXEC, 0, fds);
        const int err = errno;
        if (r < 0) {
            error("socketpair", 0, err);
            done("socketpair", 0, -1, err);
            return;
        }
        const ConnId first = addFd(fds[0]);
        addFd(fds[1]);
        done("socketpair", 0, first, 0);
    });
}

void RawSocket::setOption(ConnId handle, OptionSetting option)
{
    enqueue("setsockopt", handle, [this, option = std::move(option)](ConnId h) {
        const OptionInfo *info = findOption(option.name);
        if (!info) {
            error("setsockopt", h, EINVAL, "unknown option " + option.name);
            done("setsockopt", h, -1, EINVAL);
            return;
        }
        const auto value = parseOptionValue(*info, option.value);
        if (!value) {
            error("setsockopt", h, EINVAL, option.name + ": " + value.error());
            done("setsockopt", h, -1, EINVAL);
            return;
        }
        const int err = applyOption(ctx(h), fdOf(h), *info, *value);
        if (err)
            error("setsockopt", h, err, info->name);
        done("setsockopt", h, err ? -1 : 0, err);
    });
}

void RawSocket::changeGroup(ConnId handle, GroupSpec group, bool join)
{
    const char *op = join ? "join" : "leave";
    enqueue(op, handle, [this, op, group = std::move(group), join](ConnId h) {
        const MulticastFailure f = changeMembership(ctx(h), fdOf(h), group, join);
        if (f.err)
            error(op, h, f.err, f.detail);
        done(op, h, f.err ? -1 : 0, f.err);
    });
}

void RawSocket::multicastOnLoopback(ConnId handle, std::string iface)
{
    enqueue("multicast-if", handle, [this, iface = std::move(iface)](ConnId h) {
        MulticastSettings s;
        s.sendIface = iface;
        s.ttl = 0; // looped back to this host's members; sent out of no interface
        const auto failures = applyMulticastOptions(ctx(h), fdOf(h), AF_INET, s);
        for (const MulticastFailure &f : failures)
            error("setsockopt", h, f.err, f.detail);
        const int err = failures.empty() ? 0 : failures.front().err;
        done("multicast-if", h, err ? -1 : 0, err);
    });
}

void RawSocket::bind(ConnId handle, Address address)
{
    enqueue("bind", handle, [this, address](ConnId h) {
        const int fd = fdOf(h);
        // The same bind as the endpoints': a demo must not delete a person's file either.
        int type = 0;
        socklen_t len = sizeof type;
        ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len); // untraced: bookkeeping
        const UnixBindResult b = bindReplacingStale(ctx(h), fd, address, type);
        const int r = b.err ? -1 : 0;
        const int err = b.err;
        Address local;
        if (r < 0) {
            post(Event(h,
                       ev::Error {.op = "bind",
                                  .err = err,
                                  .detail = b.reason.empty() ? address.toString() : b.reason,
                                  .family = address.family()})); // the family chooses the hint
        } else {
            sys::getsockname(SysContext {}, fd, &local); // untraced: the port 0 read back
        }
        done("bind", h, r, err, local);
    });
}

void RawSocket::listen(ConnId handle, int backlog)
{
    enqueue("listen", handle, [this, backlog](ConnId h) {
        const int r = sys::listen(ctx(h), fdOf(h), backlog);
        const int err = errno;
        if (r < 0)
            error("listen", h, err);
        done("listen", h, r, err);
    });
}

void RawSocket::accept(ConnId handle)
{
    enqueue("accept", handle, [this](ConnId h) {
        Address peer;
        const int fd = sys::accept4(ctx(h), fdOf(h), &peer, SOCK_CLOEXEC);
        const int err = errno;
        if (fd < 0) {
            error("accept", h, err);
            done("accept", h, -1, err);
            return;
        }
        const ConnId accepted = addFd(fd);
        Address local;
        sys::getsockname(SysContext {}, fd, &local);
        post(Event(accepted, ev::Opened {.local = local, .peer = peer}));
        done("accept", h, accepted, 0, local, peer);
    });
}

void RawSocket::connect(ConnId handle, Address address, int timeoutMs)
{
    enqueue("connect", handle,
            [this, address, timeoutMs](ConnId h) { doConnect(h, address, timeoutMs); });
}

void RawSocket::doConnect(ConnId h, const Address &address, int timeoutMs)
{
    const int fd = fdOf(h);
    if (timeoutMs <= 0) {
        const int r = sys::connect(ctx(h), fd, address);
        const int err = errno;
        if (r < 0)
            error("connect", h, err, address.toString());
        else
            connected(h, fd, address);
        done("connect", h, r, err, {}, address);
        return;
    }
    setBlocking(fd, false);
    int r = sys::connect(ctx(h), fd, address);
    int err = r < 0 ? errno : 0;
    std::string why;
    if (r < 0 && err == EINPROGRESS) {
        pollfd fds[2] = {{fd, POLLOUT, 0}, {m_wakeFd, POLLIN, 0}};
        int n;
        do {
            n = ::poll(fds, 2, timeoutMs);
        } while (n < 0 && errno == EINTR);
        if (n == 0) {
            err = ETIMEDOUT;
            why = "no answer from " + address.toString() + " in " + std::to_string(timeoutMs)
                    + " ms";
        } else if (fds[1].revents) {
            err = ECANCELED;
        } else {
            int soError = 0;
            socklen_t len = sizeof soError;
            if (sys::getsockopt(ctx(h), fd, SOL_SOCKET, SO_ERROR, &soError, &len) < 0)
                soError = errno;
            err = soError;
        }
        r = err ? -1 : 0;
    }
    setBlocking(fd, true);
    if (r < 0)
        error("connect", h, err, why.empty() ? address.toString() : why);
    else
        connected(h, fd, address);
    done("connect", h, r, err, {}, address);
}

void RawSocket::connected(ConnId h, int fd, const Address &peer)
{
    Address local;
    sys::getsockname(SysContext {}, fd, &local);
    post(Event(h, ev::Opened {.local = local, .peer = peer}));
}

void RawSocket::send(ConnId handle, Bytes data, int flags)
{
    enqueue("send", handle, [this, data = std::move(data), flags](ConnId h) {
        const size_t len = data ? data->size() : 0;
        const ssize_t r = sys::send(ctx(h), fdOf(h), data, 0, len, flags);
        const int err = errno;
        if (r < 0) {
            error("send", h, err);
        } else {
            post(Event(h,
                       ev::Data {.dir = Direction::Out,
                                 .length = static_cast<uint64_t>(r),
                                 .bytes = static_cast<size_t>(r) == len
                                         ? data
                                         : makeBytes(view(data).substr(0, size_t(r))),
                                 .flags = flags}));
        }
        done("send", h, r, err);
    });
}

void RawSocket::sendTo(ConnId handle, Bytes data, int flags, Address to)
{
    enqueue("sendto", handle, [this, data = std::move(data), flags, to](ConnId h) {
        const size_t len = data ? data->size() : 0;
        const ssize_t r = sys::sendto(ctx(h), fdOf(h), data, 0, len, flags, to);
        const int err = errno;
        if (r < 0) {
            error("sendto", h, err, to.toString());
        } else {
            post(Event(h,
                       ev::Data {.dir = Direction::Out,
                                 .length = static_cast<uint64_t>(r),
                                 .bytes = data,
                                 .peer = to,
                                 .flags = flags}));
        }
        done("sendto", h, r, err, {}, to);
    });
}

void RawSocket::recv(ConnId handle, size_t maxLen, int flags)
{
    enqueue("recv", handle, [this, maxLen, flags](ConnId h) { doRecv(h, maxLen, flags, false); });
}

void RawSocket::recvFrom(ConnId handle, size_t maxLen, int flags)
{
    enqueue("recvfrom", handle,
            [this, maxLen, flags](ConnId h) { doRecv(h, maxLen, flags, true); });
}

void RawSocket::doRecv(ConnId h, size_t maxLen, int flags, bool from)
{
    const char *op = from ? "recvfrom" : "recv";
    std::vector<char> buf(std::max<size_t>(maxLen, 1));
    Bytes out;
    Address sender;
    size_t realLen = 0;
    uint32_t drops = 0;
    const ssize_t r = from ? sys::recvfrom(ctx(h), fdOf(h), buf.data(), maxLen, flags, &out,
                                           &sender, &realLen, &drops)
                           : sys::recv(ctx(h), fdOf(h), buf.data(), maxLen, flags, &out);
    const int err = errno;
    if (r < 0) {
        error(op, h, err);
    } else if (r == 0 && !from) {
        post(Event(h, ev::PeerEof {}));
    } else {
        // recv(MSG_TRUNC) and recvfrom say a datagram's real length, longer than what fitted.
        Bytes bytes = out ? out : makeBytes(std::string_view(buf.data(), size_t(r)));
        const uint64_t length = from ? realLen : static_cast<uint64_t>(r);
        const bool truncated = length > view(bytes).size();
        post(Event(h,
                   ev::Data {.dir = Direction::In,
                             .length = length,
                             .bytes = std::move(bytes),
                             .peer = sender,
                             .flags = flags & ~MSG_TRUNC,
                             .truncated = truncated}));
    }
    done(op, h, r, err, {}, sender);
}

void RawSocket::shutdown(ConnId handle, int how)
{
    enqueue("shutdown", handle, [this, how](ConnId h) {
        const int r = sys::shutdown(ctx(h), fdOf(h), how);
        const int err = errno;
        if (r < 0) {
            error("shutdown", h, err);
        } else {
            post(Event(h, ev::Shutdown {.how = how}));
        }
        done("shutdown", h, r, err);
    });
}

void RawSocket::close(ConnId handle)
{
    enqueue("close", handle, [this](ConnId h) {
        int fd;
        {
            std::lock_guard lock(m_mutex);
            fd = m_fds[h];
            m_fds.erase(h);
        }
        const int r = sys::close(ctx(h), fd);
        const int err = errno;
        if (r < 0) {
            error("close", h, err);
        } else {
            post(Event(h, ev::Closed {.reason = "closed"}));
        }
        done("close", h, r, err);
    });
}

} // namespace sb
