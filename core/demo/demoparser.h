#pragma once
// The demo-file parser's insides, shared by demoscript.cpp (the file, header and steps) and
// demoscriptlines.cpp (panel:, do:, expect: and until: lines). Not a public header.

#include "core/demo/demoscript.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::demoparse {

constexpr int kMaxNumber = 1000000;

bool validName(std::string_view name);
std::string_view trim(std::string_view s);
std::optional<int> parseNumber(std::string_view s, int min, int max);
/// Words of a line; "quoted text" is one word without its quotes, escapes kept as written.
Result<std::vector<std::string>> splitWords(std::string_view s);
bool isCallName(std::string_view name);

/// Reads one file, line by line, into a DemoScript; every error names its line. One use, one
/// thread.
class Parser
{
public:
    explicit Parser(std::string_view source)
        : m_source(source)
    { }
    Result<DemoScript> parse(std::string_view text);

private:
    InputError fail(const std::string &message) const
    {
        return InputError {m_source + ":" + std::to_string(m_line) + ": " + message};
    }
    std::optional<InputError> header(std::string_view key, std::string_view value);
    std::optional<InputError> panel(std::string_view value);
    std::optional<InputError> action(std::string_view value);
    std::optional<InputError> condition(std::string_view value, bool until);
    std::optional<InputError> checkText(const std::string &text, const char *what);
    std::optional<InputError> checkEndpoint(const std::string &text);
    std::optional<InputError> checkPanel(const std::string &name, bool aliasOk = true);
    std::optional<InputError> finishStep();
    Result<std::string> dry(const std::string &text);

    std::string m_source;
    int m_line = 0;
    DemoScript m_script;
    DemoStep *m_step = nullptr;
    std::map<std::string, bool, std::less<>> m_names; ///< name -> is a raw socket (or its alias)
};

} // namespace sb::demoparse
