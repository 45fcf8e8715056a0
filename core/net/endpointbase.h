#pragma once

#include "core/net/connection.h"
#include "core/net/endpoint.h"
#include "core/net/eventloop.h"
#include "core/net/responder.h"
#include "core/net/sys.h"
#include "core/net/unixbind.h"

#include <memory>
#include <thread>
#include <vector>

namespace sb {

/// What every kind of endpoint shares: the worker thread and its loop, the tracer, the
/// responder, and the helpers that open and configure a socket. The public methods queue into
/// the loop; everything named ...InLoop runs on it.
class EndpointBase : public Endpoint
{
public:
    ~EndpointBase() override;
    void start() override;
    void stop() override;
    void setOption(ConnId conn, OptionSetting option) override;
    void readOptions(ConnId conn) override;
    /// Only datagram sockets have groups: EOPNOTSUPP here.
    void changeGroup(GroupSpec group, bool join) override;
    /// Only relays have faults: EOPNOTSUPP here.
    void setFaults(RelayDir dir, FaultPlan plan) override;

protected:
    EndpointBase(EndpointConfig config, EventSink &sink, Registry &registry);
    /// Derived destructors call this first, so that no loop work runs on a half-destroyed
    /// object.
    void joinWorker();

    virtual void startInLoop() = 0;
    /// Close every socket; the Stopped event follows.
    virtual void stopInLoop() = 0;
    /// The fd of conn (0: the endpoint's own socket), or -1.
    virtual int fdOf(ConnId conn) const = 0;

    void post(Event event);
    void postError(ConnId conn, std::string op, int err, std::string text = {});
    Connection::Context connectionContext(EventLoop *loop, std::vector<char> *readBuffer);
    /// socket() with SOCK_NONBLOCK|SOCK_CLOEXEC for the configured transport, then the
    /// configured options. -1 (error posted) on failure.
    int openSocket(int family, ConnId conn);
    /// bind() through bindReplacingStale (only a socket file nobody listens on is replaced);
    /// the Error event carries the address in local. False on error.
    bool bindSocket(int fd, const Address &address, ConnId conn);
    /// Unlinks the socket file this endpoint's bind made, if it is still that file.
    void removeSocketFile();
    /// Resolves spec as config says; errors are posted. Empty on failure.
    std::vector<Address> resolve(const EndpointSpec &spec, bool passive, ConnId conn);
    SysContext sysContext(ConnId conn) { return SysContext {&m_tracer, conn}; }
    void closeFd(int &fd, ConnId conn);
    /// spec.tls: makes the TLS context if the config brought none. False (an Error of op
    /// "tls" posted on conn) when the settings do not work: a missing file, a key that does
    /// not match its certificate.
    bool prepareTls(ConnId conn);

    EventSink &m_sink;
    Registry &m_registry;
    Tracer m_tracer;
    EventLoop m_loop;
    std::unique_ptr<Responder> m_responder;
    std::vector<char> m_readBuffer;
    UnixSocketFile m_socketFile; ///< the UNIX socket file this endpoint's bind created
    bool m_stopped = false;
    std::shared_ptr<TlsContext> m_tlsContext;

private:
    std::thread m_thread;
};

} // namespace sb
