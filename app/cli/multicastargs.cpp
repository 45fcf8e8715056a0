#include "app/cli/multicastargs.h"

#include <net/if.h>

namespace sb::cli {
namespace {

/// An interface written as a name or an IPv4 address must exist now: a usage error beats an
/// ENODEV from the socket later.
Result<bool> checkIface(const std::string &option, const std::string &given,
                        const std::string &iface)
{
    if (iface.empty())
        return true;
    if (const Address a = Address::ip(iface, 0); a.valid() && a.family() == AF_INET)
        return true;
    if (if_nametoindex(iface.c_str()) == 0)
        return InputError {option + " " + given + ": no network interface named '" + iface
                           + "' (ip link lists them)"};
    return true;
}

Result<bool> zeroOrOne(const std::string &option, const std::string &value,
                       std::optional<bool> *out)
{
    if (value != "0" && value != "1")
        return InputError {option + " '" + value + "' is not 0 or 1"};
    *out = value == "1";
    return true;
}

} // namespace

Result<bool> takeMulticastOption(ArgReader &reader, MulticastArgs &args)
{
    const std::string option(reader.current().substr(0, reader.current().find('=')));
    std::string value;
    MulticastSettings &s = args.settings;
    if (reader.takeFlag("--broadcast")) {
        s.broadcast = true;
    } else if (reader.takeOption("--join", &value) || reader.takeOption("--source", &value)
               || reader.takeOption("--multicast-if", &value)
               || reader.takeOption("--multicast-ttl", &value)
               || reader.takeOption("--multicast-loop", &value)
               || reader.takeOption("--multicast-all", &value)) {
        if (!reader.error().empty())
            return InputError {reader.error()};
        if (option == "--join") {
            auto group = parseGroupSpec(value);
            if (!group)
                return InputError {"--join " + group.error()};
            if (auto ok = checkIface(option, value, group->iface); !ok)
                return ok;
            s.joins.push_back(*group);
        } else if (option == "--source") {
            args.source = value;
        } else if (option == "--multicast-if") {
            if (value.empty())
                return InputError {"--multicast-if needs an interface name or an IPv4 address"};
            if (auto ok = checkIface(option, value, value); !ok)
                return ok;
            s.sendIface = value;
        } else if (option == "--multicast-ttl") {
            auto n = parseInteger(option, value, 0, 255);
            if (!n)
                return InputError {n.error()};
            s.ttl = static_cast<int>(*n);
        } else if (auto ok
                   = zeroOrOne(option, value, option == "--multicast-loop" ? &s.loop : &s.all);
                   !ok) {
            return ok;
        }
    } else {
        return false;
    }
    if (args.firstOption.empty())
        args.firstOption = option;
    return true;
}

Result<bool> finishMulticastArgs(MulticastArgs &args, Transport transport)
{
    if (args.firstOption.empty())
        return true;
    if (transport != Transport::Udp)
        return InputError {args.firstOption + " is for udp:// endpoints; this one is "
                           + schemeName(transport) + "://"};
    if (args.source.empty())
        return true;
    if (args.settings.joins.empty())
        return InputError {"--source " + args.source + " needs a --join GROUP to apply to"};
    for (GroupSpec &group : args.settings.joins)
        if (auto ok = setGroupSource(group, args.source); !ok)
            return InputError {"--source " + ok.error()};
    return true;
}

} // namespace sb::cli
