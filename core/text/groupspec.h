#pragma once

#include "core/text/address.h"
#include "core/text/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// One multicast group membership as a person writes it: "239.255.0.1%lo",
/// "ff02::1%lo", with an optional source for a source-specific (SSM) join. Value type.
struct GroupSpec
{
    Address group; ///< a multicast address (port 0)
    std::optional<Address> source; ///< SSM: only datagrams from this sender (IPv4 only)
    /// The interface to join on: a name ("lo"), an IPv4 address of it ("127.0.0.1"), or ""
    /// for the kernel's choice (the route to the group).
    std::string iface;

    /// "239.255.0.1%lo", "239.255.0.1%lo from 127.0.0.1"
    std::string toString() const;
};

/// "GROUP[%IFACE]": GROUP must be an IPv4 or IPv6 multicast literal (224.0.0.0/4, ff00::/8).
Result<GroupSpec> parseGroupSpec(std::string_view text);

/// A unicast address of the group's family as the source of an SSM join; IPv4 only.
Result<bool> setGroupSource(GroupSpec &spec, std::string_view source);

/// Whether address is a multicast group address (IPv4 or IPv6).
bool isMulticast(const Address &address);

/// What a datagram socket sets up for multicast and broadcast after its bind, in this order:
/// the options, then the joins.
struct MulticastSettings
{
    std::vector<GroupSpec> joins;
    /// IP_MULTICAST_IF / IPV6_MULTICAST_IF: an interface name or an IPv4 address; "" leaves
    /// the kernel's choice.
    std::string sendIface;
    std::optional<int> ttl; ///< IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS, 0..255
    std::optional<bool> loop; ///< IP_MULTICAST_LOOP / IPV6_MULTICAST_LOOP
    std::optional<bool> all; ///< IP_MULTICAST_ALL (IPv4; the kernel's default is 1)
    bool broadcast = false; ///< SO_BROADCAST

    bool empty() const
    {
        return joins.empty() && sendIface.empty() && !ttl && !loop && !all && !broadcast;
    }
};

} // namespace sb
