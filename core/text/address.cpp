#include "core/text/address.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/un.h>

namespace sb {

Address::Address() { std::memset(&m_storage, 0, sizeof m_storage); }

Address Address::fromSockaddr(const sockaddr *sa, socklen_t len)
{
    Address a;
    if (sa && len > 0) {
        a.m_len = std::min<socklen_t>(len, sizeof a.m_storage);
        std::memcpy(&a.m_storage, sa, a.m_len);
    }
    return a;
}

Address Address::ip(const std::string &literal, uint16_t port)
{
    Address a;
    auto *v4 = reinterpret_cast<sockaddr_in *>(&a.m_storage);
    if (inet_pton(AF_INET, literal.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        a.m_len = sizeof(sockaddr_in);
        return a;
    }
    // A scope id ("fe80::1%lo" or "fe80::1%1") names the interface of a link-local address.
    std::string host = literal;
    uint32_t scope = 0;
    if (auto pct = literal.find('%'); pct != std::string::npos) {
        host = literal.substr(0, pct);
        const std::string zone = literal.substr(pct + 1);
        if (zone.empty())
            return Address();
        char *end = nullptr;
        const unsigned long n = std::strtoul(zone.c_str(), &end, 10);
        if (*end == '\0' && n <= UINT32_MAX)
            scope = static_cast<uint32_t>(n);
        else if ((scope = if_nametoindex(zone.c_str())) == 0)
            return Address();
    }
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&a.m_storage);
    if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        v6->sin6_scope_id = scope;
        a.m_len = sizeof(sockaddr_in6);
        return a;
    }
    return Address();
}

Address Address::ipv4Any(uint16_t port) { return ip("0.0.0.0", port); }

Address Address::ipv6Any(uint16_t port) { return ip("::", port); }

Address Address::unixPath(const std::string &pathOrAbstract)
{
    Address a;
    auto *un = reinterpret_cast<sockaddr_un *>(&a.m_storage);
    un->sun_family = AF_UNIX;
    // A path keeps room for its NUL; an abstract name has none, so it may fill sun_path.
    const bool abstract = !pathOrAbstract.empty() && pathOrAbstract[0] == '@';
    const size_t n = std::min(pathOrAbstract.size(), sizeof un->sun_path - (abstract ? 0 : 1));
    std::memcpy(un->sun_path, pathOrAbstract.data(), n);
    if (abstract) {
        // Abstract namespace: a leading NUL and no terminator; the length says where it ends.
        un->sun_path[0] = '\0';
        a.m_len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + n);
    } else {
        a.m_len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + n + 1);
    }
    return a;
}

uint16_t Address::port() const
{
    if (family() == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&m_storage)->sin_port);
    if (family() == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&m_storage)->sin6_port);
    return 0;
}

void Address::setPort(uint16_t port)
{
    if (family() == AF_INET)
        reinterpret_cast<sockaddr_in *>(&m_storage)->sin_port = htons(port);
    else if (family() == AF_INET6)
        reinterpret_cast<sockaddr_in6 *>(&m_storage)->sin6_port = htons(port);
}

std::string Address::host() const
{
    char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 2] = {};
    if (family() == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(&m_storage)->sin_addr, buf,
                  sizeof buf);
        return buf;
    }
    if (family() == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&m_storage);
        inet_ntop(AF_INET6, &v6->sin6_addr, buf, sizeof buf);
        std::string s = buf;
        if (v6->sin6_scope_id != 0) {
            char name[IF_NAMESIZE] = {};
            s += '%';
            s += if_indextoname(v6->sin6_scope_id, name) ? std::string(name)
                                                         : std::to_string(v6->sin6_scope_id);
        }
        return s;
    }
    if (family() == AF_UNIX) {
        const auto *un = reinterpret_cast<const sockaddr_un *>(&m_storage);
        const size_t off = offsetof(sockaddr_un, sun_path);
        if (m_len <= off)
            return {};
        const size_t n = m_len - off;
        if (un->sun_path[0] == '\0')
            return "@" + std::string(un->sun_path + 1, n - 1);
        return std::string(un->sun_path, strnlen(un->sun_path, n));
    }
    return {};
}

std::string Address::toString() const
{
    if (!valid())
        return "(none)";
    if (family() == AF_INET)
        return host() + ":" + std::to_string(port());
    if (family() == AF_INET6)
        return "[" + host() + "]:" + std::to_string(port());
    if (family() == AF_UNIX) {
        std::string h = host();
        return h.empty() ? std::string("(unnamed)") : h;
    }
    return "(family " + std::to_string(family()) + ")";
}

std::string Address::toStrace() const
{
    if (!valid())
        return "NULL";
    const std::string port = "htons(" + std::to_string(this->port()) + ")";
    if (family() == AF_INET)
        return "{sa_family=AF_INET, sin_port=" + port + ", sin_addr=inet_addr(\"" + host() + "\")}";
    if (family() == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&m_storage);
        char buf[INET6_ADDRSTRLEN] = {};
        inet_ntop(AF_INET6, &v6->sin6_addr, buf, sizeof buf);
        return "{sa_family=AF_INET6, sin6_port=" + port + ", sin6_flowinfo=htonl("
                + std::to_string(ntohl(v6->sin6_flowinfo)) + "), inet_pton(AF_INET6, \"" + buf
                + "\", &sin6_addr), sin6_scope_id=" + std::to_string(v6->sin6_scope_id) + "}";
    }
    if (family() == AF_UNIX) {
        const std::string h = host();
        if (h.empty())
            return "{sa_family=AF_UNIX}";
        if (h[0] == '@')
            return "{sa_family=AF_UNIX, sun_path=@\"" + h.substr(1) + "\"}";
        return "{sa_family=AF_UNIX, sun_path=\"" + h + "\"}";
    }
    return "{sa_family=" + std::to_string(family()) + "}";
}

bool Address::operator==(const Address &other) const
{
    return m_len == other.m_len && std::memcmp(&m_storage, &other.m_storage, m_len) == 0;
}

} // namespace sb
