#include "core/net/relaysession.h"

#include "core/net/splicepipe.h"

#include <algorithm>
#include <cerrno>

#include <fcntl.h> // SPLICE_F_*
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>

namespace sb {
namespace {

// Reads and sends per wake-up and direction before the loop gives other sockets a turn.
constexpr int kIoPerWakeup = 16;

constexpr RelayDir kDirs[] = {RelayDir::Up, RelayDir::Down};

// The splice path's pipe: as much read ahead of the destination as the flow would buffer.
constexpr size_t kPipeBytes = RelayFlow::kBufferCap;
constexpr unsigned kSpliceFlags = SPLICE_F_MOVE | SPLICE_F_NONBLOCK;

const char *legName(int index) { return index == 0 ? "client leg" : "target leg"; }

} // namespace

RelaySession::RelaySession(Context context, ConnId clientConn, int clientFd,
                           Transport clientTransport, Address clientLocal, Address clientPeer)
    : m_ctx(std::move(context))
{
    Leg &c = m_legs[0];
    c.fd = clientFd;
    c.id = clientConn;
    c.transport = clientTransport;
    c.local = clientLocal;
    c.peer = clientPeer;
    m_legs[1].id = clientConn + 1;
}

RelaySession::~RelaySession()
{
    // Only when the loop is gone with the session still open: no watch or timer is left to
    // cancel, the fds must still be closed.
    for (Leg &leg : m_legs) {
        if (leg.fd < 0)
            continue;
        m_ctx.registry->remove(m_ctx.endpoint, leg.id);
        sys::close(ctx(leg), leg.fd);
    }
    closePipes();
}

void RelaySession::closePipes()
{
    for (Way &w : m_ways) {
        closeFds(w.pipe);
        w.inPipe = 0;
    }
}

void RelaySession::post(ConnId conn, EventBody body)
{
    Event event(conn, std::move(body));
    event.monoNs = monotonicNs();
    event.endpoint = m_ctx.endpoint;
    m_ctx.sink->post(std::move(event));
}

int RelaySession::fdOf(ConnId conn) const
{
    for (const Leg &leg : m_legs) {
        if (leg.id == conn)
            return leg.fd;
    }
    return -1;
}

void RelaySession::start(std::vector<Address> targets, Transport targetTransport,
                         const FaultPlan &up, const FaultPlan &down)
{
    m_ctx.loop->assertInLoopThread();
    const int64_t now = monotonicNs();
    way(RelayDir::Up).flow.setPlan(up, now);
    way(RelayDir::Down).flow.setPlan(down, now);
    openLeg(m_legs[0]);
    m_legs[1].transport = targetTransport;
    m_targets = std::move(targets);
    connectNext();
}

void RelaySession::openLeg(Leg &leg)
{
    if (leg.transport == Transport::Tcp) {
        // Each send of the relay leaves at once as its own segment: a chop's pieces stay
        // apart, and the relay adds no Nagle wait of its own to what it forwards.
        const int on = 1;
        sys::setsockopt(ctx(leg), leg.fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    m_ctx.registry->add({m_ctx.endpoint, leg.id, m_ctx.owner, leg.fd, leg.transport, false,
                         leg.local, leg.peer, monotonicNs(), leg.counters});
    post(leg.id, ev::Opened {.local = leg.local, .peer = leg.peer, .fd = leg.fd});
}

void RelaySession::connectNext()
{
    Leg &t = m_legs[1];
    const Address peer = m_targets[m_nextTarget++];
    t.peer = peer;
    const int protocol = peer.family() == AF_UNIX ? 0 : IPPROTO_TCP;
    t.fd = sys::socket(ctx(t), peer.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (t.fd < 0)
        return connectFinished(errno);
    post(t.id, ev::Connecting {.peer = peer});
    if (sys::connect(ctx(t), t.fd, peer) == 0)
        return connectFinished(0);
    const int err = errno;
    // TCP says EINPROGRESS; a UNIX listener whose backlog is full says EAGAIN at once.
    if (err != EINPROGRESS)
        return connectFinished(err);
    std::weak_ptr<RelaySession> weak = shared_from_this();
    m_ctx.loop->watch(t.fd, EPOLLOUT, [weak](uint32_t) {
        auto self = weak.lock();
        if (!self)
            return;
        Leg &t = self->m_legs[1];
        int soError = 0;
        socklen_t len = sizeof soError;
        if (sys::getsockopt(self->ctx(t), t.fd, SOL_SOCKET, SO_ERROR, &soError, &len) < 0)
            soError = errno;
        self->connectFinished(soError);
    });
    t.watched = true;
    t.events = EPOLLOUT;
    m_connectTimer = m_ctx.loop->runAfter(m_ctx.connectTimeoutMs, [weak] {
        if (auto self = weak.lock()) {
            self->m_connectTimer = 0;
            self->connectFinished(ETIMEDOUT);
        }
    });
}

void RelaySession::connectFinished(int err)
{
    auto keep = shared_from_this();
    Leg &t = m_legs[1];
    if (m_connectTimer)
        m_ctx.loop->cancelTimer(m_connectTimer);
    m_connectTimer = 0;
    if (t.watched)
        m_ctx.loop->unwatch(t.fd);
    t.watched = false;
    t.events = 0;
    if (err != 0) {
        post(t.id, ev::Error {.op = "connect", .err = err, .detail = t.peer.toString()});
        if (t.fd >= 0)
            sys::close(ctx(t), t.fd);
        t.fd = -1;
        if (m_nextTarget < m_targets.size())
            return connectNext();
        post(t.id, ev::Closed {.err = err, .reason = "connect failed", .peer = t.peer});
        // The client learns that the target is not there the way a direct connect would
        // have told it, as far as a relay can: its connection ends.
        closeBoth(0, "the target did not answer", false);
        return;
    }
    sys::getsockname(ctx(t), t.fd, &t.local);
    openLeg(t);
    m_connected = true;
    for (const RelayDir dir : kDirs)
        pumpRead(dir); // the client may have sent already
    for (Leg &leg : m_legs)
        updateInterest(leg);
}

void RelaySession::setPlan(RelayDir dir, const FaultPlan &plan)
{
    m_ctx.loop->assertInLoopThread();
    if (m_closed)
        return;
    auto keep = shared_from_this();
    Way &w = way(dir);
    w.flow.setPlan(plan, monotonicNs());
    if (w.flow.resetDue())
        return resetAfterFault(dir);
    if (plan.close)
        w.flow.flush();
    if (!m_connected)
        return;
    pumpRead(dir);
    if (m_closed)
        return;
    pumpWrite(dir);
    for (Leg &leg : m_legs)
        updateInterest(leg);
}

void RelaySession::handleEvents(int legIndex, uint32_t events)
{
    auto keep = shared_from_this();
    const RelayDir from = legIndex == 0 ? RelayDir::Up : RelayDir::Down;
    const RelayDir to = legIndex == 0 ? RelayDir::Down : RelayDir::Up;
    if (events & (EPOLLOUT | EPOLLERR)) {
        m_legs[legIndex].blocked = false;
        pumpWrite(to);
    }
    if (!m_closed && (events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        pumpRead(from);
    if (m_closed)
        return;
    for (Leg &leg : m_legs)
        updateInterest(leg);
}

bool RelaySession::splicing(RelayDir dir)
{
    Way &w = way(dir);
    if (m_ctx.dataBytes || w.spliceOff || !w.flow.plan().none() || !w.flow.empty())
        return false;
    if (w.pipe[0] >= 0)
        return true;
    if (!openSplicePipe(w.pipe, kPipeBytes)) {
        w.spliceOff = true; // out of fds: copy
        return false;
    }
    return true;
}

bool RelaySession::sourceWanted(const Way &w) const
{
    if (w.flow.plan().close)
        return true; // read and dropped, so that the source's end is seen
    if (w.pipeFull || w.inPipe >= kPipeBytes)
        return false;
    return w.flow.room() > 0;
}

void RelaySession::spliceRead(RelayDir dir)
{
    Way &w = way(dir);
    Leg &src = source(dir);
    for (int i = 0; i < kIoPerWakeup; ++i) {
        if (m_closed || src.fd < 0 || src.eof || !sourceWanted(w))
            break;
        const ssize_t n
                = sys::splice(ctx(src), src.fd, w.pipe[1], kPipeBytes - w.inPipe, kSpliceFlags);
        if (n > 0) {
            src.counters->bytesIn.fetch_add(uint64_t(n), std::memory_order_relaxed);
            w.splicedIn += uint64_t(n);
            w.inPipe += size_t(n);
            drainPipe(dir);
            continue;
        }
        if (n == 0) {
            src.eof = true;
            postSpliced(dir); // the bytes before the end
            post(src.id, ev::PeerEof {});
            break;
        }
        const int err = errno;
        if (err == EAGAIN || err == EWOULDBLOCK) {
            // Either the source is empty or the pipe is full: the bytes it holds tell which.
            // A full pipe is read again once the destination took some.
            w.pipeFull = w.inPipe > 0;
            break;
        }
        if ((err == EINVAL || err == ENOSYS) && w.inPipe == 0) {
            w.spliceOff = true; // this kernel or socket cannot: copy from now on
            return pumpRead(dir);
        }
        return failed(src, "splice", err);
    }
    if (m_closed)
        return;
    pumpWrite(dir);
    postSpliced(dir);
}

void RelaySession::postSpliced(RelayDir dir)
{
    Way &w = way(dir);
    if (w.splicedIn) {
        Leg &src = source(dir);
        src.counters->msgsIn.fetch_add(1, std::memory_order_relaxed);
        post(src.id, ev::Data {.dir = Direction::In, .length = w.splicedIn, .peer = src.peer});
        w.splicedIn = 0;
    }
    if (w.splicedOut) {
        Leg &dst = destination(dir);
        dst.counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
        post(dst.id, ev::Data {.dir = Direction::Out, .length = w.splicedOut, .peer = dst.peer});
        w.splicedOut = 0;
    }
}

void RelaySession::drainPipe(RelayDir dir)
{
    Way &w = way(dir);
    Leg &dst = destination(dir);
    // A stall holds what the pipe has too; the other faults start with the bytes read after
    // them (the pipe holds at most kPipeBytes read before).
    while (w.inPipe > 0 && !m_closed && dst.fd >= 0 && !dst.shutWr && !dst.blocked
           && !w.flow.plan().stall) {
        size_t len = w.inPipe;
        if (const uint64_t limit = w.flow.plan().resetAfter) // not one byte past the limit
            len = size_t(std::min<uint64_t>(len, limit - w.flow.forwarded()));
        const ssize_t n = sys::splice(ctx(dst), w.pipe[0], dst.fd, len, kSpliceFlags);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK) {
                dst.blocked = true; // the pipe has bytes: the socket is full
                break;
            }
            return failed(dst, "splice", err);
        }
        if (n == 0)
            break;
        dst.counters->bytesOut.fetch_add(uint64_t(n), std::memory_order_relaxed);
        w.splicedOut += uint64_t(n);
        w.inPipe -= size_t(n);
        w.pipeFull = false;
        w.flow.forwardedAround(uint64_t(n));
        if (w.flow.resetDue())
            return resetAfterFault(dir);
    }
}

void RelaySession::pumpRead(RelayDir dir)
{
    if (splicing(dir))
        return spliceRead(dir);
    Way &w = way(dir);
    Leg &src = source(dir);
    std::vector<char> &buf = *m_ctx.readBuffer;
    for (int i = 0; i < kIoPerWakeup; ++i) {
        if (m_closed || src.fd < 0 || src.eof)
            break;
        // After a close fault the source is still read, so that its own end is seen; what it
        // sends goes nowhere.
        const bool dropping = w.flow.plan().close;
        const size_t want = dropping ? buf.size() : std::min(buf.size(), w.flow.room());
        if (want == 0)
            break; // the destination has not taken what came before: the source waits
        Bytes got;
        const ssize_t n = sys::recv(ctx(src), src.fd, buf.data(), want, 0, &got);
        if (n > 0) {
            src.counters->bytesIn.fetch_add(uint64_t(n), std::memory_order_relaxed);
            src.counters->msgsIn.fetch_add(1, std::memory_order_relaxed);
            post(src.id,
                 ev::Data {.dir = Direction::In,
                           .length = uint64_t(n),
                           .bytes = m_ctx.dataBytes ? got : Bytes(),
                           .peer = src.peer});
            if (dropping)
                w.dropped += uint64_t(n);
            else
                w.flow.push(std::move(got), monotonicNs());
            if (size_t(n) < want && src.transport == Transport::Tcp)
                break; // a short read drained the socket: spare the call that says EAGAIN
            continue;
        }
        if (n == 0) {
            src.eof = true;
            w.flow.flush();
            post(src.id, ev::PeerEof {});
            break;
        }
        const int err = errno;
        if (err == EAGAIN || err == EWOULDBLOCK)
            break;
        return failed(src, "recv", err);
    }
    if (m_closed)
        return;
    pumpWrite(dir);
}

void RelaySession::pumpWrite(RelayDir dir)
{
    Way &w = way(dir);
    Leg &dst = destination(dir);
    if (!m_connected || m_closed || dst.fd < 0 || dst.shutWr || dst.blocked)
        return;
    if (w.inPipe > 0)
        drainPipe(dir);
    postSpliced(dir); // before anything this may post after them (a shutdown)
    if (m_closed || w.inPipe > 0)
        return;
    for (int i = 0; i < kIoPerWakeup; ++i) {
        const int64_t now = monotonicNs();
        const RelayFlow::Span span = w.flow.sendable(now);
        if (span.len == 0)
            break;
        const ssize_t n = sys::send(ctx(dst), dst.fd, span.data, span.offset, span.len, 0);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK) {
                dst.blocked = true;
                break;
            }
            return failed(dst, "send", err);
        }
        dst.counters->bytesOut.fetch_add(uint64_t(n), std::memory_order_relaxed);
        dst.counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
        post(dst.id,
             ev::Data {.dir = Direction::Out,
                       .length = uint64_t(n),
                       .bytes = m_ctx.dataBytes
                               ? makeBytes(view(span.data).substr(span.offset, size_t(n)))
                               : Bytes(),
                       .peer = dst.peer});
        w.flow.consumed(size_t(n), now);
        if (w.flow.resetDue())
            return resetAfterFault(dir);
        if (size_t(n) < span.len) {
            dst.blocked = true; // the socket buffer is full: EPOLLOUT says when it has room
            break;
        }
    }
    if (!dst.blocked)
        armTimer(dir);
    finishWay(dir);
}

void RelaySession::finishWay(RelayDir dir)
{
    Way &w = way(dir);
    Leg &src = source(dir);
    Leg &dst = destination(dir);
    if (m_closed || !m_connected || dst.fd < 0 || dst.shutWr || !w.flow.empty() || w.inPipe > 0)
        return;
    if (!src.eof && !w.flow.plan().close)
        return;
    // The source's end, or a close fault, goes on once every byte before it went.
    if (sys::shutdown(ctx(dst), dst.fd, SHUT_WR) < 0) {
        const int err = errno;
        if (err != ENOTCONN)
            post(dst.id, ev::Error {.op = "shutdown", .err = err});
    } else {
        post(dst.id, ev::Shutdown {.how = SHUT_WR});
    }
    dst.shutWr = true;
    maybeDone();
}

void RelaySession::maybeDone()
{
    const bool upDone = m_legs[0].eof && m_legs[1].shutWr;
    const bool downDone = m_legs[1].eof && m_legs[0].shutWr;
    if (upDone && downDone)
        closeBoth(0, "both sides closed", false);
}

void RelaySession::armTimer(RelayDir dir)
{
    Way &w = way(dir);
    const int64_t now = monotonicNs();
    const int64_t due = w.flow.nextWakeNs(now);
    if (due < 0 || due == w.timerDueNs) {
        if (due < 0 && w.timer) {
            m_ctx.loop->cancelTimer(w.timer);
            w.timer = 0;
            w.timerDueNs = 0;
        }
        return;
    }
    if (w.timer)
        m_ctx.loop->cancelTimer(w.timer);
    std::weak_ptr<RelaySession> weak = shared_from_this();
    const auto fire = [weak, dir] {
        auto self = weak.lock();
        if (!self || self->m_closed)
            return;
        Way &w = self->way(dir);
        w.timer = 0;
        w.timerDueNs = 0;
        self->pumpWrite(dir);
        if (self->m_closed)
            return;
        self->pumpRead(dir); // room was made: read what the source holds
        if (self->m_closed)
            return;
        for (Leg &leg : self->m_legs)
            self->updateInterest(leg);
    };
    if (due <= now) {
        // Sendable already (a wake-up's share of sends was used up): go on after the other
        // sockets of the loop had their turn, not a millisecond later.
        w.timer = 0;
        w.timerDueNs = 0;
        m_ctx.loop->queueInLoop(fire);
        return;
    }
    w.timerDueNs = due;
    w.timer = m_ctx.loop->runAfter(std::max<int64_t>(1, (due - now + 999999) / 1000000), fire);
}

void RelaySession::updateInterest(Leg &leg)
{
    if (leg.fd < 0 || (&leg == &m_legs[1] && !m_connected))
        return;
    const RelayDir from = &leg == &m_legs[0] ? RelayDir::Up : RelayDir::Down;
    const Way &w = way(from);
    uint32_t events = 0;
    if (m_connected && !leg.eof && sourceWanted(w))
        events |= EPOLLIN;
    if (leg.blocked)
        events |= EPOLLOUT;
    if (events == 0) {
        // Out of epoll while nothing is wanted: a hang-up is reported even unasked, and would
        // wake the loop again and again while a stalled source is not read.
        if (leg.watched)
            m_ctx.loop->unwatch(leg.fd);
        leg.watched = false;
        leg.events = 0;
        return;
    }
    if (!leg.watched) {
        std::weak_ptr<RelaySession> weak = shared_from_this();
        const int index = &leg == &m_legs[0] ? 0 : 1;
        m_ctx.loop->watch(leg.fd, events, [weak, index](uint32_t got) {
            if (auto self = weak.lock())
                self->handleEvents(index, got);
        });
        leg.watched = true;
    } else if (events != leg.events) {
        m_ctx.loop->modify(leg.fd, events);
    }
    leg.events = events;
}

void RelaySession::failed(Leg &leg, const char *op, int err)
{
    const int index = &leg == &m_legs[0] ? 0 : 1;
    for (const RelayDir dir : kDirs)
        postSpliced(dir); // what went through before the failure
    post(leg.id, ev::Error {.op = op, .err = err, .detail = legName(index)});
    // The failure goes on to the other peer as a reset, as it would have seen it directly.
    closeLeg(leg, err, err == ECONNRESET ? "reset by peer" : std::string(op) + " failed", false);
    closeBoth(0, std::string("reset: the ") + legName(index) + " failed", true);
}

void RelaySession::reset(const std::string &reason) { closeBoth(0, reason, true); }

void RelaySession::resetAfterFault(RelayDir dir)
{
    reset("reset after " + std::to_string(way(dir).flow.plan().resetAfter) + " bytes (fault)");
}

void RelaySession::terminate()
{
    m_onClosed = nullptr; // the relay is dropping every session itself
    closeBoth(0, "relay stopped", false);
}

void RelaySession::closeLeg(Leg &leg, int err, const std::string &reason, bool abortive)
{
    if (leg.fd < 0)
        return;
    if (leg.watched)
        m_ctx.loop->unwatch(leg.fd, true); // the close below takes it out of epoll
    leg.watched = false;
    m_ctx.registry->remove(m_ctx.endpoint, leg.id);
    if (abortive) {
        const linger lg {1, 0};
        sys::setsockopt(ctx(leg), leg.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    }
    sys::close(ctx(leg), leg.fd);
    leg.fd = -1;
    post(leg.id, ev::Closed {.err = err, .reason = reason, .local = leg.local, .peer = leg.peer});
}

void RelaySession::closeBoth(int err, const std::string &reason, bool abortive)
{
    if (m_closed)
        return;
    auto keep = shared_from_this();
    for (const RelayDir dir : kDirs)
        postSpliced(dir);
    if (m_connectTimer)
        m_ctx.loop->cancelTimer(m_connectTimer);
    m_connectTimer = 0;
    for (Way &w : m_ways) {
        if (w.timer)
            m_ctx.loop->cancelTimer(w.timer);
        w.timer = 0;
    }
    // A target leg still connecting has no Opened to close; its socket goes all the same.
    if (!m_connected && m_legs[1].fd >= 0) {
        if (m_legs[1].watched)
            m_ctx.loop->unwatch(m_legs[1].fd, true);
        m_legs[1].watched = false;
        sys::close(ctx(m_legs[1]), m_legs[1].fd);
        m_legs[1].fd = -1;
    }
    for (Leg &leg : m_legs)
        closeLeg(leg, err, reason, abortive);
    closePipes();
    m_closed = true;
    if (m_onClosed)
        m_onClosed(id());
}

} // namespace sb
