#pragma once

#include "core/capture/tcpsequences.h"
#include "core/net/event.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sb {

/// Captures the packets on lo with an AF_PACKET socket on a thread of its own, and posts each
/// to a sink as an ev::Packet (endpoint 0, conn 0: PacketCauses names its endpoint later).
/// start, setPorts and stop may be called from any thread; the capture thread only reads.
class LoopbackCapture
{
public:
    struct Options
    {
        /// Keep TCP and UDP packets to or from these ports (and all ICMP); empty: all of them.
        std::vector<uint16_t> ports;
        /// Bytes kept of each packet; the rest is counted in wireLength only.
        uint32_t snapLength = 262144;
        /// The kernel's receive buffer for the socket: what a burst may fill before it drops.
        int bufferBytes = 8 << 20;
    };

    explicit LoopbackCapture(EventSink &sink);
    ~LoopbackCapture();
    LoopbackCapture(const LoopbackCapture &) = delete;
    LoopbackCapture &operator=(const LoopbackCapture &) = delete;

    /// Opens the packet socket on lo and starts the thread. On failure returns the errno (and
    /// no thread runs); captureRefusal(err) says why in a sentence.
    int start(const Options &options);
    /// Changes the ports kept (re-attaches the filter); any thread.
    void setPorts(const std::vector<uint16_t> &ports);
    /// Reads what the socket still holds, posts it, and ends the thread. Idempotent.
    void stop();

    bool running() const { return m_fd >= 0; }
    /// Whether every packet the kernel holds for us has been posted: the thread is not reading
    /// and the socket's queue is empty. Any thread.
    bool caughtUp() const;
    uint64_t captured() const { return m_captured.load(); }
    /// Packets the kernel dropped because the socket's buffer was full (PACKET_STATISTICS).
    uint64_t kernelDrops();

private:
    void run();
    /// Reads every packet ready now; false when the socket failed.
    bool readReady();
    int attachFilter(const std::vector<uint16_t> &ports);

    EventSink &m_sink;
    Options m_options;
    int m_fd = -1;
    int m_wake = -1; ///< eventfd: stop() wakes the thread's poll
    std::thread m_thread;
    std::mutex m_filterMutex;
    TcpSequences m_sequences; ///< capture thread only
    std::string m_buffer; ///< capture thread only
    std::atomic<uint64_t> m_captured {0};
    std::atomic<bool> m_reading {false}; ///< the thread is taking packets out of the socket
    uint64_t m_drops = 0;
};

/// Why a packet socket on lo could not be opened, in one sentence with what to do:
/// EPERM: "capturing packets needs CAP_NET_RAW: run as root, or in SockBench's lab
/// (--lab) ...". Other errnos: their name and text.
std::string captureRefusal(int err);

} // namespace sb
