// The lines of a demo file that carry most of its grammar: panel:, do:, expect: and until:.
#include "core/demo/demoparser.h"
#include "core/net/sockopt.h"
#include "core/text/faulttext.h"
#include "core/text/payload.h"

#include <algorithm>

namespace sb::demoparse {
namespace {

const char *const kRawOps[]
        = {"socket",  "socketpair", "setsockopt", "bind",        "listen",   "accept",
           "connect", "send",       "sendto",     "recv",        "recvfrom", "shutdown",
           "close",   "join",       "leave",      "multicast-if"};
const char *const kEndpointOps[] = {"start", "send", "shutdown", "close", "stop"};
const char *const kRelayOps[] = {"start", "fault", "reset", "close", "stop"};

template<size_t N>
bool oneOf(std::string_view word, const char *const (&list)[N])
{
    return std::any_of(std::begin(list), std::end(list), [&](const char *s) { return word == s; });
}

template<size_t N>
std::string listOf(const char *const (&list)[N])
{
    std::string out;
    for (const char *s : list)
        out += (out.empty() ? "" : ", ") + std::string(s);
    return out;
}

} // namespace

std::optional<InputError> Parser::panel(std::string_view value)
{
    auto words = splitWords(value);
    if (!words)
        return fail(words.error());
    const auto &w = *words;
    if (w.size() < 2)
        return fail("a panel needs a name and a kind: 'panel: NAME raw' or 'panel: NAME "
                    "server|client|datagram ENDPOINT [options]'");
    DemoPanel p;
    p.line = m_line;
    p.name = w[0];
    if (!validName(p.name) || p.name == "tmp" || p.name == "byteorder")
        return fail("panel name '" + p.name
                    + "' must be lower-case letters, digits, '-' or '_' (not tmp, byteorder)");
    if (m_names.count(p.name))
        return fail("a panel named '" + p.name + "' exists already");
    if (w[1] == "raw") {
        if (w.size() > 2)
            return fail("a raw panel takes no more words: '" + w[2] + "'");
        m_names[p.name] = true;
        m_script.panels.push_back(std::move(p));
        return std::nullopt;
    }
    p.kind = DemoPanel::Kind::Endpoint;
    if (w[1] == "server")
        p.role = Role::Server;
    else if (w[1] == "client")
        p.role = Role::Client;
    else if (w[1] == "datagram")
        p.role = Role::Datagram;
    else if (w[1] == "relay")
        p.role = Role::Relay;
    else
        return fail("panel kind '" + w[1] + "' is not one of raw, server, client, datagram, relay");
    if (w.size() < 3)
        return fail("a " + w[1] + " panel needs an endpoint, e.g. tcp://127.0.0.1:0");
    p.spec = w[2];
    if (auto e = checkEndpoint(p.spec))
        return e;
    size_t first = 3;
    if (p.role == Role::Relay) {
        if (w.size() < 4)
            return fail("a relay panel needs where it listens and its target: 'panel: relay relay "
                        "tcp://127.0.0.1:0 tcp://127.0.0.1:${server.port} up.chop=3'");
        p.target = w[3];
        if (auto e = checkEndpoint(p.target))
            return e;
        first = 4;
    }
    for (size_t i = first; i < w.size(); ++i) {
        const std::string &opt = w[i];
        const size_t eq = opt.find('=');
        const std::string key = opt.substr(0, eq);
        const std::string val = eq == std::string::npos ? "" : opt.substr(eq + 1);
        if (p.role == Role::Relay) {
            // A fault for both directions, or for one: chop=3, up.chop=3, down.stall.
            std::string name = key;
            int from = 0, to = 2;
            if (name.starts_with("up.")) {
                name = name.substr(3);
                to = 1;
            } else if (name.starts_with("down.")) {
                name = name.substr(5);
                from = 1;
            }
            if (name == "resume" || name == "clear" || faultIsFlag(name) != val.empty())
                return fail("'" + opt
                            + "' is not a fault of a relay panel (NAME=VALUE, "
                              "up.NAME=VALUE, down.NAME=VALUE; stall and close without a value)");
            for (int d = from; d < to; ++d) {
                if (auto ok = applyFault(p.faults[d], name, val, opt); !ok)
                    return fail(ok.error());
            }
        } else if (opt == "keep-open") {
            p.keepOpen = true;
        } else if (opt == "self-signed" && p.role == Role::Server && p.spec.starts_with("tls://")) {
            p.selfSigned = true;
        } else if (opt == "insecure" && p.role == Role::Client && p.spec.starts_with("tls://")) {
            p.insecure = true;
        } else if (key == "ca" && p.role == Role::Client && p.spec.starts_with("tls://")) {
            if (val.empty())
                return fail("ca= needs the CA certificate's file, e.g. "
                            "ca=${tmp}/sockbench-selfsigned.crt");
            p.caFile = val;
        } else if (key == "model" && p.role == Role::Server) {
            if (val == "event")
                p.model = ServerModel::Event;
            else if (val == "concurrent")
                p.model = ServerModel::Concurrent;
            else if (val == "iterative")
                p.model = ServerModel::Iterative;
            else
                return fail("model '" + val + "' is not one of event, concurrent, iterative");
        } else if (key == "backlog" && p.role == Role::Server) {
            const auto n = parseNumber(val, 0, 65535);
            if (!n)
                return fail("backlog '" + val + "' is not a number from 0 to 65535");
            p.backlog = *n;
        } else if (key == "reply" && p.role != Role::Client) {
            if (val == "echo")
                p.responder.kind = ResponderSpec::Kind::Echo;
            else if (val == "none")
                p.responder.kind = ResponderSpec::Kind::None;
            else if (val == "discard")
                p.responder.kind = ResponderSpec::Kind::Discard;
            else
                return fail("reply '" + val + "' is not one of echo, none, discard");
        } else if (key == "timeout" && p.role == Role::Client) {
            const auto n = parseNumber(val, 1, kMaxNumber);
            if (!n)
                return fail("timeout '" + val + "' is not a number of milliseconds");
            p.timeoutMs = *n;
        } else if (key == "opt") {
            const size_t eq2 = val.find('=');
            const OptionInfo *info = findOption(val.substr(0, eq2));
            if (!info || eq2 == std::string::npos)
                return fail("opt '" + val + "' is not NAME=VALUE with a known option name");
            if (auto v = parseOptionValue(*info, val.substr(eq2 + 1)); !v)
                return fail("opt " + val + ": " + v.error());
            p.options.push_back({info->name, val.substr(eq2 + 1)});
        } else {
            return fail("'" + opt + "' is not an option of a " + w[1] + " panel");
        }
    }
    m_names[p.name] = false;
    m_script.panels.push_back(std::move(p));
    return std::nullopt;
}

std::optional<InputError> Parser::action(std::string_view value)
{
    auto words = splitWords(value);
    if (!words)
        return fail(words.error());
    auto w = *words;
    DemoAction a;
    a.line = m_line;
    if (!w.empty() && w.back() == "&") {
        a.background = true;
        w.pop_back();
    }
    if (w.empty())
        return fail("'do:' needs a panel and an action, e.g. 'do: server listen 5'");
    if (w[0] == "byteorder") {
        if (w.size() != 3 || (w[1] != "16" && w[1] != "32"))
            return fail("byteorder takes 16 or 32 and a value: 'do: byteorder 16 ${server.port}'");
        if (auto s = dry(w[2]); !s)
            return fail(s.error());
        a.op = w[0];
        a.args = {w[1], w[2]};
        m_step->actions.push_back(std::move(a));
        return std::nullopt;
    }
    if (w.size() < 2)
        return fail("'do: " + w[0] + "' needs an action after the panel name");
    if (auto e = checkPanel(w[0]))
        return e;
    a.panel = w[0];
    a.op = w[1];
    const auto as = std::find(w.begin(), w.end(), "as");
    if (as != w.end()) {
        a.names.assign(as + 1, w.end());
        w.erase(as, w.end());
    }
    a.args.assign(w.begin() + 2, w.end());
    const bool raw = m_names[a.panel];
    const DemoPanel *decl = m_script.panel(a.panel);
    const bool relay = decl && decl->role == Role::Relay && !raw;
    if (relay ? !oneOf(a.op, kRelayOps) : raw ? !oneOf(a.op, kRawOps) : !oneOf(a.op, kEndpointOps))
        return fail("unknown action '" + a.op + "' for "
                    + (relay         ? "relay"
                               : raw ? "raw"
                                     : "endpoint")
                    + " panel '" + a.panel + "' (one of "
                    + (relay         ? listOf(kRelayOps)
                               : raw ? listOf(kRawOps)
                                     : listOf(kEndpointOps))
                    + ")");
    const size_t n = a.args.size();
    auto arity = [&](size_t min, size_t max, const char *usage) -> std::optional<InputError> {
        if (n < min || n > max)
            return fail("'" + a.op + "' takes " + usage);
        return std::nullopt;
    };
    std::optional<InputError> e;
    if (a.op == "socket") {
        static const char *const kinds[]
                = {"tcp", "tcp6", "udp", "udp6", "unix", "unix-dgram", "unix-seqpacket"};
        if (!(e = arity(1, 1, "one kind: tcp, tcp6, udp, udp6, unix, unix-dgram, unix-seqpacket"))
            && !oneOf(a.args[0], kinds))
            e = fail("socket kind '" + a.args[0] + "' is not one of " + listOf(kinds));
    } else if (a.op == "socketpair") {
        static const char *const kinds[] = {"unix", "unix-dgram", "unix-seqpacket"};
        if (!(e = arity(1, 1, "one kind: unix, unix-dgram, unix-seqpacket"))
            && !oneOf(a.args[0], kinds))
            e = fail("socketpair kind '" + a.args[0] + "' is not one of " + listOf(kinds));
        else if (!e && a.names.size() != 2)
            e = fail("socketpair names its two sockets: 'socketpair unix as left right'");
    } else if (a.op == "setsockopt") {
        if (!(e = arity(2, 2, "an option name and a value: 'setsockopt SO_REUSEADDR 1'"))) {
            const OptionInfo *info = findOption(a.args[0]);
            if (!info)
                e = fail("unknown socket option '" + a.args[0] + "'");
            else if (auto v = parseOptionValue(*info, a.args[1]); !v)
                e = fail(a.args[0] + ": " + v.error());
        }
    } else if (a.op == "bind") {
        if (!(e = arity(1, 1, "an endpoint: 'bind tcp://127.0.0.1:0'")))
            e = checkEndpoint(a.args[0]);
    } else if (a.op == "listen") {
        if (!(e = arity(1, 1, "a backlog: 'listen 5'")) && !parseNumber(a.args[0], 0, 65535))
            e = fail("backlog '" + a.args[0] + "' is not a number from 0 to 65535");
    } else if (a.op == "connect") {
        if (!(e = arity(1, 2, "an endpoint and an optional timeout=MS")))
            e = checkEndpoint(a.args[0]);
        if (!e && n == 2
            && !(a.args[1].starts_with("timeout=")
                 && parseNumber(std::string_view(a.args[1]).substr(8), 1, kMaxNumber)))
            e = fail("'" + a.args[1] + "' is not timeout=MILLISECONDS");
    } else if (a.op == "send") {
        if (!(e = arity(1, 2, "a \"text\" and optionally oob")))
            e = checkText(a.args[0], "send");
        if (!e && n == 2 && a.args[1] != "oob")
            e = fail("send flag '" + a.args[1] + "' is not oob");
    } else if (a.op == "sendto") {
        if (!(e = arity(2, 2, "a \"text\" and an endpoint")))
            e = checkText(a.args[0], "sendto");
        if (!e)
            e = checkEndpoint(a.args[1]);
    } else if (a.op == "recv" || a.op == "recvfrom") {
        if (!(e = arity(1, 4, "a maximum length and optionally oob, peek, waitall"))
            && !parseNumber(a.args[0], 0, 1 << 20))
            e = fail("'" + a.args[0] + "' is not a length from 0 to 1048576");
        for (size_t i = 1; !e && i < n; ++i)
            if (a.args[i] != "oob" && a.args[i] != "peek" && a.args[i] != "waitall")
                e = fail("recv flag '" + a.args[i] + "' is not oob, peek or waitall");
    } else if (a.op == "shutdown") {
        if (!(e = arity(1, 1, "rd, wr or rdwr")) && a.args[0] != "rd" && a.args[0] != "wr"
            && a.args[0] != "rdwr")
            e = fail("shutdown '" + a.args[0] + "' is not rd, wr or rdwr");
    } else if (a.op == "join" || a.op == "leave") {
        if (!(e = arity(1, 1, "a group: 'join 239.255.0.1%lo'"))) {
            if (auto g = parseGroupSpec(a.args[0]); !g)
                e = fail(g.error());
        }
    } else if (a.op == "multicast-if") {
        if (!(e = arity(1, 1, "an IPv4 address of lo: 'multicast-if 127.0.0.1'"))
            && !a.args[0].starts_with("127."))
            e = fail("multicast-if '" + a.args[0]
                     + "' is not a loopback address: a demo's groups stay on lo");
    } else if (a.op == "fault") {
        // The relay's stdin line, as the CLI takes it: "chop up 3", "stall down", "clear".
        std::string line;
        for (const std::string &word : a.args)
            line += (line.empty() ? "" : " ") + word;
        auto parsed = parseFaultLine(line, "fault");
        if (!parsed)
            e = fail(parsed.error());
        else if (parsed->kind != FaultLine::Kind::Set)
            e = fail("'fault' takes a fault as the relay's stdin lines do: 'fault chop up 3', "
                     "'fault clear'");
    } else {
        e = arity(0, 0, "no arguments");
    }
    if (e)
        return e;
    if (!a.names.empty() && a.op != "accept" && a.op != "socketpair")
        return fail("only accept and socketpair name new sockets with 'as'");
    if (a.op == "accept" && a.names.size() > 1)
        return fail("accept names one socket: 'accept as conn'");
    for (const auto &name : a.names) {
        if (!validName(name) || m_names.count(name))
            return fail("'" + name + "' cannot name a new socket (taken, or not a-z, 0-9, -, _)");
        m_names[name] = true;
    }
    m_step->actions.push_back(std::move(a));
    return std::nullopt;
}

std::optional<InputError> Parser::condition(std::string_view value, bool until)
{
    auto words = splitWords(value);
    if (!words)
        return fail(words.error());
    auto w = *words;
    const char *what = until ? "until:" : "expect:";
    if (w.empty())
        return fail(std::string(what)
                    + " needs a fact: errno, received, calls, order, eof, opened, closed, idle");
    DemoCondition c;
    c.line = m_line;
    c.source = trim(value);
    if (auto e = within(w, c, until))
        return e;
    const std::string &k = w[0];
    std::optional<InputError> e;
    if (k == "errno") {
        c.kind = DemoCondition::Kind::Errno;
        if (w.size() < 2 || w.size() > 3)
            return fail("errno takes [PANEL] NAME: 'errno client ECONNREFUSED'");
        if (w.size() == 3) {
            c.panel = w[1];
            e = checkPanel(c.panel);
        }
        c.err = errnoByName(w.back());
        if (!e && !c.err)
            e = fail("'" + w.back() + "' is not an errno name (ECONNREFUSED, EAGAIN, ...)");
    } else if (k == "received") {
        c.kind = DemoCondition::Kind::Received;
        if (w.size() != 3)
            return fail("received takes PANEL \"TEXT\": 'received server \"hello\\n\"'");
        c.panel = w[1];
        c.text = w[2];
        if (!(e = checkPanel(c.panel)))
            e = checkText(c.text, "received");
    } else if (k == "calls") {
        c.kind = DemoCondition::Kind::Calls;
        if (w.size() < 3)
            return fail("calls takes PANEL and call names: 'calls server socket bind listen'");
        c.panel = w[1];
        e = checkPanel(c.panel);
        for (size_t i = 2; !e && i < w.size(); ++i) {
            if (!isCallName(w[i]))
                e = fail("'" + w[i] + "' is not a system call name (socket, bind, accept4, ...)");
            c.items.push_back(w[i] == "accept" ? "accept4" : w[i]);
        }
    } else if (k == "order") {
        c.kind = DemoCondition::Kind::Order;
        if (w.size() < 3)
            return fail("order takes two or more PANEL:WHAT, e.g. 'order c1:close c2:data'");
        for (size_t i = 1; !e && i < w.size(); ++i) {
            const size_t colon = w[i].find(':');
            if (colon == std::string::npos)
                return fail("'" + w[i]
                            + "' is not PANEL:WHAT (WHAT: a call, data, eof, opened, "
                              "closed, error)");
            std::string what = w[i].substr(colon + 1);
            if (what == "accept")
                what = "accept4";
            e = checkPanel(w[i].substr(0, colon));
            if (!e && !isCallName(what) && what != "data" && what != "eof" && what != "opened"
                && what != "closed" && what != "error")
                e = fail("'" + what
                         + "' is not a call name or one of data, eof, opened, closed, error");
            c.items.push_back(w[i].substr(0, colon) + ":" + what);
        }
    } else if (k == "eof" || k == "opened" || k == "closed" || k == "idle") {
        c.kind = k == "eof"     ? DemoCondition::Kind::Eof
                : k == "opened" ? DemoCondition::Kind::Opened
                : k == "closed" ? DemoCondition::Kind::Closed
                                : DemoCondition::Kind::Idle;
        if (w.size() != 2)
            return fail(k + " takes one PANEL");
        c.panel = w[1];
        e = checkPanel(c.panel);
        if (!e && c.kind == DemoCondition::Kind::Idle && !until)
            e = fail("idle is for until: (wait for a panel's calls to finish)");
    } else if (k == "matches" || k == "state" || k == "count") {
        e = newFact(w, c);
    } else if (k == "packet") {
        c.kind = DemoCondition::Kind::Packet;
        if (w.size() != 3)
            return fail("packet takes PANEL and what it sent: TCP flags as tcpdump writes them "
                        "([S], [S.], [.], [P.], [F.], [R], [R.]), udp, or icmp");
        c.panel = w[1];
        c.text = w[2];
        e = checkPanel(c.panel);
        const bool flags = c.text.size() >= 3 && c.text.front() == '[' && c.text.back() == ']'
                && c.text.find_first_not_of("SFRPUEW.", 1) == c.text.size() - 1;
        if (!e && !flags && c.text != "udp" && c.text != "icmp")
            e = fail("'" + c.text
                     + "' is not TCP flags as tcpdump writes them ([S], [S.], [F.], [R.]), udp "
                       "or icmp");
    } else {
        return fail("'" + k + "' is not a fact " + what
                    + " knows (errno, received, calls, order, eof, opened, closed, idle, "
                      "matches, state, count, packet)");
    }
    if (e)
        return e;
    (until ? m_step->untils : m_step->expects).push_back(std::move(c));
    return std::nullopt;
}

} // namespace sb::demoparse
