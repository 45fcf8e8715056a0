#include "ui/wiremodel.h"

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
        const bool socketCall
                = e.kind == EventKind::Trace && e.trace && e.trace->call == SysCall::Socket;
        if ((e.kind != EventKind::Trace || socketCall) && e.kind != EventKind::Progress
            && e.kind != EventKind::Option)
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
    switch (e.kind) {
    case EventKind::Dropped:
        m_droppedEvents += e.size;
        return;
    case EventKind::Listening:
        return onListening(e);
    case EventKind::Connecting:
        return onConnecting(e);
    case EventKind::Opened:
        return onOpened(e);
    case EventKind::Data:
        if (endpointState(e.endpoint).role == Role::Datagram)
            return onDatagramData(e);
        return onStreamData(e, connState(e));
    case EventKind::Shutdown:
        return onShutdown(e);
    case EventKind::Closed:
        return onClosed(e);
    case EventKind::Error:
        return onError(e);
    case EventKind::Trace:
        return onSocketCall(e);
    case EventKind::Done:
        return onDone(e);
    case EventKind::Stopped: {
        EndpointState &ep = endpointState(e.endpoint);
        if (ep.lane >= 0)
            m_lifelines[ep.lane].endNs = e.monoNs;
        return;
    }
    default:
        return;
    }
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
        c.accepted = ep.role == Role::Server && e.conn != 0;
        c.pairEnd = ep.role == Role::Pair && e.conn != 0;
        c.client = ep.role == Role::Client;
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
        if (ep->role == Role::Datagram && ep->transport == transport && reaches(address, ep->local))
            return ep.get();
    return nullptr;
}

void WireModel::onListening(const Event &e)
{
    EndpointState &ep = endpointState(e.endpoint);
    ep.local = e.local;
    const int lane = panelLane(ep, e.monoNs);
    const QString where = addrText(e.local);
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

void WireModel::onSocketCall(const Event &e)
{
    // A RawSocket (the demos' syscall console) has no config: socket()'s arguments say what
    // it is, listen() makes it a server.
    EndpointState &ep = endpointState(e.endpoint);
    const TraceRecord &r = *e.trace;
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

void WireModel::onDone(const Event &e)
{
    EndpointState &ep = endpointState(e.endpoint);
    if (ep.config || e.err != 0)
        return;
    if (e.op == "bind") {
        ep.local = e.local;
        if (ep.role == Role::Datagram) {
            Event listening = e;
            listening.conn = 0;
            onListening(listening);
        }
    } else if (e.op == "listen") {
        ep.role = Role::Server;
        Event listening = e;
        listening.local = ep.local;
        onListening(listening);
    }
}

void WireModel::onConnecting(const Event &e)
{
    ConnState &c = connState(e);
    c.connectingNs = e.monoNs;
    c.peer = e.peer;
    auto item = makeItem(WireItem::Kind::Connect, e, c.lane, -1);
    item->text = "connect() " + addrText(e.peer).toStdString();
    if (EndpointState *listener = ownListenerAt(e.peer)) {
        c.listener = listener->id;
        item->to = panelLane(*listener, e.monoNs);
    } else {
        c.peerKind = ConnState::Peer::Outside;
        c.peerLane = outsideLane(e.peer, e.monoNs);
        item->to = c.peerLane;
    }
    c.connectItem = item;
    insert(item);
}

void WireModel::onOpened(const Event &e)
{
    EndpointState &ep = endpointState(e.endpoint);
    if (ep.role == Role::Datagram)
        return; // a connected datagram socket: its sends say where they go
    ConnState &c = connState(e);
    c.local = e.local;
    c.peer = e.peer;
    c.opened = true;
    c.openedNs = e.monoNs;
    if (c.pairEnd) {
        m_lifelines[c.lane].detail = kindText(*ep.config);
        if (ConnState *other = findConn(c.ep, c.conn == 1 ? 2 : 1))
            pair(c, *other);
        return;
    }
    if (c.accepted) {
        const int listenerLane = panelLane(ep, e.monoNs);
        m_lifelines[c.lane].detail = tr("peer %1").arg(addrText(e.peer));
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
        onConnecting(e);
    if (ep.config)
        m_lifelines[c.lane].detail = kindText(*ep.config) + QLatin1Char(' ') + addrText(e.local);
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

void WireModel::onStreamData(const Event &e, ConnState &c)
{
    if (e.dir == Direction::In) {
        receiveStream(c, e, e.size, false);
        return;
    }
    auto item = makeItem(WireItem::Kind::Message, e, c.lane, -1);
    item->bytes = e.size;
    item->flags = e.how;
    item->text = preview(e.bytes);
    insert(item);
    sendStream(c, item, e.size);
}

void WireModel::onDatagramData(const Event &e)
{
    EndpointState &ep = endpointState(e.endpoint);
    const int lane = panelLane(ep, e.monoNs);
    if (e.dir == Direction::In) {
        ep.held.push_back({e.monoNs, e.conn, e.peer, e.size, e.how, e.bytes});
        if (ep.held.size() > kMaxQueued)
            ep.held.pop_front();
        matchDatagrams(ep, e.monoNs);
        return;
    }
    auto item = makeItem(WireItem::Kind::Message, e, lane, -1);
    item->bytes = e.size;
    item->flags = e.how;
    item->text = preview(e.bytes);
    insert(item);
    if (EndpointState *to = ownDatagramAt(e.peer, ep.transport)) {
        item->to = panelLane(*to, e.monoNs);
        to->expected.push_back({e.bytes, e.size, item, ep.id});
        if (to->expected.size() > kMaxQueued)
            to->expected.pop_front();
        matchDatagrams(*to, e.monoNs);
    } else {
        item->to = outsideLane(e.peer, e.monoNs);
        item->t1 = item->t0;
    }
}

void WireModel::onShutdown(const Event &e)
{
    EndpointState &ep = endpointState(e.endpoint);
    const char *how = e.how == SHUT_RD ? "SHUT_RD" : e.how == SHUT_WR ? "SHUT_WR" : "SHUT_RDWR";
    if (ep.role == Role::Datagram || (e.dir == Direction::Out && e.how == SHUT_RD)) {
        auto item = makeItem(WireItem::Kind::Shutdown, e, laneOf(e), -1);
        item->text = std::string("shutdown(") + how + ")";
        insert(item);
        return;
    }
    ConnState &c = connState(e);
    if (e.dir == Direction::In) {
        receiveStream(c, e, 1, true); // end-of-file: the FIN, one byte after the data
        return;
    }
    auto item = makeItem(WireItem::Kind::Fin, e, c.lane, -1);
    item->text = std::string("shutdown(") + how + ")";
    c.finSent = true;
    insert(item);
    sendStream(c, item, 1);
}

void WireModel::onClosed(const Event &e)
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
            item->err = e.err;
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
    const bool abortive = e.text.rfind("aborted", 0) == 0;
    if (wasOpen && abortive && !peerGone) {
        auto item = makeItem(WireItem::Kind::Reset, e, c.lane, c.peerLane);
        item->text = "RST";
        if (c.peerKind != ConnState::Peer::Own)
            item->t1 = item->t0;
        c.resetItem = item;
        insert(item);
        return;
    }
    if (wasOpen && e.err == 0 && !c.finSent && !peerGone
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

void WireModel::onError(const Event &e)
{
    auto item = makeItem(WireItem::Kind::Error, e, laneOf(e), -1);
    item->err = e.err;
    item->text = errText(e.op, e.err);
    insert(item);
    if (e.conn == 0 && endpointState(e.endpoint).role != Role::Client)
        return;
    ConnState &c = connState(e);
    if (e.op == "connect")
        if (auto pending = c.connectItem.lock(); pending && pending->pending()) {
            pending->t1 = e.monoNs;
            pending->failed = true;
            pending->err = e.err;
        }
    if (e.err == ECONNRESET && c.peerKind == ConnState::Peer::Own)
        if (ConnState *peer = findConn(c.peerKey >> 32, static_cast<ConnId>(c.peerKey)))
            if (auto reset = peer->resetItem.lock(); reset && reset->pending()) {
                reset->t1 = e.monoNs;
                reset->recvEnd = {c.ep, c.conn, e.monoNs};
            }
}

} // namespace sb
