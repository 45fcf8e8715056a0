#pragma once
// Recording a scenario: what a person does with the window's panels (open, start, send,
// shutdown, close) and what their endpoints said back, turned into a scenario file of the demo
// language (docs/workspace.md, "Recording a scenario") that `sockbench-cli run` plays again.

#include "core/demo/workspace.h"
#include "core/net/endpoint.h"
#include "core/net/event.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sb {

/// Turns a sequence of a person's actions on panels and their endpoints' events into a scenario:
/// each panel a `panel:` line (a client of a recorded server names its port `${NAME.port}`),
/// each action a step with one `do:` line, and what came back during that step its facts:
/// bytes received (`received`), bytes a panel sent by itself (`count P sent`), an errno, an end
/// of file, a change of state, and the panel's last call, each `within` a time, so that the
/// replay waits for the same events before it goes on. An event belongs to the step during
/// which it happened (its monotonic time), whenever it is handed in. Value type, one thread.
class ScenarioRecorder
{
public:
    /// How long a replayed step waits for each of its facts.
    static constexpr int kWithinMs = 5000;

    /// A panel of the window, declared in the file; local: its address now, for a panel that
    /// listens already. Returns its name in the file (made of label, unique).
    std::string addPanel(EndpointId id, const EndpointConfig &config, const std::string &label,
                         const Address &local = {});
    /// The name addPanel gave id's panel, or "" for a panel that is not recorded.
    std::string panelName(EndpointId id) const;

    /// The person's actions, each a step; monoNs is when it was asked (monotonicNs()).
    void start(EndpointId id, int64_t monoNs);
    /// A panel that was running before the recording began: a first step starts it, and waits
    /// for the state it was in (listening, opened).
    void startRunning(EndpointId id, const std::string &state, int64_t monoNs);
    void send(EndpointId id, const std::string &bytes, bool oob, int64_t monoNs);
    void shutdown(EndpointId id, int how, int64_t monoNs);
    void close(EndpointId id, int64_t monoNs);
    /// The panel itself was closed: its endpoint stops.
    void stop(EndpointId id, int64_t monoNs);

    /// An event of any endpoint; one of a panel that is not recorded, or from before the first
    /// step, is left out.
    void event(const Event &event);

    int stepCount() const { return int(m_steps.size()); }
    /// The scenario: panels, steps with their do: lines and facts. name is its name: line.
    Workspace scenario(const std::string &name = "recorded") const;
    /// scenario() as the text of a file.
    std::string text(const std::string &name = "recorded") const;
    /// The recorded events as `sockbench-cli run --jsonl` prints a play's (core/demo/eventjson.h),
    /// step by step; the expectations' lines aside.
    std::string jsonl() const;

private:
    struct Panel
    {
        std::string name;
        Role role = Role::Client;
        DemoPanel decl;
    };
    struct Step
    {
        int64_t startNs = 0;
        EndpointId actor = 0;
        DemoAction action;
        DemoText title;
        std::string assumedState; ///< startRunning: the state the replay waits for
    };
    struct Recorded
    {
        int step = 0;
        std::string panel; ///< "srv", or "srv#1" for a server's first connection
        Event event;
    };

    void addStep(EndpointId id, DemoAction action, DemoText title, int64_t monoNs);
    /// The facts of step index, as the lines of a file ("received cli \"hello\\n\" within 5000").
    std::vector<std::string> factsOf(size_t index) const;
    /// What a `state` fact would say of panel id after step index: listening, opened, closed or "".
    std::string stateAfter(EndpointId id, size_t index) const;
    std::string baseName(const Recorded &r) const;

    std::map<EndpointId, Panel> m_panels;
    std::vector<EndpointId> m_order; ///< panels in the order they were added
    /// Ports the recorded panels listen on, and their names: a client of one says ${NAME.port}.
    std::map<uint16_t, std::string> m_listeners;
    std::vector<Step> m_steps;
    std::vector<Recorded> m_events;
};

} // namespace sb
