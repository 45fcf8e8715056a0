#include "core/net/relayflow.h"

#include <algorithm>
#include <cmath>

namespace sb {
namespace {

constexpr int64_t kMsNs = 1000000;

} // namespace

void RelayFlow::setPlan(const FaultPlan &plan, int64_t nowNs)
{
    if (m_plan.throttleBps)
        refill(nowNs);
    if (!m_plan.throttleBps && plan.throttleBps) {
        // A new bucket starts empty: a throttle never lets a burst through as it begins.
        m_tokens = 0;
        m_refillNs = nowNs;
    }
    m_plan = plan;
    if (m_plan.throttleBps)
        m_tokens = std::min(m_tokens, double(burst()));
    if (!m_gather.empty() && !m_plan.coalesceBytes && !m_plan.coalesceMs)
        releaseGathered();
}

size_t RelayFlow::room() const
{
    if (m_plan.stall || resetDue() || m_pieces.size() >= kPieceCap)
        return 0;
    const size_t cap = std::max(kBufferCap, m_plan.coalesceBytes);
    return cap > m_buffered ? cap - m_buffered : 0;
}

void RelayFlow::push(Bytes bytes, int64_t nowNs)
{
    const size_t size = view(bytes).size();
    if (size == 0)
        return;
    m_buffered += size;
    const int64_t due = m_plan.delayMs ? nowNs + m_plan.delayMs * kMsNs : 0;
    if (!m_plan.coalesceBytes && !m_plan.coalesceMs) {
        append(bytes, 0, size, due, false);
        return;
    }
    if (m_gather.empty()) {
        m_gatherStartNs = nowNs;
        m_gatherDueNs = due;
    }
    m_gather.append(*bytes);
    const size_t n = m_plan.coalesceBytes;
    if (n && m_gather.size() >= n) {
        // Whole gatherings of n bytes leave now; the rest starts the next one.
        const size_t whole = m_gather.size() - m_gather.size() % n;
        const Bytes all = makeBytes(std::string_view(m_gather).substr(0, whole));
        for (size_t at = 0; at < whole; at += n)
            append(all, at, at + n, m_gatherDueNs, true);
        m_gather.erase(0, whole);
        m_gatherStartNs = nowNs;
        m_gatherDueNs = due;
    }
}

void RelayFlow::append(const Bytes &bytes, size_t offset, size_t end, int64_t dueNs, bool gathered)
{
    // A gathering is one send, even when a chop is also on (the chop cuts what arrives).
    if (m_plan.chop && !gathered) {
        for (size_t at = offset; at < end; at += m_plan.chop)
            m_pieces.push_back(Piece {bytes, at, std::min(end, at + m_plan.chop), dueNs, true});
        return;
    }
    m_pieces.push_back(Piece {bytes, offset, end, dueNs, false});
}

void RelayFlow::releaseGathered()
{
    if (m_gather.empty())
        return;
    const size_t size = m_gather.size();
    append(makeBytes(std::move(m_gather)), 0, size, m_gatherDueNs, true);
    m_gather.clear();
}

size_t RelayFlow::burst() const
{
    // A fiftieth of a second's worth: sends of a few KiB every 20 ms, never a burst that a
    // measurement over a second would see.
    return std::clamp<size_t>(size_t(m_plan.throttleBps / 50), 1, 64 * 1024);
}

void RelayFlow::refill(int64_t nowNs)
{
    if (nowNs > m_refillNs) {
        m_tokens += double(nowNs - m_refillNs) * double(m_plan.throttleBps) / 1e9;
        m_tokens = std::min(m_tokens, double(burst()));
    }
    m_refillNs = nowNs;
}

RelayFlow::Span RelayFlow::sendable(int64_t nowNs)
{
    if (m_plan.stall)
        return {};
    if (!m_gather.empty() && m_plan.coalesceMs
        && nowNs >= m_gatherStartNs + m_plan.coalesceMs * kMsNs)
        releaseGathered();
    if (m_pieces.empty())
        return {};
    const Piece &p = m_pieces.front();
    if (nowNs < p.dueNs || (p.chopped && nowNs < m_notBeforeNs))
        return {};
    size_t len = p.end - p.offset;
    if (m_plan.resetAfter) {
        if (m_forwarded >= m_plan.resetAfter)
            return {};
        len = size_t(std::min<uint64_t>(len, m_plan.resetAfter - m_forwarded));
    }
    if (m_plan.throttleBps) {
        refill(nowNs);
        const size_t allowed = size_t(m_tokens);
        if (allowed < std::min(len, burst()))
            return {}; // wait for a whole burst rather than trickle out a byte per wake-up
        len = std::min(len, allowed);
    }
    return Span {p.data, p.offset, len};
}

void RelayFlow::consumed(size_t n, int64_t nowNs)
{
    if (m_pieces.empty() || n == 0)
        return;
    Piece &p = m_pieces.front();
    n = std::min(n, p.end - p.offset);
    p.offset += n;
    m_buffered -= n;
    m_forwarded += n;
    if (m_plan.throttleBps)
        m_tokens -= double(n);
    if (p.offset == p.end) {
        if (p.chopped)
            m_notBeforeNs = nowNs + m_plan.chopGapMs * kMsNs;
        m_pieces.pop_front();
    }
}

int64_t RelayFlow::nextWakeNs(int64_t nowNs) const
{
    if (m_plan.stall || resetDue())
        return -1;
    int64_t wake = -1;
    const auto earliest = [&wake](int64_t t) { wake = wake < 0 ? t : std::min(wake, t); };
    if (!m_gather.empty() && m_plan.coalesceMs)
        earliest(m_gatherStartNs + m_plan.coalesceMs * kMsNs);
    if (!m_pieces.empty()) {
        const Piece &p = m_pieces.front();
        int64_t t = std::max(nowNs, p.dueNs);
        if (p.chopped)
            t = std::max(t, m_notBeforeNs);
        if (m_plan.throttleBps) {
            const double need = double(std::min(p.end - p.offset, burst()));
            double tokens = m_tokens;
            if (nowNs > m_refillNs)
                tokens += double(nowNs - m_refillNs) * double(m_plan.throttleBps) / 1e9;
            if (tokens < need)
                t = std::max(t,
                             nowNs
                                     + int64_t(std::ceil((need - tokens) * 1e9
                                                         / double(m_plan.throttleBps))));
        }
        earliest(t);
    }
    return wake;
}

} // namespace sb
