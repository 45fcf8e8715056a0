#pragma once

#include "core/net/endpoint.h"
#include "core/net/event.h"
#include "core/text/packet.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sb {

class CoreBridge;

/// A vertical line of the chart: a panel, one accepted connection of a server (or one end of
/// a socketpair), or a peer outside the workbench named by its address.
struct WireLifeline
{
    enum class Kind : uint8_t { Panel, Connection, Outside };
    Kind kind = Kind::Panel;
    EndpointId endpoint = 0;
    ConnId conn = 0;
    QString name; ///< "Panel 1", "Panel 1 #2", "127.0.0.1:5555"
    QString detail; ///< "TCP server 127.0.0.1:4000", "peer 127.0.0.1:51234", "outside"
    int64_t beginNs = 0; ///< first seen (accept time for a connection)
    int64_t endNs = 0; ///< closed or stopped; 0 while alive
};

/// One end of an arrow, as the panels' logs know it: the row of (endpoint, conn) stamped monoNs.
struct WireEnd
{
    EndpointId endpoint = 0;
    ConnId conn = 0;
    int64_t monoNs = 0;
    bool valid() const { return endpoint != 0; }
};

/// One thing the chart draws: an arrow between two lifelines (a message, connect, accept,
/// FIN, RST) or a mark on one (listen, shutdown, close, error).
struct WireItem
{
    enum class Kind : uint8_t {
        Message, ///< data: one send, ending at the receive that completed its last byte
        Connect, ///< connect() from a client to the listener; ends when the server accepts
        Accept, ///< accept() on a listener: the connection's lifeline starts here
        Fin, ///< shutdown(SHUT_WR) or close(): ends where the peer reads end-of-file
        Reset, ///< abortive close: the peer gets a RST
        Listen, ///< mark: listen() / bind()
        Shutdown, ///< mark: shutdown(SHUT_RD)
        Close, ///< mark: close() (the connection's lifeline ends)
        Error, ///< mark: a failed call, in red, with the errno name
        /// A packet captured on lo (the layer beneath the calls): an arrow from the lifeline
        /// of the socket that sent it to the one of the socket it went to, labelled as tcpdump
        /// would ("[S.] seq 0 ack 1"). Drawn under the call that caused it.
        Segment,
    };
    Kind kind = Kind::Message;
    int64_t t0 = 0; ///< when the first end happened (send, connect, the mark itself)
    int64_t t1 = 0; ///< when the far end happened (receive, accept, EOF); 0 while pending
    int from = -1; ///< lifeline index (the sender, or the lane of a mark)
    int to = -1; ///< lifeline index of the receiver; -1 for a mark or while unknown
    uint64_t bytes = 0; ///< payload length of a message (real length of a datagram)
    int flags = 0; ///< MSG_OOB, MSG_TRUNC
    int err = 0;
    bool failed = false; ///< a connect that failed, drawn in red
    std::string text; ///< escaped preview of a message, or the label of a mark
    WireEnd sendEnd; ///< the row in the sender's log (or the mark's panel)
    WireEnd recvEnd; ///< the row in the receiver's log, when it is one of ours
    /// A segment: the packet as decoded (its own capture time is packet->monoNs; t0 may be
    /// later, the time of the call that caused it, so that it is drawn under that call).
    std::shared_ptr<const Packet> packet;
    /// A segment: the call item that caused it, when one was found.
    std::weak_ptr<WireItem> cause;

    bool isSegment() const { return kind == Kind::Segment; }
    bool isArrow() const { return kind <= Kind::Reset || kind == Kind::Segment; }
    bool pending() const { return isArrow() && t1 == 0; }
};

using WireItemPtr = std::shared_ptr<WireItem>;

/// Turns every endpoint's events into a sequence chart: lifelines and a time-ordered, bounded
/// ring of items. Pairs a send on one panel with the receive on the other by the connection's
/// addresses (a stream connection's peer is the one whose local is our peer and whose peer is
/// our local; a datagram goes to the socket bound where it was sent, and is matched to the
/// receive by content). Stream reads and writes do not align: an arrow is drawn per send, from
/// the send to the receive that completed its last byte (so one receive may end several
/// arrows, and a send split over reads ends at the last read). A FIN counts as one byte after
/// the data, so it ends at the peer's end-of-file. A peer that is not one of ours gets an
/// "outside" lifeline named by its address. GUI thread only.
class WireModel : public QObject
{
    Q_OBJECT
public:
    using ConfigLookup = std::function<std::optional<EndpointConfig>(EndpointId)>;
    static constexpr size_t kDefaultCapacity = 20000;

    explicit WireModel(QObject *parent = nullptr, size_t capacity = kDefaultCapacity);
    ~WireModel() override;

    /// Subscribes to every endpoint of bridge and learns their labels from their configs.
    void attach(CoreBridge *bridge);
    /// How to learn an endpoint's label, role and transport the first time it is seen.
    void setConfigLookup(ConfigLookup lookup) { m_lookup = std::move(lookup); }
    /// Names an endpoint the bridge does not own (a demo's RawSocket), now or before its events.
    void setEndpointLabel(EndpointId id, const QString &label);

    /// Feeds one batch of events (any endpoints, any order within the batch).
    void addEvents(std::span<const Event> events);
    /// Gives up waiting for peers that are late to show up (called by a timer; tests call it).
    void resolveLate(int64_t nowNs);
    void clear();

    const std::vector<WireLifeline> &lifelines() const { return m_lifelines; }
    /// Items in display order (by t0); at most capacity() of them.
    const std::deque<WireItemPtr> &items() const { return m_items; }
    size_t capacity() const { return m_capacity; }
    void setCapacity(size_t capacity);
    /// Items pushed out of the ring, plus events the bridge's queue dropped under a flood.
    uint64_t droppedItems() const { return m_droppedItems; }
    uint64_t droppedEvents() const { return m_droppedEvents; }
    /// Index of a lifeline, or -1.
    int lifelineOf(EndpointId endpoint, ConnId conn) const;
    int outsideLifeline(const QString &address) const;
    /// Whether any packet (segment) has been drawn since the last clear().
    bool hasPackets() const { return m_segments > 0; }
    /// The segments a call item caused, in display order.
    std::vector<WireItemPtr> segmentsOf(const WireItem *call) const;
    /// Every lifeline of ours is a UNIX socket (which puts no packet on lo); false when none.
    bool onlyUnixSockets() const;

signals:
    /// Items or lifelines changed (once per batch).
    void changed();

private:
    struct EndpointState;
    struct ConnState;
    struct DgramSend;
    struct HeldRecv;

    EndpointState &endpointState(EndpointId id);
    ConnState &connState(const Event &e);
    ConnState *findConn(EndpointId ep, ConnId conn);
    int panelLane(EndpointState &ep, int64_t t);
    int laneOf(const Event &e);
    int outsideLane(const Address &address, int64_t t);
    void insert(const WireItemPtr &item);
    /// The far end of item happened at t: completes it, keeping cause before effect.
    void complete(const WireItemPtr &item, int64_t t, WireEnd recvEnd, int toLane);
    WireItemPtr makeItem(WireItem::Kind kind, const Event &e, int from, int to);

    void handle(const Event &e);
    void onSocketCall(const Event &e, const TraceRecord &r);
    void onDone(const Event &e, const ev::CallDone &done);
    void onListening(const Event &e, const Address &local);
    void onConnecting(const Event &e, const Address &peer);
    void onOpened(const Event &e, const ev::Opened &o);
    void onStreamData(const Event &e, const ev::Data &d, ConnState &c);
    void onDatagramData(const Event &e, const ev::Data &d);
    void onShutdown(const Event &e, int how);
    void onPeerEof(const Event &e);
    void onClosed(const Event &e, const ev::Closed &closed);
    void onError(const Event &e, const ev::Error &error);
    // Packets (wirepackets.cpp).
    void onPacket(const Event &e, const ev::Packet &packet);
    void learnPort(const Address &local, int lane);
    void learnFlow(const Address &local, const Address &peer, int lane, int64_t sinceNs);
    /// The lane of the socket of ours at port (talking to peerPort) at time t, or -1.
    int portLane(uint16_t port, uint16_t peerPort, int64_t t) const;
    WireItemPtr causeOf(const Packet &p, int from, int to) const;

    void sendStream(ConnState &c, WireItemPtr item, uint64_t length);
    /// data null: the peer's end-of-file (the FIN, one byte long in sequence space).
    void receiveStream(ConnState &c, const Event &e, const ev::Data *data, uint64_t length);
    void resolve(ConnState &c);
    void pair(ConnState &a, ConnState &b);
    void makeOutside(ConnState &c);
    void match(ConnState &from, ConnState &to);
    void matchDatagrams(EndpointState &to, int64_t nowNs);
    EndpointState *ownDatagramAt(const Address &address, Transport transport);
    EndpointState *ownListenerAt(const Address &address);

    size_t m_capacity;
    ConfigLookup m_lookup;
    std::vector<WireLifeline> m_lifelines;
    std::deque<WireItemPtr> m_items;
    std::map<EndpointId, std::unique_ptr<EndpointState>> m_endpoints;
    std::map<uint64_t, std::unique_ptr<ConnState>> m_conns;
    std::map<std::string, int> m_outside;
    std::map<uint16_t, int> m_portLanes; ///< listeners, clients and datagram sockets by port
    /// Connections by (local, peer) port: their lane, and since when (an accepted connection
    /// exists from accept() on; before, its listener's kernel answers).
    std::map<std::pair<uint16_t, uint16_t>, std::pair<int, int64_t>> m_flowLanes;
    std::map<uint16_t, int> m_connectingTo; ///< a client's lane by the port it connects to
    /// The last segment of each direction, "srcport>dstport": what a bare ACK answers.
    std::map<uint32_t, std::weak_ptr<WireItem>> m_lastSegment;
    uint64_t m_segments = 0;
    uint64_t m_droppedItems = 0;
    uint64_t m_droppedEvents = 0;
    QTimer m_lateTimer;
};

} // namespace sb
