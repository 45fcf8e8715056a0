#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "core/capture/labnamespace.h"

#include <cstdio>
#include <cstring>
#include <malloc.h>
#include <string>
#include <string_view>
#include <vector>

#include <signal.h>

namespace sb::cli {
namespace {

constexpr int kMaxCommands = 16;
// Filled by the other files' static CommandRegistrars, whose order against this file's statics
// is unspecified: a table made on first use cannot be re-initialised after they ran.
Command *commandTable()
{
    static Command table[kMaxCommands];
    return table;
}
int g_count = 0; // constant-initialised: zero before any registrar runs

void printHelp()
{
    std::printf("sockbench-cli %s - the SockBench socket workbench, headless\n\n"
                "usage:\n"
                "  sockbench-cli [--lab] [--trace] [--packets] [-w FILE.pcapng [--overwrite]]\n"
                "                [--log text|hex|jsonl] [--opt NAME=VALUE]... [-4|-6] COMMAND ...\n"
                "  sockbench-cli --help | --version\n\ncommands:\n",
                SB_VERSION);
    for (int i = 0; i < g_count; ++i)
        std::printf("%s\n", commandTable()[i].synopsis);
    std::printf(
            "\nendpoints: tcp://HOST:PORT  udp://HOST:PORT  unix:///path  unix://@abstract\n"
            "           unix-dgram:///path  unix-seqpacket:///path   ([::1] for IPv6, port 0 "
            "= kernel's choice)\n"
            "           tls://HOST:PORT: TLS 1.2/1.3 over TCP (connect, listen)\n"
            "           PORT is a number or a service of /etc/services: "
            "tcp://127.0.0.1:openvpn\n\n"
            "global options:\n"
            "  --trace             print every socket system call on stderr, as strace does\n"
            "  --log FORMAT        print events on stderr: text, hex or jsonl\n"
            "  --opt NAME=VALUE    set a socket option before bind/connect (repeatable)\n"
            "  -4, -6              use IPv4 or IPv6 only when resolving names\n"
            "  --lab               run in a network namespace of our own, where capturing\n"
            "                      needs no root (its lo only: nothing outside is reachable)\n"
            "  --packets           print the packets on lo of our sockets, with --trace's lines\n"
            "  -w FILE.pcapng      write those packets to FILE, each commented with its call\n"
            "  --overwrite         let -w replace an existing FILE\n\n"
            "exit status: 0 success; 1 a socket error (or a listen --count client that\n"
            "reset); 2 a usage error; 128+N stopped by signal N (130 for Ctrl+C)\n");
}

/// The usage line's global options: those a command with these GlobalUse bits takes.
std::string globalsSynopsis(unsigned globals)
{
    std::string s;
    if (globals & kUsesTrace)
        s += " [--trace]";
    if (globals & kUsesLog)
        s += " [--log text|hex|jsonl]";
    if (globals & kUsesOpt)
        s += " [--opt NAME=VALUE]...";
    if (globals & kUsesFamily)
        s += " [-4|-6]";
    if (globals & kUsesPackets)
        s += " [--packets] [-w FILE.pcapng [--overwrite]]";
    return s;
}

/// A global option as the person wrote it, and the GlobalUse bit it needs.
struct GivenGlobal
{
    std::string name;
    unsigned use;
};

} // namespace

std::string usageLine(const char *command)
{
    const Command *found = findCommand(command);
    return "usage: sockbench-cli" + globalsSynopsis(found ? found->globals : kUsesAllGlobals);
}

CommandRegistrar::CommandRegistrar(Command command)
{
    if (g_count < kMaxCommands)
        commandTable()[g_count++] = command;
}

const Command *findCommand(const char *name)
{
    for (int i = 0; i < g_count; ++i)
        if (std::strcmp(commandTable()[i].name, name) == 0)
            return &commandTable()[i];
    return nullptr;
}

int commandCount() { return g_count; }

const Command &commandAt(int index) { return commandTable()[index]; }

int usageError(const std::string &message)
{
    std::fprintf(stderr, "sockbench-cli: %s\n(see sockbench-cli --help)\n", message.c_str());
    return 2;
}

} // namespace sb::cli

int main(int argc, char **argv)
{
    using namespace sb::cli;
    // A peer that closes must show up as EPIPE on our write to stdout, not kill us.
    signal(SIGPIPE, SIG_IGN);
    // The chunks a --log transfer copies (up to a read buffer each) are made on the loop thread
    // and freed on this one, thousands a second. glibc's defaults would give each back to the
    // kernel and fault it in again (a quarter of a --log hex transfer's time): keep them.
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    GlobalOptions global;
    std::vector<GivenGlobal> given;
    int i = 1;
    for (; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            printHelp();
            return 0;
        } else if (arg == "--version" || arg == "-V") {
            std::printf("sockbench-cli %s\n", SB_VERSION);
            return 0;
        } else if (arg == "--trace") {
            global.trace = true;
            given.push_back({"--trace", kUsesTrace});
        } else if (arg == "--lab") {
            global.lab = true;
        } else if (arg == "--packets") {
            global.packets = true;
            given.push_back({"--packets", kUsesPackets});
        } else if (arg == "--overwrite") {
            global.overwrite = true;
            given.push_back({"--overwrite", kUsesPackets});
        } else if (arg == "-w" || arg.starts_with("--write=") || arg == "--write") {
            given.push_back({"-w", kUsesPackets});
            if (arg.starts_with("--write=")) {
                global.pcapng = std::string(arg.substr(8));
            } else {
                if (i + 1 >= argc)
                    return usageError("-w needs a file name, e.g. -w out.pcapng");
                global.pcapng = argv[++i];
            }
            if (global.pcapng.empty())
                return usageError("-w needs a file name, e.g. -w out.pcapng");
        } else if (arg == "-4") {
            global.family = sb::FamilyPref::V4;
            given.push_back({"-4", kUsesFamily});
        } else if (arg == "-6") {
            global.family = sb::FamilyPref::V6;
            given.push_back({"-6", kUsesFamily});
        } else if (arg == "--log" || arg.starts_with("--log=")) {
            given.push_back({"--log", kUsesLog});
            std::string_view value;
            if (arg == "--log") {
                if (i + 1 >= argc)
                    return usageError("--log needs a format: text, hex or jsonl");
                value = argv[++i];
            } else {
                value = arg.substr(6);
            }
            if (value == "text")
                global.log = LogFormat::Text;
            else if (value == "hex")
                global.log = LogFormat::Hex;
            else if (value == "jsonl")
                global.log = LogFormat::Jsonl;
            else
                return usageError("--log format '" + std::string(value)
                                  + "' is not one of text, hex, jsonl");
        } else if (arg == "--opt" || arg.starts_with("--opt=")) {
            given.push_back({"--opt", kUsesOpt});
            std::string_view value;
            if (arg == "--opt") {
                if (i + 1 >= argc)
                    return usageError("--opt needs NAME=VALUE, e.g. --opt SO_REUSEADDR=1");
                value = argv[++i];
            } else {
                value = arg.substr(6);
            }
            const auto eq = value.find('=');
            if (eq == std::string_view::npos || eq == 0)
                return usageError("--opt '" + std::string(value)
                                  + "' is not NAME=VALUE, e.g. --opt SO_REUSEADDR=1");
            global.options.push_back(
                    {std::string(value.substr(0, eq)), std::string(value.substr(eq + 1))});
        } else if (arg.starts_with("-")) {
            return usageError("unknown option '" + std::string(arg) + "'");
        } else {
            break;
        }
    }
    if (i >= argc)
        return usageError("missing command: listen, connect, netstat, resolve, ...");
    const Command *command = findCommand(argv[i]);
    if (!command)
        return usageError("unknown command '" + std::string(argv[i]) + "'");
    for (const GivenGlobal &g : given)
        if (!(command->globals & g.use))
            return usageError(std::string(command->name) + " does not take " + g.name);
    if (global.overwrite && global.pcapng.empty())
        return usageError("--overwrite is for -w FILE, and there is none");
    // The lab is entered before any thread starts (unshare refuses a user namespace to a
    // threaded process); a refusal is said, and the command runs where it is.
    if (global.lab) {
        const sb::LabEntry lab = sb::enterLab();
        if (lab.err) {
            std::fprintf(stderr, "sockbench-cli: no lab: %s\n", lab.reason.c_str());
            global.lab = false;
        }
    }
    return command->run(global, argc - i, argv + i);
}
