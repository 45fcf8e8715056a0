#include "core/text/mreqtext.h"

#include <cstring>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

namespace sb {
namespace {

std::string inetAddr(const in_addr &a)
{
    char buf[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &a, buf, sizeof buf);
    return std::string("inet_addr(\"") + buf + "\")";
}

std::string ifIndex(unsigned index)
{
    char name[IF_NAMESIZE] = {};
    if (index != 0 && if_indextoname(index, name))
        return std::string("if_nametoindex(\"") + name + "\")";
    return std::to_string(index);
}

template<typename T>
bool read(T *out, const void *value, socklen_t len)
{
    if (len < socklen_t(sizeof(T)))
        return false;
    std::memcpy(out, value, sizeof(T));
    return true;
}

std::string ipv4(int name, const void *value, socklen_t len)
{
    const bool membership = name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP;
    if (membership || name == IP_MULTICAST_IF) {
        if (ip_mreqn m {}; len >= socklen_t(sizeof m) && read(&m, value, len))
            return "{imr_multiaddr=" + inetAddr(m.imr_multiaddr)
                    + ", imr_address=" + inetAddr(m.imr_address)
                    + ", imr_ifindex=" + ifIndex(unsigned(m.imr_ifindex)) + "}";
        if (ip_mreq m {}; len >= socklen_t(sizeof m) && read(&m, value, len))
            return "{imr_multiaddr=" + inetAddr(m.imr_multiaddr)
                    + ", imr_interface=" + inetAddr(m.imr_interface) + "}";
        if (in_addr a {}; name == IP_MULTICAST_IF && read(&a, value, len))
            return "[" + inetAddr(a) + "]";
        return {};
    }
    if (name == IP_ADD_SOURCE_MEMBERSHIP || name == IP_DROP_SOURCE_MEMBERSHIP) {
        if (ip_mreq_source m {}; read(&m, value, len))
            return "{imr_multiaddr=" + inetAddr(m.imr_multiaddr)
                    + ", imr_interface=" + inetAddr(m.imr_interface)
                    + ", imr_sourceaddr=" + inetAddr(m.imr_sourceaddr) + "}";
    }
    return {};
}

std::string ipv6(int name, const void *value, socklen_t len)
{
    if (name != IPV6_JOIN_GROUP && name != IPV6_LEAVE_GROUP)
        return {};
    ipv6_mreq m {};
    if (!read(&m, value, len))
        return {};
    char buf[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, &m.ipv6mr_multiaddr, buf, sizeof buf);
    return std::string("{inet_pton(AF_INET6, \"") + buf
            + "\", &ipv6mr_multiaddr), ipv6mr_interface=" + ifIndex(m.ipv6mr_interface) + "}";
}

} // namespace

std::string describeMulticastOpt(int level, int name, const void *value, socklen_t len)
{
    if (!value)
        return {};
    if (level == IPPROTO_IP)
        return ipv4(name, value, len);
    if (level == IPPROTO_IPV6)
        return ipv6(name, value, len);
    return {};
}

} // namespace sb
