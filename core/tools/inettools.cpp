#include "core/tools/inettools.h"

#include "core/text/names.h"

#include <bit>
#include <cctype>
#include <cstdio>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>

namespace sb {
namespace {

std::vector<uint8_t> memoryBytes(uint32_t value, int width)
{
    std::vector<uint8_t> out(width);
    if (width == 2) {
        const uint16_t v = static_cast<uint16_t>(value);
        std::memcpy(out.data(), &v, 2);
    } else {
        std::memcpy(out.data(), &value, 4);
    }
    return out;
}

} // namespace

std::string InetBytes::hex() const
{
    std::string s;
    for (uint8_t b : bytes) {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%02x", b);
        s += s.empty() ? "" : " ";
        s += buf;
    }
    return s;
}

Result<InetBytes> presentationToNetwork(int family, const std::string &text)
{
    InetBytes out;
    out.family = family;
    out.bytes.resize(family == AF_INET6 ? 16 : 4);
    if (family != AF_INET && family != AF_INET6)
        return InputError {"inet_pton: family must be AF_INET or AF_INET6"};
    const int rc = inet_pton(family, text.c_str(), out.bytes.data());
    if (rc == 1)
        return out;
    if (family == AF_INET)
        return InputError {"inet_pton(AF_INET): '" + text
                           + "' is not dotted-decimal a.b.c.d with four numbers 0-255"};
    return InputError {"inet_pton(AF_INET6): '" + text
                       + "' is not an IPv6 address (eight hex groups, :: once at most)"};
}

Result<std::string> networkToPresentation(int family, const std::vector<uint8_t> &bytes)
{
    const size_t want = family == AF_INET6 ? 16 : 4;
    if (family != AF_INET && family != AF_INET6)
        return InputError {"inet_ntop: family must be AF_INET or AF_INET6"};
    if (bytes.size() != want)
        return InputError {"inet_ntop(" + familyName(family) + ") needs " + std::to_string(want)
                           + " bytes, got " + std::to_string(bytes.size())};
    char buf[INET6_ADDRSTRLEN] = {};
    if (!inet_ntop(family, bytes.data(), buf, sizeof buf))
        return InputError {std::string("inet_ntop: ") + std::strerror(errno)};
    return std::string(buf);
}

Result<std::vector<uint8_t>> parseHexBytes(const std::string &text)
{
    std::string digits;
    std::string t = text;
    if (t.size() >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
        t = t.substr(2);
    for (char c : t) {
        if (std::isxdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (c != ' ' && c != ':' && c != '-' && c != '\t')
            return InputError {"'" + std::string(1, c) + "' is not a hex digit in '" + text + "'"};
    }
    if (digits.size() % 2 != 0)
        return InputError {"odd number of hex digits in '" + text + "'"};
    std::vector<uint8_t> out;
    for (size_t i = 0; i < digits.size(); i += 2)
        out.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
    return out;
}

Result<ByteOrderView> convertByteOrder(const std::string &call, uint32_t value)
{
    ByteOrderView v;
    v.input = value;
    if (call == "htons" || call == "ntohs") {
        if (value > 0xffff)
            return InputError {call + " takes a 16-bit value: " + std::to_string(value)
                               + " is over 65535"};
        v.call = call == "htons" ? "htons" : "ntohs";
        v.width = 2;
        const uint16_t in = static_cast<uint16_t>(value);
        v.output = call == "htons" ? htons(in) : ntohs(in);
    } else if (call == "htonl" || call == "ntohl") {
        v.call = call == "htonl" ? "htonl" : "ntohl";
        v.width = 4;
        v.output = call == "htonl" ? htonl(value) : ntohl(value);
    } else {
        return InputError {"'" + call + "' is not one of htons, htonl, ntohs, ntohl"};
    }
    v.inputBytes = memoryBytes(v.input, v.width);
    v.outputBytes = memoryBytes(v.output, v.width);
    return v;
}

Result<uint32_t> parseUnsigned(const std::string &text)
{
    if (text.empty())
        return InputError {"no value given"};
    const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    uint64_t v = 0;
    for (size_t i = hex ? 2 : 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        int d;
        if (std::isdigit(c))
            d = c - '0';
        else if (hex && std::isxdigit(c))
            d = std::tolower(c) - 'a' + 10;
        else
            return InputError {"'" + text + "' is not a " + (hex ? "hex" : "decimal") + " number"};
        v = v * (hex ? 16 : 10) + d;
        if (v > 0xffffffffu)
            return InputError {"'" + text + "' does not fit 32 bits"};
    }
    return static_cast<uint32_t>(v);
}

bool hostIsLittleEndian() { return std::endian::native == std::endian::little; }

std::string hostByteOrderName()
{
    return hostIsLittleEndian()
            ? "little-endian (least significant byte first; network order is big-endian, "
              "so hton* swaps)"
            : "big-endian (most significant byte first, the same as network order: hton* "
              "changes nothing)";
}

} // namespace sb
