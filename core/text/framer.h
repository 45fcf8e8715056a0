#pragma once

#include "core/text/rules.h"

#include <functional>
#include <string>
#include <string_view>

namespace sb {

/// Cuts one connection's byte stream into messages as a Framing says, whatever the reads:
/// a message split over several reads is held until it is whole, several in one read come
/// out one by one. One per connection; not thread-safe (its connection's loop owns it).
class Framer
{
public:
    using OnMessage = std::function<void(std::string_view message)>;

    explicit Framer(const Framing &framing)
        : m_framing(framing)
    { }

    /// Feeds the bytes of one read; onMessage gets each message completed by them, in order.
    /// An error ("length 70000 is over max=65536") means the stream cannot be framed any more:
    /// the framer stays failed and takes nothing else.
    std::string feed(std::string_view data, const OnMessage &onMessage);
    /// A reply as the framing sends it: with the length header for Length, else as it is.
    std::string frame(std::string payload) const;
    /// Bytes held for a message not yet whole.
    size_t pending() const { return m_buffer.size() - m_start; }

private:
    std::string feedLength(const OnMessage &onMessage);
    void compact();

    Framing m_framing;
    std::string m_buffer;
    size_t m_start = 0; ///< where the unconsumed bytes of m_buffer begin
    size_t m_scanned = 0; ///< Line: bytes after m_start already searched for the delimiter
    bool m_failed = false;
};

} // namespace sb
