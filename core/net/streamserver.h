#pragma once

#include "core/net/endpointbase.h"

#include <map>
#include <memory>
#include <optional>

namespace sb {

/// A stream server (TCP, UNIX stream, UNIX seqpacket) in one of the course's three models:
/// event-driven (every client on the endpoint's loop), concurrent (a thread and loop per
/// client) or iterative (one client at a time; the listener is not even watched meanwhile, so
/// the others wait in the kernel's backlog). The endpoint's loop owns the listener and the
/// table of clients; a concurrent client's Connection lives on its own loop.
class StreamServer : public EndpointBase
{
public:
    StreamServer(EndpointConfig config, EventSink &sink, Registry &registry);
    ~StreamServer() override;

    void send(ConnId conn, Bytes data, int flags, std::optional<Address> to) override;
    void sendFile(ConnId conn, int fd, uint64_t length) override;
    void cancelSend(ConnId conn) override;
    void shutdown(ConnId conn, int how) override;
    void close(ConnId conn) override;
    void abort(ConnId conn) override;

private:
    /// A client's own thread and loop (concurrent model).
    struct Worker
    {
        EventLoop loop;
        std::vector<char> readBuffer;
        std::thread thread;
    };
    struct Client
    {
        std::shared_ptr<Connection> conn;
        EventLoop *loop;
        std::unique_ptr<Worker> worker;
    };

    void startInLoop() override;
    void stopInLoop() override;
    int fdOf(ConnId conn) const override;
    void handleAccept();
    void adopt(int fd, const Address &peer);
    void clientClosed(ConnId id);
    void armListener(bool on);
    void closeListener();
    /// Runs f on the loop of each client that conn names (0: all of them).
    template<class F>
    void forClients(ConnId conn, const char *op, F f);

    int m_listenFd = -1;
    int m_spareFd = -1; ///< given up to accept-and-close when fds run out (EMFILE)
    Address m_local;
    ConnId m_nextConn = 1;
    std::map<ConnId, Client> m_clients;
    bool m_listenerArmed = false;
    bool m_localIsFixed = false; ///< accepted sockets' local address is m_local
};

} // namespace sb
