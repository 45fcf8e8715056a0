#pragma once

#include "core/net/event.h"

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

namespace sb {

/// Names the call that caused each captured packet, from the events of the workbench's own
/// endpoints: which sockets there are and their addresses (the socket, bind, connect and accept
/// records; Listening; Opened) and the calls made on them (Trace). Owner's thread only.
///
/// The rule, simple enough to explain: among the sockets of ours whose addresses match the
/// packet's (the quoted packet's, for an ICMP error) — both ends when both are known, else the
/// end that is — the cause is, in this order:
/// 1. the first call of the sending socket that sends (connect, send, sendto, shutdown, close,
///    a read that opens the window, ...) to return at or after the packet, within kDuringNs: lo
///    delivers a packet inside the call that sent it, so that call was running;
/// 2. else, for what a kernel answers at once (a SYN-ACK, a RST, a bare ACK, an ICMP error),
///    the first such call of the receiving socket (not a read): the packet answered it (the
///    SYN-ACK or RST inside connect(), the ICMP error inside sendto());
/// 3. else the last call on either end before the packet: the packet answers it later (an
///    echo), or the kernel sent it on its own (a delayed ACK, a retransmission).
///
/// A packet may be captured before the trace record of its call is posted; so packets are held
/// for holdNs and released in capture order once their calls had time to arrive.
class PacketCauses
{
public:
    static constexpr int64_t kDuringNs = 20'000'000;
    explicit PacketCauses(int64_t holdNs = 60'000'000);

    /// Learns from one event. Returns true when it is a Packet, which is now held (drop it).
    bool observe(const Event &event);
    /// Packets captured before nowNs - holdNs, oldest first, each an Event whose body is an
    /// ev::Packet with its cause and whose endpoint and conn are the cause's.
    void release(int64_t nowNs, std::vector<Event> &out);
    /// Every held packet, at the end of a run.
    void releaseAll(std::vector<Event> &out);
    /// The ports of the sockets seen so far (for LoopbackCapture::setPorts).
    std::vector<uint16_t> ports() const;
    size_t held() const { return m_held.size(); }

private:
    struct Socket
    {
        EndpointId endpoint = 0;
        int fd = -1;
        int type = 0; ///< SOCK_STREAM, SOCK_DGRAM; 0 when not known
        bool unixFamily = false;
        Address local;
        Address peer;
        int64_t closedNs = 0;
        std::deque<std::shared_ptr<const TraceRecord>> calls;
    };

    Socket &socketAt(EndpointId endpoint, int fd, bool fresh);
    void learnRecord(const std::shared_ptr<const TraceRecord> &record);
    Event attribute(const Event &packetEvent) const;

    int64_t m_holdNs;
    std::vector<Socket> m_sockets; ///< open and recently closed; newest last
    std::deque<Event> m_held; ///< packets not yet released, in capture order
};

} // namespace sb
