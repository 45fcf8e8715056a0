#pragma once

#include "core/text/address.h"
#include "core/text/bytes.h"
#include "core/text/clock.h"
#include "core/text/faultplan.h"
#include "core/text/packet.h"
#include "core/text/trace.h"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace sb {

enum class Direction : uint8_t { In, Out };

/// The kinds of event, one struct each. Every field means one thing in every event of its
/// kind; a consumer std::visit-s Event::body with one overload per kind (or uses `as<T>()`
/// for the one kind it cares about), so a kind nobody handles is a compile error.
namespace ev {

/// A system call was made (the record holds its call, arguments, result and errno).
struct Trace
{
    std::shared_ptr<const TraceRecord> record;
};

/// A stream server is bound and listening, or a datagram socket is bound.
struct Listening
{
    Address local;
    int fd = -1;
};

/// A client started connect() towards peer.
struct Connecting
{
    Address peer;
};

/// A connection is established: connect() completed, accept() returned, or a socketpair end
/// is open. The event's conn names it from now on.
struct Opened
{
    Address local;
    Address peer;
    int fd = -1;
};

/// Bytes sent (Out) or received (In) on the event's conn (datagrams: on the endpoint).
struct Data
{
    Direction dir = Direction::In;
    /// The real length: what the kernel sent or received. A datagram longer than the read
    /// buffer says its full length here (MSG_TRUNC) while bytes holds what fitted.
    uint64_t length = 0;
    /// The bytes themselves; null when nobody asked to see them (EndpointConfig::dataBytes,
    /// sendfile). Shared and immutable: never copied per consumer.
    Bytes bytes;
    Address peer; ///< the other side: the sender of a datagram, the destination of a send
    int flags = 0; ///< MSG_OOB (urgent byte), MSG_DONTROUTE, ... as sent or received
    bool truncated = false; ///< a datagram cut to the buffer (recvmsg said MSG_TRUNC)
    /// In: the connection wrote these bytes to the command's stdout itself (StdioLink).
    bool toStdout = false;
};

/// shutdown(how) succeeded locally on the event's conn.
struct Shutdown
{
    int how = 0; ///< SHUT_RD, SHUT_WR or SHUT_RDWR
};

/// The peer shut down its sending side: recv() returned 0 (end of file).
struct PeerEof
{
};

/// A connection or socket is closed; the event's conn 0 means the endpoint's own socket.
struct Closed
{
    int err = 0; ///< 0 for an orderly close; ECONNRESET, ETIMEDOUT, ... otherwise
    std::string reason; ///< "peer closed", "reset by peer", "closed locally"
    Address local;
    Address peer;
};

/// A call failed. Its Trace event (when tracing) carries the arguments; this carries what a
/// person needs to read at once.
struct Error
{
    std::string op; ///< the call that failed: "connect", "bind", "send"
    int err = 0;
    std::string detail; ///< more than the errno says ("timeout after 3000 ms"); may be empty
    uint64_t unsent = 0; ///< bytes of a send that will not go out because of this error
    /// The family of the address the call was about (AF_UNIX for a socket file's path), 0 when
    /// none: the usual cause told beside the errno depends on it (a path has no port).
    int family = 0;
    uint64_t dropped = 0; ///< datagrams the kernel dropped (recvfrom ENOBUFS: a full buffer)
    /// The usual cause when err alone does not tell it (a TLS failure, whose err is 0); empty
    /// otherwise: errnoCause(op, err, family) says it.
    std::string hint;
};

/// The endpoint has closed everything and its worker is gone: the last event of an endpoint.
struct Stopped
{
};

/// A bounded queue dropped log entries (Data, Trace, SendQueue) since its last Dropped; the
/// counters the state keeps are exact all the same.
struct Dropped
{
    uint64_t entries = 0;
};

/// What is still queued for sending on the event's conn changed (a long send progressing).
struct SendQueue
{
    uint64_t queued = 0; ///< bytes accepted by send() and not yet taken by the kernel
    bool cancelled = false; ///< the person cancelled the rest of the send
};

/// A socket option's value, read back after setting it or on request.
struct OptionValue
{
    std::string name; ///< "SO_RCVBUF"
    std::string value; ///< as the kernel reports it ("212992"); empty on failure
    int err = 0; ///< why it could not be set or read
    std::string detail; ///< the reason behind err ("unknown option", a parse error)
};

/// A RawSocket call (demos) finished; one per queued call.
struct CallDone
{
    std::string op; ///< "accept"
    int err = 0; ///< 0 on success
    int64_t result = 0; ///< the call's result; for accept and socketpair the new handle
    Address local; ///< the socket's address after the call (bind, accept, connect)
    Address peer;
};

/// A reply rule (docs/rules.md) matched a message received on the event's conn (datagram
/// sockets: on the endpoint, from peer). Its actions run next.
struct RuleMatched
{
    int rule = 0; ///< the rule's number in its file, from 1
    std::string name; ///< the rule's name; may be empty
    uint64_t length = 0; ///< the message's length
    uint64_t counter = 0; ///< {{counter}} for this message
    uint64_t serverCounter = 0; ///< {{server_counter}} for this message
    Address peer; ///< datagram sockets: the sender
};

/// A relay's fault acted on a datagram that came in on the event's conn (the leg it arrived
/// on): it was dropped, sent twice, or held back to leave after the next one.
struct Fault
{
    std::string what; ///< "drop", "duplicate", "reorder"
    uint64_t length = 0; ///< the datagram's length
    Address peer; ///< who sent it
};

/// One certificate of a TLS peer's chain, as a person reads it.
struct TlsCertificate
{
    std::string subject; ///< "CN=localhost, O=Example" (RFC 2253 order)
    std::string issuer;
    std::string notBefore; ///< "2026-12-03 09:00:00 UTC"
    std::string notAfter;
};

/// The TLS handshake on the event's conn is done: what was agreed, and what the verification
/// of the peer found. Application bytes (Data) come after it.
struct TlsEstablished
{
    std::string version; ///< "TLSv1.3"
    std::string cipher; ///< "TLS_AES_256_GCM_SHA384"
    std::string alpn; ///< the protocol agreed by ALPN; empty when none
    std::string serverName; ///< SNI: sent (client) or received (server); may be empty
    std::vector<TlsCertificate> chain; ///< the peer's, leaf first; a server's client: empty
    bool verified = false; ///< client: the peer's chain and name checked out
    /// Client: why verification failed, when it was accepted anyway (--insecure); empty when
    /// it passed or was not done (server).
    std::string verifyProblem;
    std::string verifyHint; ///< the usual cause of verifyProblem
    bool resumed = false; ///< the session was resumed (no certificate exchanged)
};

/// A packet seen on lo (core/capture: LoopbackCapture). The capture posts it with endpoint 0
/// and no cause; a PacketCauses on the consumer's thread names the call that caused it, and
/// sets the event's endpoint and conn to that call's, so it reaches the call's panel.
struct Packet
{
    std::shared_ptr<const sb::Packet> packet; ///< decoded, with its raw bytes; never null
    /// The call on a socket of the workbench with the packet's addresses during which the
    /// packet left (or, when none was running, the last call before it); null when none.
    std::shared_ptr<const TraceRecord> cause;
};

} // namespace ev

using EventBody = std::variant<ev::Trace, ev::Listening, ev::Connecting, ev::Opened, ev::Data,
                               ev::Shutdown, ev::PeerEof, ev::Closed, ev::Error, ev::Stopped,
                               ev::Dropped, ev::SendQueue, ev::OptionValue, ev::CallDone,
                               ev::RuleMatched, ev::Fault, ev::TlsEstablished, ev::Packet>;

/// Something that happened on an endpoint, handed from a worker thread to whoever shows it.
/// A value: a header (time, endpoint, connection) and one body; ids, enums, errno and shared
/// immutable bytes only, never a pointer to a core object.
struct Event
{
    int64_t monoNs = 0; ///< CLOCK_MONOTONIC; set by the poster when left 0
    EndpointId endpoint = 0;
    ConnId conn = 0; ///< 0 for the endpoint itself (listener, unconnected datagram socket)
    EventBody body;

    Event() = default;
    Event(ConnId conn, EventBody body)
        : conn(conn)
        , body(std::move(body))
    { }

    template<typename Kind>
    const Kind *as() const
    {
        return std::get_if<Kind>(&body);
    }
    template<typename Kind>
    bool is() const
    {
        return std::holds_alternative<Kind>(body);
    }
    /// Data, Trace, SendQueue, RuleMatched, Fault and Packet entries only inform a log: a bounded
    /// queue may drop them under a flood (and counts what it dropped); the others change state
    /// and never drop.
    bool isLogEntry() const
    {
        return is<ev::Data>() || is<ev::Trace>() || is<ev::SendQueue>() || is<ev::RuleMatched>()
                || is<ev::Fault>() || is<ev::Packet>();
    }
};

/// What a relay posts once a new plan of dir is in force: an OptionValue named "relay up" or
/// "relay down" whose value describes the plan ("chop 3 (gap 10 ms)").
ev::OptionValue faultsApplied(RelayDir dir, const FaultPlan &plan);

/// Builds a visitor from lambdas: std::visit(Overloaded {[](const ev::Data &) {...}, ...}, b).
template<class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

/// The family of the address an event names: an Error's own, else the local address, else the
/// peer's; 0 when it names none. An Error's hint depends on it: a UNIX path has no port and no
/// TIME_WAIT.
int addressFamily(const Event &event);

/// The name of an event's kind ("Data", "Closed"), for logs and jsonl.
const char *eventKindName(const Event &event);

/// Where core hands its events. Called from worker threads; implementations must be
/// thread-safe and must not block for long (the socket must never wait for a consumer).
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual void post(Event event) = 0;
};

} // namespace sb
