#pragma once

#include "core/net/endpoint.h"

#include <string>
#include <vector>

namespace sb::cli {

enum class LogFormat { None, Text, Hex, Jsonl };

/// Options given before the subcommand: --trace, --log, --opt, -4/-6, --lab, --packets,
/// -w FILE, --overwrite.
struct GlobalOptions
{
    bool trace = false;
    bool lab = false; ///< the run is in its own user and network namespace (entered in main)
    bool packets = false; ///< print one line per packet on lo, with the --trace lines
    std::string pcapng; ///< -w FILE: write the packets there
    bool overwrite = false; ///< -w may replace an existing file
    LogFormat log = LogFormat::None;
    std::vector<OptionSetting> options;
    FamilyPref family = FamilyPref::Any;
};

/// "usage: sockbench-cli [--trace] ..." with the global options command takes.
std::string usageLine(const char *command);

/// Prints "sockbench-cli: MESSAGE" on stderr and returns 2, the usage-error status.
int usageError(const std::string &message);

} // namespace sb::cli
