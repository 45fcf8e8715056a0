#pragma once
// The demo-file parser's insides, shared by demoscript.cpp (the file, header and steps) and
// demoscriptlines.cpp (panel:, do:, expect: and until: lines). Not a public header.

#include "core/demo/demoscript.h"
#include "core/demo/workspace.h"

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
/// quoted, when given, says for each word whether it was in quotes.
Result<std::vector<std::string>> splitWords(std::string_view s,
                                            std::vector<bool> *quoted = nullptr);
bool isCallName(std::string_view name);

/// Reads one file, line by line, into a Workspace; every error names its line. Strict, it stops
/// at the first error; lenient, it skips a broken line and goes on, keeping the errors. One
/// use, one thread.
class Parser
{
public:
    explicit Parser(std::string_view source, FileKind kind = FileKind::Demo, bool lenient = false)
        : m_source(source)
        , m_lenient(lenient)
    {
        m_ws.kind = kind;
    }
    /// Strict: the workspace or the first error. Lenient: always the workspace; see errors().
    Result<Workspace> parse(std::string_view text);
    const std::vector<std::string> &errors() const { return m_errors; }

private:
    InputError fail(const std::string &message) const
    {
        return InputError {m_source + ":" + std::to_string(m_line) + ": " + message};
    }
    std::optional<InputError> line(std::string_view raw);
    std::optional<InputError> keyValue(std::string_view key, std::string_view value);
    std::optional<InputError> finish();
    std::optional<InputError> header(std::string_view key, std::string_view value);
    // workspaceparse.cpp: the lines a workspace or scenario adds to a demo.
    std::optional<InputError> fileHeader(std::string_view key, std::string_view value);
    std::optional<InputError> message(std::string_view value);
    std::optional<InputError> layout(std::string_view value);
    std::optional<InputError> var(std::string_view value);
    std::optional<InputError> rulesBegin(std::string_view value);
    std::optional<InputError> rulesEnd(std::string_view value);
    std::optional<InputError> within(std::vector<std::string> &words, DemoCondition &c, bool until);
    std::optional<InputError> newFact(const std::vector<std::string> &w, DemoCondition &c);
    std::optional<InputError> panel(std::string_view value);
    std::optional<InputError> action(std::string_view value);
    std::optional<InputError> condition(std::string_view value, bool until);
    std::optional<InputError> checkText(const std::string &text, const char *what);
    std::optional<InputError> checkEndpoint(const std::string &text);
    std::optional<InputError> checkPanel(const std::string &name, bool aliasOk = true);
    std::optional<InputError> finishStep();
    Result<std::string> dry(const std::string &text);

    std::string m_source;
    bool m_lenient = false;
    int m_line = 0;
    Workspace m_ws;
    DemoScript &m_script = m_ws.script;
    std::vector<std::string> m_errors;
    /// Inside a "rules: PANEL" block: the panel's index, the block's first line, its lines.
    int m_rulesPanel = -1;
    int m_rulesLine = 0;
    std::vector<std::string> m_rulesText;
    bool m_versionSeen = false;
    bool m_kindSeen = false;
    DemoStep *m_step = nullptr;
    std::map<std::string, bool, std::less<>> m_names; ///< name -> is a raw socket (or its alias)
};

} // namespace sb::demoparse
