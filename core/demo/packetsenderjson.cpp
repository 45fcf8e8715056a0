// Packet Sender's JSON export (Packet::ExportJSON): an array of flat objects whose values are
// strings (its numbers too are written as strings). A small reader for just that: strings with
// every JSON escape, numbers, true, false, null; nested values are skipped.
#include "core/demo/packetsender.h"
#include "core/demo/utf16.h"

#include <cstdint>
#include <map>

namespace sb {
namespace {

class JsonReader
{
public:
    explicit JsonReader(std::string_view text)
        : m_s(text)
    { }

    Result<std::vector<std::map<std::string, std::string>>> objects()
    {
        std::vector<std::map<std::string, std::string>> out;
        if (!expect('['))
            return error("the export is not a JSON array");
        if (peek(']')) {
            ++m_i;
            return out;
        }
        for (;;) {
            std::map<std::string, std::string> object;
            if (!readObject(object))
                return error(m_error);
            out.push_back(std::move(object));
            if (expect(','))
                continue;
            if (expect(']'))
                break;
            return error("expected ',' or ']' after an object");
        }
        skipSpace();
        if (m_i != m_s.size())
            return error("text after the array");
        return out;
    }

private:
    InputError error(const std::string &what) const
    {
        return InputError {"JSON at byte " + std::to_string(m_i) + ": " + what};
    }
    void skipSpace()
    {
        while (m_i < m_s.size()
               && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r'))
            ++m_i;
    }
    bool peek(char c)
    {
        skipSpace();
        return m_i < m_s.size() && m_s[m_i] == c;
    }
    bool expect(char c)
    {
        if (!peek(c))
            return false;
        ++m_i;
        return true;
    }
    bool fail(const char *what)
    {
        m_error = what;
        return false;
    }

    bool readObject(std::map<std::string, std::string> &object)
    {
        if (!expect('{'))
            return fail("expected an object");
        if (expect('}'))
            return true;
        for (;;) {
            std::string key, value;
            if (!readString(key))
                return false;
            if (!expect(':'))
                return fail("expected ':' after a key");
            if (!readValue(value, 0))
                return false;
            object[key] = std::move(value);
            if (expect(','))
                continue;
            if (expect('}'))
                return true;
            return fail("expected ',' or '}' in an object");
        }
    }

    bool readValue(std::string &out, int depth)
    {
        if (depth > 32)
            return fail("values nested too deep");
        skipSpace();
        if (m_i >= m_s.size())
            return fail("the text ends inside a value");
        const char c = m_s[m_i];
        if (c == '"')
            return readString(out);
        if (c == '{' || c == '[') { // not a field Packet Sender writes: skipped
            ++m_i;
            const char close = c == '{' ? '}' : ']';
            if (expect(close))
                return true;
            for (;;) {
                std::string skipped;
                if (c == '{' && (!readString(skipped) || !expect(':')))
                    return fail("expected a key in an object");
                if (!readValue(skipped, depth + 1))
                    return false;
                if (expect(','))
                    continue;
                if (expect(close))
                    return true;
                return fail("expected ',' or the end of a nested value");
            }
        }
        const size_t start = m_i;
        while (m_i < m_s.size() && m_s[m_i] != ',' && m_s[m_i] != '}' && m_s[m_i] != ']'
               && m_s[m_i] != ' ' && m_s[m_i] != '\n' && m_s[m_i] != '\r' && m_s[m_i] != '\t')
            ++m_i;
        out = m_s.substr(start, m_i - start);
        if (out.empty())
            return fail("expected a value");
        if (out == "null")
            out.clear();
        return true;
    }

    bool readString(std::string &out)
    {
        if (!expect('"'))
            return fail("expected a string");
        std::vector<uint32_t> units;
        for (;;) {
            if (m_i >= m_s.size())
                return fail("a string is not closed");
            const char c = m_s[m_i];
            if (c == '"') {
                ++m_i;
                break;
            }
            if (c != '\\') {
                units.push_back(utf16::nextCodePoint(m_s, m_i));
                continue;
            }
            if (m_i + 1 >= m_s.size())
                return fail("a string ends in an escape");
            const char e = m_s[m_i + 1];
            m_i += 2;
            switch (e) {
            case '"':
                units.push_back('"');
                break;
            case '\\':
                units.push_back('\\');
                break;
            case '/':
                units.push_back('/');
                break;
            case 'b':
                units.push_back('\b');
                break;
            case 'f':
                units.push_back('\f');
                break;
            case 'n':
                units.push_back('\n');
                break;
            case 'r':
                units.push_back('\r');
                break;
            case 't':
                units.push_back('\t');
                break;
            case 'u': {
                uint32_t v = 0;
                for (int k = 0; k < 4; ++k, ++m_i) {
                    const char h = m_i < m_s.size() ? m_s[m_i] : 'x';
                    const int d = h >= '0' && h <= '9' ? h - '0'
                            : h >= 'a' && h <= 'f'     ? h - 'a' + 10
                            : h >= 'A' && h <= 'F'     ? h - 'A' + 10
                                                       : -1;
                    if (d < 0)
                        return fail("\\u needs four hex digits");
                    v = v * 16 + uint32_t(d);
                }
                units.push_back(v);
                break;
            }
            default:
                return fail("unknown escape in a string");
            }
        }
        out = utf16::toUtf8(units);
        return true;
    }

    std::string_view m_s;
    size_t m_i = 0;
    std::string m_error;
};

} // namespace

Result<std::vector<PacketSenderPacket>> parsePacketSenderJson(std::string_view text)
{
    auto objects = JsonReader(text).objects();
    if (!objects)
        return InputError {objects.error()};
    std::vector<PacketSenderPacket> packets;
    for (auto &o : objects.value()) {
        PacketSenderPacket p;
        p.name = o["name"];
        p.hexString = o["hexstring"];
        p.toIP = o["toip"];
        p.port = unsigned(std::strtoul(o["port"].c_str(), nullptr, 10));
        p.tcpOrUdp = o["tcporudp"];
        p.fromIP = o["fromip"];
        p.repeat = o["repeat"];
        p.sendResponse = o["sendresponse"];
        packets.push_back(std::move(p));
    }
    return packets;
}

} // namespace sb
