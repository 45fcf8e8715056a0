#pragma once

#include "core/endpointbase.h"

#include <deque>
#include <optional>

namespace sb {

/// A datagram socket (UDP v4/v6, UNIX datagram): bound or not, connected or not. Each send is
/// one datagram and each receive one datagram, with its real length (MSG_TRUNC) and the
/// kernel's drop counter (SO_RXQ_OVFL). Loop thread owns the socket; public methods queue.
class DatagramEndpoint : public EndpointBase
{
public:
    DatagramEndpoint(EndpointConfig config, EventSink &sink);
    ~DatagramEndpoint() override;

    void send(ConnId conn, Bytes data, int flags, std::optional<Address> to) override;
    void sendFile(ConnId conn, int fd, uint64_t length) override;
    void cancelSend(ConnId conn) override;
    void shutdown(ConnId conn, int how) override;
    void close(ConnId conn) override;
    void abort(ConnId conn) override;

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
    void updateInterest();

    int m_fd = -1;
    bool m_connected = false;
    Address m_local;
    std::optional<Address> m_remote;
    std::deque<Datagram> m_out;
    std::shared_ptr<SocketCounters> m_counters = std::make_shared<SocketCounters>();
    uint32_t m_lastDrops = 0;
};

} // namespace sb
