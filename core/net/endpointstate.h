#pragma once

#include "core/net/endpoint.h"
#include "core/net/event.h"
#include "core/net/registry.h"
#include "core/text/address.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sb {

/// Where an endpoint is in its life. Every front end shows these and enables its actions
/// from them; none keeps a phase of its own.
enum class EndpointPhase : uint8_t {
    Idle, ///< not started, or started and nothing happened yet
    Connecting, ///< a stream client's connect() is under way
    Listening, ///< a stream server listens (it may hold any number of connections)
    Bound, ///< a datagram socket is bound (connected or not: see EndpointState::peer())
    Connected, ///< a client's connection (or a socketpair) is open both ways
    HalfClosed, ///< a client's connection is open one way: we or the peer sent FIN / shut
    Closed, ///< everything closed in order (or by a person)
    Failed, ///< the endpoint failed (shown ERROR): a connect refused, a bind in use, a reset
    Stopped, ///< the endpoint's worker is gone (ev::Stopped): nothing more will happen
};

/// "IDLE", "CONNECTING", "LISTEN", "BOUND", "ESTABLISHED", "HALF_CLOSED", "CLOSED", "ERROR",
/// "STOPPED": the words netstat and the panels use.
const char *phaseName(EndpointPhase phase);

/// Bytes and messages one way and the other.
struct Traffic
{
    uint64_t bytesIn = 0, bytesOut = 0, msgsIn = 0, msgsOut = 0;
    Traffic &operator+=(const Traffic &other);
    bool operator==(const Traffic &) const = default;
};

/// The last call that failed, as a person needs to read it at once.
struct LastError
{
    std::string op; ///< "connect", "send"; empty when a connection closed with an errno
    int err = 0;
    std::string detail; ///< more than the errno says; the close reason of a connection
    int64_t monoNs = 0;
    ConnId conn = 0;
    int family = 0; ///< the family of the address the call was about (chooses the hint)
    std::string hint; ///< the Error's own usual cause (TLS); empty: errnoCause says it
    bool isSet() const { return err != 0 || !detail.empty(); }
};

/// One connection of an endpoint (conn 0: the endpoint's own socket, which carries the
/// datagrams of a datagram endpoint).
struct ConnectionState
{
    ConnId id = 0;
    Address local;
    Address peer;
    /// The TCP state as the last registry snapshot read it; until one does, what the events
    /// imply ("ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "CLOSED").
    std::string tcpState;
    uint32_t recvQ = 0, sendQ = 0; ///< the kernel's queues, from the last snapshot
    uint64_t queued = 0; ///< bytes accepted by our send and not yet taken by the kernel
    bool weShutRd = false, weShutWr = false; ///< shutdown(2) succeeded here, each direction
    bool peerEof = false; ///< the peer sent FIN (recv returned 0)
    bool closed = false;
    int closeErr = 0; ///< 0 for an orderly close
    std::string closeReason;
    int64_t openedNs = 0, closedNs = 0;
    int lastErr = 0; ///< errno of the last ev::Error on this connection, 0 once it succeeds
    /// TLS: what the handshake agreed and found (ev::TlsEstablished); null before it, or
    /// without TLS.
    std::shared_ptr<const ev::TlsEstablished> tls;
    Traffic fromEvents; ///< what the Data events said
    Traffic fromRegistry; ///< what the last registry snapshot said (exact at its moment)
    /// The exact counters: field by field the larger of the two. The registry counts a byte
    /// when the syscall returns, before its Data event reaches us, so it may be ahead; the
    /// events may be behind for good when a bounded queue dropped some (ev::Dropped). Adding
    /// the two instead would count the bytes twice.
    Traffic traffic() const;
};

/// Endpoint totals, exact, over every connection it ever had.
struct EndpointTotals
{
    Traffic traffic;
    uint64_t accepted = 0; ///< connections opened (a server's accepted clients)
    uint64_t active = 0; ///< connections open now
    uint64_t closed = 0; ///< connections closed
    uint64_t errors = 0; ///< ev::Error events
};

/// The one state of one endpoint: its phase, addresses, live and recently closed
/// connections, exact counters and last error, built from its events and Registry snapshots.
/// Every front end (panel, clients table, CLI, demo player) reads it instead of counting.
/// A value type with no locking: apply events and snapshots on one thread (the GUI thread,
/// the CLI's main loop) and read it there.
///
/// The last-error rule: an error is cleared by the next success of the same kind of call.
/// A send (send, sendto, sendmsg, sendfile, write) by the next Data Out; a receive (recv,
/// recvfrom, recvmsg, read) by the next Data In; connect, accept, bind, listen, socket and a
/// connection that closed with an errno by the next Opened or Listening; shutdown by the next
/// Shutdown; any other op (setsockopt, a demo's call) by the next success of that op
/// (ev::OptionValue or ev::CallDone without errno). A newer error replaces an older one.
class EndpointState
{
public:
    /// Closed connections kept for a view's linger; older ones are folded into the totals.
    static constexpr size_t kKeepClosed = 256;

    EndpointState() = default;
    explicit EndpointState(EndpointId endpoint, Role role);

    void apply(const Event &event);
    /// Takes this endpoint's rows of a Registry snapshot (other rows are passed over): TCP
    /// state, queues and exact counters of the connections it knows.
    void applySnapshot(const std::vector<SocketRow> &rows);

    EndpointId endpoint() const { return m_endpoint; }
    Role role() const { return m_role; }
    EndpointPhase phase() const { return m_phase; }
    const char *phaseText() const { return phaseName(m_phase); }
    Address local() const { return m_local; }
    Address peer() const { return m_peer; }

    /// Connections by id, live and recently closed; conn 0 (the endpoint's own socket) too
    /// once it carried data or was opened.
    const std::map<ConnId, ConnectionState> &connections() const { return m_conns; }
    const ConnectionState *connection(ConnId conn) const;
    /// Open connections other than the endpoint's own socket, in id order.
    std::vector<ConnId> liveConnections() const;
    /// The client's connection (the newest live one of a client or datagram endpoint).
    const ConnectionState *current() const;

    EndpointTotals totals() const;
    const LastError &lastError() const { return m_lastError; }
    /// Bytes queued for sending over every connection, from the events and snapshots.
    uint64_t queued() const;
    /// Datagrams the kernel dropped (SO_RXQ_OVFL), as the registry last read it.
    uint64_t kernelDrops() const { return m_kernelDrops; }
    /// Log entries the event queue dropped (ev::Dropped); the counters stay exact.
    uint64_t droppedLogEntries() const { return m_dropped; }
    /// The time of the newest event applied (CLOCK_MONOTONIC).
    int64_t lastEventNs() const { return m_lastNs; }

    /// Whether actions apply in this phase (the panels enable their buttons from these).
    bool isActive() const;
    bool canShutdown(int how) const;
    bool canAbort() const;
    bool canSend() const;

private:
    ConnectionState &conn(ConnId id, int64_t nowNs);
    void setError(std::string op, int err, std::string detail, ConnId conn, int64_t nowNs,
                  int family = 0);
    void succeeded(const char *opClass);
    void closeConn(ConnectionState &c, int err, const std::string &reason, int64_t nowNs);
    void prune();
    /// Servers and relays: a listener and the connections it holds (a relay's legs).
    bool isServer() const { return m_role == Role::Server || m_role == Role::Relay; }

    EndpointId m_endpoint = 0;
    Role m_role = Role::Client;
    EndpointPhase m_phase = EndpointPhase::Idle;
    Address m_local;
    Address m_peer;
    std::map<ConnId, ConnectionState> m_conns;
    Traffic m_retired; ///< traffic of closed connections pruned from m_conns
    uint64_t m_opened = 0;
    uint64_t m_closed = 0;
    uint64_t m_errors = 0;
    uint64_t m_kernelDrops = 0;
    uint64_t m_dropped = 0;
    LastError m_lastError;
    int64_t m_lastNs = 0;
};

} // namespace sb
