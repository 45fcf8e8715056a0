// The ${...} placeholders of demo files and the byte-order helpers behind ${net16:...} and
// "do: byteorder"; declared in demoscript.h. Pure functions.
#include "core/demo/demoscript.h"
#include "core/text/payload.h"
#include "core/tools/inettools.h"

#include <charconv>
#include <cstdio>
#include <cstring>

#include <arpa/inet.h>

namespace sb {
namespace {

std::string escapeBytes(const std::string &bytes)
{
    std::string out;
    char buf[5];
    for (unsigned char c : bytes) {
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
    }
    return out;
}

/// A number (decimal or 0x hex), an IPv4 literal for 32 bits, or a placeholder's value.
Result<uint32_t> byteValue(std::string_view text, int bits, const DemoLookup &lookup)
{
    std::string value(text);
    if (!value.empty() && !(value[0] >= '0' && value[0] <= '9')) {
        auto looked = lookup ? lookup(value) : std::nullopt;
        if (!looked)
            return InputError {"'" + value + "' has no value (yet)"};
        value = *looked;
    }
    if (bits == 32 && value.find('.') != std::string::npos) {
        in_addr a {};
        if (::inet_pton(AF_INET, value.c_str(), &a) != 1)
            return InputError {"'" + value + "' is not an IPv4 address"};
        return ntohl(a.s_addr);
    }
    uint64_t v = 0;
    const bool hex = value.starts_with("0x");
    const char *b = value.data() + (hex ? 2 : 0);
    const auto [end, ec] = std::from_chars(b, value.data() + value.size(), v, hex ? 16 : 10);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size())
        return InputError {"'" + value + "' is not a number"};
    if (v > (bits == 16 ? 0xffffull : 0xffffffffull))
        return InputError {"'" + value + "' does not fit in " + std::to_string(bits) + " bits"};
    return static_cast<uint32_t>(v);
}

} // namespace

std::string networkOrder16(uint16_t value)
{
    const uint16_t n = htons(value);
    return std::string(reinterpret_cast<const char *>(&n), sizeof n);
}

std::string networkOrder32(uint32_t value)
{
    const uint32_t n = htonl(value);
    return std::string(reinterpret_cast<const char *>(&n), sizeof n);
}

std::string hostOrder16(uint16_t value)
{
    return std::string(reinterpret_cast<const char *>(&value), sizeof value);
}

std::string hostOrder32(uint32_t value)
{
    return std::string(reinterpret_cast<const char *>(&value), sizeof value);
}

Result<std::string> describeByteOrder(int bits, std::string_view text)
{
    auto v = byteValue(text, bits, {});
    if (!v)
        return InputError {v.error()};
    // The conversion itself is inettools' (the same htons/htonl the GUI's tools call).
    auto conversion = convertByteOrder(bits == 16 ? "htons" : "htonl", *v);
    if (!conversion)
        return InputError {conversion.error()};
    auto hex = [](const std::vector<uint8_t> &bytes) {
        return toHex(std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
    };
    char number[16];
    std::snprintf(number, sizeof number, bits == 16 ? "0x%04x" : "0x%08x", *v);
    return std::string(conversion->call) + "(" + std::string(text) + " = " + number
            + "): host order " + hex(conversion->inputBytes) + " -> network order "
            + hex(conversion->outputBytes) + " (this host is "
            + (hostIsLittleEndian() ? "little-endian" : "big-endian") + ")";
}

Result<std::string> substituteDemoText(std::string_view text, const DemoLookup &lookup)
{
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find("${", i);
        if (open == std::string_view::npos) {
            out += text.substr(i);
            break;
        }
        out += text.substr(i, open - i);
        const size_t close = text.find('}', open);
        if (close == std::string_view::npos)
            return InputError {"'${' without its closing '}'"};
        const std::string_view name = text.substr(open + 2, close - open - 2);
        i = close + 1;
        const size_t colon = name.find(':');
        if (colon != std::string_view::npos) {
            const std::string_view fn = name.substr(0, colon);
            const int bits = (fn == "net16" || fn == "host16") ? 16
                    : (fn == "net32" || fn == "host32")        ? 32
                                                               : 0;
            if (!bits)
                return InputError {"${" + std::string(name)
                                   + "}: the byte functions are net16, net32, host16, host32"};
            auto v = byteValue(name.substr(colon + 1), bits, lookup);
            if (!v)
                return InputError {"${" + std::string(name) + "}: " + v.error()};
            const bool net = fn.starts_with("net");
            out += escapeBytes(
                    bits == 16 ? (net ? networkOrder16(uint16_t(*v)) : hostOrder16(uint16_t(*v)))
                               : (net ? networkOrder32(*v) : hostOrder32(*v)));
            continue;
        }
        auto value = lookup ? lookup(name) : std::nullopt;
        if (!value)
            return InputError {"unknown placeholder ${" + std::string(name)
                               + "} (known: ${tmp}, ${PANEL.port}, ${PANEL.addr})"};
        out += *value;
    }
    return out;
}

} // namespace sb
