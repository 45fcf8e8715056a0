#include "ui/wiremodel.h"
#include "ui/wiremodelstate.h"

#include <algorithm>

namespace sb {

using namespace wire;

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
    if (!best && !waiting) {
        // A demo's RawSocket says nothing before its connect() returns, which may be after our
        // accept() did: while one of them has no connection yet, give it time (resolveLate).
        for (auto &[id, ep] : m_endpoints) {
            if (ep->config || ep->role != Role::Client)
                continue;
            bool connected = false;
            for (auto &[key, c] : m_conns)
                connected = connected || (c->ep == id && c->opened);
            waiting = waiting || !connected;
        }
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

void WireModel::receiveStream(ConnState &c, const Event &e, const ev::Data *data, uint64_t length)
{
    const bool eof = !data;
    const bool oob = !eof && (data->flags & MSG_OOB);
    if (!oob)
        c.inOffset += length;
    if (c.peerKind == ConnState::Peer::Outside) {
        auto item = makeItem(eof ? WireItem::Kind::Fin : WireItem::Kind::Message, e, c.peerLane,
                             c.lane);
        item->t1 = e.monoNs;
        item->bytes = eof ? 0 : data->length;
        item->flags = eof ? 0 : data->flags;
        item->text = eof ? std::string("FIN") : preview(data->bytes);
        item->sendEnd = {};
        item->recvEnd = {e.endpoint, e.conn, e.monoNs};
        insert(item);
        return;
    }
    auto &queue = oob ? c.oobRecvs : c.recvs;
    queue.push_back({oob ? ++c.oobIn : c.inOffset, e.monoNs, eof, eof ? 0 : data->length,
                     eof ? 0 : data->flags, eof ? std::string() : preview(data->bytes)});
    if (queue.size() > kMaxQueued)
        queue.pop_front();
    if (c.peerKind == ConnState::Peer::Own)
        if (ConnState *peer = findConn(c.peerKey >> 32, static_cast<ConnId>(c.peerKey)))
            match(*peer, c);
}

void WireModel::matchDatagrams(EndpointState &to, int64_t nowNs)
{
    for (auto r = to.held.begin(); r != to.held.end();) {
        // Datagrams keep their boundaries: the same bytes sent to this socket are the match.
        auto s = to.expected.begin();
        const auto last = to.expected.end();
        for (; s != last; ++s)
            if (s->size == r->size && view(s->bytes) == view(r->bytes))
                break;
        if (s != last) {
            // Loopback keeps datagrams in order: those sent before this one and not received
            // were lost (a full receive buffer), drawn as not delivered.
            for (auto lost = to.expected.begin(); lost != s; ++lost)
                if (auto item = lost->item.lock(); item && item->pending()) {
                    item->t1 = item->t0;
                    item->failed = true;
                }
            s = to.expected.erase(to.expected.begin(), s);
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
