#pragma once

#include "core/net/endpoint.h"

#include <string>
#include <vector>

namespace sb::cli {

enum class LogFormat { None, Text, Hex, Jsonl };

/// Options given before the subcommand: --trace, --log, --opt, -4/-6.
struct GlobalOptions
{
    bool trace = false;
    LogFormat log = LogFormat::None;
    std::vector<OptionSetting> options;
    FamilyPref family = FamilyPref::Any;
};

/// "usage: sockbench-cli [--trace] ..." with the global options command takes.
std::string usageLine(const char *command);

/// Prints "sockbench-cli: MESSAGE" on stderr and returns 2, the usage-error status.
int usageError(const std::string &message);

} // namespace sb::cli
