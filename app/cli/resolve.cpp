// sockbench-cli resolve: getaddrinfo and getnameinfo with every hint and flag, and where the
// answer came from.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "core/tools/resolver.h"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <netinet/in.h>

namespace sb::cli {
namespace {

std::string quoted(const std::string &s) { return s.empty() ? "NULL" : "\"" + s + "\""; }

std::string padded(std::string s, size_t width)
{
    if (s.size() < width)
        s.append(width - s.size(), ' ');
    return s;
}

int resolverFailure(const char *call, const ResolverError &e)
{
    std::fprintf(stderr, "sockbench-cli: %s: %s\n", call, e.toString().c_str());
    return 1;
}

int forward(const AddrInfoQuery &q)
{
    std::printf("getaddrinfo(%s, %s, {ai_family=%s, ai_socktype=%s, ai_protocol=%s, "
                "ai_flags=%s})\n",
                quoted(q.host).c_str(), quoted(q.service).c_str(), familyName(q.family).c_str(),
                socketTypeName(q.socktype).c_str(), protocolName(q.protocol).c_str(),
                flagsToString(q.flags, addrInfoFlags()).c_str());
    const AddrInfoAnswer a = getAddrInfo(q);
    if (a.error.failed())
        return resolverFailure("getaddrinfo", a.error);
    std::printf("%s%s%s%s%s\n", padded("FAMILY", 10).c_str(), padded("TYPE", 15).c_str(),
                padded("PROTOCOL", 13).c_str(), padded("CANONNAME", 20).c_str(), "ADDRESS");
    for (const AddrInfoRow &r : a.rows)
        std::printf("%s%s%s%s%s\n", padded(familyName(r.family), 10).c_str(),
                    padded(socketTypeName(r.socktype), 15).c_str(),
                    padded(protocolName(r.protocol), 13).c_str(),
                    padded(r.canonicalName.empty() ? "-" : r.canonicalName, 20).c_str(),
                    r.address.toString().c_str());
    if (!q.host.empty())
        std::printf("source: %s\n", nameSource(q.host).summary.c_str());
    return 0;
}

// "127.0.0.1", "::1", "127.0.0.1:80", "[::1]:80" -> an address with a port (0 by default).
bool parseReverse(const std::string &text, Address *out)
{
    *out = Address::ip(text, 0);
    if (out->valid())
        return true;
    std::string host = text, port = "0";
    if (text.starts_with("[")) {
        const auto close = text.find(']');
        if (close == std::string::npos)
            return false;
        host = text.substr(1, close - 1);
        if (close + 1 < text.size()) {
            if (text[close + 1] != ':')
                return false;
            port = text.substr(close + 2);
        }
    } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos
        || std::stoi(port) > 65535)
        return false;
    *out = Address::ip(host, static_cast<uint16_t>(std::stoi(port)));
    return out->valid();
}

int reverse(const Address &address, int flags)
{
    std::printf("getnameinfo(%s, %s)\n", address.toString().c_str(),
                flagsToString(flags, nameInfoFlags()).c_str());
    const NameInfoAnswer a = getNameInfo(address, flags);
    if (a.error.failed())
        return resolverFailure("getnameinfo", a.error);
    std::printf("host: %s\nservice: %s\n", a.host.c_str(), a.service.c_str());
    return 0;
}

int runResolve(const GlobalOptions &global, int argc, char **argv)
{
    AddrInfoQuery q;
    q.family = global.family == FamilyPref::V4 ? AF_INET
            : global.family == FamilyPref::V6  ? AF_INET6
                                               : AF_UNSPEC;
    bool isReverse = false;
    std::string flagsText;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char *what) -> const char * {
            return i + 1 < argc ? argv[++i] : nullptr;
            (void)what;
        };
        if (arg == "--help" || arg == "-h") {
            return printSynopsis("resolve");
        } else if (arg == "--reverse" || arg == "-r") {
            isReverse = true;
        } else if (arg == "--family" || arg == "--type" || arg == "--protocol"
                   || arg == "--flags") {
            const char *v = value(arg.c_str());
            if (!v)
                return usageError("resolve: " + arg + " needs a value");
            const std::string s = v;
            if (arg == "--family") {
                if (s == "any" || s == "unspec")
                    q.family = AF_UNSPEC;
                else if (s == "inet" || s == "ipv4" || s == "4")
                    q.family = AF_INET;
                else if (s == "inet6" || s == "ipv6" || s == "6")
                    q.family = AF_INET6;
                else
                    return usageError("resolve: --family '" + s + "' is not any, inet or inet6");
            } else if (arg == "--type") {
                if (s == "any")
                    q.socktype = 0;
                else if (s == "stream")
                    q.socktype = SOCK_STREAM;
                else if (s == "dgram")
                    q.socktype = SOCK_DGRAM;
                else if (s == "raw")
                    q.socktype = SOCK_RAW;
                else if (s == "seqpacket")
                    q.socktype = SOCK_SEQPACKET;
                else
                    return usageError("resolve: --type '" + s
                                      + "' is not any, stream, dgram, raw or seqpacket");
            } else if (arg == "--protocol") {
                if (s == "tcp")
                    q.protocol = IPPROTO_TCP;
                else if (s == "udp")
                    q.protocol = IPPROTO_UDP;
                else if (!s.empty() && s.size() < 4
                         && s.find_first_not_of("0123456789") == std::string::npos)
                    q.protocol = std::stoi(s);
                else
                    return usageError("resolve: --protocol '" + s
                                      + "' is not tcp, udp or a number");
            } else {
                flagsText = s;
            }
        } else if (arg.starts_with("-") && arg.size() > 1) {
            return usageError("resolve: unknown option '" + arg + "'");
        } else {
            positional.push_back(arg);
        }
    }
    if (isReverse) {
        if (positional.size() != 1)
            return usageError("resolve --reverse takes one ADDRESS, e.g. 127.0.0.1:80 or [::1]:22");
        Address address;
        if (!parseReverse(positional[0], &address))
            return usageError("resolve --reverse: '" + positional[0]
                              + "' is not an IP address with an optional :PORT");
        const Result<int> flags = parseFlags(flagsText, nameInfoFlags());
        if (!flags)
            return usageError("resolve --flags: " + flags.error());
        return reverse(address, *flags);
    }
    if (positional.empty() || positional.size() > 2)
        return usageError("resolve takes HOST [SERVICE] (use \"\" for no host with AI_PASSIVE)");
    const Result<int> flags = parseFlags(flagsText, addrInfoFlags());
    if (!flags)
        return usageError("resolve --flags: " + flags.error());
    q.host = positional[0];
    q.service = positional.size() > 1 ? positional[1] : "";
    q.flags = *flags;
    return forward(q);
}

const CommandRegistrar kResolve({"resolve",
                                 "  resolve HOST [SERVICE] [--family any|inet|inet6] [--type "
                                 "stream|dgram|raw|seqpacket]\n"
                                 "          [--protocol tcp|udp|N] [--flags AI_PASSIVE,...]\n"
                                 "                      getaddrinfo, each answer in connect()'s "
                                 "order\n"
                                 "  resolve --reverse ADDRESS[:PORT] [--flags NI_NAMEREQD,...]\n"
                                 "                      getnameinfo",
                                 runResolve, kUsesFamily});

} // namespace
} // namespace sb::cli
