#pragma once

#include <cstddef>
#include <cstdint>

namespace sb {

/// The two directions a relay forwards: Up from the client to the target, Down back.
enum class RelayDir : uint8_t { Up, Down };

/// What a relay does to the bytes of one direction. A value: the relay's loop applies a copy,
/// so any thread may build one and hand it over (Relay::setFaults). Zero means "off".
struct FaultPlan
{
    /// Chop: every piece of at most this many bytes is its own send(), with chopGapMs between
    /// two pieces so that each leaves as its own segment (the relay sets TCP_NODELAY).
    size_t chop = 0;
    int chopGapMs = 10;
    /// Coalesce: gather until this many bytes, or coalesceMs after the first gathered byte.
    size_t coalesceBytes = 0;
    int coalesceMs = 0;
    /// Delay: each byte leaves this long after it arrived.
    int delayMs = 0;
    /// Throttle: at most this many bytes per second (a token bucket).
    uint64_t throttleBps = 0;
    /// Stall: nothing is read from the source nor sent on, so the sender's buffers fill.
    bool stall = false;
    /// Close: what is buffered goes out, then the destination is shut down for writing
    /// (SHUT_WR); whatever the source sends afterwards is read and dropped.
    bool close = false;
    /// Reset after: once this many bytes went on in this direction, both legs are closed with
    /// SO_LINGER {1, 0}, so both peers see a RST.
    uint64_t resetAfter = 0;

    // Datagrams (a UDP relay): each datagram is a message, so these act on whole datagrams,
    // chosen at random with the given chance in percent (0 to 100) from a generator seeded
    // with seed, so that a run can be repeated. delayMs and throttleBps apply too.
    /// Drop: the datagram is read and not forwarded.
    unsigned dropPercent = 0;
    /// Duplicate: the datagram is forwarded twice.
    unsigned duplicatePercent = 0;
    /// Reorder: the datagram is held back and forwarded after the next one of its direction
    /// (or after reorderMs, if no other comes).
    unsigned reorderPercent = 0;
    int reorderMs = 200;
    uint64_t seed = 1;

    bool operator==(const FaultPlan &) const = default;
    /// No fault at all: the relay only forwards (a chop gap without a chop changes nothing).
    bool none() const
    {
        return !chop && !coalesceBytes && !coalesceMs && !delayMs && !throttleBps && !stall
                && !close && !resetAfter && !dropPercent && !duplicatePercent && !reorderPercent;
    }
    /// The name of a fault set here that a byte stream cannot have (drop, duplicate,
    /// reorder), or null.
    const char *datagramOnly() const
    {
        return dropPercent         ? "drop"
                : duplicatePercent ? "duplicate"
                : reorderPercent   ? "reorder"
                                   : nullptr;
    }
    /// The name of a fault set here that datagrams cannot have (chop, coalesce, stall, close,
    /// reset-after: each is about a byte stream or a connection), or null.
    const char *streamOnly() const
    {
        return chop                           ? "chop"
                : coalesceBytes || coalesceMs ? "coalesce"
                : stall                       ? "stall"
                : close                       ? "close"
                : resetAfter                  ? "reset-after"
                                              : nullptr;
    }
};

} // namespace sb
