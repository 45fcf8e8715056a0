#include "app/cli/runcontext.h"

#include <atomic>
#include <chrono>
#include <cstdio>

#include <signal.h>

namespace sb::cli {
namespace {

volatile sig_atomic_t g_signal = 0;

void onSignal(int signo) { g_signal = signo; }

constexpr int kStopGraceMs = 5000;
constexpr int kPacketPollMs = 20;

} // namespace

RunContext::RunContext(const GlobalOptions &global, Transport transport)
    : m_global(global)
    , m_transport(transport)
    , m_queue(kCliQueueCapacity)
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
    finishPackets();
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

void RunContext::next(std::vector<Event> &out, int timeoutMs)
{
    out.clear();
    // Packets come through the tap's own queue: look at it often enough that its lines keep
    // pace with the trace's.
    if (m_tap && (timeoutMs < 0 || timeoutMs > kPacketPollMs))
        timeoutMs = kPacketPollMs;
    m_drained.clear();
    if (m_queue.wait(timeoutMs))
        m_queue.drain(m_drained);
    for (Event &event : m_drained) {
        if (event.is<ev::Stopped>())
            m_stopped = true;
        if (m_tap) {
            m_tap->take(event);
            const auto *trace = event.as<ev::Trace>();
            if (trace && m_tap->ordersTrace()) {
                if (m_global.trace && trace->record)
                    m_tap->addLine(trace->record->monoNs, formatTrace(*trace->record));
                out.push_back(std::move(event));
                continue;
            }
        }
        if (m_tap && m_tap->ordersTrace() && event.is<ev::Error>()) {
            // The command prints an error at once: the lines before it in time go first.
            const size_t first = out.size();
            m_tap->flushUntil(event.monoNs, out);
            for (size_t i = first; i < out.size(); ++i)
                m_printer.print(out[i]);
        }
        m_printer.print(event);
        out.push_back(std::move(event));
    }
    if (m_tap) {
        const size_t first = out.size();
        m_tap->pump(out);
        for (size_t i = first; i < out.size(); ++i)
            m_printer.print(out[i]);
    }
}

bool RunContext::wantsTrace() const { return m_global.trace || m_tap; }

bool RunContext::startPackets(const std::vector<uint16_t> &ports, int *status)
{
    if (!m_global.packets && m_global.pcapng.empty())
        return true;
    if (m_transport != Transport::Tcp && m_transport != Transport::Udp) {
        std::fprintf(stderr,
                     "sockbench-cli: no packets: UNIX sockets have none; the kernel "
                     "hands their bytes from socket to socket without a network "
                     "interface, so nothing crosses lo\n");
        return true;
    }
    auto tap = std::make_unique<PacketTap>(m_global);
    if (!tap->start(ports, true, status))
        return *status == 0;
    m_tap = std::move(tap);
    return true;
}

void RunContext::setPacketPorts(const std::vector<uint16_t> &ports)
{
    if (m_tap)
        m_tap->setPorts(ports);
}

void RunContext::finishPackets()
{
    if (!m_tap)
        return;
    std::vector<Event> released;
    m_tap->finish(released);
    for (const Event &event : released)
        m_printer.print(event);
    m_tap.reset();
}

int RunContext::interruptedBy() const { return g_signal; }

void RunContext::stopAndDrain(Endpoint &endpoint, const std::function<void(const Event &)> &handle)
{
    if (m_stopped) {
        finishPackets();
        return;
    }
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
    finishPackets();
}

} // namespace sb::cli
