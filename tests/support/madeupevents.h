#pragma once
// Events and packets made up by a test (no socket, no capture): at a chosen time, from a chosen
// endpoint, on 127.0.0.1 ports the test names.

#include "core/net/event.h"
#include "core/text/packet.h"

#include <cstdint>
#include <memory>
#include <utility>

namespace sbtest {

constexpr int64_t kMs = 1'000'000;

inline sb::Address lo(uint16_t port) { return sb::Address::ip("127.0.0.1", port); }

/// An event of `endpoint` and connection `conn`, stamped `t` nanoseconds on the monotonic clock.
inline sb::Event eventAt(int64_t t, sb::EndpointId endpoint, sb::ConnId conn, sb::EventBody body)
{
    sb::Event e(conn, std::move(body));
    e.monoNs = t;
    e.endpoint = endpoint;
    return e;
}

/// A TCP segment between two loopback ports, as the capture decodes it (no owner named).
inline std::shared_ptr<sb::Packet> tcpSegment(int64_t t, uint16_t from, uint16_t to, uint8_t flags)
{
    auto p = std::make_shared<sb::Packet>();
    p->monoNs = t;
    p->ipVersion = 4;
    p->proto = sb::PacketProto::Tcp;
    p->src = lo(from);
    p->dst = lo(to);
    p->tcpFlags = flags;
    return p;
}

} // namespace sbtest
