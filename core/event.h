#pragma once

#include "core/address.h"
#include "core/bytes.h"
#include "core/trace.h"

#include <cstdint>
#include <memory>
#include <string>

namespace sb {

enum class EventKind : uint8_t {
    Trace, ///< a system call (trace)
    Listening, ///< a server is bound and listening, or a datagram socket is bound (local)
    Connecting, ///< a client started connect (peer)
    Opened, ///< a connection is established: connect completed or accept returned (local, peer)
    Data, ///< bytes sent or received (dir, bytes, peer; size = real length)
    Shutdown, ///< shutdown(how) done locally (how), or EOF from the peer (dir In, how SHUT_WR)
    Closed, ///< a connection or socket is closed (err: 0, ECONNRESET, ...; text: reason)
    Error, ///< a call failed (op, err, text)
    Stopped, ///< the endpoint has closed everything and its worker is gone
    Dropped, ///< size log entries were dropped since the last Dropped (queue overflow)
    Progress, ///< a queued send progressed (size = bytes still queued)
    Option, ///< an option's read-back value (op: name, text: value, err on failure)
    /// A RawSocket call finished (op: "accept", err, size: the result; conn: the handle it ran
    /// on; for accept and socketpair, size is the new handle). One per queued call.
    Done,
};

enum class Direction : uint8_t { In, Out };

/// Something that happened on an endpoint, handed from a worker thread to whoever shows it.
/// A value: ids, enums, errno, timestamps and shared immutable bytes; no pointer to a core
/// object ever travels in one.
struct Event
{
    EventKind kind = EventKind::Error;
    int64_t monoNs = 0;
    EndpointId endpoint = 0;
    ConnId conn = 0; ///< 0 for the endpoint itself (listener, unconnected datagram socket)
    Direction dir = Direction::In;
    int err = 0;
    int how = 0; ///< shutdown how; send/recv flags (MSG_OOB); MSG_TRUNC on a truncated datagram
    uint64_t size = 0; ///< real length of a datagram; dropped-entry count; queued bytes
    Address local;
    Address peer;
    Bytes bytes;
    std::string op; ///< the call that failed ("connect")
    std::string text; ///< a human reason ("peer closed", "timeout after 3000 ms")
    std::shared_ptr<const TraceRecord> trace;
};

/// Where core hands its events. Called from worker threads; implementations must be
/// thread-safe and must not block for long (the socket must never wait for a consumer).
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual void post(Event event) = 0;
};

int64_t monotonicNs();

} // namespace sb
