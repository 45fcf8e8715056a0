#include "core/demo/packetsender.h"

#include "core/text/endpointspec.h"
#include "core/text/payload.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace sb {
namespace {

/// Packet::HEXtoByteArray is QByteArray::fromHex: whatever is not a hex digit is skipped, and
/// digits pair from the end, so an odd first digit is a byte of its own.
std::string bytesOfHex(const std::string &hex)
{
    std::string digits;
    for (char c : hex)
        if (hexDigitValue(c) >= 0)
            digits += c;
    if (digits.size() % 2)
        digits.insert(digits.begin(), '0');
    std::string out;
    for (size_t i = 0; i < digits.size(); i += 2)
        out += char(hexDigitValue(digits[i]) * 16 + hexDigitValue(digits[i + 1]));
    return out;
}

/// Text a person would rather read than hex: printable ASCII, tab, CR, LF, valid UTF-8.
bool readsAsText(const std::string &bytes)
{
    if (bytes.empty())
        return true;
    for (size_t i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f)) {
            ++i;
            continue;
        }
        const size_t n = c >= 0xf0 && c <= 0xf4 ? 4
                : c >= 0xe0 && c < 0xf0         ? 3
                : c >= 0xc2 && c < 0xe0         ? 2
                                                : 0;
        if (n == 0 || i + n > bytes.size())
            return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

} // namespace

PacketSenderImport convertPacketSender(const std::vector<PacketSenderPacket> &packets)
{
    PacketSenderImport out;
    std::set<std::string> names;
    for (const auto &p : packets) {
        SavedMessage m;
        m.name = p.name.empty() ? "packet" : p.name;
        for (int n = 2; names.count(m.name); ++n)
            m.name = (p.name.empty() ? "packet" : p.name) + " (" + std::to_string(n) + ")";
        names.insert(m.name);
        if (m.name != p.name)
            out.warnings.push_back("'" + p.name + "' is named '" + m.name + "' here");
        const std::string bytes = bytesOfHex(p.hexString);
        if (readsAsText(bytes)) {
            m.payload.kind = MessagePayload::Kind::Text;
            const std::string quoted = quotedText(bytes);
            m.payload.text = quoted.substr(1, quoted.size() - 2);
        } else {
            m.payload.kind = MessagePayload::Kind::Hex;
            m.payload.text = toHex(bytes);
        }
        const std::string proto = lower(p.tcpOrUdp);
        const char *scheme = proto == "udp"              ? "udp"
                : proto.find("ssl") != std::string::npos ? "tls"
                : proto.find("tcp") != std::string::npos ? "tcp"
                                                         : nullptr;
        if (!scheme) {
            out.warnings.push_back("'" + m.name + "': protocol '" + p.tcpOrUdp
                                   + "' is not TCP, UDP or SSL; imported without a target");
        } else if (p.toIP.empty() || p.port == 0 || p.port > 65535) {
            out.warnings.push_back("'" + m.name
                                   + "': no address and port; imported without a "
                                     "target");
        } else {
            const bool v6 = p.toIP.find(':') != std::string::npos && p.toIP[0] != '[';
            const std::string target = std::string(scheme) + "://" + (v6 ? "[" : "") + p.toIP
                    + (v6 ? "]" : "") + ":" + std::to_string(p.port);
            if (auto spec = parseEndpoint(target); spec)
                m.target = target;
            else
                out.warnings.push_back("'" + m.name + "': " + spec.error()
                                       + "; imported without a target");
        }
        out.messages.push_back(std::move(m));
    }
    return out;
}

Result<PacketSenderImport> importPacketSender(std::string_view text)
{
    size_t first = 0;
    while (first < text.size() && std::isspace(static_cast<unsigned char>(text[first])))
        ++first;
    // A UTF-8 byte order mark, as some editors leave in front.
    if (text.substr(first).starts_with("\xef\xbb\xbf"))
        first += 3;
    // Both begin with '[': a JSON array then holds '{' or ']', an INI group a name.
    size_t next = first + 1;
    while (next < text.size() && std::isspace(static_cast<unsigned char>(text[next])))
        ++next;
    const bool json = first < text.size() && text[first] == '[' && next < text.size()
            && (text[next] == '{' || text[next] == ']');
    auto packets = json ? parsePacketSenderJson(text.substr(first))
                        : parsePacketSenderIni(text.substr(first));
    if (!packets)
        return InputError {packets.error()};
    return convertPacketSender(*packets);
}

} // namespace sb
