#include "core/demo/demoscript.h"

#include "core/demo/demoparser.h"
#include "core/text/errnoinfo.h"
#include "core/text/payload.h"
#include "core/text/trace.h"

#include <algorithm>
#include <charconv>

namespace sb {
namespace demoparse {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

bool validName(std::string_view name)
{
    return !name.empty() && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z'
            && std::all_of(name.begin(), name.end(), isNameChar);
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::optional<int> parseNumber(std::string_view s, int min, int max)
{
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
        return std::nullopt;
    return v;
}

/// Words of a line; "quoted text" is one word without its quotes, escapes kept as written.
Result<std::vector<std::string>> splitWords(std::string_view s, std::vector<bool> *quoted)
{
    std::vector<std::string> words;
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t') {
            ++i;
            continue;
        }
        std::string word;
        if (quoted)
            quoted->push_back(s[i] == '"');
        if (s[i] == '"') {
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\\' && i + 1 < s.size()) {
                    word += s.substr(i, 2);
                    i += 2;
                } else if (s[i] == '"') {
                    ++i;
                    closed = true;
                    break;
                } else {
                    word += s[i++];
                }
            }
            if (!closed)
                return InputError {"a quote is not closed"};
        } else {
            while (i < s.size() && s[i] != ' ' && s[i] != '\t')
                word += s[i++];
        }
        words.push_back(std::move(word));
    }
    return words;
}

bool isCallName(std::string_view name)
{
    for (int i = 0; i <= static_cast<int>(SysCall::Tls); ++i)
        if (name == sysCallName(static_cast<SysCall>(i)))
            return true;
    return name == "accept";
}
Result<std::string> Parser::dry(const std::string &text)
{
    return substituteDemoText(text, [this](std::string_view name) -> std::optional<std::string> {
        if (name == "tmp")
            return "/tmp/sockbench-demo";
        for (const auto &[var, value] : m_script.vars)
            if (var == name)
                return value;
        const size_t dot = name.rfind('.');
        if (dot == std::string_view::npos || !m_names.count(name.substr(0, dot)))
            return std::nullopt;
        const std::string_view prop = name.substr(dot + 1);
        if (prop == "port")
            return "1";
        if (prop == "addr")
            return "127.0.0.1:1";
        return std::nullopt;
    });
}

std::optional<InputError> Parser::checkText(const std::string &text, const char *what)
{
    auto s = dry(text);
    if (!s)
        return fail(s.error());
    if (auto bytes = parseEscapedText(*s); !bytes)
        return fail(std::string(what) + " \"" + text + "\": " + bytes.error());
    return std::nullopt;
}

std::optional<InputError> Parser::checkEndpoint(const std::string &text)
{
    auto s = dry(text);
    if (!s)
        return fail(s.error());
    if (auto spec = parseEndpoint(*s); !spec)
        return fail(spec.error());
    return std::nullopt;
}

std::optional<InputError> Parser::checkPanel(const std::string &name, bool aliasOk)
{
    if (!m_names.count(name) || (!aliasOk && !m_script.panel(name)))
        return fail("no panel named '" + name
                    + "' (declare it with 'panel:', or name a socket with 'accept as NAME')");
    return std::nullopt;
}

std::optional<InputError> Parser::header(std::string_view key, std::string_view value)
{
    std::string *slot = nullptr;
    if (key == "name") {
        if (!validName(value))
            return fail("name '" + std::string(value)
                        + "' must be lower-case letters, digits, '-' or '_'");
        slot = &m_script.name;
    } else if (key == "title.en") {
        slot = &m_script.title.en;
    } else if (key == "title.es") {
        slot = &m_script.title.es;
    } else if (key == "summary.en" || key == "summary.es") {
        std::string &s = key == "summary.en" ? m_script.summary.en : m_script.summary.es;
        s += (s.empty() ? "" : " ") + std::string(value);
        return std::nullopt;
    }
    if (!slot->empty())
        return fail("'" + std::string(key) + "' is given twice");
    *slot = value;
    return std::nullopt;
}

std::optional<InputError> Parser::finishStep()
{
    if (!m_step || m_ws.kind != FileKind::Demo)
        return std::nullopt;
    const auto failAtStep = [this](const std::string &message) {
        return InputError {m_source + ":" + std::to_string(m_step->line) + ": " + message};
    };
    if (m_step->narration.en.empty() || m_step->narration.es.empty())
        return failAtStep(
                "the step has no narration in "
                + std::string(m_step->narration.en.empty() ? "English (en:)" : "Spanish (es:)"));
    if (m_step->title.en.empty() != m_step->title.es.empty())
        return failAtStep(m_step->title.en.empty()
                                  ? "the step has a Spanish title (step.es:) but no English one "
                                    "(step: TITLE)"
                                  : "the step's title has no Spanish (step.es:)");
    return std::nullopt;
}

std::optional<InputError> Parser::line(std::string_view raw)
{
    const std::string_view line = trim(raw);
    if (m_rulesPanel >= 0) {
        // A rules block holds the rules language's own lines, taken as they are until its end.
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos && trim(line.substr(0, colon)) == "end")
            return rulesEnd(trim(line.substr(colon + 1)));
        m_rulesText.emplace_back(line);
        return std::nullopt;
    }
    if (line.empty() || line[0] == '#')
        return std::nullopt;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos)
        return fail("'" + std::string(line.substr(0, 40))
                    + "' is not 'key: value' (keys: name, title.en, panel, step, do, en, es, "
                      "expect, until, timeout)");
    return keyValue(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
}

std::optional<InputError> Parser::keyValue(std::string_view key, std::string_view value)
{
    if (key == "name" || key == "title.en" || key == "title.es" || key == "summary.en"
        || key == "summary.es") {
        if (m_step)
            return fail("'" + std::string(key) + "' belongs in the header, before the first step");
        if (value.empty())
            return fail("'" + std::string(key) + "' is empty");
        return header(key, value);
    }
    if (key == "sockbench" || key == "kind" || key == "panel" || key == "var" || key == "message"
        || key == "layout" || key == "rules") {
        if (m_step)
            return fail(key == "panel"
                                ? std::string("panels are declared before the first step")
                                : "'" + std::string(key) + ":' lines come before the first step");
        if (key == "panel")
            return panel(value);
        if (key == "var")
            return var(value);
        if (key == "message")
            return message(value);
        if (key == "layout")
            return layout(value);
        if (key == "rules")
            return rulesBegin(value);
        return fileHeader(key, value);
    }
    if (key == "step") {
        auto e = finishStep();
        m_script.steps.emplace_back();
        m_step = &m_script.steps.back();
        m_step->line = m_line;
        m_step->title.en = value;
        return e;
    }
    const bool stepKey = key == "step.es" || key == "en" || key == "es" || key == "do"
            || key == "expect" || key == "until" || key == "timeout";
    if (!m_step && stepKey)
        return fail("'" + std::string(key) + ":' comes before the first 'step:'");
    if (!stepKey) {
        return fail("unknown key '" + std::string(key)
                    + "' (keys: sockbench, kind, name, title.en, title.es, summary.en, "
                      "summary.es, var, panel, rules, message, layout, step, step.es, do, en, "
                      "es, expect, until, timeout)");
    }
    if (key == "step.es") {
        if (!m_step->title.es.empty())
            return fail("the step has its Spanish title already");
        m_step->title.es = value;
    } else if (key == "en" || key == "es") {
        std::string &s = key == "en" ? m_step->narration.en : m_step->narration.es;
        s += (s.empty() || value.empty() ? "" : " ") + std::string(value);
    } else if (key == "do") {
        return action(value);
    } else if (key == "expect" || key == "until") {
        return condition(value, key == "until");
    } else { // timeout
        const auto n = parseNumber(value, 1, 600000);
        if (!n)
            return fail("timeout '" + std::string(value) + "' is not a number of milliseconds");
        m_step->timeoutMs = *n;
    }
    return std::nullopt;
}

std::optional<InputError> Parser::finish()
{
    if (m_rulesPanel >= 0) {
        m_line = m_rulesLine;
        m_rulesPanel = -1;
        return fail("the rules block has no 'end: rules'");
    }
    if (auto e = finishStep())
        return e;
    m_line = 1;
    if (m_ws.kind == FileKind::Demo) {
        if (m_script.name.empty())
            return fail("the demo has no 'name:'");
        if (m_script.title.en.empty() || m_script.title.es.empty())
            return fail("the demo needs a title in English and Spanish (title.en:, title.es:)");
        if (m_script.steps.empty())
            return fail("the demo has no step");
    } else if (m_ws.kind == FileKind::Scenario && m_script.steps.empty()) {
        return fail("the scenario has no step");
    }
    return std::nullopt;
}

Result<Workspace> Parser::parse(std::string_view text)
{
    if (text.size() > 1 << 20)
        return InputError {m_source + ": the file is over 1 MiB; a demo is a few KiB"};
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view raw = text.substr(pos, end - pos);
        pos = end + 1;
        ++m_line;
        if (auto e = line(raw)) {
            if (!m_lenient)
                return *e;
            m_errors.push_back(std::move(e->message));
        }
    }
    if (auto e = finish()) {
        if (!m_lenient)
            return *e;
        m_errors.push_back(std::move(e->message));
    }
    return std::move(m_ws);
}

} // namespace demoparse

const DemoPanel *DemoScript::panel(std::string_view name) const
{
    for (const auto &p : panels)
        if (p.name == name)
            return &p;
    return nullptr;
}

bool DemoPanel::operator==(const DemoPanel &o) const
{
    const auto sameOptions
            = std::equal(options.begin(), options.end(), o.options.begin(), o.options.end(),
                         [](const OptionSetting &a, const OptionSetting &b) {
                             return a.name == b.name && a.value == b.value;
                         });
    // The rules text says all the parsed rules do; the pointers differ from parse to parse.
    return name == o.name && kind == o.kind && role == o.role && spec == o.spec && model == o.model
            && backlog == o.backlog && responder.kind == o.responder.kind
            && responder.fixed == o.responder.fixed && sameOptions && timeoutMs == o.timeoutMs
            && keepOpen == o.keepOpen && target == o.target && faults[0] == o.faults[0]
            && faults[1] == o.faults[1] && selfSigned == o.selfSigned && insecure == o.insecure
            && caFile == o.caFile && rules == o.rules;
}

bool DemoAction::operator==(const DemoAction &o) const
{
    return panel == o.panel && op == o.op && args == o.args && names == o.names
            && background == o.background;
}

bool DemoCondition::operator==(const DemoCondition &o) const
{
    return kind == o.kind && source == o.source && panel == o.panel && err == o.err
            && text == o.text && items == o.items && what == o.what && compare == o.compare
            && number == o.number && withinMs == o.withinMs;
}

bool DemoStep::operator==(const DemoStep &o) const
{
    return title == o.title && narration == o.narration && actions == o.actions
            && expects == o.expects && untils == o.untils && timeoutMs == o.timeoutMs;
}

bool DemoScript::usesPackets() const
{
    for (const auto &step : steps)
        for (const auto *list : {&step.expects, &step.untils})
            for (const auto &c : *list)
                if (c.kind == DemoCondition::Kind::Packet)
                    return true;
    return false;
}

Result<DemoScript> parseDemo(std::string_view text, std::string_view source)
{
    auto parsed = demoparse::Parser(source, FileKind::Demo).parse(text);
    if (!parsed)
        return InputError {parsed.error()};
    return std::move(parsed).value().script;
}

std::string demoRegexText(std::string_view written)
{
    std::string out;
    for (size_t i = 0; i < written.size(); ++i) {
        if (written[i] == '\\' && i + 1 < written.size()) {
            // Escapes go in pairs, so that \\" is a backslash and a quote.
            if (written[i + 1] != '"')
                out += written[i];
            out += written[++i];
            continue;
        }
        out += written[i];
    }
    return out;
}

int errnoByName(std::string_view name)
{
    if (name.size() < 2 || name[0] != 'E')
        return 0;
    for (int e = 1; e < 4096; ++e) {
        const char *n = errnoName(e);
        if (n && name == n)
            return e;
    }
    return 0;
}

} // namespace sb
