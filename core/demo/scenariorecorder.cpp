#include "core/demo/scenariorecorder.h"

#include "core/demo/eventjson.h"
#include "core/demo/workspacepanels.h"
#include "core/text/errnoinfo.h"

#include <algorithm>
#include <set>

#include <sys/socket.h>

namespace sb {
namespace {

/// bytes as a "quoted" word of the language; "${" would be read as a placeholder, so its $ is
/// written as an escape.
std::string escapedWord(const std::string &bytes)
{
    const std::string quoted = quotedText(bytes);
    std::string out;
    for (size_t i = 0; i < quoted.size(); ++i) {
        if (quoted[i] == '$' && i + 1 < quoted.size() && quoted[i + 1] == '{')
            out += "\\x24";
        else
            out += quoted[i];
    }
    return out;
}

bool isDataOf(const Event &e, Direction dir)
{
    const auto *d = e.as<ev::Data>();
    return d && d->dir == dir;
}

const TraceRecord *callOf(const Event &e)
{
    const auto *t = e.as<ev::Trace>();
    return t ? t->record.get() : nullptr;
}

} // namespace

std::string ScenarioRecorder::addPanel(EndpointId id, const EndpointConfig &config,
                                       const std::string &label, const Address &local)
{
    if (const auto it = m_panels.find(id); it != m_panels.end())
        return it->second.name;
    std::set<std::string> taken;
    for (const auto &[other, p] : m_panels)
        taken.insert(p.name);
    const std::string base = panelNameOf(label);
    std::string name = base;
    for (int n = 2; taken.count(name); ++n)
        name = base.substr(0, 28) + "-" + std::to_string(n);
    Panel panel {name, config.role, panelOfConfig(config, name)};
    // A client of a recorded server names the port the kernel gave that server, which is
    // another one at each run.
    auto follow = [this](std::string &text) {
        auto spec = parseEndpoint(text);
        if (!spec || spec->isUnix())
            return;
        const auto server = m_listeners.find(spec->port);
        if (server == m_listeners.end())
            return;
        EndpointSpec named = *spec;
        named.port = 0;
        const std::string written = named.toString();
        text = written.substr(0, written.rfind(':') + 1) + "${" + server->second + ".port}";
    };
    if (config.role == Role::Client)
        follow(panel.decl.spec);
    if (config.role == Role::Relay)
        follow(panel.decl.target);
    if (config.role != Role::Client && local.isIp() && local.port() != 0)
        m_listeners.emplace(local.port(), name);
    m_panels.emplace(id, std::move(panel));
    m_order.push_back(id);
    return name;
}

std::string ScenarioRecorder::panelName(EndpointId id) const
{
    const auto it = m_panels.find(id);
    return it == m_panels.end() ? std::string() : it->second.name;
}

void ScenarioRecorder::addStep(EndpointId id, DemoAction action, DemoText title, int64_t monoNs)
{
    const auto it = m_panels.find(id);
    if (it == m_panels.end())
        return;
    action.panel = it->second.name;
    m_steps.push_back({monoNs, id, std::move(action), std::move(title)});
}

void ScenarioRecorder::start(EndpointId id, int64_t monoNs)
{
    const std::string name = panelName(id);
    const Role role = m_panels.count(id) ? m_panels.at(id).role : Role::Client;
    const DemoText title = role == Role::Client
            ? DemoText {name + " connects", name + " se conecta"}
            : role == Role::Server ? DemoText {name + " listens", name + " escucha"}
                                   : DemoText {name + " starts", name + " arranca"};
    addStep(id, {0, "", "start", {}, {}, false}, title, monoNs);
}

void ScenarioRecorder::startRunning(EndpointId id, const std::string &state, int64_t monoNs)
{
    start(id, monoNs);
    if (!m_steps.empty() && m_steps.back().actor == id)
        m_steps.back().assumedState = state;
}

void ScenarioRecorder::send(EndpointId id, const std::string &bytes, bool oob, int64_t monoNs)
{
    const std::string word = escapedWord(bytes);
    DemoAction a {0, "", "send", {word.substr(1, word.size() - 2)}, {}, false};
    if (oob)
        a.args.push_back("oob");
    const std::string name = panelName(id);
    const std::string n = std::to_string(bytes.size());
    addStep(id, std::move(a),
            {name + " sends " + n + (bytes.size() == 1 ? " byte" : " bytes"),
             name + " envía " + n + (bytes.size() == 1 ? " byte" : " bytes")},
            monoNs);
}

void ScenarioRecorder::shutdown(EndpointId id, int how, int64_t monoNs)
{
    const char *word = how == SHUT_RD ? "rd" : how == SHUT_WR ? "wr" : "rdwr";
    const std::string name = panelName(id);
    addStep(id, {0, "", "shutdown", {word}, {}, false},
            {name + " shuts down " + word, name + " hace shutdown " + word}, monoNs);
}

void ScenarioRecorder::close(EndpointId id, int64_t monoNs)
{
    const std::string name = panelName(id);
    addStep(id, {0, "", "close", {}, {}, false}, {name + " closes", name + " cierra"}, monoNs);
}

void ScenarioRecorder::stop(EndpointId id, int64_t monoNs)
{
    const std::string name = panelName(id);
    addStep(id, {0, "", "stop", {}, {}, false}, {name + " stops", name + " se detiene"}, monoNs);
}

void ScenarioRecorder::event(const Event &event)
{
    const auto panel = m_panels.find(event.endpoint);
    // Captured packets are the kernel's doing, not what the person did or what came back to a
    // call: a replay does not capture unless a fact asks, so they are not recorded.
    if (panel == m_panels.end() || event.is<ev::Packet>())
        return;
    if (const auto *l = event.as<ev::Listening>(); l && l->local.isIp() && l->local.port() != 0)
        m_listeners.emplace(l->local.port(), panel->second.name);
    // The step during which it happened: the last one asked before its time.
    const auto after = std::upper_bound(m_steps.begin(), m_steps.end(), event.monoNs,
                                        [](int64_t t, const Step &s) { return t < s.startNs; });
    if (after == m_steps.begin())
        return;
    Recorded r;
    r.step = int(after - m_steps.begin()) - 1;
    r.panel = panel->second.name;
    if (event.conn != 0 && panel->second.role != Role::Client)
        r.panel += "#" + std::to_string(event.conn);
    r.event = event;
    // Kept in order of time within a step, as the events of one endpoint come; two endpoints'
    // events are only compared per panel.
    m_events.push_back(std::move(r));
}

std::string ScenarioRecorder::baseName(const Recorded &r) const
{
    return m_panels.at(r.event.endpoint).name;
}

std::string ScenarioRecorder::stateAfter(EndpointId id, size_t index) const
{
    // As the player's `state` fact reads it: the last Listening, Opened or Closed (or a
    // successful listen, connect or close) of any socket of the panel.
    std::string state;
    for (const Recorded &r : m_events) {
        if (r.event.endpoint != id || size_t(r.step) > index)
            continue;
        const TraceRecord *call = callOf(r.event);
        const std::string_view name = call && call->result >= 0 ? sysCallName(call->call) : "";
        if (r.event.is<ev::Listening>() || name == "listen")
            state = "listening";
        else if (r.event.is<ev::Opened>() || name == "connect")
            state = "opened";
        else if (r.event.is<ev::Closed>() || name == "close")
            state = "closed";
    }
    return state;
}

std::vector<std::string> ScenarioRecorder::factsOf(size_t index) const
{
    const std::string within = " within " + std::to_string(kWithinMs);
    const Step &step = m_steps[index];
    std::vector<std::string> facts;
    for (EndpointId id : m_order) {
        const std::string &name = m_panels.at(id).name;
        std::vector<const Event *> events;
        for (const Recorded &r : m_events)
            if (size_t(r.step) == index && r.event.endpoint == id)
                events.push_back(&r.event);
        if (events.empty()) {
            if (id == step.actor && !step.assumedState.empty())
                facts.push_back("state " + name + " " + step.assumedState + within);
            continue;
        }
        std::vector<int> errnos;
        std::string received;
        int sent = 0;
        bool eof = false;
        for (const Event *e : events) {
            if (const auto *err = e->as<ev::Error>();
                err && std::find(errnos.begin(), errnos.end(), err->err) == errnos.end())
                errnos.push_back(err->err);
            if (isDataOf(*e, Direction::In))
                received += view(e->as<ev::Data>()->bytes);
            sent += isDataOf(*e, Direction::Out);
            eof = eof || e->is<ev::PeerEof>();
        }
        for (int err : errnos)
            if (const char *errName = errnoName(err))
                facts.push_back("errno " + name + " " + errName + within);
        if (!received.empty())
            facts.push_back("received " + name + " " + escapedWord(received) + within);
        const bool sentByAction = id == step.actor && step.action.op == "send";
        if (sent && !sentByAction)
            facts.push_back("count " + name + " sent >= " + std::to_string(sent) + within);
        if (eof)
            facts.push_back("eof " + name + within);
        const std::string now = stateAfter(id, index);
        if (!now.empty() && (index == 0 || now != stateAfter(id, index - 1)))
            facts.push_back("state " + name + " " + now + within);
        // The panel's last call, when nothing above waits for it: a replay that went on
        // without it would see it in the next step.
        if (const TraceRecord *last = callOf(*events.back())) {
            const std::string call = sysCallName(last->call);
            const auto calls = std::count_if(events.begin(), events.end(), [&](const Event *e) {
                const TraceRecord *t = callOf(*e);
                return t && sysCallName(t->call) == call;
            });
            facts.push_back("count " + name + " " + call + " >= " + std::to_string(calls) + within);
        }
    }
    return facts;
}

Workspace ScenarioRecorder::scenario(const std::string &name) const
{
    Workspace w;
    w.kind = FileKind::Scenario;
    w.script.name = name;
    for (EndpointId id : m_order)
        w.script.panels.push_back(m_panels.at(id).decl);
    for (size_t i = 0; i < m_steps.size(); ++i) {
        DemoStep step;
        step.title = m_steps[i].title;
        step.actions.push_back(m_steps[i].action);
        for (const std::string &fact : factsOf(i)) {
            DemoCondition c;
            c.source = fact;
            step.expects.push_back(std::move(c));
        }
        w.script.steps.push_back(std::move(step));
    }
    // Written and read again: the facts are whole conditions, checked by the parser.
    auto parsed = parseWorkspace(writeWorkspace(w), "recorded", FileKind::Scenario);
    return parsed ? *parsed : w;
}

std::string ScenarioRecorder::text(const std::string &name) const
{
    return "# Recorded in SockBench's window (File > Record scenario).\n"
           "# Play it again: sockbench-cli run FILE [--junit report.xml]\n"
            + writeWorkspace(scenario(name));
}

std::string ScenarioRecorder::jsonl() const
{
    std::string out;
    for (size_t i = 0; i < m_steps.size(); ++i)
        for (const Recorded &r : m_events)
            if (size_t(r.step) == i)
                out += eventJson(r.step, r.panel, r.event);
    return out;
}

} // namespace sb
