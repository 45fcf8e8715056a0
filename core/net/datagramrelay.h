#pragma once

#include "core/net/datagramfaults.h"
#include "core/net/endpointbase.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace sb {

/// A fault relay for UDP: a socket bound at config.spec takes the clients' datagrams; each
/// client (a source address) gets a flow with its own socket connected to the target, so the
/// target's answers come back to that client alone, from the relay's address. Each flow is two
/// legs, as a stream relay's session: the client leg (an odd id: the datagrams between the
/// client and the bound socket) and the target leg (the next id: its connected socket). The
/// faults of each direction drop, duplicate, reorder, delay and throttle whole datagrams
/// (DatagramFaults). A flow that carried nothing for a minute is closed.
class DatagramRelay : public EndpointBase
{
public:
    /// config.relayTarget names the target; config.relayFaults are the plans at the start.
    DatagramRelay(EndpointConfig config, EventSink &sink, Registry &registry);
    ~DatagramRelay() override;

    void setFaults(RelayDir dir, FaultPlan plan) override;
    /// A relay forwards what its peers send; it sends nothing of its own (EOPNOTSUPP).
    void send(ConnId conn, Bytes data, int flags, std::optional<Address> to) override;
    void sendFile(ConnId conn, int fd, uint64_t length) override;
    void cancelSend(ConnId) override { }
    void shutdown(ConnId conn, int how) override;
    /// conn 0: close the bound socket and every flow; else the flow conn is a leg of.
    void close(ConnId conn) override;
    /// UDP has no reset: as close.
    void abort(ConnId conn) override { close(conn); }

    static constexpr int kIdleMs = 60 * 1000;

private:
    struct Flow
    {
        ConnId id = 0; ///< the client leg; id + 1 is the target leg
        Address client;
        int fd = -1; ///< connected to the target
        Address local; ///< of fd
        int64_t lastNs = 0;
        std::shared_ptr<SocketCounters> counters[2]
                = {std::make_shared<SocketCounters>(), std::make_shared<SocketCounters>()};
        DatagramFaults faults[2]; ///< [0] up (client to target), [1] down
        EventLoop::TimerId timers[2] = {0, 0};
        int64_t timerDueNs[2] = {0, 0};
    };

    void startInLoop() override;
    void stopInLoop() override;
    int fdOf(ConnId conn) const override;
    void readClients();
    void readTarget(ConnId id);
    Flow *flowFor(const Address &client);
    /// A datagram came in on dir's source leg: the faults decide, then what is due goes out.
    void arrived(Flow &flow, RelayDir dir, Bytes data, uint64_t length, const Address &from);
    void flush(ConnId id, RelayDir dir);
    void armTimer(Flow &flow, RelayDir dir);
    void closeFlow(ConnId id, const std::string &reason);
    void sweepIdle();
    void postAt(ConnId conn, EventBody body);

    std::optional<Address> m_targetAddress;
    FaultPlan m_plans[2];
    int m_fd = -1; ///< bound at config.spec
    Address m_local;
    ConnId m_nextConn = 1;
    std::map<ConnId, Flow> m_flows;
    std::map<std::string, ConnId> m_byClient; ///< Address::toString() of a client → its flow
    EventLoop::TimerId m_sweepTimer = 0;
};

} // namespace sb
