#include "ui/wiremodel.h"

#include "core/errnoinfo.h"
#include "core/payload.h"
#include "ui/corebridge.h"
#include "ui/display.h"

#include <QPointer>

#include <algorithm>
#include <set>

namespace sb {
namespace {

constexpr size_t kPreviewChars = 24;
// Per connection: sends waiting for their receive, receives waiting for their send.
constexpr size_t kMaxQueued = 4096;
// How far back a datagram receive looks for the send it matches (reordering, drops).
constexpr size_t kDatagramWindow = 64;
// A server's connection waits this long for the client of ours it might belong to.
constexpr int64_t kLateNs = 2'000'000'000;
// A datagram from an address we cannot place waits this long for its send to show up (the
// receiver may post before the sender does).
constexpr int64_t kDatagramGraceNs = 300'000'000;
// Closed connections are forgotten this long after they closed.
constexpr int64_t kForgetNs = 5'000'000'000;
constexpr int kLateTimerMs = 250;

uint64_t connKey(EndpointId ep, ConnId conn) { return (uint64_t(ep) << 32) | conn; }

// An IPv6 socket sees an IPv4 peer as [::ffff:a.b.c.d]:p; the IPv4 side knows it as a.b.c.d:p.
std::string addrKey(const Address &a)
{
    std::string s = a.toString();
    constexpr std::string_view mapped = "[::ffff:";
    if (s.starts_with(mapped)) {
        const size_t close = s.find(']');
        if (close != std::string::npos)
            s = s.substr(mapped.size(), close - mapped.size()) + s.substr(close + 1);
    }
    return s;
}

bool isWildcard(const Address &a)
{
    const std::string h = a.host();
    return h == "0.0.0.0" || h == "::";
}

// Does a connect() or sendto() to target reach a socket bound at bound?
bool reaches(const Address &target, const Address &bound)
{
    if (!target.valid() || !bound.valid())
        return false;
    if (target.isUnix() || bound.isUnix())
        return target.isUnix() && bound.isUnix() && !bound.host().empty()
                && target.host() == bound.host();
    if (bound.port() == 0 || target.port() != bound.port())
        return false;
    if (isWildcard(bound))
        return bound.family() == AF_INET6 || addrKey(target).find(']') == std::string::npos;
    return addrKey(target) == addrKey(bound);
}

QString addrText(const Address &a)
{
    const std::string key = addrKey(a);
    if (key.empty() || key == "(unnamed)")
        return QStringLiteral("unnamed socket");
    return QString::fromStdString(key);
}

std::string preview(const Bytes &bytes) { return escapedPreview(view(bytes), kPreviewChars); }

std::string errText(const std::string &op, int err)
{
    const char *name = errnoName(err);
    const std::string e = name ? std::string(name) : "errno " + std::to_string(err);
    return op.empty() ? e : op + ": " + e;
}

} // namespace

struct PendingSend
{
    uint64_t endOffset;
    std::weak_ptr<WireItem> item;
};

struct RecvMark
{
    uint64_t endOffset;
    int64_t t;
    bool eof;
    uint64_t size;
    int flags;
    std::string preview;
};

struct WireModel::DgramSend
{
    Bytes bytes;
    uint64_t size;
    std::weak_ptr<WireItem> item;
    EndpointId from;
};

struct WireModel::HeldRecv
{
    int64_t t;
    ConnId conn;
    Address from;
    uint64_t size;
    int flags;
    Bytes bytes;
};

struct WireModel::EndpointState
{
    EndpointId id = 0;
    std::optional<EndpointConfig> config;
    Role role = Role::Client;
    Transport transport = Transport::Tcp;
    QString label;
    int lane = -1;
    Address local; ///< the listener's or datagram socket's address
    std::deque<DgramSend> expected; ///< datagrams sent to this socket, not yet received
    std::deque<HeldRecv> held; ///< datagrams received, not yet matched to their send
};

struct WireModel::ConnState
{
    enum class Peer : uint8_t { Unknown, Own, Outside };
    EndpointId ep = 0;
    ConnId conn = 0;
    bool accepted = false; ///< accepted by one of our servers
    bool client = false;
    bool pairEnd = false;
    int lane = -1;
    Address local, peer;
    bool opened = false, closed = false;
    int64_t connectingNs = 0, openedNs = 0, closedNs = 0;
    Peer peerKind = Peer::Unknown;
    uint64_t peerKey = 0;
    int peerLane = -1;
    EndpointId listener = 0; ///< our listener a client connects to, or that accepted this
    uint64_t outOffset = 0, inOffset = 0;
    uint64_t oobOut = 0, oobIn = 0; ///< urgent bytes, counted apart from the stream
    std::deque<PendingSend> sends, oobSends;
    std::deque<RecvMark> recvs, oobRecvs;
    std::weak_ptr<WireItem> connectItem, resetItem;
    bool finSent = false;
};

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
    for (const Event &e : events)
        if (e.kind != EventKind::Trace && e.kind != EventKind::Progress
            && e.kind != EventKind::Option)
            order.push_back(&e);
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

void WireModel::complete(const WireItemPtr &item, int64_t t, WireEnd recvEnd, int toLane)
{
    item->to = toLane;
    item->t1 = t;
    item->recvEnd = recvEnd;
    if (t >= item->t0)
        return;
    // The receiver posted before the sender did (threads race between the call and its event):
    // a message cannot arrive before it leaves, so it leaves no later than it arrived.
    item->t0 = t;
    for (auto it = m_items.rbegin(); it != m_items.rend(); ++it)
        if (*it == item) {
            m_items.erase(std::next(it).base());
            insert(item);
            return;
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
    // A client: its local address is known now.
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

void WireModel::resolve(ConnState &s)
{
    if (s.peerKind != ConnState::Peer::Unknown || !s.accepted)
        return;
    const bool unixDomain = s.local.isUnix();
    ConnState *best = nullptr;
    bool waiting = false;
    for (auto &[key, c] : m_conns) {
        if (!c->client || c->peerKind != ConnState::Peer::Unknown || c->listener != s.listener)
            continue;
        if (unixDomain) {
            // UNIX clients are unnamed: the backlog hands them out in the order they connected.
            if (!c->closed && (!best || c->connectingNs < best->connectingNs))
                best = c.get();
            continue;
        }
        if (c->opened && addrKey(c->local) == addrKey(s.peer)) {
            best = c.get();
            break;
        }
        if (!c->opened && !c->closed)
            waiting = true;
    }
    if (best)
        pair(s, *best);
    else if (!waiting)
        makeOutside(s);
}

void WireModel::pair(ConnState &a, ConnState &b)
{
    a.peerKind = b.peerKind = ConnState::Peer::Own;
    a.peerKey = connKey(b.ep, b.conn);
    b.peerKey = connKey(a.ep, a.conn);
    a.peerLane = b.lane;
    b.peerLane = a.lane;
    for (ConnState *client : {&a, &b}) {
        const ConnState &server = client == &a ? b : a;
        if (auto item = client->connectItem.lock(); item && item->pending()) {
            item->t1 = server.openedNs;
            item->recvEnd = {server.ep, server.conn, server.openedNs};
        }
        for (const PendingSend &p : client->sends)
            if (auto item = p.item.lock())
                item->to = client->peerLane;
    }
    match(a, b);
    match(b, a);
}

void WireModel::makeOutside(ConnState &c)
{
    c.peerKind = ConnState::Peer::Outside;
    c.peerLane = outsideLane(c.peer, c.openedNs ? c.openedNs : c.connectingNs);
    for (auto *queue : {&c.sends, &c.oobSends}) {
        for (const PendingSend &p : *queue)
            if (auto item = p.item.lock()) {
                item->to = c.peerLane;
                item->t1 = item->t0;
            }
        queue->clear();
    }
    for (auto *queue : {&c.recvs, &c.oobRecvs}) {
        for (const RecvMark &r : *queue) {
            auto item = std::make_shared<WireItem>();
            item->kind = r.eof ? WireItem::Kind::Fin : WireItem::Kind::Message;
            item->t0 = item->t1 = r.t;
            item->from = c.peerLane;
            item->to = c.lane;
            item->bytes = r.size;
            item->flags = r.flags;
            item->text = r.eof ? std::string("FIN") : r.preview;
            item->recvEnd = {c.ep, c.conn, r.t};
            insert(item);
        }
        queue->clear();
    }
}

void WireModel::match(ConnState &from, ConnState &to)
{
    auto run = [&](std::deque<PendingSend> &sends, std::deque<RecvMark> &recvs) {
        while (!sends.empty() && !recvs.empty()) {
            const PendingSend &s = sends.front();
            const RecvMark &r = recvs.front();
            if (r.endOffset < s.endOffset) {
                recvs.pop_front(); // a part of this send; a later receive completes it
                continue;
            }
            if (auto item = s.item.lock())
                complete(item, r.t, {to.ep, to.conn, r.t}, to.lane);
            const bool done = r.endOffset == s.endOffset;
            sends.pop_front();
            if (done)
                recvs.pop_front();
        }
    };
    run(from.sends, to.recvs);
    run(from.oobSends, to.oobRecvs);
}

void WireModel::sendStream(ConnState &c, WireItemPtr item, uint64_t length)
{
    const bool oob = item->flags & MSG_OOB;
    // The urgent byte is the last one of an MSG_OOB send; the rest go in the stream.
    c.outOffset += oob ? length - std::min<uint64_t>(length, 1) : length;
    if (c.peerKind == ConnState::Peer::Outside) {
        item->to = c.peerLane;
        item->t1 = item->t0;
        return;
    }
    if (c.peerKind == ConnState::Peer::Own)
        item->to = c.peerLane;
    else if (c.listener != 0) // still in the backlog: drawn towards the listener meanwhile
        item->to = endpointState(c.listener).lane;
    auto &queue = oob ? c.oobSends : c.sends;
    queue.push_back({oob ? ++c.oobOut : c.outOffset, item});
    if (queue.size() > kMaxQueued)
        queue.pop_front();
    if (c.peerKind == ConnState::Peer::Own)
        if (ConnState *peer = findConn(c.peerKey >> 32, static_cast<ConnId>(c.peerKey)))
            match(c, *peer);
}

void WireModel::receiveStream(ConnState &c, const Event &e, uint64_t length, bool eof)
{
    // An end-of-file event carries SHUT_WR in how, which is not a send flag.
    const bool oob = !eof && (e.how & MSG_OOB);
    if (!oob)
        c.inOffset += length;
    if (c.peerKind == ConnState::Peer::Outside) {
        auto item = makeItem(eof ? WireItem::Kind::Fin : WireItem::Kind::Message, e, c.peerLane,
                             c.lane);
        item->t1 = e.monoNs;
        item->bytes = eof ? 0 : e.size;
        item->flags = eof ? 0 : e.how;
        item->text = eof ? std::string("FIN") : preview(e.bytes);
        item->sendEnd = {};
        item->recvEnd = {e.endpoint, e.conn, e.monoNs};
        insert(item);
        return;
    }
    auto &queue = oob ? c.oobRecvs : c.recvs;
    queue.push_back({oob ? ++c.oobIn : c.inOffset, e.monoNs, eof, eof ? 0 : e.size, eof ? 0 : e.how,
                     eof ? std::string() : preview(e.bytes)});
    if (queue.size() > kMaxQueued)
        queue.pop_front();
    if (c.peerKind == ConnState::Peer::Own)
        if (ConnState *peer = findConn(c.peerKey >> 32, static_cast<ConnId>(c.peerKey)))
            match(*peer, c);
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

void WireModel::matchDatagrams(EndpointState &to, int64_t nowNs)
{
    for (auto r = to.held.begin(); r != to.held.end();) {
        // Datagrams keep their boundaries: the same bytes sent to this socket are the match.
        auto s = to.expected.begin();
        const auto last = to.expected.begin()
                + static_cast<std::ptrdiff_t>(std::min(to.expected.size(), kDatagramWindow));
        for (; s != last; ++s)
            if (s->size == r->size && view(s->bytes) == view(r->bytes))
                break;
        if (s != last) {
            if (auto item = s->item.lock())
                complete(item, r->t, {to.id, r->conn, r->t}, item->to);
            // An unbound sender got its port from the kernel: now we know where it lives.
            EndpointState &sender = endpointState(s->from);
            if (!sender.local.valid() || sender.local.port() == 0)
                sender.local = r->from;
            to.expected.erase(s);
            r = to.held.erase(r);
            continue;
        }
        // Might its send still be on its way? Only if the sender may be one of ours.
        bool maybeOurs = false;
        for (auto &[id, ep] : m_endpoints)
            if (ep->role == Role::Datagram && ep->transport == to.transport
                && (reaches(r->from, ep->local) || !ep->local.valid() || ep->local.port() == 0
                    || r->from.host().empty()))
                maybeOurs = true;
        if (maybeOurs && nowNs - r->t < kDatagramGraceNs) {
            ++r;
            continue;
        }
        Event e;
        e.endpoint = to.id;
        e.conn = r->conn;
        e.monoNs = r->t;
        auto item = makeItem(WireItem::Kind::Message, e, outsideLane(r->from, r->t),
                             panelLane(to, r->t));
        item->t1 = r->t;
        item->bytes = r->size;
        item->flags = r->flags;
        item->text = preview(r->bytes);
        item->sendEnd = {};
        item->recvEnd = {to.id, r->conn, r->t};
        insert(item);
        r = to.held.erase(r);
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

void WireModel::resolveLate(int64_t nowNs)
{
    bool changedAny = false;
    const size_t before = m_items.size();
    std::vector<uint64_t> forget;
    for (auto &[key, c] : m_conns) {
        if (c->accepted && c->peerKind == ConnState::Peer::Unknown) {
            resolve(*c);
            if (c->peerKind == ConnState::Peer::Unknown && nowNs - c->openedNs > kLateNs)
                makeOutside(*c);
            changedAny = changedAny || c->peerKind != ConnState::Peer::Unknown;
        }
        if (c->closed && nowNs - c->closedNs > kForgetNs) {
            const ConnState *peer = c->peerKind == ConnState::Peer::Own
                    ? findConn(c->peerKey >> 32, static_cast<ConnId>(c->peerKey))
                    : nullptr;
            if (!peer || peer->closed)
                forget.push_back(key);
        }
    }
    // A forgotten connection's peer is closed too; one that looks it up finds nothing.
    for (uint64_t key : forget)
        m_conns.erase(key);
    for (auto &[id, ep] : m_endpoints)
        if (!ep->held.empty()) {
            matchDatagrams(*ep, nowNs);
            changedAny = true;
        }
    if (changedAny || m_items.size() != before)
        emit changed();
}

} // namespace sb
