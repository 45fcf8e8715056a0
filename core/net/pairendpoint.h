#pragma once

#include "core/net/endpointbase.h"

#include <array>
#include <optional>

namespace sb {

/// socketpair(AF_UNIX, stream|dgram|seqpacket): two connected, unnamed sockets on one loop,
/// connections 1 and 2. What is sent on one arrives at the other. Loop thread owns both.
class PairEndpoint : public EndpointBase
{
public:
    PairEndpoint(EndpointConfig config, EventSink &sink, Registry &registry);
    ~PairEndpoint() override;

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
    template<class F>
    void withEnd(ConnId conn, const char *op, F f);

    std::array<std::shared_ptr<Connection>, 2> m_ends;
};

} // namespace sb
