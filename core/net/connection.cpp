#include "core/net/connection.h"

#include "core/net/connectionstdio.h"
#include "core/net/eventloop.h"
#include "core/net/responder.h"
#include "core/net/splicepipe.h"
#include "core/net/tlssession.h"

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {
namespace {

// Reads and writes per wake-up before the loop gives other sockets a turn (libuv does the
// same): a fast peer must not starve the rest of the endpoint.
constexpr int kIoPerWakeup = 16;
// What one recv may drop in the kernel when the bytes are discarded.
constexpr size_t kDiscardChunk = 4u << 20;

} // namespace

FileSource::~FileSource()
{
    if (fd >= 0)
        ::close(fd);
}

Connection::Connection(Context context, int fd, ConnId id, Address local, Address peer)
    : m_ctx(std::move(context))
    , m_fd(fd)
    , m_id(id)
    , m_local(local)
    , m_peer(peer)
    , m_counters(std::make_shared<SocketCounters>())
{ }

Connection::~Connection()
{
    if (m_stdio)
        detachStdio(false);
    if (m_fd >= 0) {
        m_ctx.registry->remove(m_ctx.endpoint, m_id);
        sys::close(sysContext(), m_fd);
    }
    closeDrain();
}

void Connection::post(Event event)
{
    event.monoNs = event.monoNs ? event.monoNs : monotonicNs();
    event.endpoint = m_ctx.endpoint;
    event.conn = m_id;
    m_ctx.sink->post(std::move(event));
}

void Connection::start()
{
    m_ctx.loop->assertInLoopThread();
    m_ctx.registry->add({m_ctx.endpoint, m_id, m_ctx.owner, m_fd, m_ctx.transport, false, m_local,
                         m_peer, monotonicNs(), m_counters});
    const bool linked = m_ctx.stdio && m_ctx.stdio->tryTake();
    // A connection beside the one that holds stdout hands its bytes to the main thread.
    m_dataBytes = m_ctx.dataBytes || (m_ctx.stdio && !linked);
    watchSocket();
    post(Event(m_id, ev::Opened {.local = m_local, .peer = m_peer, .fd = m_fd}));
    if (m_ctx.tls) {
        // The responder and stdin wait for the handshake (tlsEstablished).
        m_tlsLinked = linked;
        tlsStart();
        return;
    }
    if (m_ctx.responder)
        m_ctx.responder->opened(*this);
    if (linked)
        attachStdio();
}

void Connection::watchSocket()
{
    std::weak_ptr<Connection> weak = shared_from_this();
    m_ctx.loop->watch(m_fd, m_events, [weak](uint32_t events) {
        if (auto self = weak.lock())
            self->handleEvents(events);
    });
}

void Connection::handleEvents(uint32_t events)
{
    auto keep = shared_from_this();
    if ((events & EPOLLPRI) && m_fd >= 0)
        handleOob();
    if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) && m_fd >= 0 && m_readOpen) {
        if (!m_stdio)
            handleRead();
        else if (!m_stdio->readPaused())
            readToStdout();
        else if (events & (EPOLLHUP | EPOLLERR))
            waitForStdout(); // a hang-up is reported even unasked: leave epoll until stdout drains
    }
    if ((events & EPOLLOUT) && m_fd >= 0)
        handleWrite();
    if ((events & (EPOLLHUP | EPOLLERR)) && m_fd >= 0 && !m_readOpen && outputIdle()) {
        // Both directions are gone and nothing is left to say: an error or a full hang-up.
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len);
        closeNow(err, err ? "connection error" : "peer closed", false, "recv");
    }
}

void Connection::handleRead()
{
    if (m_tls) {
        tlsRead();
        return;
    }
    std::vector<char> &buf = *m_ctx.readBuffer;
    // Nobody wants the bytes and the trace is off: they are dropped in the kernel, never
    // copied out (the sink of a bulk transfer costs one call per wake-up).
    const bool drop = m_ctx.discard && !(m_ctx.tracer && m_ctx.tracer->enabled())
            && (m_ctx.transport == Transport::Tcp || openDrain());
    const size_t want = drop ? kDiscardChunk : buf.size();
    for (int i = 0; i < kIoPerWakeup && m_fd >= 0; ++i) {
        Bytes data;
        const ssize_t n = drop ? dropRead(want)
                               : sys::recv(sysContext(), m_fd, buf.data(), want, 0,
                                           m_dataBytes || m_ctx.responder ? &data : nullptr);
        if (n > 0) {
            postReceived(static_cast<uint64_t>(n), m_dataBytes ? data : Bytes(), false);
            if (m_ctx.responder)
                m_ctx.responder->received(*this, data);
            if (m_ctx.transport == Transport::Tcp && static_cast<size_t>(n) < want)
                break; // a short read drained the socket: spare the syscall that says EAGAIN
            continue;
        }
        readEnded(n);
        return;
    }
}

void Connection::postReceived(uint64_t n, Bytes data, bool toStdout)
{
    m_counters->bytesIn.fetch_add(n, std::memory_order_relaxed);
    m_counters->msgsIn.fetch_add(1, std::memory_order_relaxed);
    post(Event(m_id,
               ev::Data {.dir = Direction::In,
                         .length = n,
                         .bytes = std::move(data),
                         .peer = m_peer,
                         .toStdout = toStdout}));
}

void Connection::readEnded(ssize_t n)
{
    if (n == 0) {
        peerClosedWrite();
        return;
    }
    const int err = errno;
    if (err == EAGAIN || err == EWOULDBLOCK)
        return; // nothing more for now
    closeNow(err, err == ECONNRESET ? "reset by peer" : "receive failed", false, "recv");
}

bool Connection::openDrain()
{
    if (m_drain[0] >= 0)
        return true;
    if (m_drainFailed)
        return false;
    // A pipe to splice into and /dev/null to splice it on to: UNIX stream sockets ignore
    // MSG_TRUNC, but they can hand their pages to a pipe without a copy.
    int p[2];
    if (!openSplicePipe(p, 1 << 20)) { // the unprivileged maximum
        m_drainFailed = true; // out of fds: read the plain way
        return false;
    }
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null < 0) {
        closeFds(p);
        m_drainFailed = true;
        return false;
    }
    m_drain[0] = p[0];
    m_drain[1] = p[1];
    m_drain[2] = null;
    return true;
}

void Connection::closeDrain() { closeFds(m_drain); }

ssize_t Connection::dropRead(size_t want)
{
    if (m_ctx.transport == Transport::Tcp) // TCP drops with MSG_TRUNC and copies nothing
        return sys::recv(sysContext(), m_fd, nullptr, want, MSG_TRUNC, nullptr);
    const ssize_t n
            = sys::splice(sysContext(), m_fd, m_drain[1], want, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    const int err = errno;
    for (ssize_t left = n; left > 0;) {
        const ssize_t k = sys::splice(sysContext(), m_drain[0], m_drain[2], size_t(left),
                                      SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (k <= 0)
            break; // cannot happen with /dev/null; never spin on it
        left -= k;
    }
    errno = err;
    return n;
}

void Connection::handleOob()
{
    // With SO_OOBINLINE off, the urgent byte is read apart from the stream with MSG_OOB.
    char byte = 0;
    Bytes data;
    const ssize_t n = sys::recv(sysContext(), m_fd, &byte, 1, MSG_OOB, &data);
    if (n == 1) {
        m_counters->bytesIn.fetch_add(1, std::memory_order_relaxed);
        m_counters->msgsIn.fetch_add(1, std::memory_order_relaxed);
        post(Event(m_id,
                   ev::Data {.dir = Direction::In,
                             .length = 1,
                             .bytes = data,
                             .peer = m_peer,
                             .flags = MSG_OOB}));
    }
}

void Connection::peerClosedWrite()
{
    m_readOpen = false;
    if (!m_peerEof) {
        m_peerEof = true;
        post(Event(m_id, ev::PeerEof {}));
    }
    if (m_stdio && m_fd >= 0) {
        // What stdin holds already goes out before this side may close: a listener's greeting
        // to a client that shut down first (nc's run-tcp-server-reverse-eof).
        pumpStdin();
        if (m_fd < 0)
            return;
    }
    if (m_shutWr || (m_ctx.closeOnPeerEof && !m_shutWrAfterFlush)) {
        close();
        if (m_fd < 0)
            return; // closed at once: no interest left to change
    }
    updateInterest();
}

bool Connection::refuseSend()
{
    if (m_fd >= 0 && !m_shutWr && !m_shutWrAfterFlush && !m_closeAfterFlush)
        return false;
    post(Event(m_id,
               ev::Error {.op = "send",
                          .err = m_fd < 0 ? EBADF : EPIPE,
                          .detail = m_fd < 0 ? "the connection is closed"
                                             : "this side was shut down for writing"}));
    return true;
}

void Connection::sendFile(std::shared_ptr<FileSource> file)
{
    m_ctx.loop->assertInLoopThread();
    if (refuseSend() || !file || file->left == 0)
        return;
    if (m_tls) {
        // The plaintext must go through the session: read here, sent like any bytes.
        std::string chunk;
        while (file->left > 0) {
            chunk.resize(std::min<uint64_t>(file->left, 1u << 20));
            const ssize_t n = ::read(file->fd, chunk.data(), chunk.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                if (n < 0)
                    post(Event(m_id, ev::Error {.op = "read", .err = errno, .unsent = file->left}));
                break;
            }
            chunk.resize(static_cast<size_t>(n));
            file->left -= static_cast<uint64_t>(n);
            send(makeBytes(chunk));
        }
        return;
    }
    m_queued += file->left;
    m_counters->queued.store(m_queued, std::memory_order_relaxed);
    m_out.push_back(Chunk {Bytes(), 0, 0, std::move(file)});
    if (!m_wantWrite)
        handleWrite();
}

bool Connection::writeFile(Chunk &c)
{
    FileSource &f = *c.file;
    // Up to 1 GiB per call; a non-blocking socket takes what fits in its buffer.
    const ssize_t n = sys::sendfile(sysContext(), m_fd, f.fd, std::min<uint64_t>(f.left, 1u << 30));
    if (n < 0) {
        const int err = errno;
        if (err == EAGAIN || err == EWOULDBLOCK)
            return false;
        if (err == EPIPE || err == ECONNRESET || err == ENOTCONN) {
            closeNow(err, err == ECONNRESET ? "reset by peer" : "send failed", false, "send");
            return false;
        }
        // The file's fault (EIO, EINVAL): drop it, keep the connection.
        post(Event(m_id, ev::Error {.op = "sendfile", .err = err, .unsent = f.left}));
        m_queued -= f.left;
        m_out.pop_front();
        return true;
    }
    if (n == 0) { // the file is shorter than it was said to be: nothing more will come
        m_queued -= f.left;
        m_out.pop_front();
        return true;
    }
    m_counters->bytesOut.fetch_add(n, std::memory_order_relaxed);
    m_queued -= static_cast<size_t>(n);
    f.left -= static_cast<uint64_t>(n);
    Event e(m_id,
            ev::Data {.dir = Direction::Out, .length = static_cast<uint64_t>(n), .peer = m_peer});
    if (f.left == 0) {
        m_counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
        m_out.pop_front();
    }
    post(std::move(e));
    return true;
}

void Connection::send(Bytes data, int flags)
{
    m_ctx.loop->assertInLoopThread();
    if (refuseSend() || !data)
        return;
    m_queued += data->size();
    m_counters->queued.store(m_queued, std::memory_order_relaxed);
    m_out.push_back(Chunk {std::move(data), 0, flags, nullptr});
    if (!m_wantWrite)
        handleWrite(); // try at once: most sends fit the socket buffer
}

void Connection::cancelSend()
{
    m_ctx.loop->assertInLoopThread();
    // A chunk being written is cut where the kernel stopped taking it (a stream has no
    // boundary to keep; a message is never half written): one 100 MiB send must be
    // cancellable too. Its written part is reported as sent, so the log matches the wire.
    if (!m_out.empty() && m_out.front().offset > 0 && m_out.front().data) {
        Chunk &c = m_out.front();
        m_counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
        post(Event(m_id,
                   ev::Data {.dir = Direction::Out,
                             .length = c.offset,
                             .bytes = makeBytes(std::string_view(*c.data).substr(0, c.offset)),
                             .peer = m_peer,
                             .flags = c.flags}));
    }
    m_out.clear();
    m_queued = 0;
    m_counters->queued.store(m_queued, std::memory_order_relaxed);
    post(Event(m_id, ev::SendQueue {.queued = m_queued, .cancelled = true}));
    updateInterest();
    if (!tlsWirePending()) // TLS: records already made go out whole, or the stream breaks
        afterDrain();
}

void Connection::handleWrite()
{
    if (m_tls) {
        tlsWrite();
        return;
    }
    const bool message = m_ctx.transport == Transport::UnixSeqpacket
            || m_ctx.transport == Transport::UnixDgram;
    for (int i = 0; i < kIoPerWakeup && !m_out.empty() && m_fd >= 0; ++i) {
        Chunk &c = m_out.front();
        if (c.file) {
            if (!writeFile(c))
                break;
            continue;
        }
        const size_t len = c.data->size() - c.offset;
        const ssize_t n = sys::send(sysContext(), m_fd, c.data, c.offset, len, c.flags);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
                break;
            if (err == EMSGSIZE && message) {
                post(Event(m_id, ev::Error {.op = "send", .err = err, .unsent = len}));
                m_queued -= len;
                m_out.pop_front();
                continue;
            }
            closeNow(err, err == ECONNRESET ? "reset by peer" : "send failed", false, "send");
            return;
        }
        m_counters->bytesOut.fetch_add(n, std::memory_order_relaxed);
        m_queued -= static_cast<size_t>(n);
        c.offset += static_cast<size_t>(n);
        if (c.offset == c.data->size()) {
            m_counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
            Event e(m_id,
                    ev::Data {.dir = Direction::Out,
                              .length = c.data->size(),
                              .bytes = std::move(c.data),
                              .peer = m_peer,
                              .flags = c.flags});
            m_out.pop_front();
            post(std::move(e));
        } else if (c.data->size() >= (1u << 20)) {
            post(Event(m_id, ev::SendQueue {.queued = m_queued}));
        }
    }
    m_counters->queued.store(m_queued, std::memory_order_relaxed);
    if (m_fd < 0)
        return;
    updateInterest();
    if (m_out.empty())
        afterDrain();
    if (m_stdio && m_fd >= 0 && m_out.empty())
        pumpStdin(); // stdin's bytes waited for room in the socket
}

void Connection::afterDrain()
{
    if (m_shutWrAfterFlush) {
        m_shutWrAfterFlush = false;
        shutdown(SHUT_WR);
    }
    if (m_closeAfterFlush) {
        m_closeAfterFlush = false;
        close(); // TLS: close_notify first, then the close once it is written
        return;
    }

    if (m_ctx.responder && m_fd >= 0 && !m_shutWr) {
        // Queued, not called: a responder that refills at once (chargen) would otherwise
        // recurse through send() until the socket buffer fills.
        std::weak_ptr<Connection> weak = shared_from_this();
        m_ctx.loop->queueInLoop([weak] {
            auto self = weak.lock();
            if (self && self->m_fd >= 0 && self->m_out.empty() && !self->m_shutWr)
                self->m_ctx.responder->drained(*self);
        });
    }
}

void Connection::updateInterest()
{
    if (m_fd < 0)
        return;
    // TLS: plaintext sent during the handshake waits for it, not for the socket's room (else
    // EPOLLOUT would fire on every turn of the loop until the handshake is done).
    const bool plainWaits = !m_out.empty() && !(m_tls && !m_tls->handshakeDone());
    const bool wantWrite
            = plainWaits || tlsWirePending() || (m_stdio && m_stdio->wantsSocketRoom());
    uint32_t events = EPOLLPRI;
    if (m_readOpen && !(m_stdio && m_stdio->readPaused()))
        events |= EPOLLIN | EPOLLRDHUP;
    if (wantWrite)
        events |= EPOLLOUT;
    m_wantWrite = wantWrite;
    if (m_parked) { // out of epoll until stdout drains; watchSocket() uses m_events then
        m_events = events;
        return;
    }
    if (events == m_events)
        return; // an echo's every send would otherwise cost an epoll_ctl
    m_events = events;
    m_ctx.loop->modify(m_fd, events);
}

void Connection::shutdown(int how)
{
    m_ctx.loop->assertInLoopThread();
    if (m_fd < 0)
        return;
    if (how == SHUT_WR && !outputIdle()) {
        m_shutWrAfterFlush = true; // what was queued goes first, as the person sent it
        return;
    }
    if (m_tls && how != SHUT_RD) {
        // TLS ends its side with close_notify, after the handshake and what was queued.
        if (!m_tls->handshakeDone() && !m_tlsFailed) {
            m_shutWrAfterFlush = true;
            return;
        }
        if (tlsCloseNotify()) {
            m_shutWrAfterFlush = true;
            return;
        }
    }
    const int rc = sys::shutdown(sysContext(), m_fd, how);
    if (rc < 0) {
        post(Event(m_id, ev::Error {.op = "shutdown", .err = errno}));
        return;
    }
    if (how == SHUT_WR || how == SHUT_RDWR) {
        m_shutWr = true;
        m_out.clear();
        m_queued = 0;
    }
    if (how == SHUT_RD || how == SHUT_RDWR)
        m_readOpen = false;
    post(Event(m_id, ev::Shutdown {.how = how}));
    updateInterest();
    if (m_shutWr && m_peerEof)
        close();
}

void Connection::close()
{
    m_ctx.loop->assertInLoopThread();
    if (m_fd < 0)
        return;
    if (!outputIdle() || (m_tls && tlsCloseNotify())) {
        m_closeAfterFlush = true;
        return;
    }
    closeNow(0,
             m_tlsFailed         ? "TLS failed"
                     : m_peerEof ? "peer closed"
                                 : "closed locally",
             false, "");
}

void Connection::abort() { closeNow(0, "aborted: RST sent", true, ""); }

void Connection::terminate() { closeNow(0, "endpoint stopped", false, ""); }

void Connection::closeNow(int err, const std::string &reason, bool abortive, const char *op)
{
    if (m_fd < 0)
        return;
    auto keep = shared_from_this();
    if (m_stdio)
        detachStdio();
    if (!m_parked)
        m_ctx.loop->unwatch(m_fd, true); // the close below takes it out of epoll
    m_ctx.registry->remove(m_ctx.endpoint, m_id);
    if (abortive) {
        const linger lg {1, 0};
        sys::setsockopt(sysContext(), m_fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    }
    sys::close(sysContext(), m_fd);
    m_fd = -1;
    closeDrain();
    m_out.clear();
    m_wire.reset();
    m_wireOffset = 0;
    m_queued = 0;
    m_counters->queued.store(0, std::memory_order_relaxed);
    if (err != 0) {
        post(Event(m_id, ev::Error {.op = op, .err = err, .detail = reason}));
    }
    post(Event(m_id, ev::Closed {.err = err, .reason = reason, .local = m_local, .peer = m_peer}));
    if (m_onClosed)
        m_onClosed(m_id);
}

} // namespace sb
