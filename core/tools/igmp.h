#pragma once

#include "core/text/address.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// One multicast group an interface of the machine has joined: a row of /proc/net/igmp or
/// /proc/net/igmp6, as netstat -g lists it. Value type.
struct GroupMembershipRow
{
    int ifindex = 0;
    std::string iface; ///< "lo"
    Address group; ///< 224.0.0.1, ff02::1 (port 0)
    uint32_t users = 0; ///< how many sockets (and the kernel itself) hold the membership
};

/// The rows of /proc/net/igmp's text: a device line ("1\tlo        :     1      V3") followed
/// by one indented line per group ("\t\t\t\t010000E0     1 0:00000000\t\t0"), the group in
/// hex as the kernel prints its network-order word on this machine. Lines it cannot read are
/// skipped.
std::vector<GroupMembershipRow> parseIgmp(std::string_view text);

/// The rows of /proc/net/igmp6's text: "1    lo              ff020000000000000000000000000001
/// 1 0000000C 0" (index, device, group in 32 hex digits, users, flags, timer).
std::vector<GroupMembershipRow> parseIgmp6(std::string_view text);

/// Both files of the machine's network namespace, IPv4 first. A file that cannot be read
/// adds "/proc/net/igmp: <strerror>" to errors. Blocks on file reads.
std::vector<GroupMembershipRow> readGroupMemberships(std::vector<std::string> *errors);

/// The table netstat -gn prints: "IPv6/IPv4 Group Memberships", then "Interface RefCnt Group".
std::string formatGroupMemberships(const std::vector<GroupMembershipRow> &rows);

} // namespace sb
