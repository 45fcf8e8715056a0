#include "app/cli/runcontext.h"

#include <atomic>
#include <chrono>

#include <signal.h>

namespace sb::cli {
namespace {

volatile sig_atomic_t g_signal = 0;

void onSignal(int signo) { g_signal = signo; }

constexpr int kStopGraceMs = 5000;

} // namespace

RunContext::RunContext(const GlobalOptions &global, Transport transport)
    : m_queue(kCliQueueCapacity)
    , m_printer(global, transport)
{
    // Every received byte must reach stdout: the worker waits for room rather than drop, so
    // a slow reader of our stdout slows the socket down, as with nc.
    m_queue.setLossless(true);
    // No SA_RESTART: the handler only sets a flag that the main loop polls between waits.
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

RunContext::~RunContext()
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

void RunContext::next(std::vector<Event> &out, int timeoutMs)
{
    out.clear();
    if (m_queue.wait(timeoutMs))
        m_queue.drain(out);
    for (const Event &event : out) {
        if (event.is<ev::Stopped>())
            m_stopped = true;
        m_printer.print(event);
    }
}

int RunContext::interruptedBy() const { return g_signal; }

void RunContext::stopAndDrain(Endpoint &endpoint, const std::function<void(const Event &)> &handle)
{
    if (m_stopped)
        return;
    endpoint.stop();
    const auto deadline
            = std::chrono::steady_clock::now() + std::chrono::milliseconds(kStopGraceMs);
    std::vector<Event> events;
    while (!m_stopped && std::chrono::steady_clock::now() < deadline) {
        next(events, 100);
        for (const Event &event : events)
            handle(event);
    }
    // A worker that did not stop in time must not stay blocked on a full queue while the
    // endpoint's destructor joins it.
    m_queue.setLossless(false);
}

} // namespace sb::cli
