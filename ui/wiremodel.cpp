#include "ui/wiremodel.h"

#include "core/text/names.h"
#include "ui/corebridge.h"
#include "ui/display.h"
#include "ui/wiremodelstate.h"

#include <QPointer>

#include <algorithm>

namespace sb {

using namespace wire;

WireModel::WireModel(QObject *parent, size_t capacity)
    : QObject(parent)
    , m_capacity(std::max<size_t>(capacity, 16))
{
    m_lateTimer.setInterval(kLateTimerMs);
    connect(&m_lateTimer, &QTimer::timeout, this, [this] { resolveLate(nowMonoNs()); });
}

WireModel::~WireModel() = default;

void WireModel::attach(CoreBridge *bridge)
{
    QPointer<CoreBridge> guard(bridge);
    m_lookup = [guard](EndpointId id) -> std::optional<EndpointConfig> {
        if (Endpoint *ep = guard ? guard->endpoint(id) : nullptr)
            return ep->config();
        return std::nullopt;
    };
    bridge->subscribeAll(this, [this](std::span<const Event> events) { addEvents(events); });
    m_lateTimer.start();
}

void WireModel::clear()
{
    m_items.clear();
    m_lifelines.clear();
    m_endpoints.clear();
    m_conns.clear();
    m_outside.clear();
    m_portLanes.clear();
    m_flowLanes.clear();
    m_connectingTo.clear();
    m_lastSegment.clear();
    m_segments = 0;
    m_droppedItems = 0;
    m_droppedEvents = 0;
    emit changed();
}

void WireModel::setCapacity(size_t capacity)
{
    m_capacity = std::max<size_t>(capacity, 16);
    while (m_items.size() > m_capacity) {
        m_items.pop_front();
        ++m_droppedItems;
    }
    emit changed();
}

int WireModel::lifelineOf(EndpointId endpoint, ConnId conn) const
{
    for (size_t i = 0; i < m_lifelines.size(); ++i) {
        const WireLifeline &l = m_lifelines[i];
        if (l.kind != WireLifeline::Kind::Outside && l.endpoint == endpoint && l.conn == conn)
            return static_cast<int>(i);
    }
    return -1;
}

int WireModel::outsideLifeline(const QString &address) const
{
    const auto it = m_outside.find(address.toStdString());
    return it == m_outside.end() ? -1 : it->second;
}

void WireModel::addEvents(std::span<const Event> events)
{
    // The bridge groups a batch by endpoint; the chart needs one time order across them.
    std::vector<const Event *> order;
    order.reserve(events.size());
    for (const Event &e : events) {
        // Of the system calls, only socket() tells something: what a configless endpoint is.
        const auto *trace = e.as<ev::Trace>();
        const bool socketCall = trace && trace->record && trace->record->call == SysCall::Socket;
        if ((!trace || socketCall) && !e.is<ev::SendQueue>() && !e.is<ev::OptionValue>())
            order.push_back(&e);
    }
    if (order.empty())
        return;
    std::stable_sort(order.begin(), order.end(),
                     [](const Event *a, const Event *b) { return a->monoNs < b->monoNs; });
    for (const Event *e : order) {
        handle(*e);
    }
    emit changed();
}

void WireModel::handle(const Event &e)
{
    std::visit(Overloaded {
                       [&](const ev::Dropped &d) { m_droppedEvents += d.entries; },
                       [&](const ev::Listening &l) { onListening(e, l.local); },
                       [&](const ev::Connecting &c) { onConnecting(e, c.peer); },
                       [&](const ev::Opened &o) { onOpened(e, o); },
                       [&](const ev::Data &d) {
                           if (endpointState(e.endpoint).role == Role::Datagram)
                               onDatagramData(e, d);
                           else
                               onStreamData(e, d, connState(e));
                       },
                       [&](const ev::Shutdown &sh) { onShutdown(e, sh.how); },
                       [&](const ev::PeerEof &) { onPeerEof(e); },
                       [&](const ev::Closed &c) { onClosed(e, c); },
                       [&](const ev::Error &err) { onError(e, err); },
                       [&](const ev::Trace &t) {
                           if (t.record)
                               onSocketCall(e, *t.record);
                       },
                       [&](const ev::CallDone &d) { onDone(e, d); },
                       [&](const ev::Stopped &) {
                           EndpointState &ep = endpointState(e.endpoint);
                           if (ep.lane >= 0)
                               m_lifelines[ep.lane].endNs = e.monoNs;
                       },
                       [](const ev::SendQueue &) {},
                       // A matched rule is a line of the panel's log, not a message on the wire.
                       [](const ev::RuleMatched &) {},
                       [](const ev::Fault &) {},
                       [&](const ev::Packet &p) { onPacket(e, p); },
                       [](const ev::TlsEstablished &) {},
                       [](const ev::OptionValue &) {},
               },
               e.body);
}

WireModel::EndpointState &WireModel::endpointState(EndpointId id)
{
    auto &slot = m_endpoints[id];
    if (!slot) {
        slot = std::make_unique<EndpointState>();
        slot->id = id;
        slot->config = m_lookup ? m_lookup(id) : std::nullopt;
        if (slot->config) {
            slot->role = slot->config->role;
            if (slot->role == Role::Relay) {
                slot->relay = true;
                slot->role = slot->config->spec.transport == Transport::Udp ? Role::Datagram
                                                                            : Role::Server;
            }
            slot->transport = slot->config->spec.transport;
            slot->label = QString::fromStdString(slot->config->label);
        }
        if (slot->label.isEmpty())
            slot->label = tr("Endpoint %1").arg(id);
    }
    return *slot;
}

int WireModel::panelLane(EndpointState &ep, int64_t t)
{
    if (ep.lane < 0) {
        WireLifeline l;
        l.kind = WireLifeline::Kind::Panel;
        l.endpoint = ep.id;
        l.name = ep.label;
        l.detail = ep.config ? kindText(*ep.config) : QString();
        l.beginNs = t;
        ep.lane = static_cast<int>(m_lifelines.size());
        m_lifelines.push_back(std::move(l));
    }
    return ep.lane;
}

WireModel::ConnState *WireModel::findConn(EndpointId ep, ConnId conn)
{
    const auto it = m_conns.find(connKey(ep, conn));
    return it == m_conns.end() ? nullptr : it->second.get();
}

WireModel::ConnState &WireModel::connState(const Event &e)
{
    auto &slot = m_conns[connKey(e.endpoint, e.conn)];
    if (!slot) {
        EndpointState &ep = endpointState(e.endpoint);
        slot = std::make_unique<ConnState>();
        ConnState &c = *slot;
        c.ep = e.endpoint;
        c.conn = e.conn;
        // A relay's odd connections are the clients it accepted; the even ones the legs it
        // opened to the target, drawn on its own lane as a client's.
        const bool targetLeg = ep.relay && e.conn % 2 == 0;
        c.accepted = ep.role == Role::Server && e.conn != 0 && !targetLeg;
        c.pairEnd = ep.role == Role::Pair && e.conn != 0;
        c.client = ep.role == Role::Client || targetLeg;
        if (c.accepted || c.pairEnd) {
            WireLifeline l;
            l.kind = WireLifeline::Kind::Connection;
            l.endpoint = e.endpoint;
            l.conn = e.conn;
            l.name = QStringLiteral("%1 #%2").arg(ep.label).arg(e.conn);
            l.beginNs = e.monoNs;
            c.lane = static_cast<int>(m_lifelines.size());
            m_lifelines.push_back(std::move(l));
        } else {
            c.lane = panelLane(ep, e.monoNs);
        }
    }
    return *slot;
}

int WireModel::laneOf(const Event &e)
{
    EndpointState &ep = endpointState(e.endpoint);
    if ((ep.role == Role::Server || ep.role == Role::Pair) && e.conn != 0)
        return connState(e).lane;
    return panelLane(ep, e.monoNs);
}

int WireModel::outsideLane(const Address &address, int64_t t)
{
    const QString name = addrText(address);
    const auto it = m_outside.find(name.toStdString());
    if (it != m_outside.end())
        return it->second;
    WireLifeline l;
    l.kind = WireLifeline::Kind::Outside;
    l.name = name;
    l.detail = tr("outside SockBench");
    l.beginNs = t;
    const int lane = static_cast<int>(m_lifelines.size());
    m_lifelines.push_back(std::move(l));
    m_outside.emplace(name.toStdString(), lane);
    return lane;
}

WireItemPtr WireModel::makeItem(WireItem::Kind kind, const Event &e, int from, int to)
{
    auto item = std::make_shared<WireItem>();
    item->kind = kind;
    item->t0 = e.monoNs;
    item->from = from;
    item->to = to;
    item->sendEnd = {e.endpoint, e.conn, e.monoNs};
    return item;
}

void WireModel::insert(const WireItemPtr &item)
{
    // Almost always at the end; an item made late (a peer found to be outside) finds its place.
    auto pos = m_items.end();
    while (pos != m_items.begin() && (*std::prev(pos))->t0 > item->t0)
        --pos;
    m_items.insert(pos, item);
    while (m_items.size() > m_capacity) {
        m_items.pop_front();
        ++m_droppedItems;
    }
}

WireModel::EndpointState *WireModel::ownListenerAt(const Address &address)
{
    for (auto &[id, ep] : m_endpoints)
        if (ep->role == Role::Server && reaches(address, ep->local))
            return ep.get();
    return nullptr;
}

WireModel::EndpointState *WireModel::ownDatagramAt(const Address &address, Transport transport)
{
    for (auto &[id, ep] : m_endpoints)
        if (ep->role == Role::Datagram && ep->transport == transport) {
            if (reaches(address, ep->local))
                return ep.get();
            for (const Address &extra : ep->extraLocals)
                if (reaches(address, extra))
                    return ep.get();
        }
    return nullptr;
}

void WireModel::onListening(const Event &e, const Address &local)
{
    EndpointState &ep = endpointState(e.endpoint);
    ep.local = local;
    // An endpoint with no config here (a demo's server, which the bridge does not own) that
    // listens is a server: its clients' connects are drawn to its lane, not to an "outside"
    // peer named by its own port, and what it accepts gets lanes of its own.
    if (!ep.config && ep.role != Role::Datagram)
        ep.role = Role::Server;
    const int lane = panelLane(ep, e.monoNs);
    learnPort(local, lane);
    const QString where = addrText(local);
    m_lifelines[lane].detail
            = (ep.config ? kindText(*ep.config) + QLatin1Char(' ') : QString()) + where;
    auto item = makeItem(WireItem::Kind::Listen, e, lane, -1);
    item->text = (ep.role == Role::Server ? "listen() " : "bind() ") + where.toStdString();
    insert(item);
}

void WireModel::setEndpointLabel(EndpointId id, const QString &label)
{
    EndpointState &ep = endpointState(id);
    ep.label = label;
    if (ep.lane >= 0)
        m_lifelines[ep.lane].name = label;
    for (auto &[key, c] : m_conns)
        if (c->ep == id && (c->accepted || c->pairEnd))
            m_lifelines[c->lane].name = QStringLiteral("%1 #%2").arg(label).arg(c->conn);
    emit changed();
}

void WireModel::onSocketCall(const Event &e, const TraceRecord &r)
{
    // A RawSocket (the demos' syscall console) has no config: socket()'s arguments say what
    // it is, listen() makes it a server.
    EndpointState &ep = endpointState(e.endpoint);
    if (ep.config || r.result < 0)
        return;
    const int type = static_cast<int>(r.a[1]) & 0xf;
    const bool local = r.a[0] == AF_UNIX;
    if (type == SOCK_DGRAM) {
        ep.role = Role::Datagram;
        ep.transport = local ? Transport::UnixDgram : Transport::Udp;
    } else {
        ep.transport = !local            ? Transport::Tcp
                : type == SOCK_SEQPACKET ? Transport::UnixSeqpacket
                                         : Transport::UnixStream;
    }
}

void WireModel::onDone(const Event &e, const ev::CallDone &done)
{
    EndpointState &ep = endpointState(e.endpoint);
    if (ep.config || done.err != 0)
        return;
    if (done.op == "bind") {
        ep.local = done.local;
        if (ep.role == Role::Datagram) {
            Event listening = e;
            listening.conn = 0;
            onListening(listening, done.local);
        }
    } else if (done.op == "listen") {
        ep.role = Role::Server;
        onListening(e, ep.local);
    }
}

void WireModel::onConnecting(const Event &e, const Address &peer)
{
    ConnState &c = connState(e);
    c.connectingNs = e.monoNs;
    c.peer = peer;
    if (peer.isIp())
        m_connectingTo[peer.port()] = c.lane;
    auto item = makeItem(WireItem::Kind::Connect, e, c.lane, -1);
    item->text = "connect() " + addrText(peer).toStdString();
    if (EndpointState *listener = ownListenerAt(peer)) {
        c.listener = listener->id;
        item->to = panelLane(*listener, e.monoNs);
    } else {
        c.peerKind = ConnState::Peer::Outside;
        c.peerLane = outsideLane(peer, e.monoNs);
        item->to = c.peerLane;
    }
    c.connectItem = item;
    insert(item);
}

void WireModel::onOpened(const Event &e, const ev::Opened &o)
{
    EndpointState &ep = endpointState(e.endpoint);
    if (ep.role == Role::Datagram) {
        // A UDP relay's flow: its socket to the target is one more address of the relay.
        if (ep.relay && o.local.valid() && !(o.local == ep.local))
            ep.extraLocals.push_back(o.local);
        learnPort(o.local, panelLane(ep, e.monoNs));
        return; // a connected datagram socket: its sends say where they go
    }
    ConnState &c = connState(e);
    c.local = o.local;
    c.peer = o.peer;
    c.opened = true;
    c.openedNs = e.monoNs;
    learnFlow(o.local, o.peer, c.lane, e.monoNs);
    if (c.client)
        learnPort(o.local, c.lane);
    if (c.pairEnd) {
        m_lifelines[c.lane].detail = kindText(*ep.config);
        if (ConnState *other = findConn(c.ep, c.conn == 1 ? 2 : 1))
            pair(c, *other);
        return;
    }
    if (c.accepted) {
        const int listenerLane = panelLane(ep, e.monoNs);
        m_lifelines[c.lane].detail = tr("peer %1").arg(addrText(o.peer));
        m_lifelines[c.lane].beginNs = e.monoNs;
        auto item = makeItem(WireItem::Kind::Accept, e, listenerLane, c.lane);
        item->t1 = e.monoNs;
        item->text = "accept() #" + std::to_string(c.conn);
        insert(item);
        c.listener = ep.id;
        resolve(c);
        return;
    }
    // A client: its local address is known now. A RawSocket says nothing before connect()
    // returns: its connect arrow starts here.
    if (c.connectingNs == 0 && !c.connectItem.lock())
        onConnecting(e, o.peer);
    if (ep.config)
        m_lifelines[c.lane].detail = kindText(*ep.config) + QLatin1Char(' ') + addrText(o.local);
    if (c.peerKind == ConnState::Peer::Outside) {
        if (auto item = c.connectItem.lock(); item && item->pending())
            item->t1 = e.monoNs;
        return;
    }
    if (c.listener == 0 && c.peerKind == ConnState::Peer::Unknown) {
        makeOutside(c);
        return;
    }
    // Server connections that waited for a client of ours to say where it connects from.
    for (auto &[key, s] : m_conns)
        if (s->accepted && s->peerKind == ConnState::Peer::Unknown && s->listener == c.listener)
            resolve(*s);
}

void WireModel::onStreamData(const Event &e, const ev::Data &d, ConnState &c)
{
    if (d.dir == Direction::In) {
        receiveStream(c, e, &d, d.length);
        return;
    }
    auto item = makeItem(WireItem::Kind::Message, e, c.lane, -1);
    item->bytes = d.length;
    item->flags = d.flags;
    item->text = preview(d.bytes);
    insert(item);
    sendStream(c, item, d.length);
}

void WireModel::onDatagramData(const Event &e, const ev::Data &d)
{
    EndpointState &ep = endpointState(e.endpoint);
    const int lane = panelLane(ep, e.monoNs);
    const int flags = d.flags | (d.truncated ? MSG_TRUNC : 0);
    if (d.dir == Direction::In) {
        ep.held.push_back({e.monoNs, e.conn, d.peer, d.length, flags, d.bytes});
        if (ep.held.size() > kMaxQueued)
            ep.held.pop_front();
        matchDatagrams(ep, e.monoNs);
        return;
    }
    auto item = makeItem(WireItem::Kind::Message, e, lane, -1);
    item->bytes = d.length;
    item->flags = flags;
    item->text = preview(d.bytes);
    insert(item);
    if (EndpointState *to = ownDatagramAt(d.peer, ep.transport)) {
        item->to = panelLane(*to, e.monoNs);
        to->expected.push_back({d.bytes, d.length, item, ep.id});
        if (to->expected.size() > kMaxQueued)
            to->expected.pop_front();
        matchDatagrams(*to, e.monoNs);
    } else {
        item->to = outsideLane(d.peer, e.monoNs);
        item->t1 = item->t0;
    }
}

void WireModel::onPeerEof(const Event &e)
{
    if (endpointState(e.endpoint).role == Role::Datagram) {
        // recv() of an empty datagram also says 0.
        auto item = makeItem(WireItem::Kind::Shutdown, e, laneOf(e), -1);
        item->text = "shutdown(SHUT_WR)";
        insert(item);
        return;
    }
    receiveStream(connState(e), e, nullptr, 1); // end-of-file: the FIN, one byte after data
}

void WireModel::onShutdown(const Event &e, int shutHow)
{
    EndpointState &ep = endpointState(e.endpoint);
    const std::string how = shutdownName(shutHow);
    if (ep.role == Role::Datagram || shutHow == SHUT_RD) {
        auto item = makeItem(WireItem::Kind::Shutdown, e, laneOf(e), -1);
        item->text = std::string("shutdown(") + how + ")";
        insert(item);
        return;
    }
    ConnState &c = connState(e);
    auto item = makeItem(WireItem::Kind::Fin, e, c.lane, -1);
    item->text = std::string("shutdown(") + how + ")";
    c.finSent = true;
    insert(item);
    sendStream(c, item, 1);
}

void WireModel::onClosed(const Event &e, const ev::Closed &closed)
{
    EndpointState &ep = endpointState(e.endpoint);
    if (ep.role == Role::Datagram) {
        // Datagrams still on their way to a closed socket are never read.
        for (const DgramSend &d : ep.expected)
            if (auto item = d.item.lock(); item && item->pending()) {
                item->t1 = e.monoNs;
                item->failed = true;
            }
        ep.expected.clear();
        auto item = makeItem(WireItem::Kind::Close, e, panelLane(ep, e.monoNs), -1);
        item->text = "close()";
        insert(item);
        return;
    }
    ConnState &c = connState(e);
    const bool wasOpen = c.opened && !c.closed;
    c.closed = true;
    c.closedNs = e.monoNs;
    if (c.client && !c.opened) {
        // connect never completed: the failed connect arrow and the error mark tell it.
        if (auto item = c.connectItem.lock(); item && item->pending()) {
            item->t1 = e.monoNs;
            item->failed = true;
            item->err = closed.err;
        }
        for (auto &[key, s] : m_conns)
            if (s->accepted && s->peerKind == ConnState::Peer::Unknown && s->listener == c.listener)
                resolve(*s);
        return;
    }
    if (c.accepted || c.pairEnd)
        m_lifelines[c.lane].endNs = e.monoNs;
    ConnState *peer = c.peerKind == ConnState::Peer::Own
            ? findConn(c.peerKey >> 32, static_cast<ConnId>(c.peerKey))
            : nullptr;
    // A peer that closed has gone, unless it already read our FIN: its end-of-file may have
    // been posted before our close was (threads race between a call and its event).
    const bool peerGone = peer && peer->closed
            && std::none_of(peer->recvs.begin(), peer->recvs.end(),
                            [](const RecvMark &r) { return r.eof; });
    if (peer) {
        // What the peer sent that we never read ends here, not delivered.
        for (const PendingSend &p : peer->sends)
            if (auto item = p.item.lock(); item && item->pending()) {
                item->t1 = e.monoNs;
                item->failed = true;
            }
        peer->sends.clear();
        if (auto item = peer->resetItem.lock(); item && item->pending()) {
            item->t1 = e.monoNs;
            item->recvEnd = {c.ep, c.conn, e.monoNs};
        }
    }
    const bool abortive = closed.reason.rfind("aborted", 0) == 0;
    if (wasOpen && abortive && !peerGone) {
        auto item = makeItem(WireItem::Kind::Reset, e, c.lane, c.peerLane);
        item->text = "RST";
        if (c.peerKind != ConnState::Peer::Own)
            item->t1 = item->t0;
        c.resetItem = item;
        insert(item);
        return;
    }
    if (wasOpen && closed.err == 0 && !c.finSent && !peerGone
        && c.peerKind != ConnState::Peer::Unknown) {
        auto item = makeItem(WireItem::Kind::Fin, e, c.lane, -1);
        item->text = "close()";
        c.finSent = true;
        insert(item);
        sendStream(c, item, 1);
        return;
    }
    auto item = makeItem(WireItem::Kind::Close, e, c.lane, -1);
    item->text = "close()";
    insert(item);
}

void WireModel::onError(const Event &e, const ev::Error &error)
{
    auto item = makeItem(WireItem::Kind::Error, e, laneOf(e), -1);
    item->err = error.err;
    item->text = errText(error.op, error.err);
    insert(item);
    if (e.conn == 0 && endpointState(e.endpoint).role != Role::Client)
        return;
    ConnState &c = connState(e);
    if (error.op == "connect")
        if (auto pending = c.connectItem.lock(); pending && pending->pending()) {
            pending->t1 = e.monoNs;
            pending->failed = true;
            pending->err = error.err;
        }
    if (error.err == ECONNRESET && c.peerKind == ConnState::Peer::Own)
        if (ConnState *peer = findConn(c.peerKey >> 32, static_cast<ConnId>(c.peerKey)))
            if (auto reset = peer->resetItem.lock(); reset && reset->pending()) {
                reset->t1 = e.monoNs;
                reset->recvEnd = {c.ep, c.conn, e.monoNs};
            }
}

} // namespace sb
