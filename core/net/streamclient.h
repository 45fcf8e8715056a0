#pragma once

#include "core/net/endpointbase.h"

#include <optional>

namespace sb {

/// A stream client (TCP, UNIX stream, UNIX seqpacket): non-blocking connect with a timeout,
/// trying each resolved address in turn, then one Connection. Sends made before the
/// connection is up wait for it. Loop thread owns everything; public methods queue.
class StreamClient : public EndpointBase
{
public:
    StreamClient(EndpointConfig config, EventSink &sink, Registry &registry);
    ~StreamClient() override;

    void send(ConnId conn, Bytes data, int flags, std::optional<Address> to) override;
    void sendFile(ConnId conn, int fd, uint64_t length) override;
    void cancelSend(ConnId conn) override;
    void shutdown(ConnId conn, int how) override;
    void close(ConnId conn) override;
    void abort(ConnId conn) override;

private:
    void startInLoop() override;
    void stopInLoop() override;
    int fdOf(ConnId conn) const override;
    void connectNext();
    void connectFinished(int err);
    void failAttempt(const char *op, int err, const std::string &text);
    template<class F>
    void withConnection(ConnId conn, const char *op, F f);

    std::vector<Address> m_addresses;
    size_t m_next = 0;
    int m_fd = -1; ///< the socket while connecting
    ConnId m_connId = 0;
    EventLoop::TimerId m_timer = 0;
    std::shared_ptr<Connection> m_conn;
    struct Pending
    {
        Bytes data;
        int flags;
    };
    std::vector<Pending> m_pending;
    std::optional<int> m_pendingShutdown;
};

} // namespace sb
