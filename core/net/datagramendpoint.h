#pragma once

#include "core/net/endpointbase.h"

#include <deque>
#include <optional>
#include <vector>

namespace sb {

/// A datagram socket (UDP v4/v6, UNIX datagram): bound or not, connected or not. Each send is
/// one datagram and each receive one datagram, with its real length (MSG_TRUNC) and the
/// kernel's drop counter (SO_RXQ_OVFL). An unconnected socket with no remote answers the last
/// sender it heard from when a send names no destination, as a UDP server does.
/// With EndpointConfig::stdio, each read of stdin is one datagram, read on the loop while the
/// socket takes what came before (datagramstdin.cpp).
/// Loop thread owns the socket; public methods queue.
class DatagramEndpoint : public EndpointBase, private DatagramPort
{
public:
    DatagramEndpoint(EndpointConfig config, EventSink &sink, Registry &registry);
    ~DatagramEndpoint() override;

    void send(ConnId conn, Bytes data, int flags, std::optional<Address> to) override;
    void sendFile(ConnId conn, int fd, uint64_t length) override;
    void cancelSend(ConnId conn) override;
    void shutdown(ConnId conn, int how) override;
    void close(ConnId conn) override;
    void abort(ConnId conn) override;
    void changeGroup(GroupSpec group, bool join) override;

private:
    struct Datagram
    {
        Bytes data;
        int flags;
        std::optional<Address> to;
    };
    void startInLoop() override;
    void stopInLoop() override;
    int fdOf(ConnId) const override { return m_fd; }
    void handleRead();
    void flush();
    // DatagramPort: what the responder answers with.
    EventLoop &loop() override { return m_loop; }
    void sendDatagram(Bytes data, const Address &to) override;
    void postEvent(Event event) override;
    std::unique_ptr<ResponderState> &responderState() override { return m_responderState; }
    void updateInterest();
    /// UDP: config.multicast's options and joins, after bind (datagrammulticast.cpp).
    void setUpMulticast(int family);
    void changeGroupInLoop(const GroupSpec &group, bool join);
    // stdin as datagrams (datagramstdin.cpp)
    void attachStdin();
    void detachStdin();
    void setStdinWatched(bool watched);
    void pumpStdin();
    void endStdin(int err);
    void stdinAfterFlush();

    int m_fd = -1;
    bool m_connected = false;
    Address m_local;
    std::optional<Address> m_remote;
    std::optional<Address> m_lastSender; ///< where the last datagram came from (unconnected)
    std::deque<Datagram> m_out;
    std::shared_ptr<SocketCounters> m_counters = std::make_shared<SocketCounters>();
    uint32_t m_lastDrops = 0;
    bool m_inRead = false; ///< handleRead is running: replies wait for its flush
    std::unique_ptr<ResponderState> m_responderState;
    struct StdinSource
    {
        std::shared_ptr<StdioLink> link;
        int fd = -1;
        bool again = true; ///< a pipe or socket: read until EAGAIN; else once per readiness
        bool pollable = true; ///< false: epoll refuses it (a file): read on the next turn
        bool watched = false;
        bool paused = false; ///< unread while the socket has datagrams waiting
        bool ended = false; ///< EOF or an error: no more reads
        bool done = false; ///< ended and every datagram from it sent (or refused)
        std::vector<char> buffer;
    };
    std::optional<StdinSource> m_stdin;
};

} // namespace sb
