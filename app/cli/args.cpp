#include "app/cli/args.h"

#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "core/net/sockopt.h"

#include <charconv>
#include <cstdio>

namespace sb::cli {

bool ArgReader::currentIsOption() const
{
    const std::string_view arg = current();
    return arg.size() > 1 && arg.front() == '-';
}

bool ArgReader::takeOption(std::string_view name, std::string *value)
{
    const std::string_view arg = current();
    if (!arg.starts_with(name))
        return false;
    if (arg.size() == name.size()) {
        ++m_index;
        if (atEnd()) {
            m_error = std::string(name) + " needs a value";
            value->clear();
            return true;
        }
        *value = m_argv[m_index++];
        return true;
    }
    if (arg[name.size()] != '=')
        return false;
    *value = std::string(arg.substr(name.size() + 1));
    ++m_index;
    return true;
}

Result<EndpointSpec> ArgReader::takeEndpoint(const char *command, bool have)
{
    if (have)
        return InputError {std::string(command) + " takes one ENDPOINT; '" + std::string(current())
                           + "' is one too many"};
    return parseEndpoint(takeWord());
}

bool ArgReader::takeFlag(std::string_view name)
{
    if (current() != name)
        return false;
    ++m_index;
    return true;
}

int printSynopsis(const char *command)
{
    const Command *found = findCommand(command);
    std::printf("%s\n%s\n(sockbench-cli --help tells more)\n", usageLine(command).c_str(),
                found ? found->synopsis : command);
    return 0;
}

Result<int64_t> parseInteger(std::string_view option, std::string_view text, int64_t min,
                             int64_t max)
{
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    const std::string range = std::to_string(min) + ".." + std::to_string(max);
    if (ec == std::errc::result_out_of_range)
        return InputError {std::string(option) + " " + std::string(text) + " is out of range "
                           + range};
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return InputError {std::string(option) + " '" + std::string(text) + "' is not a number"};
    if (value < min || value > max)
        return InputError {std::string(option) + " " + std::string(text) + " is out of range "
                           + range};
    return value;
}

Result<bool> checkOptions(const std::vector<OptionSetting> &options)
{
    for (const OptionSetting &option : options) {
        const auto *info = findOption(option.name);
        if (!info)
            return InputError {"--opt " + option.name + ": unknown socket option"};
        if (!info->settable)
            return InputError {"--opt " + option.name + ": the option is read-only"};
        auto value = parseOptionValue(*info, option.value);
        if (!value)
            return InputError {"--opt " + option.name + "=" + option.value + ": " + value.error()};
    }
    return true;
}

Result<bool> checkFamily(const EndpointSpec &spec, FamilyPref family)
{
    if (spec.isUnix() || family == FamilyPref::Any || spec.host.empty())
        return true;
    const Address literal = Address::ip(spec.host, 0);
    if (!literal.valid())
        return true; // a name: -4 / -6 steer its resolution
    const bool v6 = literal.family() == AF_INET6;
    if (v6 != (family == FamilyPref::V6))
        return InputError {std::string(family == FamilyPref::V6 ? "-6" : "-4") + " asks for IPv"
                           + (family == FamilyPref::V6 ? "6" : "4") + ", but " + spec.host
                           + " is an IPv" + (v6 ? "6" : "4") + " address"};
    return true;
}

} // namespace sb::cli
