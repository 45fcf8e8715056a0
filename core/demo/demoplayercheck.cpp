// DemoPlayer: when a step is done, and whether its expect: and until: facts hold. Owner thread.
#include "core/demo/demoplayer.h"
#include "core/demo/demoplayerpanel.h"
#include "core/demo/rawsocket.h"
#include "core/text/errnoinfo.h"
#include "core/text/payload.h"

#include <algorithm>
#include <regex>

namespace sb {
namespace {

std::string preview(const std::string &bytes) { return "\"" + escapedPreview(bytes, 80) + "\""; }

bool isDataIn(const Event &event)
{
    const auto *data = event.as<ev::Data>();
    return data && data->dir == Direction::In;
}

bool isCall(const DemoEntry &e, std::string_view call)
{
    const auto *trace = e.event.as<ev::Trace>();
    return trace && trace->record && call == sysCallName(trace->record->call);
}

bool isGoodCall(const DemoEntry &e, std::string_view call)
{
    return isCall(e, call) && e.event.as<ev::Trace>()->record->result >= 0;
}

/// Whether e is the WHAT of an order item: a call name, data, eof, opened, closed or error.
bool isWhat(const DemoEntry &e, std::string_view what)
{
    const Event &event = e.event;
    if (what == "data")
        return isDataIn(event);
    if (what == "eof")
        return event.is<ev::PeerEof>();
    if (what == "opened")
        return event.is<ev::Opened>();
    if (what == "closed")
        return event.is<ev::Closed>();
    if (what == "error")
        return event.is<ev::Error>();
    return isCall(e, what);
}

/// Whether the ECMAScript regex (as written in the file) finds a match in the first 4096
/// bytes: std::regex backtracks by recursion, as docs/rules.md says of the rules.
bool matchesRegex(const std::string &written, const std::string &bytes)
{
    try {
        const std::regex re(demoRegexText(written), std::regex::ECMAScript);
        return std::regex_search(
                bytes.begin(), bytes.begin() + std::ptrdiff_t(std::min<size_t>(bytes.size(), 4096)),
                re);
    } catch (const std::regex_error &) {
        return false; // the parser refused a regex that does not compile
    }
}

} // namespace

std::string DemoPlayer::stateOf(int panel, int64_t handle) const
{
    // The last change of state the panel (or its named socket) went through, in any step.
    std::string state;
    for (const auto &e : m_entries) {
        if (!entryMatches(e, panel, handle))
            continue;
        const Event &event = e.event;
        if (event.is<ev::Listening>() || isGoodCall(e, "listen"))
            state = "listening";
        else if (event.is<ev::Opened>() || isGoodCall(e, "connect"))
            state = "opened";
        else if (event.is<ev::Closed>() || isGoodCall(e, "close"))
            state = "closed";
    }
    return state;
}

bool DemoPlayer::entryMatches(const DemoEntry &entry, int panel, int64_t handle) const
{
    const auto it = m_panelById.find(entry.event.endpoint);
    if (it == m_panelById.end() || it->second != panel)
        return false;
    return handle < 0 || entry.event.conn == uint32_t(handle);
}

bool DemoPlayer::holds(const DemoCondition &c, int step, std::string *detail) const
{
    using Kind = DemoCondition::Kind;
    int panel = -1;
    int64_t handle = -1;
    if (!c.panel.empty() && !resolveName(c.panel, &panel, &handle)) {
        *detail = "no socket is named '" + c.panel + "' yet";
        return false;
    }
    auto inStep = [&](const DemoEntry &e) {
        return e.step == step && (panel < 0 || entryMatches(e, panel, handle));
    };
    switch (c.kind) {
    case Kind::Errno: {
        for (const auto &e : m_entries) {
            if (!inStep(e))
                continue;
            const auto *error = e.event.as<ev::Error>();
            const auto *trace = e.event.as<ev::Trace>();
            if ((error && error->err == c.err)
                || (trace && trace->record && trace->record->result < 0
                    && trace->record->err == c.err))
                return true;
        }
        *detail = std::string("no ") + errnoName(c.err) + " in this step";
        return false;
    }
    case Kind::Received: {
        auto wanted = bytesOf(c.text);
        if (!wanted) {
            *detail = wanted.error();
            return false;
        }
        std::string got;
        for (const auto &e : m_entries)
            if (inStep(e) && isDataIn(e.event))
                got += view(e.event.as<ev::Data>()->bytes);
        if (got == *wanted)
            return true;
        *detail = c.panel + " received " + preview(got) + ", not " + preview(*wanted);
        return false;
    }
    case Kind::Calls: {
        std::vector<std::string> made;
        size_t next = 0;
        for (const auto &e : m_entries) {
            const auto *trace = e.event.as<ev::Trace>();
            if (!inStep(e) || !trace || !trace->record)
                continue;
            const TraceRecord &t = *trace->record;
            made.push_back(sysCallName(t.call));
            if (t.result < 0) {
                const char *name = errnoName(t.err);
                made.back() += std::string("=") + (name ? name : "error");
            } else if (next < c.items.size() && made.back() == c.items[next]) {
                ++next; // only a call that succeeded counts
            }
        }
        if (next == c.items.size())
            return true;
        std::string list;
        for (const auto &m : made)
            list += (list.empty() ? "" : " ") + m;
        *detail = c.panel + " made: " + (list.empty() ? "no call" : list);
        return false;
    }
    case Kind::Order: {
        int64_t last = -1;
        std::string lastItem;
        for (const auto &item : c.items) {
            const size_t colon = item.find(':');
            int p = 0;
            int64_t h = 0;
            if (!resolveName(item.substr(0, colon), &p, &h)) {
                *detail = "no socket is named '" + item.substr(0, colon) + "'";
                return false;
            }
            const std::string what = item.substr(colon + 1);
            const auto it
                    = std::find_if(m_entries.begin(), m_entries.end(), [&](const DemoEntry &e) {
                          return e.step == step && entryMatches(e, p, h) && isWhat(e, what);
                      });
            if (it == m_entries.end()) {
                *detail = "no " + item + " in this step";
                return false;
            }
            if (it->event.monoNs < last) {
                *detail = item + " came before " + lastItem;
                return false;
            }
            last = it->event.monoNs;
            lastItem = item;
        }
        return true;
    }
    case Kind::Eof:
    case Kind::Opened:
    case Kind::Closed: {
        const char *what = c.kind == Kind::Eof ? "eof"
                : c.kind == Kind::Opened       ? "opened"
                                               : "closed";
        for (const auto &e : m_entries)
            if (inStep(e) && isWhat(e, what))
                return true;
        *detail = c.panel + ": no " + what + " in this step";
        return false;
    }
    case Kind::Matches: {
        std::string got;
        for (const auto &e : m_entries)
            if (inStep(e) && isDataIn(e.event))
                got += view(e.event.as<ev::Data>()->bytes);
        if (matchesRegex(c.what, got))
            return true;
        *detail = c.panel + " received " + preview(got) + ", which does not match";
        return false;
    }
    case Kind::State: {
        const std::string now = stateOf(panel, handle);
        if (now == c.what)
            return true;
        *detail = c.panel + " is " + (now.empty() ? std::string("not open yet") : now);
        return false;
    }
    case Kind::Count: {
        int64_t n = 0;
        for (const auto &e : m_entries) {
            const auto *data = e.event.as<ev::Data>();
            if (inStep(e)
                && (c.what == "sent" ? data && data->dir == Direction::Out : isWhat(e, c.what)))
                ++n;
        }
        const int64_t want = c.number;
        using C = DemoCondition::Compare;
        const bool ok = c.compare == C::Eq ? n == want
                : c.compare == C::Ne       ? n != want
                : c.compare == C::Lt       ? n < want
                : c.compare == C::Le       ? n <= want
                : c.compare == C::Gt       ? n > want
                                           : n >= want;
        if (ok)
            return true;
        *detail = c.panel + ": " + std::to_string(n) + " " + c.what + " in this step";
        return false;
    }
    case Kind::Packet: {
        if (!m_capture) {
            *detail = "no packets: "
                    + (m_captureProblem.empty() ? std::string("capture is off") : m_captureProblem);
            return false;
        }
        std::string seen;
        for (const auto &e : m_entries) {
            const auto *p = e.event.as<ev::Packet>();
            if (!p || !inStep(e))
                continue;
            const Packet &packet = *p->packet;
            const std::string what = packet.proto == PacketProto::Tcp
                    ? tcpFlagsText(packet.tcpFlags)
                    : packet.proto == PacketProto::Udp ? "udp"
                    : packet.hasInner                  ? "icmp"
                                                       : "other";
            if (what == c.text)
                return true;
            seen += (seen.empty() ? "" : " ") + what;
        }
        *detail = c.panel + " sent " + (seen.empty() ? "no packet" : seen) + " in this step";
        return false;
    }
    case Kind::Idle: {
        const Panel &p = *m_panels[size_t(panel)];
        if (p.pending.empty())
            return true;
        *detail = c.panel + " is still in " + p.pending.front().op + "()";
        return false;
    }
    }
    return false;
}

std::string DemoPlayer::waitingFor() const
{
    const DemoStep &step = m_script.steps[size_t(m_current)];
    std::string out;
    if (m_nextAction < step.actions.size())
        out += "line " + std::to_string(step.actions[m_nextAction].line) + " to start; ";
    for (const auto &panel : m_panels)
        for (const auto &call : panel->pending)
            if (call.step == m_current && !call.background)
                out += panel->decl->name + " " + call.op + "(); ";
    for (const auto &c : step.untils) {
        std::string detail;
        if (!holds(c, m_current, &detail))
            out += "until: " + c.source + " (" + detail + "); ";
    }
    if (out.size() > 2)
        out.resize(out.size() - 2);
    return out;
}

bool DemoPlayer::packetFactsHold() const
{
    std::string detail;
    const DemoStep &step = m_script.steps[size_t(m_current)];
    return std::all_of(step.expects.begin(), step.expects.end(), [&](const DemoCondition &c) {
        return c.kind != DemoCondition::Kind::Packet || holds(c, m_current, &detail);
    });
}

void DemoPlayer::finishIfDone(int64_t now)
{
    if (m_state != State::Running)
        return;
    const DemoStep &step = m_script.steps[size_t(m_current)];
    bool done = m_nextAction >= step.actions.size() && m_outstanding <= 0;
    std::string detail;
    for (size_t i = 0; done && i < step.untils.size(); ++i)
        done = holds(step.untils[i], m_current, &detail);
    // An expect: ... within MS is waited for until it holds or its time is up.
    for (size_t i = 0; done && i < step.expects.size(); ++i) {
        const DemoCondition &c = step.expects[i];
        done = !c.withinMs || now >= m_stepStartNs + int64_t(c.withinMs) * 1000000
                || holds(c, m_current, &detail);
    }
    if (done && m_capture) {
        // The step's last packets come a moment after its calls: wait for them, then take
        // every one captured so far.
        if (!m_settleFromNs)
            m_settleFromNs = now;
        if (now < m_settleFromNs + kPacketSettleNs)
            return;
        releasePackets(now, true);
        if (!packetFactsHold() && now < m_settleFromNs + kPacketWaitNs
            && now < m_stepStartNs + int64_t(step.timeoutMs) * 1000000)
            return;
    }
    if (done) {
        m_settleFromNs = 0;
        finishStep(false, {});
    } else if (now >= m_stepStartNs + int64_t(step.timeoutMs) * 1000000) {
        finishStep(true, waitingFor());
    }
}

void DemoPlayer::finishStep(bool timedOut, const std::string &waiting)
{
    const DemoStep &step = m_script.steps[size_t(m_current)];
    DemoStepReport &report = m_reports[size_t(m_current)];
    report.finished = true;
    report.timedOut = timedOut;
    if (timedOut)
        report.checks.push_back({step.line, "timeout: " + std::to_string(step.timeoutMs), false,
                                 "still waiting for " + waiting});
    for (const auto &c : step.expects) {
        DemoCheck check {c.line, c.source, false, {}};
        check.passed = holds(c, m_current, &check.detail);
        report.checks.push_back(std::move(check));
    }
    m_justFinished.push_back(m_current);
    m_readyAtNs = monotonicNs();
    report.finishedNs = m_readyAtNs;
    ++m_current;
    if (m_current >= stepCount()) {
        m_state = State::Finished;
        m_playing = false;
    } else {
        m_state = State::Ready;
    }
}

} // namespace sb
