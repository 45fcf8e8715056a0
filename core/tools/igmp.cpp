#include "core/tools/igmp.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include <netinet/in.h>

namespace sb {
namespace {

std::vector<std::string_view> lines(std::string_view text)
{
    std::vector<std::string_view> out;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        out.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos)
            break;
        text.remove_prefix(nl + 1);
    }
    return out;
}

std::vector<std::string_view> words(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == ':'))
            ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != ':')
            ++i;
        if (i > start)
            out.push_back(line.substr(start, i - start));
    }
    return out;
}

template<typename T>
bool number(std::string_view s, T *out, int base = 10)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out, base);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

Address ipv6FromHex(std::string_view hex)
{
    if (hex.size() != 32)
        return {};
    sockaddr_in6 sa {};
    sa.sin6_family = AF_INET6;
    for (size_t i = 0; i < 16; ++i)
        if (!number(hex.substr(i * 2, 2), &sa.sin6_addr.s6_addr[i], 16))
            return {};
    return Address::fromSockaddr(reinterpret_cast<const sockaddr *>(&sa), sizeof sa);
}

std::string readFile(const char *path, std::vector<std::string> *errors)
{
    std::ifstream in(path);
    if (!in) {
        if (errors)
            errors->push_back(std::string(path) + ": " + std::strerror(errno));
        return {};
    }
    std::ostringstream all;
    all << in.rdbuf();
    return all.str();
}

} // namespace

std::vector<GroupMembershipRow> parseIgmp(std::string_view text)
{
    std::vector<GroupMembershipRow> out;
    int ifindex = 0;
    std::string iface;
    for (std::string_view line : lines(text)) {
        const auto w = words(line);
        if (w.empty() || w[0] == "Idx")
            continue;
        const bool indented = line.front() == ' ' || line.front() == '\t';
        if (!indented) {
            // "1\tlo        :     1      V3": index, device, count, querier
            if (w.size() < 2 || !number(w[0], &ifindex))
                iface.clear();
            else
                iface = std::string(w[1]);
            continue;
        }
        // "\t\t\t\t010000E0     1 0:00000000\t\t0": group, users, timer, reporter
        uint32_t word = 0;
        GroupMembershipRow row;
        if (iface.empty() || w.size() < 2 || w[0].size() != 8 || !number(w[0], &word, 16)
            || !number(w[1], &row.users))
            continue;
        sockaddr_in sa {};
        sa.sin_family = AF_INET;
        // The kernel prints the network-order word as a number of this machine's order.
        std::memcpy(&sa.sin_addr.s_addr, &word, sizeof word);
        row.ifindex = ifindex;
        row.iface = iface;
        row.group = Address::fromSockaddr(reinterpret_cast<const sockaddr *>(&sa), sizeof sa);
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<GroupMembershipRow> parseIgmp6(std::string_view text)
{
    std::vector<GroupMembershipRow> out;
    for (std::string_view line : lines(text)) {
        const auto w = words(line);
        GroupMembershipRow row;
        if (w.size() < 4 || !number(w[0], &row.ifindex) || !number(w[3], &row.users))
            continue;
        row.iface = std::string(w[1]);
        row.group = ipv6FromHex(w[2]);
        if (row.group.valid())
            out.push_back(std::move(row));
    }
    return out;
}

std::vector<GroupMembershipRow> readGroupMemberships(std::vector<std::string> *errors)
{
    std::vector<GroupMembershipRow> rows = parseIgmp(readFile("/proc/net/igmp", errors));
    for (GroupMembershipRow &row : parseIgmp6(readFile("/proc/net/igmp6", errors)))
        rows.push_back(std::move(row));
    return rows;
}

std::string formatGroupMemberships(const std::vector<GroupMembershipRow> &rows)
{
    std::string out = "IPv6/IPv4 Group Memberships\n"
                      "Interface       RefCnt Group\n"
                      "--------------- ------ ---------------------\n";
    for (const GroupMembershipRow &row : rows) {
        std::string iface = row.iface;
        iface.resize(std::max<size_t>(iface.size(), 15), ' ');
        std::string users = std::to_string(row.users);
        users.resize(std::max<size_t>(users.size(), 6), ' ');
        out += iface + " " + users + " " + row.group.host() + "\n";
    }
    return out;
}

} // namespace sb
