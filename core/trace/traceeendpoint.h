#pragma once

#include "core/net/event.h"
#include "core/trace/traceeevent.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace sb {
class Registry;
struct SocketCounters;
} // namespace sb

namespace sb::tracee {

/// A traced program seen as one of the workbench's endpoints: turns what the tracer saw
/// (tracee::Event) into the workbench's own events (sb::Event) under one EndpointId, so the
/// Wire view pairs its messages with the panels' and the Connections dock lists its sockets.
///
/// - Each socket is one connection, named by its inode: a forked child that reads a socket
///   its parent accepted talks on the same connection, and the connection closes when the
///   last fd on it is gone (close() of the last reference, or the exit of the last holder).
/// - A listening socket and an unconnected datagram socket are the endpoint itself (conn 0).
/// - listen() posts Listening; connect() Connecting, then Opened once the kernel names the
///   peer; accept() Opened; the send and receive family Data (receive 0 on a stream is
///   PeerEof); shutdown() Shutdown; failed calls Error (not EAGAIN, EINPROGRESS, EINTR).
///
/// Not thread-safe: call add() from one thread (the tracer's sink runs on the tracer thread).
class TraceeEndpoint
{
public:
    /// Posts to sink; registers the sockets in registry (may be null) under label.
    TraceeEndpoint(EventSink &sink, Registry *registry, std::string label);
    ~TraceeEndpoint();
    TraceeEndpoint(const TraceeEndpoint &) = delete;
    TraceeEndpoint &operator=(const TraceeEndpoint &) = delete;

    EndpointId id() const { return m_id; }
    void add(const Event &event);

private:
    struct Conn
    {
        ConnId id = 0;
        bool stream = true;
        bool connecting = false;
        bool opened = false;
        Address local;
        Address peer;
        std::shared_ptr<SocketCounters> counters = std::make_shared<SocketCounters>();
    };

    void onCall(const Event &e, const Call &call);
    void onEnded(const Event &e, const std::vector<SocketFd> &sockets, const std::string &why);
    Conn &conn(const SocketFd &socket);
    void open(const Event &e, Conn &c, const SocketFd &socket, int fd);
    void data(const Event &e, const Call &call, Conn &c, Direction dir);
    void close(int64_t monoNs, uint64_t inode, const std::string &why);
    void post(int64_t monoNs, ConnId conn, EventBody body);

    EventSink &m_sink;
    Registry *m_registry;
    std::string m_label;
    EndpointId m_id;
    pid_t m_mainPid = 0;
    ConnId m_nextConn = 1;
    std::map<uint64_t, Conn> m_conns; ///< by inode
    bool m_stopped = false;
};

} // namespace sb::tracee
