#pragma once

#include "core/net/endpoint.h"
#include "core/text/bytes.h"

#include <memory>
#include <optional>

namespace sb {

class Connection;
class EventLoop;
struct Event;

/// What a responder keeps for one connection or socket (a rules framer and counter); owned by
/// the connection or socket, so it dies with it. Touched on that socket's loop only.
struct ResponderState
{
    virtual ~ResponderState() = default;
};

/// What a responder may do on a datagram socket. Loop thread of that socket only.
class DatagramPort
{
public:
    virtual EventLoop &loop() = 0;
    /// Queues one datagram to `to` and sends what the socket takes now.
    virtual void sendDatagram(Bytes data, const Address &to) = 0;
    /// Posts an event of the socket (its endpoint and time are filled in).
    virtual void postEvent(Event event) = 0;
    virtual std::unique_ptr<ResponderState> &responderState() = 0;

protected:
    ~DatagramPort() = default;
};

/// What a server does with what it receives (echo, discard, daytime, chargen, fixed reply).
/// Called on the loop thread of the connection it serves; keeps what it needs per connection
/// in the connection's ResponderState, so one instance serves every connection of an
/// endpoint, on any of its loops.
class Responder
{
public:
    virtual ~Responder() = default;
    virtual void opened(Connection &) { }
    virtual void received(Connection &, const Bytes &) { }
    /// The connection's output buffer became empty.
    virtual void drained(Connection &) { }
    /// The reply to one datagram, if any.
    virtual std::optional<Bytes> replyToDatagram(const Bytes &) { return std::nullopt; }
    /// A datagram came from `from` (invalid when the sender has no name to answer). By
    /// default port sends replyToDatagram's answer back to it.
    virtual void datagram(DatagramPort &port, const Bytes &data, const Address &from);
};

/// Null for ResponderSpec::Kind::None.
std::unique_ptr<Responder> makeResponder(const ResponderSpec &spec);

/// "Wed Nov 25 12:22:27 2026\r\n", as a daytime server (RFC 867) says it.
std::string daytimeText();
/// Lines of the RFC 864 character generator pattern, starting at line 'first'.
std::string chargenLines(size_t first, size_t count);

} // namespace sb
