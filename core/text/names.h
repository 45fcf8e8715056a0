#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sb {

/// One constant of the socket API and the name C spells it with.
struct ConstantName
{
    int64_t value;
    const char *name;
};

// The tables: the one place where SockBench spells these names. Read-only, any thread.

/// AF_UNSPEC, AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET.
std::span<const ConstantName> familyNames();
/// SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET, SOCK_RDM.
std::span<const ConstantName> socketTypeNames();
/// The flags socket(2) takes in its type: SOCK_NONBLOCK, SOCK_CLOEXEC.
std::span<const ConstantName> socketTypeFlagNames();
/// The same flags in the order strace prints those of accept4(2).
std::span<const ConstantName> acceptFlagNames();
/// IPPROTO_IP (0), IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_SCTP,
/// IPPROTO_UDPLITE.
std::span<const ConstantName> protocolNames();
/// The option levels as setsockopt(2) names them: SOL_SOCKET, SOL_IP, SOL_TCP, SOL_IPV6, SOL_UDP.
std::span<const ConstantName> levelNames();
/// MSG_OOB, MSG_PEEK, ... in the order of their bits.
std::span<const ConstantName> msgFlagNames();
/// SHUT_RD, SHUT_WR, SHUT_RDWR.
std::span<const ConstantName> shutdownNames();

/// The name of value in table; nullptr when the table has none.
const char *findName(std::span<const ConstantName> table, int64_t value);
/// The name of value in table, or value in decimal.
std::string nameOr(std::span<const ConstantName> table, int64_t value);
/// A flag word as "A|B|0x40": the table's names in the table's order, then the unknown bits
/// in hex; "0" for none.
std::string flagNames(std::span<const ConstantName> table, int64_t value);
/// The value named name in table (exact spelling); false when it has none.
bool findValue(std::span<const ConstantName> table, std::string_view name, int64_t *value);

/// "AF_INET6"; the number otherwise.
std::string familyName(int family);
/// "SOCK_DGRAM"; the number otherwise ("0" for any type).
std::string socketTypeName(int type);
/// "IPPROTO_TCP"; "0" for 0 (the type's default protocol, as getaddrinfo and socket() read
/// it; the table names it IPPROTO_IP); the number otherwise.
std::string protocolName(int protocol);
/// "SOL_SOCKET", "SOL_TCP"; the number otherwise.
std::string levelName(int level);
/// "SHUT_RDWR"; the number otherwise.
std::string shutdownName(int how);
/// "MSG_OOB|MSG_DONTROUTE"; "0" for none; unknown bits in hex.
std::string msgFlagsName(int flags);

} // namespace sb
