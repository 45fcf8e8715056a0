#pragma once

#include "core/text/faultplan.h"
#include "core/text/bytes.h"

#include <cstdint>
#include <deque>
#include <string>

namespace sb {

/// One direction of a relay, without its sockets: the bytes read from the source and not yet
/// taken by the destination, cut, gathered, held back and metered as its FaultPlan says. It
/// makes no call and reads no clock: the caller passes the monotonic time in, so every rule
/// here is a function of the bytes and the times (tests/core/tst_relayflow.cpp). A value
/// owned by one RelaySession; loop thread only.
class RelayFlow
{
public:
    /// What the flow buffers at most without a coalesce that asks for more: the bound on
    /// what the relay reads ahead of a slow destination.
    static constexpr size_t kBufferCap = 256 * 1024;
    /// And at most this many pieces (a chop by 1 makes one per byte).
    static constexpr size_t kPieceCap = 8192;

    const FaultPlan &plan() const { return m_plan; }
    /// Takes a new plan at nowNs. Bytes already buffered keep their cuts and times; a plan
    /// without coalesce releases what was being gathered.
    void setPlan(const FaultPlan &plan, int64_t nowNs);

    /// How many more bytes the source may be read for (0 while stalled or full).
    size_t room() const;
    /// Bytes received from the source at nowNs; shared, never copied unless gathered.
    void push(Bytes bytes, int64_t nowNs);
    /// A range of shared bytes: what send() is given.
    struct Span
    {
        Bytes data;
        size_t offset = 0;
        size_t len = 0;
    };
    /// Makes what a coalesce gathered one piece at once: the source ended, nothing will
    /// complete it.
    void flush() { releaseGathered(); }
    /// What may be sent now: a prefix of the front piece; len 0 when nothing may go yet.
    Span sendable(int64_t nowNs);
    /// The destination took n bytes of sendable() at nowNs.
    void consumed(size_t n, int64_t nowNs);
    /// When sendable() may next be non-empty while it is empty now: -1 never (empty or
    /// stalled), else a monotonic time.
    int64_t nextWakeNs(int64_t nowNs) const;

    size_t buffered() const { return m_buffered; }
    bool empty() const { return m_buffered == 0; }
    uint64_t forwarded() const { return m_forwarded; }
    /// n bytes of this direction went on without passing through the flow (the splice path).
    void forwardedAround(uint64_t n) { m_forwarded += n; }
    /// resetAfter is set and that many bytes went on.
    bool resetDue() const { return m_plan.resetAfter && m_forwarded >= m_plan.resetAfter; }

private:
    struct Piece
    {
        Bytes data;
        size_t offset = 0; ///< the next byte to send
        size_t end = 0;
        int64_t dueNs = 0; ///< not before (delay)
        bool chopped = false; ///< a gap follows it
    };
    /// gathered: one coalesced send, never chopped.
    void append(const Bytes &bytes, size_t offset, size_t end, int64_t dueNs, bool gathered);
    void releaseGathered();
    void refill(int64_t nowNs);
    size_t burst() const;

    FaultPlan m_plan;
    std::deque<Piece> m_pieces;
    std::string m_gather; ///< coalesce: bytes gathered, not yet a piece
    int64_t m_gatherStartNs = 0;
    int64_t m_gatherDueNs = 0; ///< delay of the first gathered byte
    size_t m_buffered = 0; ///< pieces and gathered bytes
    int64_t m_notBeforeNs = 0; ///< chop: the gap after the last piece
    double m_tokens = 0; ///< throttle
    int64_t m_refillNs = 0;
    uint64_t m_forwarded = 0;
};

} // namespace sb
