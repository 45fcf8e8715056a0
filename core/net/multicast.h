#pragma once

#include "core/net/sys.h"
#include "core/text/groupspec.h"

#include <string>
#include <vector>

namespace sb {

/// A multicast or broadcast setup step that failed: the Error event it becomes.
struct MulticastFailure
{
    std::string op; ///< "join", "leave", "setsockopt"
    int err = 0;
    std::string detail; ///< "IP_ADD_MEMBERSHIP 239.255.0.1%lo"
    std::string option; ///< changeMembership: "IP_ADD_MEMBERSHIP"
};

/// Joins (or leaves) group on fd through one traced setsockopt: IP_ADD_MEMBERSHIP (ip_mreqn),
/// IP_ADD_SOURCE_MEMBERSHIP (ip_mreq_source) or IPV6_JOIN_GROUP (ipv6_mreq), and their drop
/// and leave. An interface name that does not exist fails with ENODEV before any call.
/// Returns err 0 on success; the detail names the option and the group either way.
MulticastFailure changeMembership(SysContext ctx, int fd, const GroupSpec &group, bool join);

/// Sets the options settings ask on fd, a socket of family (AF_INET or AF_INET6):
/// SO_BROADCAST, the multicast interface, TTL (hops), loop and IP_MULTICAST_ALL; not the joins
/// (changeMembership, one by one). Every step is tried; the failures are returned in order.
std::vector<MulticastFailure> applyMulticastOptions(SysContext ctx, int fd, int family,
                                                    const MulticastSettings &settings);

} // namespace sb
