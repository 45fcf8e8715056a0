#include "core/text/groupspec.h"

#include <netinet/in.h>

namespace sb {

bool isMulticast(const Address &address)
{
    if (address.family() == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(address.sockaddrPtr());
        return IN_MULTICAST(ntohl(in->sin_addr.s_addr));
    }
    if (address.family() == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(address.sockaddrPtr());
        return IN6_IS_ADDR_MULTICAST(&in6->sin6_addr);
    }
    return false;
}

std::string GroupSpec::toString() const
{
    std::string s = group.host();
    if (!iface.empty())
        s += "%" + iface;
    if (source)
        s += " from " + source->host();
    return s;
}

Result<GroupSpec> parseGroupSpec(std::string_view text)
{
    GroupSpec spec;
    const auto percent = text.find('%');
    const std::string host(text.substr(0, percent));
    if (percent != std::string_view::npos) {
        spec.iface = std::string(text.substr(percent + 1));
        if (spec.iface.empty())
            return InputError {"'" + std::string(text) + "': no interface after %"};
    }
    spec.group = Address::ip(host, 0);
    if (!spec.group.valid())
        return InputError {"'" + host + "' is not an IPv4 or IPv6 address"};
    if (!isMulticast(spec.group))
        return InputError {"'" + host
                           + "' is not a multicast group (IPv4 224.0.0.0/4, IPv6 ff00::/8)"};
    return spec;
}

Result<bool> setGroupSource(GroupSpec &spec, std::string_view source)
{
    const Address address = Address::ip(std::string(source), 0);
    if (!address.valid())
        return InputError {"'" + std::string(source) + "' is not an IP address"};
    if (spec.group.family() != AF_INET)
        return InputError {"source-specific joins are IPv4 only here (" + spec.group.host()
                           + " is IPv6)"};
    if (address.family() != AF_INET || isMulticast(address))
        return InputError {"'" + std::string(source) + "' is not a unicast IPv4 source"};
    spec.source = address;
    return true;
}

} // namespace sb
