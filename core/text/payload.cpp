#include "core/text/payload.h"

#include "core/text/errnoinfo.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb {
namespace {

/// Length of the valid UTF-8 sequence at data[i] (2..4), or 0 when there is none: no
/// overlong forms, no surrogates, nothing past U+10FFFF, no C1 controls (U+0080..U+009F).
size_t utf8Length(std::string_view data, size_t i)
{
    const auto b = [&](size_t k) { return static_cast<unsigned char>(data[i + k]); };
    const unsigned char c = b(0);
    size_t n;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + n > data.size())
        return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((b(k) & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (b(k) & 0x3f);
    }
    const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0xa0)
        return 0;
    return n;
}

/// The character at data[i] as a person would read it in a message, and its byte length.
std::string shownChar(std::string_view data, size_t i, size_t *len)
{
    const unsigned char c = static_cast<unsigned char>(data[i]);
    if (size_t n = utf8Length(data, i)) {
        *len = n;
        return std::string(data.substr(i, n));
    }
    *len = 1;
    if (c >= 0x20 && c < 0x7f)
        return std::string(1, static_cast<char>(c));
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    return buf;
}

/// 1-based column of byte i, counting a UTF-8 character as one column.
size_t columnOf(std::string_view text, size_t i)
{
    size_t col = 1;
    for (size_t k = 0; k < i && k < text.size(); ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xc0) != 0x80)
            ++col;
    return col;
}

bool isHexSeparator(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ',' || c == '-';
}

} // namespace

int escapedByte(char e)
{
    switch (e) {
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case '0':
        return '\0';
    case 'a':
        return '\a';
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'v':
        return '\v';
    case 'e':
        return 0x1b;
    case '\\':
    case '"':
    case '\'':
        return static_cast<unsigned char>(e);
    default:
        return -1;
    }
}

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

Result<std::string> parseEscapedText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        const std::string col = std::to_string(columnOf(text, i));
        if (i + 1 == text.size())
            return InputError {"lone backslash at column " + col
                               + " ends the text: write \\\\ for a backslash"};
        const char e = text[++i];
        if (const int byte = escapedByte(e); byte >= 0) {
            out += static_cast<char>(byte);
            continue;
        }
        switch (e) {
        case 'x': {
            const int hi = i + 1 < text.size() ? hexDigitValue(text[i + 1]) : -1;
            const int lo = i + 2 < text.size() ? hexDigitValue(text[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return InputError {"\\x at column " + col + " needs two hex digits"};
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
            break;
        }
        default: {
            size_t len = 0;
            const std::string shown = shownChar(text, i, &len);
            return InputError {
                    "bad escape '\\" + shown + "' at column " + col
                    + ": use \\n \\r \\t \\0 \\\\ \\\" \\' \\a \\b \\f \\v \\e or \\xNN"};
        }
        }
    }
    return out;
}

Result<std::string> parseHex(std::string_view text)
{
    std::string out;
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        if (isHexSeparator(text[i])) {
            ++i;
            continue;
        }
        // A run of digits, with an optional 0x prefix, up to the next separator.
        const size_t start = i;
        if (text[i] == '0' && i + 1 < n && (text[i + 1] == 'x' || text[i + 1] == 'X'))
            i += 2;
        const size_t digitsStart = i;
        while (i < n && !isHexSeparator(text[i])) {
            if (hexDigitValue(text[i]) < 0) {
                size_t len = 0;
                return InputError {"'" + shownChar(text, i, &len) + "' at column "
                                   + std::to_string(columnOf(text, i)) + " is not a hex digit"};
            }
            ++i;
        }
        const size_t digits = i - digitsStart;
        const std::string run(text.substr(start, i - start));
        const std::string col = std::to_string(columnOf(text, start));
        if (digits == 0)
            return InputError {"'" + run + "' at column " + col + " has no hex digits"};
        if (digits % 2 != 0)
            return InputError {"odd number of hex digits in '" + run + "' at column " + col
                               + ": a byte is two digits"};
        for (size_t k = digitsStart; k < i; k += 2)
            out += static_cast<char>(hexDigitValue(text[k]) * 16 + hexDigitValue(text[k + 1]));
    }
    return out;
}

Result<std::string> readPayloadFile(const std::string &path, size_t maxBytes)
{
    if (path.empty())
        return InputError {"no file name given"};
    int fd;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return InputError {"cannot open '" + path + "': " + formatErrno(errno)};
    struct stat st
    {
    };
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
        && static_cast<uint64_t>(st.st_size) > maxBytes) {
        ::close(fd);
        return InputError {"'" + path + "' is " + std::to_string(st.st_size)
                           + " bytes; the limit is " + std::to_string(maxBytes)};
    }
    std::string out;
    char buf[65536];
    for (;;) {
        const ssize_t r = ::read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            const int err = errno;
            ::close(fd);
            return InputError {"cannot read '" + path + "': " + formatErrno(err)};
        }
        if (r == 0)
            break;
        // A pipe or a growing file has no size up front: stop at the limit.
        if (out.size() + static_cast<size_t>(r) > maxBytes) {
            ::close(fd);
            return InputError {"'" + path + "' holds more than " + std::to_string(maxBytes)
                               + " bytes, the limit"};
        }
        out.append(buf, static_cast<size_t>(r));
    }
    ::close(fd);
    return out;
}

std::string escapedPreview(std::string_view data, size_t maxChars)
{
    std::string out;
    size_t chars = 0;
    for (size_t i = 0; i < data.size();) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        std::string piece;
        size_t len = 1;
        switch (c) {
        case '\n':
            piece = "\\n";
            break;
        case '\r':
            piece = "\\r";
            break;
        case '\t':
            piece = "\\t";
            break;
        case '\0':
            piece = "\\0";
            break;
        case '\\':
            piece = "\\\\";
            break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                piece = std::string(1, static_cast<char>(c));
            } else if (size_t n = utf8Length(data, i)) {
                piece = std::string(data.substr(i, n));
                len = n;
            } else {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                piece = buf;
            }
        }
        // A multibyte character is one character wide; an escape is as wide as it is long.
        const size_t width = len > 1 ? 1 : piece.size();
        if (chars + width > maxChars) {
            out += "…";
            return out;
        }
        out += piece;
        chars += width;
        i += len;
    }
    return out;
}

std::string toHex(std::string_view data, char sep)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 3);
    for (size_t i = 0; i < data.size(); ++i) {
        if (i > 0 && sep != '\0')
            out += sep;
        const unsigned char c = static_cast<unsigned char>(data[i]);
        out += kDigits[c >> 4];
        out += kDigits[c & 0xf];
    }
    return out;
}

bool isMostlyText(std::string_view data)
{
    size_t text = 0;
    for (size_t i = 0; i < data.size();) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == 0)
            return false;
        if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t') {
            ++text;
            ++i;
        } else if (size_t n = utf8Length(data, i)) {
            text += n;
            i += n;
        } else {
            ++i;
        }
    }
    return text * 10 >= data.size() * 9;
}

std::string withLineEnding(std::string line, LineEnding ending)
{
    switch (ending) {
    case LineEnding::None:
        return line;
    case LineEnding::LF:
        line += '\n';
        return line;
    case LineEnding::CRLF: {
        std::string out;
        out.reserve(line.size() + 8);
        for (size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '\n' && (i == 0 || line[i - 1] != '\r'))
                out += '\r';
            out += line[i];
        }
        out += "\r\n";
        return out;
    }
    }
    return line;
}

} // namespace sb
