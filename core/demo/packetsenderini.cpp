// Packet Sender's packets.ini: QSettings' INI format read the way QSettings reads it
// (qtbase src/corelib/io/qsettings.cpp: iniUnescapedKey, iniUnescapedStringList,
// stringToVariant), for the keys Packet::saveToDB writes.
#include "core/demo/packetsender.h"
#include "core/demo/utf16.h"
#include "core/text/payload.h"

#include <cstdint>
#include <map>

namespace sb {
namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

/// A key or group as QSettings wrote it: '\' for '/', %XX a Latin-1 character, %UXXXX a UTF-16
/// unit; any other byte is a Latin-1 character.
std::string unescapeKey(std::string_view key)
{
    std::vector<uint32_t> units;
    for (size_t i = 0; i < key.size();) {
        const char c = key[i];
        if (c == '\\') {
            units.push_back('/');
            ++i;
            continue;
        }
        if (c == '%' && i + 1 < key.size()) {
            const size_t first = key[i + 1] == 'U' ? i + 2 : i + 1;
            const size_t digits = key[i + 1] == 'U' ? 4 : 2;
            uint32_t v = 0;
            bool ok = first + digits <= key.size();
            for (size_t k = 0; ok && k < digits; ++k) {
                const int d = hexDigitValue(key[first + k]);
                ok = d >= 0;
                v = v * 16 + uint32_t(d < 0 ? 0 : d);
            }
            if (ok) {
                units.push_back(v);
                i = first + digits;
                continue;
            }
        }
        units.push_back(static_cast<unsigned char>(c));
        ++i;
    }
    return utf16::toUtf8(units);
}

/// A value as QSettings wrote it, into UTF-16 units (or code points): quotes dropped, C escapes
/// with \x and octal of any length (QSettings writes \x followed by a digit as two escapes), and
/// the bytes of the file read as UTF-8.
std::vector<uint32_t> unescapeValue(std::string_view value)
{
    std::vector<uint32_t> out;
    size_t i = 0;
    while (i < value.size()) {
        const char c = value[i];
        if (c == '"') {
            ++i;
            continue;
        }
        if (c != '\\' || i + 1 >= value.size()) {
            out.push_back(utf16::nextCodePoint(value, i));
            continue;
        }
        const char e = value[i + 1];
        i += 2;
        switch (e) {
        case 'a':
            out.push_back('\a');
            break;
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'v':
            out.push_back('\v');
            break;
        case 'x': {
            uint32_t v = 0;
            while (i < value.size() && hexDigitValue(value[i]) >= 0 && v < 0x10ffff)
                v = v * 16 + uint32_t(hexDigitValue(value[i++]));
            out.push_back(v);
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                uint32_t v = uint32_t(e - '0');
                while (i < value.size() && value[i] >= '0' && value[i] <= '7' && v < 0x10ffff)
                    v = v * 8 + uint32_t(value[i++] - '0');
                out.push_back(v);
            } else { // \" \' \\ \? and anything else: the character itself
                --i;
                out.push_back(utf16::nextCodePoint(value, i));
            }
        }
    }
    return out;
}

/// The string a value stands for: @ByteArray(...) is its bytes, "@@" a leading '@'.
std::string valueText(std::string_view raw)
{
    const std::vector<uint32_t> units = unescapeValue(raw);
    std::string text = utf16::toUtf8(units);
    if (text.starts_with("@ByteArray(") && text.ends_with(")")) {
        // Written Latin-1, one character a byte: take the units back as bytes.
        std::string bytes;
        for (size_t k = 11; k + 1 < units.size(); ++k)
            bytes += char(units[k] & 0xff);
        return bytes;
    }
    if (text.starts_with("@@"))
        return text.substr(1);
    if (text.starts_with("@"))
        return {}; // @Variant(...), @Rect(...): nothing Packet Sender writes for these keys
    return text;
}

} // namespace

Result<std::vector<PacketSenderPacket>> parsePacketSenderIni(std::string_view text)
{
    // Every key by its whole path ("NAMES/1/name", "My packet/hexString").
    std::map<std::string, std::string> keys;
    std::string group;
    size_t pos = 0;
    int lineNo = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = trimmed(text.substr(pos, end - pos));
        pos = end + 1;
        ++lineNo;
        if (line.empty() || line[0] == ';' || line[0] == '#')
            continue;
        if (line[0] == '[') {
            const size_t close = line.find(']');
            if (close == std::string_view::npos)
                return InputError {"packets.ini:" + std::to_string(lineNo) + ": '"
                                   + std::string(line.substr(0, 40)) + "' has no ']'"};
            group = unescapeKey(line.substr(1, close - 1));
            if (group == "General")
                group.clear();
            else if (group == "%General") // QSettings' escape for a group really named so
                group = "General";
            continue;
        }
        const size_t eq = line.find('=');
        if (eq == std::string_view::npos)
            continue; // QSettings skips a line that is no key=value
        const std::string key = unescapeKey(trimmed(line.substr(0, eq)));
        keys[group.empty() ? key : group + "/" + key] = valueText(trimmed(line.substr(eq + 1)));
    }
    auto value = [&](const std::string &key) {
        const auto it = keys.find(key);
        return it == keys.end() ? std::string() : it->second;
    };
    const std::string sizeText = value("NAMES/size");
    if (sizeText.empty())
        return InputError {"packets.ini: no [NAMES] list (size=N, 1\\name=...): is this Packet "
                           "Sender's packets.ini?"};
    const long size = std::strtol(sizeText.c_str(), nullptr, 10);
    std::vector<PacketSenderPacket> packets;
    for (long i = 1; i <= size && i <= 100000; ++i) {
        const std::string name = value("NAMES/" + std::to_string(i) + "/name");
        if (name.empty())
            continue;
        PacketSenderPacket p;
        const std::string prefix = name + "/";
        p.name = name;
        p.hexString = value(prefix + "hexString");
        p.toIP = value(prefix + "toIP");
        p.port = unsigned(std::strtoul(value(prefix + "port").c_str(), nullptr, 10));
        p.tcpOrUdp = value(prefix + "tcpOrUdp");
        p.fromIP = value(prefix + "fromIP");
        p.repeat = value(prefix + "repeat");
        p.sendResponse = value(prefix + "sendResponse");
        packets.push_back(std::move(p));
    }
    return packets;
}

} // namespace sb
