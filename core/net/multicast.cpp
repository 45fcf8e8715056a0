#include "core/net/multicast.h"

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace sb {
namespace {

/// An interface as the option structs want it: its number and, for IPv4, an address of it.
struct Iface
{
    unsigned index = 0;
    in_addr v4 {}; ///< INADDR_ANY when unknown
    int err = 0; ///< ENODEV: no interface of that name
};

in_addr ipv4Of(const Address &a)
{
    return reinterpret_cast<const sockaddr_in *>(a.sockaddrPtr())->sin_addr;
}

/// The first IPv4 address of the interface named name; INADDR_ANY if it has none.
in_addr firstIpv4(const std::string &name)
{
    in_addr out {};
    ifaddrs *list = nullptr;
    if (getifaddrs(&list) != 0)
        return out;
    for (ifaddrs *i = list; i; i = i->ifa_next) {
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && name == i->ifa_name) {
            out = reinterpret_cast<const sockaddr_in *>(i->ifa_addr)->sin_addr;
            break;
        }
    }
    freeifaddrs(list);
    return out;
}

/// "" is the kernel's choice; an IPv4 literal names the interface by its address; anything
/// else is an interface name.
Iface resolveIface(const std::string &text)
{
    Iface out;
    if (text.empty())
        return out;
    if (const Address a = Address::ip(text, 0); a.valid() && a.family() == AF_INET) {
        out.v4 = ipv4Of(a);
        return out;
    }
    out.index = if_nametoindex(text.c_str());
    if (out.index == 0) {
        out.err = ENODEV;
        return out;
    }
    out.v4 = firstIpv4(text);
    return out;
}

const char *membershipOption(const GroupSpec &g, bool join)
{
    if (g.group.family() == AF_INET6)
        return join ? "IPV6_JOIN_GROUP" : "IPV6_LEAVE_GROUP";
    if (g.source)
        return join ? "IP_ADD_SOURCE_MEMBERSHIP" : "IP_DROP_SOURCE_MEMBERSHIP";
    return join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP";
}

int setMembership(SysContext ctx, int fd, const GroupSpec &g, const Iface &iface, bool join)
{
    if (g.group.family() == AF_INET6) {
        ipv6_mreq m {};
        m.ipv6mr_multiaddr
                = reinterpret_cast<const sockaddr_in6 *>(g.group.sockaddrPtr())->sin6_addr;
        m.ipv6mr_interface = iface.index;
        return sys::setsockopt(ctx, fd, IPPROTO_IPV6, join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP, &m,
                               sizeof m);
    }
    if (g.source) {
        ip_mreq_source m {};
        m.imr_multiaddr = ipv4Of(g.group);
        m.imr_interface = iface.v4;
        m.imr_sourceaddr = ipv4Of(*g.source);
        return sys::setsockopt(ctx, fd, IPPROTO_IP,
                               join ? IP_ADD_SOURCE_MEMBERSHIP : IP_DROP_SOURCE_MEMBERSHIP, &m,
                               sizeof m);
    }
    ip_mreqn m {};
    m.imr_multiaddr = ipv4Of(g.group);
    m.imr_address = iface.v4;
    m.imr_ifindex = static_cast<int>(iface.index);
    return sys::setsockopt(ctx, fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &m,
                           sizeof m);
}

/// setsockopt of an int option; a failure is appended to failures.
void setInt(SysContext ctx, int fd, int level, int name, const char *optName, int value,
            std::vector<MulticastFailure> &failures)
{
    if (sys::setsockopt(ctx, fd, level, name, &value, sizeof value) != 0)
        failures.push_back(
                {"setsockopt", errno, std::string(optName) + "=" + std::to_string(value)});
}

void setSendIface(SysContext ctx, int fd, int family, const std::string &text,
                  std::vector<MulticastFailure> &failures)
{
    const char *name = family == AF_INET6 ? "IPV6_MULTICAST_IF" : "IP_MULTICAST_IF";
    const Iface iface = resolveIface(text);
    if (iface.err) {
        failures.push_back({"setsockopt", iface.err,
                            std::string(name) + " " + text + ": no interface of that name"});
        return;
    }
    int r;
    if (family == AF_INET6) {
        const int index = static_cast<int>(iface.index);
        r = sys::setsockopt(ctx, fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof index);
    } else if (iface.index == 0) {
        r = sys::setsockopt(ctx, fd, IPPROTO_IP, IP_MULTICAST_IF, &iface.v4, sizeof iface.v4);
    } else {
        ip_mreqn m {};
        m.imr_address = iface.v4;
        m.imr_ifindex = static_cast<int>(iface.index);
        r = sys::setsockopt(ctx, fd, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof m);
    }
    if (r != 0)
        failures.push_back({"setsockopt", errno, std::string(name) + " " + text});
}

} // namespace

MulticastFailure changeMembership(SysContext ctx, int fd, const GroupSpec &group, bool join)
{
    MulticastFailure out {join ? "join" : "leave", 0,
                          std::string(membershipOption(group, join)) + " " + group.toString(),
                          membershipOption(group, join)};
    const Iface iface = resolveIface(group.iface);
    if (iface.err) {
        out.err = iface.err;
        out.detail += ": no interface named " + group.iface;
        return out;
    }
    if (group.group.family() == AF_INET6 && !group.iface.empty() && iface.index == 0) {
        out.err = ENODEV;
        out.detail += ": an IPv6 join names its interface by name (lo, eth0), not by address";
        return out;
    }
    if (setMembership(ctx, fd, group, iface, join) != 0)
        out.err = errno;
    return out;
}

std::vector<MulticastFailure> applyMulticastOptions(SysContext ctx, int fd, int family,
                                                    const MulticastSettings &s)
{
    std::vector<MulticastFailure> failures;
    const bool v6 = family == AF_INET6;
    if (s.broadcast)
        setInt(ctx, fd, SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST", 1, failures);
    if (!s.sendIface.empty())
        setSendIface(ctx, fd, family, s.sendIface, failures);
    if (s.ttl)
        setInt(ctx, fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL,
               v6 ? "IPV6_MULTICAST_HOPS" : "IP_MULTICAST_TTL", *s.ttl, failures);
    if (s.loop)
        setInt(ctx, fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
               v6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP,
               v6 ? "IPV6_MULTICAST_LOOP" : "IP_MULTICAST_LOOP", *s.loop ? 1 : 0, failures);
    if (s.all && !v6)
        setInt(ctx, fd, IPPROTO_IP, IP_MULTICAST_ALL, "IP_MULTICAST_ALL", *s.all ? 1 : 0, failures);
    return failures;
}

} // namespace sb
