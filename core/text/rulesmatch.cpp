// RuleSet::match (first match wins, contains rules through the prefilter) and the
// templates that build replies.
#include "core/text/ruleprefilter.h"
#include "core/text/rules.h"

#include <climits>
#include <cstdio>
#include <ctime>

namespace sb {
namespace {

/// std::regex backtracks by recursion: past a few KiB a pattern like (a|b)* overflows the
/// stack of a thread, and a*b costs the square of the length. A regex sees this much.
constexpr size_t kRegexWindow = 4096;

bool matchHexPattern(const Rule &r, std::string_view m)
{
    if (m.size() < r.literal.size())
        return false;
    for (size_t i = 0; i < r.literal.size(); ++i) {
        if ((m[i] ^ r.literal[i]) & r.mask[i])
            return false;
    }
    return true;
}

} // namespace

RuleMatch RuleSet::match(std::string_view message) const
{
    RuleMatch out;
    // The lowest contains rule that occurs; every contains rule before it does not.
    const int found = m_prefilter ? m_prefilter->find(message) : INT_MAX;
    const int n = static_cast<int>(m_rules.size());
    for (int i = 0; i < n; ++i) {
        const Rule &r = m_rules[size_t(i)];
        switch (r.match) {
        case Rule::Match::Any:
            out.groups.push_back(message);
            break;
        case Rule::Match::Contains:
            if (i != found)
                continue;
            out.groups.push_back(r.literal);
            break;
        case Rule::Match::StartsWith:
            if (!message.starts_with(r.literal))
                continue;
            out.groups.push_back(message.substr(0, r.literal.size()));
            break;
        case Rule::Match::Equals:
            if (message != r.literal)
                continue;
            out.groups.push_back(message);
            break;
        case Rule::Match::HexPattern:
            if (!matchHexPattern(r, message))
                continue;
            out.groups.push_back(message.substr(0, r.literal.size()));
            break;
        case Rule::Match::Regex: {
            const std::string_view subject = message.substr(0, kRegexWindow);
            std::match_results<std::string_view::const_iterator> m;
            if (!std::regex_search(subject.begin(), subject.end(), m, *r.regex))
                continue;
            for (size_t g = 0; g < m.size(); ++g) {
                if (m[g].matched)
                    out.groups.emplace_back(&*m[g].first, size_t(m[g].length()));
                else
                    out.groups.emplace_back();
            }
            break;
        }
        }
        out.rule = i;
        return out;
    }
    return out;
}

std::string RuleSet::datagramProblem() const
{
    if (m_framing.kind != Framing::Kind::Raw)
        return std::to_string(m_framing.line)
                + ":1: a datagram is one message: a datagram socket takes framing: raw only";
    for (const Rule &r : m_rules) {
        for (const RuleAction &a : r.actions) {
            if (a.kind == RuleAction::Kind::Shutdown || a.kind == RuleAction::Kind::Close
                || a.kind == RuleAction::Kind::Abort)
                return std::to_string(a.line) + ":" + std::to_string(a.column)
                        + ": a datagram socket has no connection to shutdown, close or abort";
        }
    }
    return {};
}

std::string expandTemplate(const std::vector<TemplatePart> &parts, const RuleMatch &match,
                           const TemplateContext &context)
{
    std::string out;
    for (const TemplatePart &p : parts) {
        switch (p.kind) {
        case TemplatePart::Kind::Literal:
            out += p.text;
            break;
        case TemplatePart::Kind::Capture:
            if (size_t(p.group) < match.groups.size())
                out += match.groups[size_t(p.group)];
            break;
        case TemplatePart::Kind::Counter:
            out += std::to_string(context.counter);
            break;
        case TemplatePart::Kind::ServerCounter:
            out += std::to_string(context.serverCounter);
            break;
        case TemplatePart::Kind::Time:
            out += utcTimestamp(context.realtimeNs);
            break;
        case TemplatePart::Kind::Peer:
            out += context.peer;
            break;
        case TemplatePart::Kind::Length:
            out += std::to_string(context.message.size());
            break;
        case TemplatePart::Kind::Message:
            out += context.message;
            break;
        }
    }
    return out;
}

std::string utcTimestamp(int64_t realtimeNs)
{
    const std::time_t secs = static_cast<std::time_t>(realtimeNs / 1000000000);
    std::tm tm {};
    gmtime_r(&secs, &tm);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>((realtimeNs / 1000000) % 1000));
    return buf;
}

std::string ruleLabel(int number, std::string_view name)
{
    std::string out = "rule " + std::to_string(number);
    if (!name.empty())
        out += " '" + std::string(name) + "'";
    return out;
}

} // namespace sb
