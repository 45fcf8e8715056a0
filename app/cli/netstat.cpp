// sockbench-cli netstat: the machine's sockets from /proc/net, in netstat -a's layout.
#include "core/tools/netstat.h"

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "core/tools/igmp.h"

#include <cstdio>
#include <string>
#include <string_view>

namespace sb::cli {
namespace {

int runNetstat(const GlobalOptions &, int argc, char **argv)
{
    NetstatOptions o;
    bool anyFamily = false;
    bool tcp = false, udp = false, unixSockets = false;
    bool groups = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h")
            return printSynopsis("netstat");
        if (arg == "--all")
            o.all = true;
        else if (arg == "--tcp")
            tcp = anyFamily = true;
        else if (arg == "--udp")
            udp = anyFamily = true;
        else if (arg == "--unix")
            unixSockets = anyFamily = true;
        else if (arg == "--listening")
            o.listening = true;
        else if (arg == "--numeric")
            o.numeric = true;
        else if (arg == "--program")
            o.programs = true;
        else if (arg == "--groups")
            groups = true;
        else if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
            // Combined short flags, as netstat takes them: -tuxan
            for (char c : arg.substr(1)) {
                switch (c) {
                case 'a':
                    o.all = true;
                    break;
                case 't':
                    tcp = anyFamily = true;
                    break;
                case 'u':
                    udp = anyFamily = true;
                    break;
                case 'x':
                    unixSockets = anyFamily = true;
                    break;
                case 'l':
                    o.listening = true;
                    break;
                case 'n':
                    o.numeric = true;
                    break;
                case 'p':
                    o.programs = true;
                    break;
                case 'g':
                    groups = true;
                    break;
                default:
                    return usageError("netstat: unknown option '-" + std::string(1, c) + "' in '"
                                      + std::string(arg) + "' (known: -a -t -u -x -l -n -p -g)");
                }
            }
        } else {
            return usageError("netstat: unexpected argument '" + std::string(arg)
                              + "' (options: -a -t -u -x -l -n -p -g)");
        }
    }
    if (groups) {
        // netstat -g: the machine's group memberships instead of its sockets (numeric).
        std::vector<std::string> errors;
        const auto rows = readGroupMemberships(&errors);
        for (const std::string &e : errors)
            std::fprintf(stderr, "sockbench-cli: netstat: %s\n", e.c_str());
        const std::string text = formatGroupMemberships(rows);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return std::fflush(stdout) == 0 && errors.empty() ? 0 : 1;
    }
    if (anyFamily) {
        o.tcp = tcp;
        o.udp = udp;
        o.unixSockets = unixSockets;
    }
    const NetstatSnapshot snap = readNetstat(o);
    for (const std::string &e : snap.errors)
        std::fprintf(stderr, "sockbench-cli: netstat: %s\n", e.c_str());
    const std::string text = formatNetstat(snap, o);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

const CommandRegistrar kNetstat({"netstat",
                                 "  netstat [-a] [-t] [-u] [-x] [-l] [-n] [-p]\n"
                                 "                      the machine's sockets from /proc/net, "
                                 "as netstat -a prints them\n"
                                 "  netstat -g|--groups  the multicast group memberships "
                                 "(/proc/net/igmp, igmp6)",
                                 runNetstat, 0});

} // namespace
} // namespace sb::cli
