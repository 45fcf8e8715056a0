#pragma once

#include "app/cli/eventprinter.h"
#include "app/cli/globaloptions.h"
#include "core/capture/loopbackcapture.h"
#include "core/capture/packetcauses.h"
#include "core/capture/pcapngwriter.h"
#include "core/net/eventqueue.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sb::cli {

/// The packets of one run, for --packets and -w: a LoopbackCapture posting into a queue of its
/// own, PacketCauses naming the call behind each packet, the packet lines printed in time order
/// with the --trace lines, and the pcapng file. Main thread only (the capture has its thread).
class PacketTap
{
public:
    explicit PacketTap(const GlobalOptions &global);
    ~PacketTap();

    /// Starts capturing TCP and UDP packets with one of ports (empty: all) and every ICMP
    /// one. ours: print and write only the packets of the run's own sockets. Prints why when
    /// there will be no packets (UNIX sockets, no CAP_NET_RAW) and returns false; the run goes
    /// on without them. An -w file that cannot be made is an error: false with status 1.
    bool start(const std::vector<uint16_t> &ports, bool ours, int *status);
    void setPorts(const std::vector<uint16_t> &ports);
    bool active() const { return m_capture.running(); }
    /// Whether trace lines go through the tap (to interleave with packet lines).
    bool ordersTrace() const { return m_print && active(); }

    /// Learns from one event of the run; true when it is a packet the tap keeps.
    bool take(const Event &event);
    /// A --trace line, printed in time order with the packet lines.
    void addLine(int64_t monoNs, std::string line);
    /// Takes the captured packets, releases those old enough to have their cause, prints the
    /// lines due and writes the packets; released packets are appended to out.
    void pump(std::vector<Event> &out);
    /// Prints now every line up to nsTime, packets included (a line the command is about to
    /// print itself, an error, comes after them).
    void flushUntil(int64_t nsTime, std::vector<Event> &out);
    /// Ends the capture (after reading what the socket holds), releases and prints everything,
    /// closes the file and says how many packets it holds.
    void finish(std::vector<Event> &out);

private:
    void emit(const Event &packetEvent);
    void printDue(int64_t untilNs);

    bool m_print;
    bool m_ours = true;
    std::string m_path;
    bool m_overwrite;
    EventQueue m_queue;
    LoopbackCapture m_capture;
    PacketCauses m_causes;
    PcapngWriter m_writer;
    bool m_writing = false;
    std::multimap<int64_t, std::string>
            m_lines; ///< by time: trace and packet lines not yet printed
    uint64_t m_dropped = 0;
    std::vector<Event> m_scratch;
};

/// One line of --packets: "packet 127.0.0.1:40000 > 127.0.0.1:5000 [S] seq 0 ...".
std::string packetLine(const ev::Packet &packet);
/// The pcapng comment of a packet: the call that caused it, as the trace prints it, or what
/// is known when none.
std::string packetComment(const ev::Packet &packet);

} // namespace sb::cli
