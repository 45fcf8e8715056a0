#pragma once

#include "core/net/endpoint.h"
#include "core/text/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb::cli {

/// Walks one subcommand's arguments (argv[0] is the subcommand's name): positional words and
/// options written `--name VALUE` or `--name=VALUE`. A plain value type; main thread only.
class ArgReader
{
public:
    ArgReader(int argc, char **argv)
        : m_argc(argc)
        , m_argv(argv)
    { }

    bool atEnd() const { return m_index >= m_argc; }
    std::string_view current() const { return m_argv[m_index]; }
    bool currentIsOption() const;
    /// Consumes a positional word.
    std::string_view takeWord() { return m_argv[m_index++]; }
    /// True when the current argument is the option name (with or without "=VALUE"); then
    /// consumes it and its value. A missing value sets error() and still returns true.
    bool takeOption(std::string_view name, std::string *value);
    /// Consumes the command's one positional ENDPOINT; a second one (have) is refused.
    Result<EndpointSpec> takeEndpoint(const char *command, bool have);
    /// True (and consumed) when the current argument is exactly the flag name.
    bool takeFlag(std::string_view name);
    const std::string &error() const { return m_error; }

private:
    int m_argc;
    char **m_argv;
    int m_index = 1;
    std::string m_error;
};

/// Prints "usage: sockbench-cli [global options]" and the command's synopsis; returns 0.
int printSynopsis(const char *command);

/// A decimal integer in [min, max]; the error names the option: "--count 'x' is not a number".
Result<int64_t> parseInteger(std::string_view option, std::string_view text, int64_t min,
                             int64_t max);

/// Checks every --opt against the option table at parse time, so an unknown name or a bad
/// value is a usage error (exit 2) before any socket exists.
Result<bool> checkOptions(const std::vector<OptionSetting> &options);

/// Refuses an IP literal of the other family than -4 / -6 ask for: "-6 and 127.0.0.1".
Result<bool> checkFamily(const EndpointSpec &spec, FamilyPref family);

} // namespace sb::cli
