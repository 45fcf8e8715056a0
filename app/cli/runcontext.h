#pragma once

#include "app/cli/eventprinter.h"
#include "app/cli/globaloptions.h"
#include "app/cli/packettap.h"
#include "core/net/endpoint.h"
#include "core/net/eventqueue.h"
#include "core/net/registry.h"

#include <functional>
#include <memory>
#include <vector>

namespace sb::cli {

/// What listen and connect share on the main thread: the one EventQueue their endpoint posts
/// to, SIGINT/SIGTERM turned into a flag the main loop polls, and the event printer.
/// The queue is thread-safe; everything else here is main thread only.
class RunContext
{
public:
    RunContext(const GlobalOptions &global, Transport transport);
    ~RunContext();

    EventQueue &queue() { return m_queue; }
    /// Where this run's endpoint lists its sockets.
    Registry &registry() { return m_registry; }
    /// Waits up to timeoutMs for events, moves them into out (cleared first) and prints the
    /// ones --trace / --log ask for.
    void next(std::vector<Event> &out, int timeoutMs);
    /// The signal (SIGINT, SIGTERM) that asked us to stop, or 0.
    int interruptedBy() const;
    /// stop() the endpoint and hand every remaining event to handle until Stopped arrives,
    /// so the last close() still shows in --trace. Gives up after a few seconds. Then ends the
    /// packet capture, if any, and prints its last lines.
    void stopAndDrain(Endpoint &endpoint, const std::function<void(const Event &)> &handle);

    /// --packets and -w: starts capturing on lo the TCP and UDP packets with one of ports (empty:
    /// all), before the endpoint starts, so its first SYN is in. UNIX transports and a refused
    /// capture say why on stderr and the run goes on. False with *status set when -w cannot
    /// make its file. Does nothing without --packets or -w.
    bool startPackets(const std::vector<uint16_t> &ports, int *status);
    void setPacketPorts(const std::vector<uint16_t> &ports);
    /// Whether the endpoint must trace its calls: for --trace, and to name each packet's cause.
    bool wantsTrace() const;

private:
    void finishPackets();

    const GlobalOptions &m_global;
    Transport m_transport;
    EventQueue m_queue;
    Registry m_registry;
    EventPrinter m_printer;
    std::unique_ptr<PacketTap> m_tap;
    std::vector<Event> m_drained;
    bool m_stopped = false;
};

/// The event queue's capacity for the CLI. The queue is lossless, so this bounds memory: at
/// most this many reads of 64 KiB (16 MiB) wait for stdout.
constexpr size_t kCliQueueCapacity = 256;

} // namespace sb::cli
