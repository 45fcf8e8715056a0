// The rules language (docs/rules.md): the lexical conventions of the demo language (one
// `key: value` a line, `#` comment lines, "TEXT" with C escapes, hex "..."), parsed into a
// RuleSet. Every error names the line and column of what was wrong and what was expected.
#include "core/text/payload.h"
#include "core/text/ruleprefilter.h"
#include "core/text/rules.h"

#include <charconv>
#include <optional>

#include <sys/socket.h>

namespace sb {
namespace {

constexpr size_t kMaxFile = 1 << 20;
constexpr size_t kMaxRules = 100000;
constexpr int64_t kMaxWaitMs = 600000;

struct Token
{
    std::string text; ///< a word as written, or a quoted string's content still escaped
    bool quoted = false;
    size_t col = 0; ///< of the word, or of the opening quote
};

struct Failure
{
    std::string message;
};

} // namespace

/// Loads one file into a RuleSet; throws Failure, caught in RuleSet::parse.
class RulesParser
{
public:
    explicit RulesParser(RuleSet &set)
        : m_set(set)
    { }

    void parse(std::string_view text)
    {
        if (text.size() > kMaxFile)
            fail(1, 1, "the file is over 1 MiB");
        size_t pos = 0;
        while (pos <= text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string_view::npos)
                end = text.size();
            std::string_view line = text.substr(pos, end - pos);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            ++m_line;
            parseLine(line);
            pos = end + 1;
        }
        finishRule();
        std::vector<RulePrefilter::Pattern> patterns;
        for (size_t i = 0; i < m_set.m_rules.size(); ++i) {
            const Rule &r = m_set.m_rules[i];
            if (r.match == Rule::Match::Contains)
                patterns.push_back({r.literal, static_cast<int>(i)});
        }
        m_set.m_prefilter = std::make_unique<RulePrefilter>(patterns);
    }

private:
    [[noreturn]] void fail(size_t col, const std::string &what) { fail(m_line, col, what); }
    [[noreturn]] static void fail(int line, size_t col, const std::string &what)
    {
        throw Failure {std::to_string(line) + ":" + std::to_string(col) + ": " + what};
    }

    void parseLine(std::string_view line)
    {
        m_text = line;
        size_t i = line.find_first_not_of(" \t");
        if (i == std::string_view::npos || line[i] == '#')
            return;
        const size_t colon = line.find(':', i);
        if (colon == std::string_view::npos)
            fail(i + 1, "expected 'key: value' (framing:, rule:, match: or do:)");
        std::string_view key = line.substr(i, colon - i);
        while (!key.empty() && (key.back() == ' ' || key.back() == '\t'))
            key.remove_suffix(1);
        m_valueCol = colon + 2;
        tokenize(line, colon + 1);
        if (key == "framing")
            parseFraming();
        else if (key == "rule")
            openRule(line.substr(colon + 1));
        else if (key == "match")
            parseMatch();
        else if (key == "do")
            parseAction();
        else
            fail(i + 1, "unknown key '" + std::string(key) + "' (framing, rule, match or do)");
    }

    void tokenize(std::string_view line, size_t from)
    {
        m_tokens.clear();
        m_next = 0;
        size_t i = from;
        while (i < line.size()) {
            if (line[i] == ' ' || line[i] == '\t') {
                ++i;
                continue;
            }
            Token t;
            t.col = i + 1;
            if (line[i] == '"') {
                t.quoted = true;
                size_t k = i + 1;
                while (k < line.size() && line[k] != '"')
                    k += line[k] == '\\' ? 2 : 1;
                if (k >= line.size())
                    fail(t.col,
                         "this quote is not closed: expected '\"' before the end of the line");
                t.text = std::string(line.substr(i + 1, k - i - 1));
                i = k + 1;
                if (i < line.size() && line[i] != ' ' && line[i] != '\t')
                    fail(i + 1, "expected a space after the closing quote");
            } else {
                size_t k = i;
                while (k < line.size() && line[k] != ' ' && line[k] != '\t')
                    ++k;
                t.text = std::string(line.substr(i, k - i));
                i = k;
            }
            m_tokens.push_back(std::move(t));
        }
        m_endCol = line.size() + 1;
    }

    bool atEnd() const { return m_next >= m_tokens.size(); }
    size_t col() const { return atEnd() ? m_endCol : m_tokens[m_next].col; }
    std::string shown() const
    {
        return atEnd() ? std::string("the end of the line") : "'" + m_tokens[m_next].text + "'";
    }
    const Token &word(const char *expected)
    {
        if (atEnd() || m_tokens[m_next].quoted)
            fail(col(), std::string("expected ") + expected + ", found " + shown());
        return m_tokens[m_next++];
    }
    const Token &quoted(const char *expected)
    {
        if (atEnd() || !m_tokens[m_next].quoted)
            fail(col(), std::string("expected ") + expected + ", found " + shown());
        return m_tokens[m_next++];
    }
    void expectEnd()
    {
        if (!atEnd())
            fail(col(), "expected the end of the line, found " + shown());
    }
    bool peekWord(std::string_view w) const
    {
        return !atEnd() && !m_tokens[m_next].quoted && m_tokens[m_next].text == w;
    }

    int64_t number(const Token &t, int64_t lo, int64_t hi, std::string_view text, size_t col)
    {
        int64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < lo
            || v > hi)
            fail(col,
                 "expected a number from " + std::to_string(lo) + " to " + std::to_string(hi)
                         + ", found '" + t.text + "'");
        return v;
    }
    int64_t number(const Token &t, int64_t lo, int64_t hi)
    {
        return number(t, lo, hi, t.text, t.col);
    }

    /// A quoted string's bytes: C escapes, plus \{ and \} for literal braces.
    std::string unescape(const Token &t)
    {
        std::string out;
        const std::string &s = t.text;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '\\') {
                out += s[i];
                continue;
            }
            const size_t at = t.col + 1 + i;
            if (i + 1 >= s.size())
                fail(at, "expected an escape after '\\'");
            const char e = s[++i];
            if (const int byte = escapedByte(e); byte >= 0) {
                out += static_cast<char>(byte);
                continue;
            }
            switch (e) {
            case '{':
            case '}':
                out += e;
                break;
            case 'x': {
                const int hi = i + 1 < s.size() ? hexDigitValue(s[i + 1]) : -1;
                const int lo = i + 2 < s.size() ? hexDigitValue(s[i + 2]) : -1;
                if (hi < 0 || lo < 0)
                    fail(at, "expected two hex digits after '\\x'");
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                break;
            }
            default:
                fail(at,
                     std::string("unknown escape '\\") + e
                             + "' (\\n \\r \\t \\0 \\\\ \\\" \\xNN \\{ \\})");
            }
        }
        return out;
    }

    /// hex "48 65 ?? 6c": bytes and, with wildcards allowed, a mask (0 for a ??).
    std::string hexBytes(const Token &t, bool wildcards, std::string *mask)
    {
        std::string out;
        const std::string &s = t.text;
        size_t i = 0;
        while (i < s.size()) {
            if (s[i] == ' ' || s[i] == '\t' || s[i] == ':' || s[i] == ',' || s[i] == '-') {
                ++i;
                continue;
            }
            if (s[i] == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X'))
                i += 2;
            const size_t start = i;
            while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != ':' && s[i] != ','
                   && s[i] != '-')
                ++i;
            if ((i - start) % 2 || i == start)
                fail(t.col + 1 + start,
                     "expected hex digits in pairs" + std::string(wildcards ? " (or ?\?)" : ""));
            for (size_t k = start; k < i; k += 2) {
                if (wildcards && s[k] == '?' && s[k + 1] == '?') {
                    out += '\0';
                    *mask += '\0';
                    continue;
                }
                const int hi = hexDigitValue(s[k]);
                const int lo = hexDigitValue(s[k + 1]);
                if (hi < 0 || lo < 0)
                    fail(t.col + 1 + k,
                         "expected a hex digit pair" + std::string(wildcards ? " or ?\?" : "")
                                 + ", found '" + s.substr(k, 2) + "'");
                out += static_cast<char>(hi * 16 + lo);
                if (mask)
                    *mask += '\xff';
            }
        }
        return out;
    }

    /// "TEXT" or hex "HEX": bytes to compare.
    std::string bytesArg(const char *expected)
    {
        if (peekWord("hex")) {
            ++m_next;
            return hexBytes(quoted("a quoted hex string after hex"), false, nullptr);
        }
        return unescape(quoted(expected));
    }

    void parseFraming()
    {
        if (!m_set.m_rules.empty() || m_inRule)
            fail(1, "framing: must come before the first rule:");
        if (m_set.m_framing.line)
            fail(1, "framing: was given already on line " + std::to_string(m_set.m_framing.line));
        Framing f;
        f.line = m_line;
        const Token &kind = word("raw, line, length or fixed");
        if (kind.text == "raw") {
            f.kind = Framing::Kind::Raw;
        } else if (kind.text == "line") {
            f.kind = Framing::Kind::Line;
            if (!atEnd() && m_tokens[m_next].quoted) {
                const Token &d = m_tokens[m_next++];
                f.delimiter = unescape(d);
                if (f.delimiter.empty())
                    fail(d.col, "expected a delimiter of one byte or more");
            }
        } else if (kind.text == "length") {
            f.kind = Framing::Kind::Length;
            const Token &w = word("the length's size in bytes: 1, 2 or 4");
            if (w.text != "1" && w.text != "2" && w.text != "4")
                fail(w.col,
                     "expected the length's size in bytes: 1, 2 or 4, found '" + w.text + "'");
            f.width = w.text[0] - '0';
            if (peekWord("be") || peekWord("le"))
                f.bigEndian = m_tokens[m_next++].text == "be";
            else if (f.width > 1)
                fail(col(), "expected the byte order, be or le, found " + shown());
        } else if (kind.text == "fixed") {
            f.kind = Framing::Kind::Fixed;
            f.size = static_cast<size_t>(number(word("a message size in bytes"), 1, 16 << 20));
        } else {
            fail(kind.col, "expected raw, line, length or fixed, found '" + kind.text + "'");
        }
        if (!atEnd() && (f.kind == Framing::Kind::Line || f.kind == Framing::Kind::Length)) {
            const Token &m = word("max=BYTES");
            if (!m.text.starts_with("max="))
                fail(m.col, "expected max=BYTES or the end of the line, found '" + m.text + "'");
            f.max = static_cast<size_t>(
                    number(m, 1, 16 << 20, std::string_view(m.text).substr(4), m.col + 4));
        }
        expectEnd();
        m_set.m_framing = f;
    }

    void openRule(std::string_view rest)
    {
        finishRule();
        if (m_set.m_rules.size() >= kMaxRules)
            fail(1, "more than 100000 rules");
        Rule r;
        r.line = m_line;
        const size_t a = rest.find_first_not_of(" \t");
        if (a != std::string_view::npos) {
            const size_t b = rest.find_last_not_of(" \t");
            r.name = std::string(rest.substr(a, b - a + 1));
            if (r.name.size() > 64)
                fail(m_valueCol + a - 1, "a rule's name is at most 64 characters");
        }
        m_set.m_rules.push_back(std::move(r));
        m_inRule = true;
        m_haveMatch = false;
    }

    void finishRule()
    {
        if (m_inRule && !m_haveMatch)
            fail(m_set.m_rules.back().line, 1,
                 "rule " + std::to_string(m_set.m_rules.size()) + " has no match: line");
        m_inRule = false;
    }

    Rule &currentRule(const char *key)
    {
        if (!m_inRule)
            fail(1, std::string(key) + " must follow a rule: line");
        return m_set.m_rules.back();
    }

    void parseMatch()
    {
        Rule &r = currentRule("match:");
        if (m_haveMatch)
            fail(1, "a rule has one match: line");
        if (!r.actions.empty())
            fail(1, "match: must come before the rule's do: lines");
        const Token &kind = word("any, contains, starts-with, equals, regex or hex");
        if (kind.text == "any") {
            r.match = Rule::Match::Any;
        } else if (kind.text == "contains") {
            r.match = Rule::Match::Contains;
            r.literal = bytesArg("\"TEXT\" or hex \"HEX\"");
        } else if (kind.text == "starts-with") {
            r.match = Rule::Match::StartsWith;
            r.literal = bytesArg("\"TEXT\" or hex \"HEX\"");
        } else if (kind.text == "equals") {
            r.match = Rule::Match::Equals;
            r.literal = bytesArg("\"TEXT\" or hex \"HEX\"");
        } else if (kind.text == "hex") {
            r.match = Rule::Match::HexPattern;
            const Token &t = quoted("a quoted hex pattern, e.g. \"01 ?? 00\"");
            r.literal = hexBytes(t, true, &r.mask);
        } else if (kind.text == "regex") {
            r.match = Rule::Match::Regex;
            compileRegex(r, quoted("a quoted regular expression"));
        } else {
            fail(kind.col,
                 "expected any, contains, starts-with, equals, regex or hex, found '" + kind.text
                         + "'");
        }
        expectEnd();
        m_haveMatch = true;
    }

    /// std::regex (ECMAScript) has no named groups: (?<name>...) becomes a plain group whose
    /// number the name stands for.
    void compileRegex(Rule &r, const Token &t)
    {
        const std::string &s = t.text;
        std::string pattern;
        bool inClass = false;
        for (size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '\\') {
                pattern += c;
                if (i + 1 < s.size())
                    pattern += s[++i];
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                pattern += c;
                continue;
            }
            if (c == '[') {
                inClass = true;
                pattern += c;
                if (i + 1 < s.size() && s[i + 1] == ']')
                    pattern += s[++i]; // "[]" opens a class that holds ']'
                continue;
            }
            if (c == '(' && s.compare(i, 3, "(?<") == 0 && i + 3 < s.size() && s[i + 3] != '='
                && s[i + 3] != '!') {
                const size_t close = s.find('>', i + 3);
                if (close == std::string::npos)
                    fail(t.col + 1 + i, "expected '>' to end the group's name");
                const std::string name = s.substr(i + 3, close - i - 3);
                if (!validName(name))
                    fail(t.col + 4 + i,
                         "expected a group name of letters, digits and '_', "
                         "not starting with a digit");
                for (const std::string &n : r.groupNames) {
                    if (n == name)
                        fail(t.col + 4 + i, "the group name '" + name + "' is used twice");
                }
                r.groupNames.push_back(name);
                pattern += '(';
                i = close;
                continue;
            }
            if (c == '(' && !(i + 1 < s.size() && s[i + 1] == '?'))
                r.groupNames.push_back("");
            pattern += c;
        }
        try {
            r.regex = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
        } catch (const std::regex_error &e) {
            fail(t.col, std::string("expected a valid regular expression: ") + e.what());
        }
        if (r.regex->mark_count() != r.groupNames.size())
            r.groupNames.resize(r.regex->mark_count());
    }

    static bool validName(const std::string &n)
    {
        if (n.empty() || n.size() > 32 || (n[0] >= '0' && n[0] <= '9'))
            return false;
        for (char c : n) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || c == '_'))
                return false;
        }
        return true;
    }

    void parseAction()
    {
        Rule &r = currentRule("do:");
        if (!m_haveMatch)
            fail(1, "do: must follow the rule's match: line");
        RuleAction a;
        a.line = m_line;
        a.column = static_cast<int>(col());
        const Token &kind = word("reply, wait, shutdown, close or abort");
        if (kind.text == "reply") {
            a.kind = RuleAction::Kind::Reply;
            if (atEnd())
                fail(col(), "expected \"TEXT\" or hex \"HEX\" to reply");
            while (!atEnd()) {
                if (peekWord("hex")) {
                    ++m_next;
                    const Token &t = quoted("a quoted hex string after hex");
                    a.reply.push_back({TemplatePart::Kind::Literal, hexBytes(t, false, nullptr)});
                } else {
                    templateParts(r, quoted("\"TEXT\" or hex \"HEX\""), a.reply);
                }
            }
        } else if (kind.text == "wait") {
            a.kind = RuleAction::Kind::Wait;
            a.waitMs = number(word("milliseconds to wait"), 0, kMaxWaitMs);
        } else if (kind.text == "shutdown") {
            a.kind = RuleAction::Kind::Shutdown;
            const Token &h = word("rd, wr or rdwr");
            if (h.text == "rd")
                a.how = SHUT_RD;
            else if (h.text == "wr")
                a.how = SHUT_WR;
            else if (h.text == "rdwr")
                a.how = SHUT_RDWR;
            else
                fail(h.col, "expected rd, wr or rdwr, found '" + h.text + "'");
        } else if (kind.text == "close") {
            a.kind = RuleAction::Kind::Close;
        } else if (kind.text == "abort") {
            a.kind = RuleAction::Kind::Abort;
        } else {
            fail(kind.col,
                 "expected reply, wait, shutdown, close or abort, found '" + kind.text + "'");
        }
        expectEnd();
        r.actions.push_back(std::move(a));
    }

    /// A quoted template: literal bytes and {{placeholders}}, each checked against the rule.
    void templateParts(const Rule &r, const Token &t, std::vector<TemplatePart> &parts)
    {
        const std::string &s = t.text;
        size_t lit = 0;
        const auto flush = [&](size_t end) {
            if (end > lit) {
                Token piece {s.substr(lit, end - lit), true, t.col + lit};
                parts.push_back({TemplatePart::Kind::Literal, unescape(piece)});
            }
        };
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\\') {
                ++i;
                continue;
            }
            if (s.compare(i, 2, "{{") != 0)
                continue;
            const size_t close = s.find("}}", i + 2);
            if (close == std::string::npos)
                fail(t.col + 1 + i, "expected '}}' to close this placeholder");
            flush(i);
            std::string name = s.substr(i + 2, close - i - 2);
            parts.push_back(placeholder(r, name, t.col + 3 + i));
            i = close + 1;
            lit = close + 2;
        }
        flush(s.size());
    }

    TemplatePart placeholder(const Rule &r, const std::string &name, size_t col)
    {
        using K = TemplatePart::Kind;
        if (name == "counter")
            return {K::Counter};
        if (name == "server_counter")
            return {K::ServerCounter};
        if (name == "time")
            return {K::Time};
        if (name == "peer")
            return {K::Peer};
        if (name == "length")
            return {K::Length};
        if (name == "message")
            return {K::Message};
        const int groups = static_cast<int>(r.groupNames.size());
        if (!name.empty() && name.size() <= 4
            && name.find_first_not_of("0123456789") == std::string::npos) {
            const int g = std::stoi(name);
            if (g > groups)
                fail(col,
                     "{{" + name + "}}: this rule's match has "
                             + (groups ? std::to_string(groups) + " group(s)"
                                       : std::string("no regex groups (only {{0}})")));
            return {K::Capture, {}, g};
        }
        for (int g = 0; g < groups; ++g) {
            if (r.groupNames[size_t(g)] == name)
                return {K::Capture, {}, g + 1};
        }
        fail(col,
             "unknown placeholder {{" + name
                     + "}}: expected a group number or name, counter, server_counter, "
                       "time, peer, length or message");
    }

    RuleSet &m_set;
    int m_line = 0;
    std::string_view m_text;
    std::vector<Token> m_tokens;
    size_t m_next = 0;
    size_t m_endCol = 1;
    size_t m_valueCol = 1;
    bool m_inRule = false;
    bool m_haveMatch = false;
};

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;

Result<std::shared_ptr<const RuleSet>> RuleSet::parse(std::string_view text)
{
    std::shared_ptr<RuleSet> set(new RuleSet);
    try {
        RulesParser(*set).parse(text);
    } catch (const Failure &f) {
        return InputError {f.message};
    }
    return std::shared_ptr<const RuleSet>(std::move(set));
}

} // namespace sb
