#include "core/net/rulesresponder.h"

#include "core/net/connection.h"
#include "core/net/eventloop.h"
#include "core/text/clock.h"
#include "core/text/framer.h"

#include <cerrno>
#include <ctime>
#include <deque>
#include <unordered_map>

namespace sb {
namespace {

/// One action of a matched rule, its reply already made (so {{time}} is the match's time).
struct Step
{
    RuleAction::Kind kind;
    Bytes bytes; ///< Reply
    int64_t waitMs = 0;
    int how = 0;
    Address to; ///< datagram sockets: whom the reply goes to
};

/// Datagram senders whose {{counter}} is remembered; past this many the counts start over,
/// so a flood of spoofed senders cannot grow the table without end.
constexpr size_t kMaxSenders = 4096;

struct RulesState : ResponderState
{
    explicit RulesState(const Framing &framing)
        : framer(framing)
    { }
    Framer framer;
    uint64_t counter = 0; ///< stream: this connection's matched messages
    std::unordered_map<std::string, uint64_t> senders; ///< datagram: matched, per sender
    std::deque<Step> steps; ///< actions not yet run, in order
    bool waiting = false; ///< a wait: timer is running
    bool done = false; ///< closed, aborted or unframeable: nothing more is answered
};

int64_t realtimeNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

/// The largest payload a length header of `width` bytes can announce.
uint64_t maxForWidth(int width) { return width >= 4 ? 0xffffffffu : (1u << (8 * width)) - 1; }

RulesState &stateOf(std::unique_ptr<ResponderState> &slot, const Framing &framing)
{
    if (!slot)
        slot = std::make_unique<RulesState>(framing);
    return static_cast<RulesState &>(*slot);
}

/// Matches one message and queues its rule's steps; the event says which rule it was.
template<typename Post>
bool matchMessage(const RuleSet &rules, std::string_view message, RulesState &st, uint64_t &counter,
                  std::atomic<uint64_t> &server, const std::string &peer, const Address &to,
                  Post &&post)
{
    const RuleMatch m = rules.match(message);
    if (m.rule < 0)
        return false;
    const Rule &rule = rules.rules()[size_t(m.rule)];
    TemplateContext ctx;
    ctx.counter = ++counter;
    ctx.serverCounter = server.fetch_add(1, std::memory_order_relaxed) + 1;
    ctx.peer = peer;
    ctx.message = message;
    bool timed = false;
    for (const RuleAction &a : rule.actions) {
        Step s {a.kind, nullptr, a.waitMs, a.how, to};
        if (a.kind == RuleAction::Kind::Reply) {
            if (!timed) {
                ctx.realtimeNs = realtimeNs();
                timed = true;
            }
            s.bytes = makeBytes(expandTemplate(a.reply, m, ctx));
        }
        // Nothing after a close or an abort is answered: later messages are not matched.
        if (a.kind == RuleAction::Kind::Close || a.kind == RuleAction::Kind::Abort)
            st.done = true;
        st.steps.push_back(std::move(s));
    }
    post(ev::RuleMatched {.rule = m.rule + 1,
                          .name = rule.name,
                          .length = message.size(),
                          .counter = ctx.counter,
                          .serverCounter = ctx.serverCounter,
                          .peer = to});
    return true;
}

void postConn(Connection &c, EventBody body)
{
    Event e(c.id(), std::move(body));
    e.monoNs = monotonicNs();
    e.endpoint = c.context().endpoint;
    c.context().sink->post(std::move(e));
}

/// Runs a connection's steps until one waits or none is left.
void runSteps(Connection &c, RulesState &st, const Framing &framing)
{
    while (!st.waiting && !st.steps.empty() && !c.isClosed()) {
        Step s = std::move(st.steps.front());
        st.steps.pop_front();
        switch (s.kind) {
        case RuleAction::Kind::Reply:
            if (framing.kind == Framing::Kind::Length
                && s.bytes->size() > maxForWidth(framing.width)) {
                postConn(c,
                         ev::Error {.op = "reply",
                                    .err = EMSGSIZE,
                                    .detail = "a reply of " + std::to_string(s.bytes->size())
                                            + " bytes is too long for a "
                                            + std::to_string(framing.width)
                                            + "-byte length: not sent"});
                break;
            }
            if (framing.kind == Framing::Kind::Length)
                c.send(makeBytes(st.framer.frame(*s.bytes)));
            else
                c.send(std::move(s.bytes));
            break;
        case RuleAction::Kind::Wait: {
            st.waiting = true;
            std::weak_ptr<Connection> weak = c.shared_from_this();
            c.context().loop->runAfter(s.waitMs, [weak, framing] {
                auto self = weak.lock();
                if (!self || self->isClosed() || !self->responderState())
                    return;
                auto &state = static_cast<RulesState &>(*self->responderState());
                state.waiting = false;
                runSteps(*self, state, framing);
            });
            return;
        }
        case RuleAction::Kind::Shutdown:
            c.shutdown(s.how);
            break;
        case RuleAction::Kind::Close:
            st.done = true;
            st.steps.clear();
            c.close();
            return;
        case RuleAction::Kind::Abort:
            st.done = true;
            st.steps.clear();
            c.abort();
            return;
        }
    }
}

void runDatagramSteps(DatagramPort &port, RulesState &st)
{
    while (!st.waiting && !st.steps.empty()) {
        Step s = std::move(st.steps.front());
        st.steps.pop_front();
        if (s.kind == RuleAction::Kind::Reply) {
            port.sendDatagram(std::move(s.bytes), s.to);
        } else if (s.kind == RuleAction::Kind::Wait) {
            st.waiting = true;
            port.loop().runAfter(s.waitMs, [&port] {
                auto &state = static_cast<RulesState &>(*port.responderState());
                state.waiting = false;
                runDatagramSteps(port, state);
            });
            return;
        }
        // Shutdown, close and abort are refused for datagram sockets when the rules are
        // loaded (RuleSet::datagramProblem); nothing to do if one slipped through.
    }
}

} // namespace

RulesResponder::RulesResponder(std::shared_ptr<const RuleSet> rules)
    : m_rules(std::move(rules))
{ }

void RulesResponder::opened(Connection &c) { stateOf(c.responderState(), m_rules->framing()); }

void RulesResponder::received(Connection &c, const Bytes &data)
{
    RulesState &st = stateOf(c.responderState(), m_rules->framing());
    if (st.done || !data)
        return;
    const std::string peer = c.peer().toString();
    const auto post = [&](ev::RuleMatched m) { postConn(c, std::move(m)); };
    const std::string error = st.framer.feed(*data, [&](std::string_view message) {
        if (!st.done)
            matchMessage(*m_rules, message, st, st.counter, m_serverCounter, peer, Address(), post);
    });
    if (!error.empty()) {
        // The stream cannot be cut any more: answer what came before, then give up on it.
        postConn(c, ev::Error {.op = "rules", .err = EMSGSIZE, .detail = error});
        st.steps.push_back({RuleAction::Kind::Close});
    }
    runSteps(c, st, m_rules->framing());
}

void RulesResponder::datagram(DatagramPort &port, const Bytes &data, const Address &from)
{
    RulesState &st = stateOf(port.responderState(), m_rules->framing());
    const std::string peer = from.valid() ? from.toString() : std::string();
    if (st.senders.size() >= kMaxSenders && !st.senders.contains(peer))
        st.senders.clear();
    uint64_t &counter = st.senders[peer];
    const auto post = [&](ev::RuleMatched m) { port.postEvent(Event(0, std::move(m))); };
    matchMessage(*m_rules, view(data), st, counter, m_serverCounter, peer, from, post);
    runDatagramSteps(port, st);
}

} // namespace sb
