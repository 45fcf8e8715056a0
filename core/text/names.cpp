#include "core/text/names.h"

#include <cstdio>

#include <netinet/in.h>
#include <sys/socket.h>

namespace sb {
namespace {

constexpr ConstantName kFamilies[] = {
        {AF_UNSPEC, "AF_UNSPEC"}, {AF_UNIX, "AF_UNIX"},       {AF_INET, "AF_INET"},
        {AF_INET6, "AF_INET6"},   {AF_NETLINK, "AF_NETLINK"}, {AF_PACKET, "AF_PACKET"},
};
constexpr ConstantName kSocketTypes[] = {
        {SOCK_STREAM, "SOCK_STREAM"},       {SOCK_DGRAM, "SOCK_DGRAM"}, {SOCK_RAW, "SOCK_RAW"},
        {SOCK_SEQPACKET, "SOCK_SEQPACKET"}, {SOCK_RDM, "SOCK_RDM"},
};
constexpr ConstantName kSocketTypeFlags[] = {
        {SOCK_NONBLOCK, "SOCK_NONBLOCK"},
        {SOCK_CLOEXEC, "SOCK_CLOEXEC"},
};
constexpr ConstantName kAcceptFlags[] = {
        {SOCK_CLOEXEC, "SOCK_CLOEXEC"},
        {SOCK_NONBLOCK, "SOCK_NONBLOCK"},
};
constexpr ConstantName kProtocols[] = {
        {IPPROTO_IP, "IPPROTO_IP"},           {IPPROTO_TCP, "IPPROTO_TCP"},
        {IPPROTO_UDP, "IPPROTO_UDP"},         {IPPROTO_ICMP, "IPPROTO_ICMP"},
        {IPPROTO_ICMPV6, "IPPROTO_ICMPV6"},   {IPPROTO_SCTP, "IPPROTO_SCTP"},
        {IPPROTO_UDPLITE, "IPPROTO_UDPLITE"},
};
// The SOL_ names Linux gives the protocol numbers when they are option levels.
constexpr ConstantName kLevels[] = {
        {SOL_SOCKET, "SOL_SOCKET"}, {IPPROTO_IP, "SOL_IP"},   {IPPROTO_TCP, "SOL_TCP"},
        {IPPROTO_IPV6, "SOL_IPV6"}, {IPPROTO_UDP, "SOL_UDP"},
};
constexpr ConstantName kMsgFlags[] = {
        {MSG_OOB, "MSG_OOB"},
        {MSG_PEEK, "MSG_PEEK"},
        {MSG_DONTROUTE, "MSG_DONTROUTE"},
        {MSG_CTRUNC, "MSG_CTRUNC"},
        {MSG_TRUNC, "MSG_TRUNC"},
        {MSG_DONTWAIT, "MSG_DONTWAIT"},
        {MSG_EOR, "MSG_EOR"},
        {MSG_WAITALL, "MSG_WAITALL"},
        {MSG_CONFIRM, "MSG_CONFIRM"},
        {MSG_ERRQUEUE, "MSG_ERRQUEUE"},
        {MSG_NOSIGNAL, "MSG_NOSIGNAL"},
        {MSG_MORE, "MSG_MORE"},
        {MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC"},
};
constexpr ConstantName kShutdown[] = {
        {SHUT_RD, "SHUT_RD"},
        {SHUT_WR, "SHUT_WR"},
        {SHUT_RDWR, "SHUT_RDWR"},
};

} // namespace

std::span<const ConstantName> familyNames() { return kFamilies; }
std::span<const ConstantName> socketTypeNames() { return kSocketTypes; }
std::span<const ConstantName> socketTypeFlagNames() { return kSocketTypeFlags; }
std::span<const ConstantName> acceptFlagNames() { return kAcceptFlags; }
std::span<const ConstantName> protocolNames() { return kProtocols; }
std::span<const ConstantName> levelNames() { return kLevels; }
std::span<const ConstantName> msgFlagNames() { return kMsgFlags; }
std::span<const ConstantName> shutdownNames() { return kShutdown; }

const char *findName(std::span<const ConstantName> table, int64_t value)
{
    for (const ConstantName &n : table) {
        if (n.value == value)
            return n.name;
    }
    return nullptr;
}

std::string nameOr(std::span<const ConstantName> table, int64_t value)
{
    const char *name = findName(table, value);
    return name ? std::string(name) : std::to_string(value);
}

std::string flagNames(std::span<const ConstantName> table, int64_t value)
{
    std::string out;
    for (const ConstantName &n : table) {
        if (n.value != 0 && (value & n.value) == n.value) {
            if (!out.empty())
                out += '|';
            out += n.name;
            value &= ~n.value;
        }
    }
    if (value != 0 || out.empty()) {
        if (!out.empty())
            out += '|';
        char buf[32];
        std::snprintf(buf, sizeof buf, value ? "%#llx" : "0", static_cast<long long>(value));
        out += buf;
    }
    return out;
}

bool findValue(std::span<const ConstantName> table, std::string_view name, int64_t *value)
{
    for (const ConstantName &n : table) {
        if (name == n.name) {
            *value = n.value;
            return true;
        }
    }
    return false;
}

std::string familyName(int family) { return nameOr(kFamilies, family); }

std::string socketTypeName(int type) { return nameOr(kSocketTypes, type); }

std::string protocolName(int protocol)
{
    return protocol == 0 ? std::string("0") : nameOr(kProtocols, protocol);
}

std::string levelName(int level) { return nameOr(kLevels, level); }

std::string shutdownName(int how) { return nameOr(kShutdown, how); }

std::string msgFlagsName(int flags) { return flagNames(kMsgFlags, flags); }

} // namespace sb
