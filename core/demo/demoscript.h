#pragma once

#include "core/net/endpoint.h"
#include "core/text/result.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb {

/// The languages every narration is written in.
enum class DemoLang : uint8_t { En, Es };

/// A text in English and Spanish. Value type.
struct DemoText
{
    std::string en;
    std::string es;
    const std::string &in(DemoLang lang) const { return lang == DemoLang::Es ? es : en; }
    bool operator==(const DemoText &) const = default;
};

/// A panel of a demo: a RawSocket (one call per step) or an Endpoint (start does it all).
struct DemoPanel
{
    enum class Kind : uint8_t { Raw, Endpoint };
    int line = 0;
    std::string name;
    Kind kind = Kind::Raw;
    Role role = Role::Client; ///< Endpoint panels
    std::string spec; ///< Endpoint panels: the endpoint as written, ${...} resolved at start
    ServerModel model = ServerModel::Event;
    int backlog = 128;
    ResponderSpec responder;
    std::vector<OptionSetting> options;
    int timeoutMs = 10000; ///< connect timeout of Endpoint clients
    bool keepOpen = false; ///< Endpoint: keep a half-closed connection open (no close on EOF)
    /// Relay panels: where each client is forwarded (as written, ${...} resolved at start),
    /// and the faults of each direction at the start ([0] up, [1] down).
    std::string target;
    FaultPlan faults[2];
    bool selfSigned = false; ///< tls:// server: a self-signed pair made in ${tmp}
    bool insecure = false; ///< tls:// client: accept a certificate that fails verification
    std::string caFile; ///< tls:// client: the CA file, as written (${tmp} resolved at start)
    /// Server and datagram panels: the reply rules of a "rules: NAME" ... "end: rules" block
    /// (docs/rules.md), each line trimmed, joined by '\n'; empty for none. When set, responder
    /// holds them parsed (kind Rules).
    std::string rules;

    /// Equal in everything a file says; line numbers and the parsed rules' pointer aside.
    bool operator==(const DemoPanel &other) const;
};

/// One call of a step: "server bind tcp://127.0.0.1:0", "conn send \"hello\\n\"".
struct DemoAction
{
    int line = 0;
    std::string panel; ///< a panel or a name made by accept/socketpair ... as NAME
    std::string op; ///< "socket", "bind", ..., or "byteorder" (panel empty)
    std::vector<std::string> args; ///< words; quoted text unquoted, its escapes left as written
    std::vector<std::string> names; ///< accept as NAME / socketpair TYPE as A B
    bool background = false; ///< a trailing '&': the step does not wait for this call

    /// Equal in everything a file says; the line number aside.
    bool operator==(const DemoAction &other) const;
};

/// A fact a step must produce (expect:) or wait for (until:).
struct DemoCondition
{
    enum class Kind : uint8_t {
        Errno, ///< errno [PANEL] NAME: a call failed with NAME
        Received, ///< received PANEL "TEXT": the bytes PANEL received in the step are TEXT
        Calls, ///< calls PANEL CALL...: PANEL made these calls, in this order (others between)
        Order, ///< order PANEL:WHAT ...: their first occurrences in the step come in this order
        Eof, ///< eof PANEL: PANEL read end-of-file
        Opened, ///< opened PANEL: a connection of PANEL is established
        Closed, ///< closed PANEL: PANEL closed a socket or saw its connection close
        Idle, ///< idle PANEL: no call of PANEL is queued or blocked (until: only)
        Matches, ///< matches PANEL "REGEX": the bytes PANEL received in the step match REGEX
        State, ///< state PANEL listening|opened|closed: the panel's last state change so far
        Count, ///< count PANEL WHAT OP N: how many WHAT of PANEL the step saw, compared to N
        Packet, ///< packet PANEL WHAT: PANEL's socket sent a packet: [S.] flags, udp, icmp
    };
    /// Count's comparison.
    enum class Compare : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
    int line = 0;
    Kind kind = Kind::Errno;
    std::string source; ///< the line as written, for reports
    std::string panel; ///< empty: any panel (errno)
    int err = 0;
    std::string text; ///< Received: escaped text, ${...} resolved when checked; Packet: WHAT
    std::vector<std::string> items; ///< Calls: call names; Order: PANEL:WHAT
    /// Matches: the ECMAScript regex as written; State: listening, opened or closed; Count:
    /// what is counted (data, sent, opened, closed, eof, error or a call name).
    std::string what;
    Compare compare = Compare::Ge; ///< Count
    int64_t number = 0; ///< Count: the N it is compared with
    /// "... within MS" (expect: only): the step waits for the fact up to MS after it began,
    /// then goes on; 0: checked when the step ends, without waiting for it.
    int withinMs = 0;

    /// Equal in everything a file says; the line number aside.
    bool operator==(const DemoCondition &other) const;
};

struct DemoStep
{
    int line = 0;
    DemoText title; ///< "step: TITLE" and "step.es: TÍTULO", optional (both or neither)
    DemoText narration;
    std::vector<DemoAction> actions;
    std::vector<DemoCondition> expects;
    std::vector<DemoCondition> untils;
    int timeoutMs = 10000; ///< how long the step may wait for its calls and untils

    /// Equal in everything a file says; the line number aside.
    bool operator==(const DemoStep &other) const;
};

/// A parsed demo file. Value type; see resources/demos/README.md for the format.
struct DemoScript
{
    std::string name;
    DemoText title;
    DemoText summary;
    /// "var: NAME VALUE": ${NAME} placeholders with their defaults, in file order; a front
    /// end may change the values before playing (sockbench-cli run --set NAME=VALUE).
    std::vector<std::pair<std::string, std::string>> vars;
    std::vector<DemoPanel> panels;
    std::vector<DemoStep> steps;

    const DemoPanel *panel(std::string_view name) const;
    bool operator==(const DemoScript &other) const = default;
    /// Whether a step checks a packet fact (the player then captures).
    bool usesPackets() const;
};

/// Parses a demo file. Errors read "SOURCE:LINE: what is wrong", e.g.
/// "echo.demo:12: unknown action 'lisen' for raw panel 'server'".
Result<DemoScript> parseDemo(std::string_view text, std::string_view source = "demo");

/// The value of a ${NAME} placeholder, or nullopt when there is none (yet).
using DemoLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Replaces each ${...}: ${PANEL.port}, ${PANEL.addr}, ${tmp} through lookup, and the byte
/// functions ${net16:X}, ${net32:X}, ${host16:X}, ${host32:X} (X a number, an IPv4 literal or
/// a placeholder name such as server.port) with \xNN escapes of the bytes in network order
/// (htons/htonl) or in this host's order.
Result<std::string> substituteDemoText(std::string_view text, const DemoLookup &lookup);

/// The two bytes of value as htons lays them out in memory: network order, big-endian.
std::string networkOrder16(uint16_t value);
/// The four bytes of value as htonl lays them out in memory.
std::string networkOrder32(uint32_t value);
/// The bytes of value as this host keeps a uint16_t / uint32_t in memory.
std::string hostOrder16(uint16_t value);
std::string hostOrder32(uint32_t value);
/// A line on value's byte order: "htons(40000 = 0x9c40): host order 40 9c -> network order
/// 9c 40 (this host is little-endian)". bits is 16 or 32; for 32 an IPv4 literal is accepted.
Result<std::string> describeByteOrder(int bits, std::string_view value);

/// The regex of a "matches" fact as std::regex takes it: as written, but \" for a quote.
std::string demoRegexText(std::string_view written);

/// errno number by name ("ECONNREFUSED"), 0 when Linux has none of that name.
int errnoByName(std::string_view name);

} // namespace sb
