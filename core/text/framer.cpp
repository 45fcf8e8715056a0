#include "core/text/framer.h"

namespace sb {

std::string Framer::feed(std::string_view data, const OnMessage &onMessage)
{
    if (m_failed)
        return "the stream could not be framed";
    switch (m_framing.kind) {
    case Framing::Kind::Raw:
        if (!data.empty())
            onMessage(data);
        return {};
    case Framing::Kind::Fixed: {
        const size_t n = m_framing.size;
        if (pending() == 0) {
            // The common case copies nothing: whole messages straight from the read.
            while (data.size() >= n) {
                onMessage(data.substr(0, n));
                data.remove_prefix(n);
            }
            m_buffer.assign(data);
            m_start = 0;
            return {};
        }
        m_buffer.append(data);
        while (pending() >= n) {
            onMessage(std::string_view(m_buffer).substr(m_start, n));
            m_start += n;
        }
        compact();
        return {};
    }
    case Framing::Kind::Line: {
        m_buffer.append(data);
        const std::string &d = m_framing.delimiter;
        for (;;) {
            const std::string_view rest = std::string_view(m_buffer).substr(m_start);
            // Search again only where the delimiter may now end: the bytes that came, and the
            // delimiter's length less one before them.
            const size_t from = m_scanned >= d.size() ? m_scanned - (d.size() - 1) : 0;
            const size_t at = rest.find(d, from);
            if (at == std::string_view::npos || at > m_framing.max) {
                if (rest.size() <= m_framing.max) {
                    m_scanned = rest.size();
                    break;
                }
                // Too long a line: what fits is one message, the rest starts the next.
                onMessage(rest.substr(0, m_framing.max));
                m_start += m_framing.max;
                m_scanned = 0;
                continue;
            }
            onMessage(rest.substr(0, at));
            m_start += at + d.size();
            m_scanned = 0;
        }
        compact();
        return {};
    }
    case Framing::Kind::Length:
        m_buffer.append(data);
        return feedLength(onMessage);
    }
    return {};
}

std::string Framer::feedLength(const OnMessage &onMessage)
{
    const size_t w = static_cast<size_t>(m_framing.width);
    while (pending() >= w) {
        const auto *p = reinterpret_cast<const unsigned char *>(m_buffer.data() + m_start);
        uint64_t len = 0;
        for (size_t i = 0; i < w; ++i)
            len = m_framing.bigEndian ? (len << 8) | p[i] : len | (uint64_t(p[i]) << (8 * i));
        if (len > m_framing.max) {
            m_failed = true;
            m_buffer.clear();
            m_start = 0;
            return "length " + std::to_string(len)
                    + " is over max=" + std::to_string(m_framing.max);
        }
        if (pending() < w + len)
            break;
        onMessage(std::string_view(m_buffer).substr(m_start + w, len));
        m_start += w + len;
    }
    compact();
    return {};
}

void Framer::compact()
{
    // Drop consumed bytes once they are most of the buffer: each byte moves O(1) times.
    if (m_start == m_buffer.size()) {
        m_buffer.clear();
        m_start = 0;
    } else if (m_start > 4096 && m_start * 2 > m_buffer.size()) {
        m_buffer.erase(0, m_start);
        m_start = 0;
    }
}

std::string Framer::frame(std::string payload) const
{
    if (m_framing.kind != Framing::Kind::Length)
        return payload;
    const size_t w = static_cast<size_t>(m_framing.width);
    const uint64_t len = payload.size();
    std::string header(w, '\0');
    for (size_t i = 0; i < w; ++i) {
        const size_t shift = 8 * (m_framing.bigEndian ? w - 1 - i : i);
        header[i] = static_cast<char>((len >> shift) & 0xff);
    }
    return header + payload;
}

} // namespace sb
