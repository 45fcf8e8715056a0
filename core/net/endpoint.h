#pragma once

#include "core/net/event.h"
#include "core/net/stdiolink.h"
#include "core/net/tlssettings.h"
#include "core/text/bytes.h"
#include "core/text/endpointspec.h"
#include "core/text/faultplan.h"
#include "core/text/groupspec.h"
#include "core/text/rules.h"
#include "core/text/trace.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sb {

class Registry;
class TlsContext;

enum class Role : uint8_t {
    Client, ///< stream client: connect to spec
    Server, ///< stream server: bind spec, listen, accept
    Datagram, ///< datagram socket: bind spec (or none), optionally connect to remote
    Pair, ///< socketpair(AF_UNIX, type of spec.transport): connections 1 and 2
    /// A fault relay: listen on spec (TCP, UNIX stream, or UDP) and forward each client to
    /// relayTarget, through relayFaults each way (core/net/relay.h, datagramrelay.h).
    Relay,
};

/// The course's three server models.
enum class ServerModel : uint8_t {
    Event, ///< all clients on the endpoint's one epoll loop
    Concurrent, ///< a thread (with its own loop) per client, like fork-per-client
    Iterative, ///< one client at a time; the rest wait in the backlog, not accepted
};

/// What a server (or datagram socket) does with what it receives.
struct ResponderSpec
{
    enum class Kind : uint8_t { None, Echo, Discard, Daytime, Chargen, Fixed, Rules };
    Kind kind = Kind::None;
    std::string fixed; ///< reply for Fixed
    std::shared_ptr<const RuleSet> rules; ///< for Rules (docs/rules.md); shared, immutable
    /// The rules as written, kept for a workspace file (may be empty for rules from a file).
    std::string rulesText;
};

/// A socket option to set before bind/connect, by its name in the option table (sockopt.h).
struct OptionSetting
{
    std::string name; ///< "SO_REUSEADDR"
    std::string value; ///< "1", "65536", "1,0" (linger on, 0 s), "1500" (ms for timeouts)
};

struct EndpointConfig
{
    Role role = Role::Client;
    /// Client: the server to connect to. Server: where to listen. Datagram: where to bind
    /// (host may be "" and port 0). Pair: only transport counts.
    EndpointSpec spec;
    bool bindDatagram = true; ///< Datagram: false leaves it unbound until the first send
    std::optional<EndpointSpec> localBind; ///< Client: bind here before connect
    std::optional<EndpointSpec> remote; ///< Datagram: connect() to it / default destination
    bool connectDatagram = false; ///< Datagram: connect() to remote (else sendto each time)
    FamilyPref family = FamilyPref::Any;
    ServerModel model = ServerModel::Event;
    int backlog = 128;
    ResponderSpec responder;
    std::vector<OptionSetting> options;
    /// Datagram (UDP): multicast and broadcast, set up after bind and before connect.
    MulticastSettings multicast;
    int connectTimeoutMs = 10000;
    /// Relay: where each client is forwarded (same kind of transport as spec), and the faults
    /// of each direction at the start ([0] client to target, [1] back).
    std::optional<EndpointSpec> relayTarget;
    FaultPlan relayFaults[2];
    /// When the peer shuts down its side: true closes ours once our output is written (what
    /// servers and nc do); false keeps the connection half-open so a person can still answer.
    bool closeOnPeerEof = true;
    bool trace = true;
    /// false: Data In events of stream connections carry the length only, not the bytes
    /// (nobody shows them), so no copy is made for them. A TCP or UNIX stream discard server
    /// then lets the kernel drop what arrives (recv MSG_TRUNC; splice to /dev/null) without
    /// copying it out, while the trace is off.
    bool dataBytes = true;
    size_t readSize = 65536;
    /// Stream endpoints: the command's stdin and stdout, joined to the first connection that
    /// opens (then the next, once it closes) and moved on its loop. Its Data In events say
    /// toStdout; the other connections' bytes come as events, as without it.
    std::shared_ptr<StdioLink> stdio;
    std::string label; ///< a name for the owner column ("Panel 2: TCP server")
    /// spec.tls: what the TLS side does (certificate, CA, ALPN, key log, version).
    TlsSettings tls;
    /// spec.tls: the context made from tls beforehand (the CLI checks the files before it
    /// starts); null: the endpoint makes it when it starts, and reports a failure as an Error.
    std::shared_ptr<TlsContext> tlsContext;
};

/// One socket panel's worth of sockets, with its own worker thread and EventLoop.
/// Thread-safe: every public method queues work into the worker and returns at once; what
/// happens comes back as events. The destructor stops and joins the worker.
class Endpoint
{
public:
    /// registry: where the endpoint lists its sockets (the front end's own).
    static std::unique_ptr<Endpoint> create(EndpointConfig config, EventSink &sink,
                                            Registry &registry);
    virtual ~Endpoint() = default;

    EndpointId id() const { return m_id; }
    const EndpointConfig &config() const { return m_config; }

    /// Listen, connect, or bind, as the role says. Results arrive as events.
    virtual void start() = 0;
    /// Queue bytes. conn 0 means: every connection of a server, the one of a client. flags
    /// may hold MSG_OOB, MSG_DONTROUTE. to: datagram destination (else the remote).
    virtual void send(ConnId conn, Bytes data, int flags = 0, std::optional<Address> to = {}) = 0;
    /// Queue length bytes of a regular file, from fd's current offset, on one connection of a
    /// stream endpoint (conn 0: the client's, or the first end of a pair); they go out with
    /// sendfile(2), never copied through user space. The endpoint owns fd from this call on
    /// and closes it. Data Out events report each step by size, without bytes.
    virtual void sendFile(ConnId conn, int fd, uint64_t length) = 0;
    /// Drop what is queued and not yet written on conn (a long send the person cancels).
    virtual void cancelSend(ConnId conn) = 0;
    virtual void shutdown(ConnId conn, int how) = 0;
    /// Orderly close of conn (0: of everything, the listener included).
    virtual void close(ConnId conn) = 0;
    /// Abortive close: SO_LINGER {1, 0} then close, so the peer gets a RST.
    virtual void abort(ConnId conn) = 0;
    /// Set an option by name now; the read-back value arrives as an Option event.
    virtual void setOption(ConnId conn, OptionSetting option) = 0;
    /// UDP sockets: join (true) or leave a multicast group now. Success comes as an
    /// OptionValue event named after the option (IP_ADD_MEMBERSHIP, IPV6_LEAVE_GROUP, ...)
    /// whose value is the group; failure as an Error of op "join" or "leave".
    virtual void changeGroup(GroupSpec group, bool join) = 0;
    /// Relays: the faults of one direction from now on, for the connections open now and the
    /// ones to come. Other endpoints post an Error (EOPNOTSUPP).
    virtual void setFaults(RelayDir dir, FaultPlan plan) = 0;
    /// Read every option of the table back; one Option event per option.
    virtual void readOptions(ConnId conn) = 0;
    /// Close everything and end the worker; a Stopped event is the last one it posts.
    virtual void stop() = 0;

protected:
    Endpoint(EndpointConfig config);
    EndpointConfig m_config;
    EndpointId m_id;
};

} // namespace sb
