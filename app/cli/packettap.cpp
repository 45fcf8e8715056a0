#include "app/cli/packettap.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

namespace sb::cli {
namespace {

/// How long a packet waits for the trace record of its call (posted when the call returned,
/// by another thread) before it is printed: the lines come out in time order.
constexpr int64_t kHoldNs = 60'000'000;
/// Packets waiting in the tap's own queue; beyond, they are dropped and counted.
constexpr size_t kTapQueue = 1 << 16;

} // namespace

std::string packetLine(const ev::Packet &packet)
{
    return "packet " + packetSummary(*packet.packet);
}

std::string packetComment(const ev::Packet &packet)
{
    if (packet.cause)
        return formatTrace(*packet.cause);
    return "no call of this run (the kernel's, or another program's)";
}

PacketTap::PacketTap(const GlobalOptions &global)
    : m_print(global.packets)
    , m_path(global.pcapng)
    , m_overwrite(global.overwrite)
    , m_queue(kTapQueue)
    , m_capture(m_queue)
    , m_causes(kHoldNs)
{ }

PacketTap::~PacketTap() { m_capture.stop(); }

bool PacketTap::start(const std::vector<uint16_t> &ports, bool ours, int *status)
{
    m_ours = ours;
    if (!m_path.empty()) {
        if (const int err = m_writer.open(m_path, m_overwrite)) {
            std::fprintf(stderr, "sockbench-cli: -w %s: %s%s\n", m_path.c_str(), std::strerror(err),
                         err == EEXIST ? " (add --overwrite to replace it)" : "");
            *status = 1;
            return false;
        }
        m_writing = true;
    }
    LoopbackCapture::Options options;
    options.ports = ports;
    if (const int err = m_capture.start(options)) {
        std::fprintf(stderr, "sockbench-cli: no packets: %s\n", captureRefusal(err).c_str());
        return false;
    }
    return true;
}

void PacketTap::setPorts(const std::vector<uint16_t> &ports) { m_capture.setPorts(ports); }

bool PacketTap::take(const Event &event) { return m_causes.observe(event); }

void PacketTap::addLine(int64_t monoNs, std::string line)
{
    m_lines.emplace(monoNs, std::move(line));
}

void PacketTap::emit(const Event &packetEvent)
{
    const ev::Packet &p = *packetEvent.as<ev::Packet>();
    if (m_ours && !p.cause)
        return; // another program's traffic on lo
    if (m_print)
        m_lines.emplace(p.packet->monoNs, packetLine(p));
    if (m_writing && m_writer.write(*p.packet, packetComment(p)) != 0) {
        std::fprintf(stderr, "sockbench-cli: -w %s: %s\n", m_path.c_str(),
                     std::strerror(m_writer.close()));
        m_writing = false;
    }
}

void PacketTap::printDue(int64_t untilNs)
{
    auto end = m_lines.upper_bound(untilNs);
    if (end == m_lines.begin())
        return;
    std::string out;
    for (auto it = m_lines.begin(); it != end; ++it)
        out += it->second + "\n";
    m_lines.erase(m_lines.begin(), end);
    std::fflush(stderr);
    (void)writeAll(2, out);
}

void PacketTap::pump(std::vector<Event> &out)
{
    m_scratch.clear();
    m_queue.drain(m_scratch);
    for (const Event &e : m_scratch) {
        if (const auto *d = e.as<ev::Dropped>())
            m_dropped += d->entries;
        else
            m_causes.observe(e);
    }
    const size_t first = out.size();
    const int64_t due = monotonicNs() - kHoldNs;
    m_causes.release(due + kHoldNs, out);
    for (size_t i = first; i < out.size(); ++i)
        emit(out[i]);
    printDue(due);
}

void PacketTap::flushUntil(int64_t nsTime, std::vector<Event> &out)
{
    // The packets before the error may still be on their way through the capture's thread.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
    while (!m_capture.caughtUp() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    pump(out);
    const size_t first = out.size();
    m_causes.release(nsTime + kHoldNs, out);
    for (size_t i = first; i < out.size(); ++i)
        emit(out[i]);
    printDue(nsTime);
}

void PacketTap::finish(std::vector<Event> &out)
{
    if (!active() && !m_writing && m_lines.empty())
        return;
    m_capture.stop();
    pump(out);
    const size_t first = out.size();
    m_causes.releaseAll(out);
    for (size_t i = first; i < out.size(); ++i)
        emit(out[i]);
    printDue(INT64_MAX);
    m_dropped += m_capture.kernelDrops();
    if (m_dropped)
        std::fprintf(stderr, "sockbench-cli: %llu packets dropped (capture too slow)\n",
                     static_cast<unsigned long long>(m_dropped));
    if (m_writing) {
        const int err = m_writer.close();
        if (err)
            std::fprintf(stderr, "sockbench-cli: -w %s: %s\n", m_path.c_str(), std::strerror(err));
        else
            std::fprintf(stderr, "sockbench-cli: %llu packets written to %s\n",
                         static_cast<unsigned long long>(m_writer.written()), m_path.c_str());
        m_writing = false;
    }
}

} // namespace sb::cli
