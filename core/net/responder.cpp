#include "core/net/responder.h"

#include "core/net/connection.h"
#include "core/net/rulesresponder.h"

#include <ctime>

namespace sb {
namespace {

class EchoResponder : public Responder
{
public:
    // The received buffer goes back as it is: shared, not copied.
    void received(Connection &c, const Bytes &data) override { c.send(data); }
    std::optional<Bytes> replyToDatagram(const Bytes &data) override { return data; }
};

class DiscardResponder : public Responder
{
};

class DaytimeResponder : public Responder
{
public:
    void opened(Connection &c) override
    {
        c.send(makeBytes(daytimeText()));
        c.close();
    }
    std::optional<Bytes> replyToDatagram(const Bytes &) override
    {
        return makeBytes(daytimeText());
    }
};

class ChargenResponder : public Responder
{
public:
    // Keep the output buffer topped up with a fixed block: the connection writes as fast as
    // the peer reads, and never holds more than a block or two in memory.
    ChargenResponder()
        : m_block(makeBytes(chargenLines(0, 95 * 16)))
    { }
    void opened(Connection &c) override { c.send(m_block); }
    void drained(Connection &c) override { c.send(m_block); }
    std::optional<Bytes> replyToDatagram(const Bytes &) override
    {
        return makeBytes(chargenLines(m_next++ % 95, 1));
    }

private:
    Bytes m_block;
    size_t m_next = 0;
};

class FixedResponder : public Responder
{
public:
    explicit FixedResponder(std::string text)
        : m_reply(makeBytes(std::move(text)))
    { }
    void received(Connection &c, const Bytes &) override { c.send(m_reply); }
    std::optional<Bytes> replyToDatagram(const Bytes &) override { return m_reply; }

private:
    Bytes m_reply;
};

} // namespace

std::unique_ptr<Responder> makeResponder(const ResponderSpec &spec)
{
    switch (spec.kind) {
    case ResponderSpec::Kind::None:
        return nullptr;
    case ResponderSpec::Kind::Echo:
        return std::make_unique<EchoResponder>();
    case ResponderSpec::Kind::Discard:
        return std::make_unique<DiscardResponder>();
    case ResponderSpec::Kind::Daytime:
        return std::make_unique<DaytimeResponder>();
    case ResponderSpec::Kind::Chargen:
        return std::make_unique<ChargenResponder>();
    case ResponderSpec::Kind::Fixed:
        return std::make_unique<FixedResponder>(spec.fixed);
    case ResponderSpec::Kind::Rules:
        return spec.rules ? std::make_unique<RulesResponder>(spec.rules) : nullptr;
    }
    return nullptr;
}

void Responder::datagram(DatagramPort &port, const Bytes &data, const Address &from)
{
    if (auto reply = replyToDatagram(data); reply && *reply)
        port.sendDatagram(std::move(*reply), from);
}

std::string daytimeText()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm {};
    localtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a %b %d %H:%M:%S %Y\r\n", &tm);
    return buf;
}

std::string chargenLines(size_t first, size_t count)
{
    // RFC 864: 72-character lines of the 95 printable ASCII characters, rotating by one.
    std::string out;
    out.reserve(count * 74);
    for (size_t line = first; line < first + count; ++line) {
        for (size_t i = 0; i < 72; ++i)
            out += static_cast<char>(' ' + (line + i) % 95);
        out += "\r\n";
    }
    return out;
}

} // namespace sb
