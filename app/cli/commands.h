#pragma once

/// The subcommands of sockbench-cli. Each gets the arguments after its own name (argv[0] is
/// the subcommand) plus the global options already parsed, and returns the exit status:
/// 0 success, 1 socket error, 2 usage error.

namespace sb::cli {

struct GlobalOptions;

int runListen(const GlobalOptions &global, int argc, char **argv);
int runConnect(const GlobalOptions &global, int argc, char **argv);
int runNetstat(const GlobalOptions &global, int argc, char **argv);
int runResolve(const GlobalOptions &global, int argc, char **argv);

} // namespace sb::cli
