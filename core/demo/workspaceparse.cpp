// The lines a workspace or a scenario adds to the demo language: the "sockbench:" and "kind:"
// header, var:, message:, layout:, rules blocks, and the expect: facts matches, state and count
// with their "within MS".
#include "core/demo/demoparser.h"
#include "core/text/endpointspec.h"
#include "core/text/payload.h"
#include "core/text/rules.h"

#include <algorithm>
#include <regex>

namespace sb::demoparse {
namespace {

bool isLayoutKeyChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
            || c == '_' || c == '-';
}

/// A word that names something (a message's name, a file): a quoted word's escapes decoded.
Result<std::string> wordText(const std::string &word, bool quoted)
{
    if (!quoted)
        return word;
    return parseEscapedText(word);
}

} // namespace

std::optional<InputError> Parser::fileHeader(std::string_view key, std::string_view value)
{
    if (key == "sockbench") {
        if (m_versionSeen)
            return fail("'sockbench:' is given twice");
        m_versionSeen = true;
        const auto n = parseNumber(value, 1, kMaxNumber);
        if (!n)
            return fail("'sockbench: " + std::string(value)
                        + "' is not a format version (a number: sockbench: 1)");
        m_ws.version = *n;
        if (*n > kWorkspaceVersion)
            return fail("this file is for version " + std::to_string(*n)
                        + " of the SockBench format, newer than this SockBench reads (version "
                        + std::to_string(kWorkspaceVersion)
                        + "); what it understands of the file was read, the rest was left out");
        return std::nullopt;
    }
    if (m_kindSeen)
        return fail("'kind:' is given twice");
    m_kindSeen = true;
    if (value == "demo")
        m_ws.kind = FileKind::Demo;
    else if (value == "workspace")
        m_ws.kind = FileKind::Workspace;
    else if (value == "scenario")
        m_ws.kind = FileKind::Scenario;
    else
        return fail("kind '" + std::string(value) + "' is not one of demo, workspace, scenario");
    return std::nullopt;
}

std::optional<InputError> Parser::var(std::string_view value)
{
    std::vector<bool> quoted;
    auto words = splitWords(value, &quoted);
    if (!words)
        return fail(words.error());
    const auto &w = *words;
    if (w.size() != 2)
        return fail("var takes a NAME and its VALUE: 'var: port 9000'");
    if (!validName(w[0]) || w[0] == "tmp")
        return fail("var name '" + w[0] + "' must be lower-case letters, digits, '-' or '_'");
    if (m_names.count(w[0])
        || std::any_of(m_script.vars.begin(), m_script.vars.end(),
                       [&](const auto &v) { return v.first == w[0]; }))
        return fail("'" + w[0] + "' is named already");
    m_script.vars.emplace_back(w[0], w[1]);
    return std::nullopt;
}

std::optional<InputError> Parser::message(std::string_view value)
{
    std::vector<bool> quoted;
    auto words = splitWords(value, &quoted);
    if (!words)
        return fail(words.error());
    const auto &w = *words;
    const char *usage = "a message is 'message: NAME \"TEXT\"|hex \"HEX\"|file PATH "
                        "[target=ENDPOINT] [shortcut=KEYS]'";
    if (w.size() < 2)
        return fail(usage);
    SavedMessage m;
    m.line = m_line;
    auto name = wordText(w[0], quoted[0]);
    if (!name)
        return fail("message name: " + name.error());
    if (name->empty())
        return fail("a message needs a name");
    m.name = *name;
    if (m_ws.message(m.name))
        return fail("a message named '" + m.name + "' exists already");
    size_t next = 2;
    if (quoted[1]) {
        m.payload.kind = MessagePayload::Kind::Text;
        m.payload.text = w[1];
        if (auto bytes = parseEscapedText(w[1]); !bytes)
            return fail("message '" + m.name + "': " + bytes.error());
    } else if ((w[1] == "hex" || w[1] == "file") && w.size() >= 3) {
        next = 3;
        if (w[1] == "hex") {
            m.payload.kind = MessagePayload::Kind::Hex;
            m.payload.text = w[2];
            if (auto bytes = parseHex(w[2]); !bytes)
                return fail("message '" + m.name + "': " + bytes.error());
        } else {
            m.payload.kind = MessagePayload::Kind::File;
            auto path = wordText(w[2], quoted[2]);
            if (!path || path->empty())
                return fail("message '" + m.name + "': file needs a path");
            m.payload.text = *path;
        }
    } else {
        return fail(usage);
    }
    for (size_t i = next; i < w.size(); ++i) {
        if (w[i].starts_with("target=") && m.target.empty()) {
            m.target = w[i].substr(7);
            if (auto spec = parseEndpoint(m.target); !spec)
                return fail("message '" + m.name + "': target " + spec.error());
        } else if (w[i].starts_with("shortcut=") && w[i].size() > 9 && m.shortcut.empty()) {
            m.shortcut = w[i].substr(9);
        } else {
            return fail("'" + w[i] + "' is not target=ENDPOINT or shortcut=KEYS");
        }
    }
    m_ws.messages.push_back(std::move(m));
    return std::nullopt;
}

std::optional<InputError> Parser::layout(std::string_view value)
{
    size_t end = 0;
    while (end < value.size() && value[end] != ' ' && value[end] != '\t')
        ++end;
    const std::string_view key = value.substr(0, end);
    if (key.empty() || !std::all_of(key.begin(), key.end(), isLayoutKeyChar))
        return fail("layout takes a KEY (letters, digits, '.', '_', '-') and a VALUE");
    m_ws.layout.push_back({m_line, std::string(key), std::string(trim(value.substr(end)))});
    return std::nullopt;
}

std::optional<InputError> Parser::rulesBegin(std::string_view value)
{
    const auto it = std::find_if(m_script.panels.begin(), m_script.panels.end(),
                                 [&](const DemoPanel &p) { return p.name == value; });
    // Read the block to its end either way, so that its lines are not taken for the file's.
    m_rulesPanel = int(m_script.panels.size());
    m_rulesLine = m_line;
    m_rulesText.clear();
    if (it == m_script.panels.end())
        return fail("rules: no panel named '" + std::string(value) + "' (declare it first)");
    if (it->kind != DemoPanel::Kind::Endpoint
        || (it->role != Role::Server && it->role != Role::Datagram))
        return fail("rules: '" + it->name + "' is not a server or datagram panel");
    if (!it->rules.empty())
        return fail("rules: '" + it->name + "' has its rules already");
    if (it->responder.kind != ResponderSpec::Kind::None)
        return fail("rules: '" + it->name + "' answers with reply= already; give one of them");
    m_rulesPanel = int(it - m_script.panels.begin());
    return std::nullopt;
}

std::optional<InputError> Parser::rulesEnd(std::string_view value)
{
    const int index = m_rulesPanel;
    m_rulesPanel = -1;
    if (value != "rules")
        return fail("'end: " + std::string(value) + "' is not 'end: rules'");
    if (index >= int(m_script.panels.size()))
        return std::nullopt; // the block's beginning was refused; that error is reported
    std::string text;
    for (size_t i = 0; i < m_rulesText.size(); ++i)
        text += (i ? "\n" : "") + m_rulesText[i];
    DemoPanel &panel = m_script.panels[size_t(index)];
    auto rules = RuleSet::parse(text);
    std::string problem = rules ? (panel.role == Role::Datagram ? (*rules)->datagramProblem() : "")
                                : rules.error();
    if (!problem.empty()) {
        // "LINE:COLUMN: ..." counts from the block's first line; name the file's line instead.
        const size_t colon = problem.find(':');
        const auto n = parseNumber(std::string_view(problem).substr(0, colon), 1, kMaxNumber);
        if (n && colon != std::string::npos)
            return InputError {m_source + ":" + std::to_string(m_rulesLine + *n)
                               + problem.substr(colon)};
        return fail("rules: " + problem);
    }
    panel.rules = std::move(text);
    panel.responder.kind = ResponderSpec::Kind::Rules;
    panel.responder.rules = *rules;
    panel.responder.rulesText = panel.rules;
    return std::nullopt;
}

std::optional<InputError> Parser::within(std::vector<std::string> &w, DemoCondition &c, bool until)
{
    if (w.size() < 3 || w[w.size() - 2] != "within")
        return std::nullopt;
    if (until)
        return fail("'within' is for expect: (until: waits up to the step's timeout)");
    const auto n = parseNumber(w.back(), 1, 600000);
    if (!n)
        return fail("within '" + w.back() + "' is not a number of milliseconds (1 to 600000)");
    c.withinMs = *n;
    w.resize(w.size() - 2);
    return std::nullopt;
}

std::optional<InputError> Parser::newFact(const std::vector<std::string> &w, DemoCondition &c)
{
    const std::string &k = w[0];
    if (k == "matches") {
        c.kind = DemoCondition::Kind::Matches;
        if (w.size() != 3)
            return fail("matches takes PANEL \"REGEX\": 'matches client \"^HTTP/1\\.[01] 200\"'");
        c.panel = w[1];
        c.what = w[2];
        if (auto e = checkPanel(c.panel))
            return e;
        try {
            std::regex(demoRegexText(c.what), std::regex::ECMAScript);
        } catch (const std::regex_error &error) {
            return fail("regex \"" + c.what + "\": " + error.what());
        }
        return std::nullopt;
    }
    if (k == "state") {
        c.kind = DemoCondition::Kind::State;
        if (w.size() != 3 || (w[2] != "listening" && w[2] != "opened" && w[2] != "closed"))
            return fail("state takes PANEL and one of listening, opened, closed");
        c.panel = w[1];
        c.what = w[2];
        return checkPanel(c.panel);
    }
    c.kind = DemoCondition::Kind::Count;
    static const char *const kOps[] = {"==", "!=", "<", "<=", ">", ">="};
    if (w.size() != 5)
        return fail("count takes PANEL WHAT OP N: 'count server data >= 3'");
    c.panel = w[1];
    c.what = w[2] == "accept" ? "accept4" : w[2];
    if (auto e = checkPanel(c.panel))
        return e;
    if (!isCallName(c.what) && c.what != "data" && c.what != "sent" && c.what != "opened"
        && c.what != "closed" && c.what != "eof" && c.what != "error")
        return fail("count '" + c.what
                    + "' is not a call name or one of data, sent, opened, closed, eof, error");
    const auto op = std::find(std::begin(kOps), std::end(kOps), w[3]);
    if (op == std::end(kOps))
        return fail("count operator '" + w[3] + "' is not one of == != < <= > >=");
    c.compare = DemoCondition::Compare(op - std::begin(kOps));
    const auto n = parseNumber(w[4], 0, kMaxNumber);
    if (!n)
        return fail("count '" + w[4] + "' is not a number from 0 to 1000000");
    c.number = *n;
    return std::nullopt;
}

} // namespace sb::demoparse
