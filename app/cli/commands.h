#pragma once

namespace sb::cli {

struct GlobalOptions;

/// A subcommand of sockbench-cli. run gets the arguments after the global options (argv[0] is
/// the subcommand's name) and returns the exit status: 0 success, 1 socket error, 2 usage.
struct Command
{
    const char *name;
    const char *synopsis; ///< lines for --help, already indented
    int (*run)(const GlobalOptions &global, int argc, char **argv);
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
