#pragma once

#include <string>

#include <sys/socket.h>

namespace sb {

/// The struct value of a multicast setsockopt as strace prints it, or "" when (level, name,
/// len) is not one: ip_mreq, ip_mreqn, ip_mreq_source, ipv6_mreq and IP_MULTICAST_IF's in_addr.
/// "{imr_multiaddr=inet_addr(\"239.255.0.1\"), imr_address=inet_addr(\"127.0.0.1\"),
/// imr_ifindex=if_nametoindex(\"lo\")}". Interface numbers are named when they exist.
std::string describeMulticastOpt(int level, int name, const void *value, socklen_t len);

} // namespace sb
