#include "core/text/endpointspec.h"

#include <charconv>
#include <cstring>

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace sb {
namespace {

struct Scheme
{
    std::string_view name;
    Transport transport;
};

constexpr Scheme kSchemes[] = {
        {"tcp", Transport::Tcp},
        {"udp", Transport::Udp},
        {"unix", Transport::UnixStream},
        {"unix-stream", Transport::UnixStream},
        {"unix-dgram", Transport::UnixDgram},
        {"unix-seqpacket", Transport::UnixSeqpacket},
        {"tls", Transport::Tcp},
};

/// The port of a service name in /etc/services for proto ("tcp", "udp"), as getaddrinfo and
/// nc take "openvpn" for 1194; 0 when there is none. Reads local files only (NSS "services").
uint16_t servicePort(const std::string &name, const char *proto)
{
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '+' || c == '/';
        if (!ok)
            return 0;
    }
    servent entry {};
    servent *found = nullptr;
    char buffer[1024];
    if (getservbyname_r(name.c_str(), proto, &entry, buffer, sizeof buffer, &found) != 0 || !found)
        return 0;
    return ntohs(static_cast<uint16_t>(found->s_port));
}

Result<uint16_t> parsePort(std::string_view text, Transport transport)
{
    if (text.empty())
        return InputError {"missing port (use :0 to let the kernel choose)"};
    unsigned long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range
        || (ec == std::errc() && end == text.data() + text.size() && value > 65535))
        return InputError {"port " + std::string(text) + " is out of range 0..65535"};
    if (ec == std::errc() && end == text.data() + text.size())
        return static_cast<uint16_t>(value);
    const bool startsWithLetter
            = (text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z');
    const char *proto = transport == Transport::Udp ? "udp" : "tcp";
    if (startsWithLetter) {
        if (const uint16_t port = servicePort(std::string(text), proto))
            return port;
        return InputError {"port '" + std::string(text) + "' is not a number, nor a " + proto
                           + " service of /etc/services"};
    }
    return InputError {"port '" + std::string(text) + "' is not a number"};
}

} // namespace

bool EndpointSpec::isUnix() const
{
    return transport != Transport::Tcp && transport != Transport::Udp;
}

std::string EndpointSpec::toString() const
{
    std::string s = std::string(tls ? "tls" : schemeName(transport)) + "://";
    if (isUnix())
        return s + host;
    if (host.find(':') != std::string::npos)
        return s + "[" + host + "]:" + std::to_string(port);
    return s + host + ":" + std::to_string(port);
}

Result<EndpointSpec> parseEndpoint(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.empty())
        return InputError {"empty endpoint: expected e.g. tcp://127.0.0.1:7 or unix:///tmp/sock"};
    const auto sep = text.find("://");
    if (sep == std::string_view::npos)
        return InputError {"'" + std::string(text)
                           + "' has no scheme: expected tcp://, udp://, tls://, unix://, "
                             "unix-dgram:// or unix-seqpacket://"};
    const std::string_view scheme = text.substr(0, sep);
    std::string_view rest = text.substr(sep + 3);
    EndpointSpec spec;
    bool known = false;
    for (const Scheme &s : kSchemes) {
        if (s.name == scheme) {
            spec.transport = s.transport;
            spec.tls = s.name == "tls";
            known = true;
        }
    }
    if (!known)
        return InputError {"unknown scheme '" + std::string(scheme)
                           + "': expected tcp, udp, tls, unix, unix-dgram or unix-seqpacket"};
    if (spec.tls && (rest.empty() || rest.front() == '/' || rest.front() == '@'))
        return InputError {
                "'" + std::string(text)
                + "': TLS runs over TCP here: expected tls://HOST:PORT, not a UNIX path"};

    if (spec.isUnix()) {
        if (rest.empty())
            return InputError {"missing UNIX path: expected unix:///path or unix://@name"};
        if (rest.find('\0') != std::string_view::npos)
            return InputError {"UNIX path contains a NUL byte"};
        // Abstract names have no terminator, so one more byte fits.
        const size_t limit = rest[0] == '@' ? kMaxUnixPath + 1 : kMaxUnixPath;
        if (rest.size() > limit)
            return InputError {"UNIX path is " + std::to_string(rest.size())
                               + " bytes; the limit is " + std::to_string(limit)};
        if (rest == "@")
            return InputError {"abstract UNIX name is empty: expected unix://@name"};
        spec.host = std::string(rest);
        return spec;
    }

    std::string_view host;
    std::string_view port;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string_view::npos)
            return InputError {"IPv6 address has no closing ']'"};
        host = rest.substr(1, close - 1);
        const std::string_view after = rest.substr(close + 1);
        if (after.empty() || after.front() != ':')
            return InputError {"missing port after [" + std::string(host) + "]"};
        port = after.substr(1);
        if (host.empty())
            return InputError {"empty IPv6 address in []"};
        if (!Address::ip(std::string(host), 0).valid()) {
            // Name the part that is wrong: the address, or the interface after its '%'.
            const auto pct = host.find('%');
            const std::string addr(host.substr(0, pct));
            if (pct != std::string_view::npos && Address::ip(addr, 0).valid()) {
                const std::string zone(host.substr(pct + 1));
                return InputError {zone.empty() ? "empty scope id after '%' in '"
                                                   + std::string(host) + "'"
                                                : "scope id '" + zone + "' in '" + std::string(host)
                                                   + "' is not a network interface"};
            }
            return InputError {"malformed IPv6 address '" + addr + "'"};
        }
        if (Address::ip(std::string(host), 0).family() != AF_INET6)
            return InputError {"'" + std::string(host) + "' in [] is not an IPv6 address"};
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string_view::npos)
            return InputError {"missing port: expected " + std::string(scheme) + "://HOST:PORT"};
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
        if (host.find(':') != std::string_view::npos)
            return InputError {"IPv6 address must be in brackets: " + std::string(scheme) + "://["
                               + std::string(host) + "]:" + std::string(port)};
        if (host == "*")
            host = {};
        for (char c : host) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!ok)
                return InputError {"host '" + std::string(host) + "' has an invalid character '"
                                   + std::string(1, c) + "'"};
        }
    }
    auto p = parsePort(port, spec.transport);
    if (!p)
        return InputError {p.error()};
    spec.host = std::string(host);
    spec.port = *p;
    return spec;
}

Result<std::vector<Address>> resolveEndpoint(const EndpointSpec &spec, FamilyPref pref,
                                             bool passive)
{
    std::vector<Address> out;
    if (spec.isUnix()) {
        out.push_back(Address::unixPath(spec.host));
        return out;
    }
    if (spec.host.empty()) {
        // No host: the wildcard to listen on, loopback to talk to.
        if (pref == FamilyPref::V6)
            out.push_back(passive ? Address::ipv6Any(spec.port) : Address::ip("::1", spec.port));
        else if (passive)
            out.push_back(Address::ipv4Any(spec.port));
        else
            out.push_back(Address::ip("127.0.0.1", spec.port));
        return out;
    }
    if (Address a = Address::ip(spec.host, spec.port); a.valid()) {
        if ((pref == FamilyPref::V4 && a.family() != AF_INET)
            || (pref == FamilyPref::V6 && a.family() != AF_INET6))
            return InputError {"'" + spec.host + "' is not an "
                               + (pref == FamilyPref::V4 ? "IPv4" : "IPv6") + " address"};
        out.push_back(a);
        return out;
    }
    addrinfo hints {};
    hints.ai_family = pref == FamilyPref::V4 ? AF_INET
            : pref == FamilyPref::V6         ? AF_INET6
                                             : AF_UNSPEC;
    hints.ai_socktype = socketType(spec.transport);
    hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
    addrinfo *res = nullptr;
    const std::string port = std::to_string(spec.port);
    const int rc = getaddrinfo(spec.host.c_str(), port.c_str(), &hints, &res);
    if (rc != 0)
        return InputError {"cannot resolve '" + spec.host + "': " + gai_strerror(rc)};
    for (addrinfo *ai = res; ai; ai = ai->ai_next)
        out.push_back(Address::fromSockaddr(ai->ai_addr, ai->ai_addrlen));
    freeaddrinfo(res);
    if (out.empty())
        return InputError {"'" + spec.host + "' has no address"};
    return out;
}

std::string formatEndpoint(Transport transport, const Address &address)
{
    std::string s = std::string(schemeName(transport)) + "://";
    if (address.isUnix())
        return s + address.host();
    return s + address.toString();
}

const char *schemeName(Transport transport)
{
    switch (transport) {
    case Transport::Tcp:
        return "tcp";
    case Transport::Udp:
        return "udp";
    case Transport::UnixStream:
        return "unix";
    case Transport::UnixDgram:
        return "unix-dgram";
    case Transport::UnixSeqpacket:
        return "unix-seqpacket";
    }
    return "?";
}

bool isConnectionOriented(Transport transport)
{
    return transport == Transport::Tcp || transport == Transport::UnixStream
            || transport == Transport::UnixSeqpacket;
}

int socketType(Transport transport)
{
    switch (transport) {
    case Transport::Tcp:
    case Transport::UnixStream:
        return SOCK_STREAM;
    case Transport::Udp:
    case Transport::UnixDgram:
        return SOCK_DGRAM;
    case Transport::UnixSeqpacket:
        return SOCK_SEQPACKET;
    }
    return SOCK_STREAM;
}

std::string protoName(Transport transport, int family)
{
    if (family == AF_UNIX)
        return "unix";
    std::string base = transport == Transport::Udp ? "udp" : "tcp";
    return family == AF_INET6 ? base + "6" : base;
}

} // namespace sb
