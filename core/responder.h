#pragma once

#include "core/bytes.h"
#include "core/endpoint.h"

#include <memory>
#include <optional>

namespace sb {

class Connection;

/// What a server does with what it receives (echo, discard, daytime, chargen, fixed reply).
/// Called on the loop thread of the connection it serves; holds no per-connection state, so
/// one instance serves every connection of an endpoint, on any of its loops.
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
};

/// Null for ResponderSpec::Kind::None.
std::unique_ptr<Responder> makeResponder(const ResponderSpec &spec);

/// "Wed Nov 25 12:22:27 2026\r\n", as a daytime server (RFC 867) says it.
std::string daytimeText();
/// Lines of the RFC 864 character generator pattern, starting at line 'first'.
std::string chargenLines(size_t first, size_t count);

} // namespace sb
