#pragma once

namespace sb::cli {

struct GlobalOptions;

/// The global options a subcommand uses; one it does not use is refused by name (exit 2), so
/// `netstat --trace` cannot look as if it traced.
enum GlobalUse : unsigned {
    kUsesTrace = 1u << 0, ///< --trace
    kUsesLog = 1u << 1, ///< --log
    kUsesOpt = 1u << 2, ///< --opt
    kUsesFamily = 1u << 3, ///< -4, -6
    kUsesPackets = 1u << 4, ///< --packets, -w FILE, --overwrite
    kUsesAllGlobals = kUsesTrace | kUsesLog | kUsesOpt | kUsesFamily | kUsesPackets,
};

/// A subcommand of sockbench-cli. run gets the arguments after the global options (argv[0] is
/// the subcommand's name) and returns the exit status: 0 success, 1 socket error, 2 usage.
struct Command
{
    const char *name;
    const char *synopsis; ///< lines for --help, already indented
    int (*run)(const GlobalOptions &global, int argc, char **argv);
    unsigned globals = kUsesAllGlobals; ///< GlobalUse bits
};

/// Each subcommand's file registers itself with one static CommandRegistrar.
class CommandRegistrar
{
public:
    explicit CommandRegistrar(Command command);
};

const Command *findCommand(const char *name);
int commandCount();
const Command &commandAt(int index);

} // namespace sb::cli
