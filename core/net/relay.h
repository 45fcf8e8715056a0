#pragma once

#include "core/net/endpointbase.h"
#include "core/net/relaysession.h"
#include "core/text/faultplan.h"

#include <map>
#include <memory>
#include <optional>

namespace sb {

/// A fault relay: listens on config.spec (TCP or UNIX stream), and for each client it accepts
/// connects to the target and forwards both directions on the endpoint's loop, through a
/// FaultPlan each way that any thread may change while it runs. Each client is a RelaySession
/// of two connections: the client leg (an odd id) and the target leg (the next id).
/// Thread-safe as every Endpoint: the public methods queue into the loop.
class Relay : public EndpointBase
{
public:
    /// config.relayTarget names the target; config.relayFaults are the plans at the start.
    Relay(EndpointConfig config, EventSink &sink, Registry &registry);
    ~Relay() override;

    /// The plan of one direction, for the sessions open now and those to come.
    void setFaults(RelayDir dir, FaultPlan plan) override;
    /// Reset every session now (SO_LINGER {1, 0} and close on both legs).
    void resetAll();

    /// A relay forwards what its peers send; it sends nothing of its own (EOPNOTSUPP).
    void send(ConnId conn, Bytes data, int flags, std::optional<Address> to) override;
    void sendFile(ConnId conn, int fd, uint64_t length) override;
    void cancelSend(ConnId) override { }
    void shutdown(ConnId conn, int how) override;
    /// conn 0: stop listening (the sessions go on); else an orderly close of its session.
    void close(ConnId conn) override;
    /// conn 0: resetAll(); else reset the session that conn is a leg of.
    void abort(ConnId conn) override;

private:
    void startInLoop() override;
    void stopInLoop() override;
    int fdOf(ConnId conn) const override;
    void handleAccept();
    void adopt(int fd, const Address &peer);
    void closeListener();
    /// The session conn is a leg of; null (error posted) when there is none.
    RelaySession *sessionOf(ConnId conn, const char *op);

    EndpointSpec m_target;
    std::vector<Address> m_targetAddresses;
    FaultPlan m_plans[2]; ///< [0] Up, [1] Down
    int m_listenFd = -1;
    Address m_local;
    ConnId m_nextConn = 1;
    std::map<ConnId, std::shared_ptr<RelaySession>> m_sessions;
};

} // namespace sb
