#pragma once

#include "core/demo/demoscript.h"
#include "core/net/event.h"
#include "core/net/eventqueue.h"
#include "core/net/registry.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace sb {

class Endpoint;
class LoopbackCapture;
class RawSocket;

/// Something a step caused, in the order the player saw it. panel is the name the demo uses
/// ("server", "conn" for a socket named by accept ... as conn, "server#2" for an Endpoint
/// server's second connection; "" for the player's own notes: an ev::OptionValue named
/// "note" whose value is the text).
struct DemoEntry
{
    int step = -1;
    std::string panel;
    Event event;
};

/// The outcome of one expect: (or a failed until: / action) of a step.
struct DemoCheck
{
    int line = 0;
    std::string source; ///< "errno client ECONNREFUSED" as written, or the failing action
    bool passed = false;
    std::string detail; ///< why it failed: "no ECONNREFUSED in this step"
};

struct DemoStepReport
{
    int index = -1;
    bool started = false;
    bool finished = false;
    bool timedOut = false;
    int64_t startedNs = 0; ///< monotonic time the step began, 0 before
    int64_t finishedNs = 0; ///< monotonic time it ended, 0 before
    std::vector<DemoCheck> checks;
    bool passed() const;
};

/// What a pump() found: entries to show and steps that finished since the last pump.
struct DemoUpdate
{
    std::vector<DemoEntry> entries;
    std::vector<int> finished;
    bool empty() const { return entries.empty() && finished.empty(); }
};

/// Plays one demo: builds its panels (RawSockets at once, Endpoints at their "start"), runs one
/// step per next(), collects the events each step caused and checks the step's expect: lines.
///
/// Thread contract: owner thread only (the GUI thread, or the CLI's main thread), and no method
/// blocks on a socket: next() queues the step's calls to the panels' workers and returns at
/// once. The workers post events to the player's queue and call the wakeup function (from a
/// worker thread): the owner then calls pump() on its own thread, which moves the events in,
/// advances the running step and returns what happened. Call pump() also when msUntilDue()
/// passes (play pace, step timeouts). reset() and the destructor join the panels' workers,
/// which end at once (blocked calls are woken).
class DemoPlayer
{
public:
    enum class State : uint8_t {
        Ready, ///< no step is running; next() runs step currentStep()
        Running, ///< step currentStep() is waiting for its calls and until: facts
        Finished, ///< every step ran
    };

    /// registry: where the demo's sockets are listed (the front end's own).
    DemoPlayer(DemoScript script, Registry &registry, DemoLang lang = DemoLang::En);
    ~DemoPlayer();
    DemoPlayer(const DemoPlayer &) = delete;
    DemoPlayer &operator=(const DemoPlayer &) = delete;

    const DemoScript &script() const { return m_script; }
    DemoLang language() const { return m_lang; }
    void setLanguage(DemoLang lang) { m_lang = lang; }
    /// The narration of step index in the current language.
    const std::string &narration(int index) const;

    /// Called from a worker thread when events wait for pump(); must not block.
    void setWakeup(std::function<void()> wakeup);

    State state() const { return m_state; }
    int stepCount() const { return static_cast<int>(m_script.steps.size()); }
    /// The step running, or the one next() will run; stepCount() when finished.
    int currentStep() const { return m_current; }
    /// Runs the next step; false (nothing done) while a step runs or when none is left.
    bool next();
    /// Runs the remaining steps, each paceMs after the previous one finished.
    void play(int paceMs);
    void pause() { m_playing = false; }
    bool playing() const { return m_playing; }
    /// Closes every socket, drops what was seen, and goes back to before the first step.
    void reset();

    /// Moves the queued events in and advances the running step. Never blocks.
    DemoUpdate pump();
    /// Milliseconds until pump() has something to do without an event (pace, step timeout);
    /// -1 when only an event can change anything.
    int msUntilDue() const;
    /// For a headless owner: blocks up to timeoutMs for an event. Never call it on a GUI thread.
    bool waitForEvents(int timeoutMs) { return m_queue.wait(timeoutMs); }

    /// Captures the packets on lo the demo's sockets send (LoopbackCapture), as entries of the
    /// step that caused them, from now on; a demo with `packet` facts does it from the start.
    /// Returns false when capture is refused; captureProblem() says why in a sentence.
    bool capturePackets();
    bool capturing() const;
    const std::string &captureProblem() const { return m_captureProblem; }

    /// The demo's panels, and the sockets its syscall-console panels hold open now (their
    /// socket, accept and socketpair calls less their closes); started Endpoint panels are in
    /// the registry's snapshot instead.
    int panelCount() const { return static_cast<int>(m_panels.size()); }
    int openRawSockets() const { return m_rawOpen; }

    const std::vector<DemoStepReport> &reports() const { return m_reports; }
    const std::vector<DemoEntry> &entries() const { return m_entries; }
    /// Every step ran and every check of every step passed.
    bool allPassed() const;
    /// The temporary directory of this run (${tmp}); removed by reset() and the destructor.
    const std::string &tmpDir() const { return m_tmpDir; }

private:
    struct Panel;
    struct PendingCall;

    /// How long a captured packet waits for the call that tells whose port sent it (a
    /// connect's CallDone names the client's port after its SYN left). Generous: under a
    /// sanitizer on a loaded machine the CallDone can come tens of milliseconds after the SYN.
    static constexpr int64_t kPacketHoldNs = 250'000'000;
    /// A capturing step whose calls are done ends this much later: its last packets (the
    /// peer's ACK, a FIN's answer) are in by then, the capture thread's lag included.
    static constexpr int64_t kPacketSettleNs = 300'000'000;
    /// After the settle, a step whose `expect: packet` facts do not hold yet waits for them
    /// this much longer (within its timeout): the capture thread can lag far behind the calls
    /// under a sanitizer on a loaded machine.
    static constexpr int64_t kPacketWaitNs = 3'000'000'000;
    /// A packet no panel owns yet is retried this long (its owner's call may still be on its
    /// way), then forgotten: other programs' packets on lo never get an owner.
    static constexpr int64_t kPacketForgetNs = 5'000'000'000;

    void build();
    void teardown();
    void issueActions();
    bool issue(const DemoAction &action, std::string *error);
    /// Whether every ${...} of the action has a value now.
    bool placeholdersReady(const DemoAction &action) const;
    bool callsPending() const;
    bool issueRaw(Panel &panel, uint32_t handle, const DemoAction &action, std::string *error);
    bool issueEndpoint(Panel &panel, const DemoAction &action, std::string *error);
    void route(const Event &event);
    /// Learns which panel's socket holds a local port (the first to bind it), from an event.
    void learnPort(const Event &event, int panel);
    /// Makes entries of the captured packets older than the hold (all: every one).
    void releasePackets(int64_t now, bool all);
    /// Makes an entry of the packet if a panel owns its port; false: no owner known yet.
    bool releasePacket(Event &event);
    /// The step that was running when a packet was captured.
    int stepAt(int64_t monoNs) const;
    /// Whether every `expect: packet` fact of the running step holds.
    bool packetFactsHold() const;
    void finishIfDone(int64_t now);
    void finishStep(bool timedOut, const std::string &waitingFor);
    bool holds(const DemoCondition &condition, int step, std::string *detail) const;
    std::string waitingFor() const;
    /// "listening", "opened", "closed" or "" (none yet): the last change of state seen.
    std::string stateOf(int panel, int64_t handle) const;
    std::optional<std::string> lookup(std::string_view name) const;
    Result<std::string> bytesOf(const std::string &text) const;
    /// A loopback or ${tmp} address from an endpoint text; anything else is refused.
    Result<Address> addressOf(const std::string &endpoint, EndpointSpec *spec) const;
    /// A multicast group's address from an endpoint text (udp://239.255.0.1:PORT).
    Result<Address> multicastAddressOf(const std::string &endpoint) const;
    /// The panel and handle a demo name stands for; handle -1: the whole panel.
    bool resolveName(const std::string &name, int *panel, int64_t *handle) const;
    bool entryMatches(const DemoEntry &entry, int panel, int64_t handle) const;
    std::string displayName(int panel, uint32_t conn) const;
    void note(const std::string &text);
    /// Adds a port to those the capture keeps (before the call that uses it is issued).
    void watchPort(uint16_t port);

    DemoScript m_script;
    DemoLang m_lang;
    EventQueue m_queue; ///< first member: outlives every panel that posts to it
    std::unique_ptr<LoopbackCapture> m_capture; ///< posts to m_queue; null when not capturing
    std::string m_captureProblem;
    /// Captured packets waiting a moment for the calls that tell whose port sent them.
    std::deque<Event> m_heldPackets;
    /// Released packets whose port no panel owned yet, retried at each release.
    std::deque<Event> m_unownedPackets;
    /// local port -> (endpoint, handle or conn) of the panel whose socket has it
    std::map<uint16_t, std::pair<EndpointId, uint32_t>> m_portOwner;
    /// destination port -> the panel that called connect() to it (owns its SYN's port)
    std::map<uint16_t, std::pair<EndpointId, uint32_t>> m_connectTo;
    /// The ports the capture keeps: the panels' own and those they connect or send to. Every
    /// packet of a demo has one of them at an end; other programs' traffic on lo (a bulk copy)
    /// is left to the kernel's filter instead of filling the capture's buffer.
    std::set<uint16_t> m_capturePorts;
    int m_rawOpen = 0; ///< see openRawSockets()
    int64_t m_settleFromNs = 0; ///< when the running step was done but for its last packets
    Registry &m_registry;
    std::vector<std::unique_ptr<Panel>> m_panels;
    std::map<EndpointId, int> m_panelById;
    /// name -> (panel, handle), made when accept ... as NAME or socketpair ... as A B returns.
    std::map<std::string, std::pair<int, uint32_t>, std::less<>> m_aliases;
    std::string m_tmpDir;

    State m_state = State::Ready;
    int m_current = 0;
    size_t m_nextAction = 0; ///< of the running step
    int m_outstanding = 0; ///< calls of the running step it waits for
    int64_t m_stepStartNs = 0;
    int64_t m_readyAtNs = 0; ///< when the running step finished (play pace counts from here)
    bool m_playing = false;
    int m_paceMs = 1000;
    std::vector<DemoStepReport> m_reports;
    std::vector<DemoEntry> m_entries;
    size_t m_reported = 0; ///< entries pump() has handed out
    std::vector<int> m_justFinished;
};

} // namespace sb
