#pragma once
// UTF-16 code units (as QString holds them, and as QSettings and JSON escape them) into UTF-8.
// Private to the Packet Sender import.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb::utf16 {

/// Appends one code point as UTF-8; a lone surrogate becomes U+FFFD, as QString::toUtf8 does.
inline void appendCodePoint(std::string &out, uint32_t cp)
{
    if (cp >= 0xd800 && cp <= 0xdfff)
        cp = 0xfffd;
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

/// UTF-16 units (surrogate pairs joined) or code points above U+FFFF, as UTF-8.
inline std::string toUtf8(const std::vector<uint32_t> &units)
{
    std::string out;
    for (size_t i = 0; i < units.size(); ++i) {
        const uint32_t u = units[i];
        if (u >= 0xd800 && u < 0xdc00 && i + 1 < units.size() && units[i + 1] >= 0xdc00
            && units[i + 1] <= 0xdfff) {
            appendCodePoint(out, 0x10000 + ((u - 0xd800) << 10) + (units[i + 1] - 0xdc00));
            ++i;
        } else {
            appendCodePoint(out, u);
        }
    }
    return out;
}

/// Decodes the UTF-8 sequence at s[i] into a code point and advances i; an invalid byte is
/// taken as Latin-1, one code point per byte.
inline uint32_t nextCodePoint(std::string_view s, size_t &i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c >= 0xf0 && c <= 0xf4 ? 4
            : c >= 0xe0 && c < 0xf0         ? 3
            : c >= 0xc2 && c < 0xe0         ? 2
                                            : 1;
    if (n > 1 && i + n <= s.size()) {
        uint32_t cp = c & (0x7f >> n);
        bool ok = true;
        for (size_t k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            ok = ok && (d & 0xc0) == 0x80;
            cp = (cp << 6) | (d & 0x3f);
        }
        if (ok) {
            i += n;
            return cp;
        }
    }
    ++i;
    return c;
}

} // namespace sb::utf16
