#pragma once

#include "core/text/result.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// How a byte stream is cut into the messages the rules see (framer.h does the cutting).
struct Framing
{
    enum class Kind : uint8_t {
        Raw, ///< each read is one message (a datagram is always one message)
        Line, ///< up to a delimiter, which the message does not hold
        Length, ///< a 1, 2 or 4-byte length, then that many bytes; replies get the same header
        Fixed, ///< messages of `size` bytes
    };
    Kind kind = Kind::Raw;
    std::string delimiter = "\n"; ///< Line
    int width = 2; ///< Length: 1, 2 or 4 bytes
    bool bigEndian = true; ///< Length
    size_t size = 0; ///< Fixed
    size_t max = 65536; ///< Line: a longer line is cut here; Length: a longer one is an error
    int line = 0; ///< where the file said it (0: the default)
};

/// One piece of a reply template: bytes as written, or a value filled in when a rule fires.
struct TemplatePart
{
    enum class Kind : uint8_t {
        Literal, ///< text
        Capture, ///< group: 0 the whole match, 1.. a regex group
        Counter, ///< {{counter}}: this connection's matched messages, this one included
        ServerCounter, ///< {{server_counter}}: the whole server's, every connection
        Time, ///< {{time}}: UTC, 2026-01-02T03:04:05.678Z
        Peer, ///< {{peer}}: the client's address, 127.0.0.1:40312
        Length, ///< {{length}}: the message's length in bytes
        Message, ///< {{message}}: the whole message
    };
    Kind kind = Kind::Literal;
    std::string text;
    int group = 0;
};

struct RuleAction
{
    enum class Kind : uint8_t { Reply, Wait, Shutdown, Close, Abort };
    Kind kind = Kind::Reply;
    std::vector<TemplatePart> reply; ///< Reply
    int64_t waitMs = 0; ///< Wait
    int how = 0; ///< Shutdown: SHUT_RD, SHUT_WR or SHUT_RDWR
    int line = 0;
    int column = 0;
};

struct Rule
{
    enum class Match : uint8_t { Contains, StartsWith, Equals, Regex, HexPattern, Any };
    std::string name; ///< may be empty; the log then says the number alone
    int line = 0;
    Match match = Match::Any;
    std::string literal; ///< Contains, StartsWith, Equals: the bytes; HexPattern: its bytes
    std::string mask; ///< HexPattern: 0xff where the byte counts, 0 for a `??`
    std::shared_ptr<const std::regex> regex;
    std::vector<std::string> groupNames; ///< Regex: name of group i+1, or "" when unnamed
    std::vector<RuleAction> actions;
};

/// Which rule matched a message, and what it captured (views into the message).
struct RuleMatch
{
    int rule = -1; ///< index into RuleSet::rules(); -1: none matched
    std::vector<std::string_view> groups; ///< [0] the matched bytes, then regex groups
};

/// What a template may say besides the captures.
struct TemplateContext
{
    uint64_t counter = 0;
    uint64_t serverCounter = 0;
    std::string_view peer;
    int64_t realtimeNs = 0; ///< CLOCK_REALTIME, for {{time}}
    std::string_view message;
};

class RulePrefilter;

/// A parsed rules file: its framing and its ordered rules, first match wins. Immutable once
/// parsed, so one instance is shared by every loop of a server. Thread-safe.
class RuleSet
{
public:
    /// The rules language (docs/rules.md). An error reads "LINE:COLUMN: what was expected".
    static Result<std::shared_ptr<const RuleSet>> parse(std::string_view text);

    const Framing &framing() const { return m_framing; }
    const std::vector<Rule> &rules() const { return m_rules; }
    /// The first rule that matches message. Contains rules are found by one pass over the
    /// message for all of them (RulePrefilter), never one search per rule nor through a regex.
    RuleMatch match(std::string_view message) const;
    /// Why these rules cannot serve a datagram socket ("LINE:COLUMN: ..."), or empty: its
    /// framing must be raw (a datagram is one message) and it cannot shutdown, close or abort.
    std::string datagramProblem() const;

    ~RuleSet();
    RuleSet(const RuleSet &) = delete;
    RuleSet &operator=(const RuleSet &) = delete;

private:
    RuleSet();
    friend class RulesParser;
    Framing m_framing;
    std::vector<Rule> m_rules;
    std::unique_ptr<RulePrefilter> m_prefilter;
};

/// The bytes of a reply: the template with its placeholders filled.
std::string expandTemplate(const std::vector<TemplatePart> &parts, const RuleMatch &match,
                           const TemplateContext &context);

/// "2026-01-02T03:04:05.678Z"
std::string utcTimestamp(int64_t realtimeNs);

/// A rule as the log names it: "rule 3 'greet'" or "rule 3".
std::string ruleLabel(int number, std::string_view name);

} // namespace sb
