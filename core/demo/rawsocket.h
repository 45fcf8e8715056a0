#pragma once

#include "core/net/endpoint.h"
#include "core/net/event.h"
#include "core/net/sys.h"
#include "core/text/address.h"
#include "core/text/bytes.h"
#include "core/text/groupspec.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace sb {

/// A syscall console: blocking sockets driven one system call at a time, each call queued to
/// one worker thread and traced. Thread-safe: every public method queues exactly one call and
/// returns at once; the call may block on the worker (accept, recv, connect), never on the
/// caller. Results come back as events: Trace for the call, Data for bytes sent or received,
/// Shutdown (dir In) for end-of-file, Error on failure, and one Done per queued call.
///
/// Handles name the sockets: 0 is the socket made by socket(); accept() and socketpair() make
/// new handles 1, 2, ... (reported in the Done event's size). The sink must outlive this object.
class RawSocket
{
public:
    explicit RawSocket(EventSink &sink, std::string label = {});
    /// Cancels (see cancel()), joins the worker, and closes every socket left open, untraced.
    ~RawSocket();
    RawSocket(const RawSocket &) = delete;
    RawSocket &operator=(const RawSocket &) = delete;

    EndpointId id() const { return m_tracer.endpoint(); }
    const std::string &label() const { return m_label; }

    /// socket(family, type | SOCK_CLOEXEC, 0) as handle 0. Blocking, as in the course.
    void socket(int family, int type);
    /// socketpair(AF_UNIX, type | SOCK_CLOEXEC): two new handles, the first in CallDone.result.
    void socketpair(int type);
    /// setsockopt by the option table's name and value text ("SO_REUSEADDR", "1").
    void setOption(ConnId handle, OptionSetting option);
    /// Joins (true) or leaves a multicast group: IP_ADD_MEMBERSHIP, IPV6_JOIN_GROUP, ...
    void changeGroup(ConnId handle, GroupSpec group, bool join);
    /// Sends this socket's multicast out of lo and no further: IP_MULTICAST_IF iface (an IPv4
    /// address of lo) and IP_MULTICAST_TTL 0, two calls.
    void multicastOnLoopback(ConnId handle, std::string iface);
    /// bind; CallDone.local holds the address the kernel gave (port 0 read back).
    void bind(ConnId handle, Address address);
    void listen(ConnId handle, int backlog);
    /// accept4 (blocking until a client comes); CallDone.result is the new handle, .peer the
    /// client.
    void accept(ConnId handle);
    /// connect; timeoutMs 0 waits as long as the kernel does. With a timeout, the socket is made
    /// non-blocking for the call, like Python's settimeout: connect says EINPROGRESS, poll waits
    /// up to timeoutMs, SO_ERROR gives the outcome; no answer in time is ETIMEDOUT.
    void connect(ConnId handle, Address address, int timeoutMs);
    void send(ConnId handle, Bytes data, int flags);
    void sendTo(ConnId handle, Bytes data, int flags, Address to);
    /// One recv of at most maxLen bytes; 0 bytes is end-of-file (a Shutdown event, dir In).
    void recv(ConnId handle, size_t maxLen, int flags);
    /// One recvfrom of at most maxLen bytes; Data.peer is the sender, Data.length its real length.
    void recvFrom(ConnId handle, size_t maxLen, int flags);
    void shutdown(ConnId handle, int how);
    void close(ConnId handle);

    /// Drops the calls not started yet and wakes the one that blocks (shutdown(SHUT_RDWR) of
    /// every socket, untraced): used to reset a demo. No call runs after this.
    void cancel();
    /// Calls queued or running.
    int pending() const;

private:
    void enqueue(std::string op, ConnId handle, std::function<void(ConnId)> call);
    void run();
    int fdOf(ConnId handle) const;
    ConnId addFd(int fd);
    void done(const std::string &op, ConnId handle, int64_t result, int err,
              const Address &local = {}, const Address &peer = {});
    void error(const std::string &op, ConnId handle, int err, std::string text = {});
    SysContext ctx(ConnId handle) { return SysContext {&m_tracer, handle}; }
    void post(Event event);

    void doConnect(ConnId handle, const Address &address, int timeoutMs);
    /// The Opened event of a connect that succeeded, with the local address the kernel chose.
    void connected(ConnId handle, int fd, const Address &peer);
    void doRecv(ConnId handle, size_t maxLen, int flags, bool from);

    EventSink &m_sink;
    std::string m_label;
    Tracer m_tracer;
    int m_wakeFd = -1; ///< eventfd that wakes a connect waiting in poll

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::function<void()>> m_queue;
    int m_pending = 0;
    bool m_cancelled = false;
    std::map<ConnId, int> m_fds; ///< guarded: cancel() reads it from another thread
    ConnId m_nextHandle = 1; ///< worker only

    std::thread m_thread;
};

} // namespace sb
