// The part of Connection that joins it to a command's stdin and stdout (StdioLink): stdin's
// bytes go out on the socket and the socket's bytes go to stdout, on the connection's own loop.
// Where nothing looks at the bytes they never enter user space: splice(2) from a stdin pipe
// into the socket and from the socket into a stdout pipe (or through a pipe of ours into a
// file), sendfile(2) from a stdin file. Backpressure both ways: stdin is read only while the
// socket takes what came before, the socket is read only while stdout takes what came before.
#include "core/net/connectionstdio.h"

#include "core/net/connection.h"
#include "core/net/eventloop.h"
#include "core/net/splicepipe.h"

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb {
namespace {

// What one splice or sendfile call may move, and how many calls one wake-up makes.
constexpr size_t kMoveChunk = 1u << 20;
constexpr int kMovesPerWakeup = 16;
// What one read of stdin takes when the bytes are copied (to be logged, or a terminal's).
constexpr size_t kCopyChunk = 65536;
constexpr unsigned kSpliceFlags = SPLICE_F_MOVE | SPLICE_F_NONBLOCK;

FdKind kindOf(int fd)
{
    struct stat st
    {
    };
    if (fd < 0 || ::fstat(fd, &st) != 0)
        return FdKind::None;
    if (S_ISFIFO(st.st_mode))
        return FdKind::Pipe;
    if (S_ISSOCK(st.st_mode))
        return FdKind::Socket;
    if (S_ISREG(st.st_mode))
        return FdKind::File;
    return ::isatty(fd) ? FdKind::Terminal : FdKind::Other;
}

bool pipeHasBytes(int fd)
{
    int n = 0;
    return ::ioctl(fd, FIONREAD, &n) == 0 && n > 0;
}

bool writableNow(int fd)
{
    pollfd p {fd, POLLOUT, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & (POLLOUT | POLLERR | POLLHUP));
}

} // namespace

void Connection::attachStdio()
{
    auto ends = std::make_unique<StdioEnds>();
    ends->link = m_ctx.stdio;
    ends->in = m_ctx.stdio->fds().in;
    ends->out = m_ctx.stdio->fds().out;
    ends->inKind = kindOf(ends->in);
    ends->outKind = kindOf(ends->out);
    // Without a copy only where nobody looks at the bytes (no log) and the stream has no
    // records to keep. Under a trace the calls are the course's send and recv, except for a
    // file on stdin, which goes out by sendfile either way.
    const bool stream
            = m_ctx.transport == Transport::Tcp || m_ctx.transport == Transport::UnixStream;
    // TLS: the plaintext must go through the session, so it is always copied.
    const bool unseen = !m_ctx.dataBytes && !m_ctx.tls;
    const bool traced = m_ctx.tracer && m_ctx.tracer->enabled();
    ends->spliceIn = stream && unseen
            && (ends->inKind == FdKind::File || (ends->inKind == FdKind::Pipe && !traced));
    ends->spliceOut = stream && unseen && !traced
            && (ends->outKind == FdKind::Pipe || ends->outKind == FdKind::File
                || ends->outKind == FdKind::Other);
    if (ends->spliceOut && ends->outKind != FdKind::Pipe) {
        if (!openSplicePipe(ends->pipe, kMoveChunk))
            ends->spliceOut = false; // out of fds: copy
    }
    // Bigger pipes, fewer wake-ups: 1 MiB is what an unprivileged process may ask for.
    if (ends->inKind == FdKind::Pipe)
        ::fcntl(ends->in, F_SETPIPE_SZ, int(kMoveChunk));
    if (ends->outKind == FdKind::Pipe)
        ::fcntl(ends->out, F_SETPIPE_SZ, int(kMoveChunk));
    ends->inOpen = ends->inKind != FdKind::None && !m_ctx.stdio->inputDone();
    m_stdio = std::move(ends);
    if (m_stdio->inOpen)
        setInputWatched(true);
}

void Connection::detachStdio(bool onLoop)
{
    if (!m_stdio)
        return;
    if (onLoop) {
        postMoved();
        if (m_stdio->inWatched)
            m_ctx.loop->unwatch(m_stdio->in);
        if (m_stdio->outWatched)
            m_ctx.loop->unwatch(m_stdio->out);
    }
    closeFds(m_stdio->pipe);
    m_stdio->link->release();
    m_stdio.reset();
}

void Connection::setInputWatched(bool watched)
{
    StdioEnds &s = *m_stdio;
    if (watched && !s.inPollable) {
        // A file or /dev/null is always ready: read it on the next turn of the loop.
        std::weak_ptr<Connection> weak = shared_from_this();
        m_ctx.loop->queueInLoop([weak] {
            if (auto self = weak.lock(); self && self->m_stdio)
                self->pumpStdin();
        });
        return;
    }
    if (watched == s.inWatched)
        return;
    if (!watched) {
        m_ctx.loop->unwatch(s.in);
        s.inWatched = false;
        return;
    }
    std::weak_ptr<Connection> weak = shared_from_this();
    s.inWatched = m_ctx.loop->watch(s.in, EPOLLIN, [weak](uint32_t) {
        if (auto self = weak.lock(); self && self->m_stdio)
            self->pumpStdin();
    });
    if (!s.inWatched) {
        s.inPollable = false;
        setInputWatched(true);
    }
}

void Connection::pumpStdin()
{
    StdioEnds &s = *m_stdio;
    if (s.pumping || !s.inOpen || m_fd < 0)
        return;
    if (m_shutWr || m_shutWrAfterFlush || m_closeAfterFlush) {
        endInput(0); // this side is shut for writing: stdin has nowhere to go
        return;
    }
    s.pumping = true;
    s.roomWanted = false;
    bool more = true; // the budget ran out with stdin and the socket both still ready
    for (int i = 0; i < kMovesPerWakeup; ++i) {
        if (!m_out.empty()) {
            // Copy mode: the chunk before is not all out yet; handleWrite calls back.
            setInputWatched(false);
            more = false;
            break;
        }
        if (s.spliceIn) {
            const ssize_t n = s.inKind == FdKind::File
                    ? sys::sendfile(sysContext(), m_fd, s.in, kMoveChunk)
                    : sys::splice(sysContext(), s.in, m_fd, kMoveChunk, kSpliceFlags);
            const int err = errno;
            if (n > 0) {
                m_counters->bytesOut.fetch_add(n, std::memory_order_relaxed);
                s.movedOut += static_cast<uint64_t>(n);
                continue;
            }
            if (n == 0) {
                endInput(0);
                more = false;
                break;
            }
            if (err == EAGAIN || err == EWOULDBLOCK) {
                // Either stdin is empty or the socket is full: bytes in the pipe tell which.
                if (s.inKind == FdKind::File || pipeHasBytes(s.in)) {
                    s.roomWanted = true;
                    setInputWatched(false);
                } else {
                    setInputWatched(true);
                }
                more = false;
                break;
            }
            if (err == EINVAL || err == ENOSYS) {
                s.spliceIn = false; // this kernel or socket cannot: copy from now on
                continue;
            }
            if (err == EPIPE || err == ECONNRESET || err == ENOTCONN) {
                s.pumping = false;
                postMoved();
                closeNow(err, err == ECONNRESET ? "reset by peer" : "send failed", false, "send");
                return;
            }
            endInput(err); // stdin's own failure (EIO)
            more = false;
            break;
        }
        std::string chunk(kCopyChunk, '\0');
        const ssize_t n = ::read(s.in, chunk.data(), chunk.size());
        if (n > 0) {
            chunk.resize(static_cast<size_t>(n));
            send(makeBytes(std::move(chunk)));
            if (m_fd < 0)
                break;
            // A terminal stays blocking (it is the person's, and shared): read it once per
            // readiness, or the loop would wait for the next line instead of the socket.
            if (s.inKind == FdKind::Terminal || s.inKind == FdKind::Other)
                break;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            setInputWatched(true);
            more = false;
            break;
        }
        endInput(n < 0 ? errno : 0);
        more = false;
        break;
    }
    if (!m_stdio)
        return; // closed on the way
    s.pumping = false;
    postMoved();
    if (more && s.inOpen)
        setInputWatched(true); // level-triggered, or queued for a file: comes back next turn
    updateInterest();
}

void Connection::endInput(int err)
{
    StdioEnds &s = *m_stdio;
    if (!s.inOpen)
        return;
    s.inOpen = false;
    s.roomWanted = false;
    setInputWatched(false);
    if (err)
        s.link->markInputFailed(err);
    s.link->markInputDone(monotonicNs());
    if (s.link->fds().shutdownAtInputEnd && m_fd >= 0 && !m_shutWr) {
        s.pumping = false;
        postMoved();
        shutdown(SHUT_WR); // after what is still queued, as nc -N does
    }
}

void Connection::readToStdout()
{
    StdioEnds &s = *m_stdio;
    if (!s.pending.empty() && !flushStdoutPending())
        return;
    if (m_tls) {
        tlsRead();
        return;
    }
    for (int i = 0; i < kMovesPerWakeup && m_fd >= 0 && m_stdio && !s.readPaused(); ++i) {
        if (s.spliceOut) {
            const int target = s.outKind == FdKind::Pipe ? s.out : s.pipe[1];
            const ssize_t n = sys::splice(sysContext(), m_fd, target, kMoveChunk, kSpliceFlags);
            const int err = errno;
            if (n > 0) {
                m_counters->bytesIn.fetch_add(n, std::memory_order_relaxed);
                s.movedIn += static_cast<uint64_t>(n);
                if (target == s.pipe[1] && !drainPipeToStdout(static_cast<size_t>(n)))
                    break;
                continue;
            }
            if (n == 0) {
                postMoved();
                peerClosedWrite();
                return;
            }
            if (err == EAGAIN || err == EWOULDBLOCK) {
                // The socket is empty, or the stdout pipe is full: stdout's room tells.
                if (target == s.out && !writableNow(s.out))
                    waitForStdout();
                break;
            }
            if (err == EPIPE) { // stdout's reader went away
                failStdout(err);
                break;
            }
            if (err == EINVAL || err == ENOSYS) {
                s.spliceOut = false;
                continue;
            }
            postMoved();
            closeNow(err, err == ECONNRESET ? "reset by peer" : "receive failed", false, "recv");
            return;
        }
        std::vector<char> &buf = *m_ctx.readBuffer;
        Bytes data;
        const ssize_t n = sys::recv(sysContext(), m_fd, buf.data(), buf.size(), 0,
                                    m_dataBytes ? &data : nullptr);
        if (n > 0) {
            postReceived(static_cast<uint64_t>(n), std::move(data), true);
            if (!writeStdout(buf.data(), static_cast<size_t>(n)))
                break;
            continue;
        }
        readEnded(n);
        break;
    }
    postMoved();
}

bool Connection::drainPipeToStdout(size_t n)
{
    StdioEnds &s = *m_stdio;
    // A file or /dev/null takes all: the n bytes just spliced in go on, no count asked.
    while (n > 0) {
        const ssize_t k = ::splice(s.pipe[0], nullptr, s.out, nullptr, n, SPLICE_F_MOVE);
        if (k > 0) {
            n -= static_cast<size_t>(k);
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EINVAL || errno == ENOSYS)) {
            // O_APPEND files refuse splice: copy what the pipe holds, and copy from now on.
            s.spliceOut = false;
            char buf[65536];
            while (n > 0) {
                const ssize_t r = ::read(s.pipe[0], buf, std::min(sizeof buf, n));
                if (r < 0 && errno == EINTR)
                    continue;
                if (r <= 0)
                    break;
                n -= static_cast<size_t>(r);
                if (!writeStdout(buf, static_cast<size_t>(r)))
                    return false;
            }
            return true;
        }
        failStdout(k < 0 ? errno : EIO);
        return false;
    }
    return true;
}

bool Connection::writeStdout(const char *data, size_t len)
{
    StdioEnds &s = *m_stdio;
    while (len > 0) {
        const ssize_t w = ::write(s.out, data, len);
        if (w > 0) {
            data += w;
            len -= static_cast<size_t>(w);
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            s.pending.assign(data, len);
            s.pendingOffset = 0;
            waitForStdout();
            return false;
        }
        failStdout(w < 0 ? errno : EIO);
        return false;
    }
    return true;
}

bool Connection::flushStdoutPending()
{
    StdioEnds &s = *m_stdio;
    while (s.pendingOffset < s.pending.size()) {
        const ssize_t w = ::write(s.out, s.pending.data() + s.pendingOffset,
                                  s.pending.size() - s.pendingOffset);
        if (w > 0) {
            s.pendingOffset += static_cast<size_t>(w);
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            waitForStdout();
            return false;
        }
        failStdout(w < 0 ? errno : EIO);
        return false;
    }
    s.pending.clear();
    s.pendingOffset = 0;
    return true;
}

void Connection::waitForStdout()
{
    StdioEnds &s = *m_stdio;
    s.paused = true;
    // The socket leaves epoll while it waits: a hang-up would be reported on every turn.
    if (!m_parked && m_fd >= 0) {
        m_ctx.loop->unwatch(m_fd);
        m_parked = true;
    }
    if (!s.outWatched) {
        std::weak_ptr<Connection> weak = shared_from_this();
        s.outWatched = m_ctx.loop->watch(s.out, EPOLLOUT, [weak](uint32_t) {
            if (auto self = weak.lock(); self && self->m_stdio)
                self->stdoutWritable();
        });
        if (!s.outWatched) // cannot wait for it: write it the blocking way
            stdoutWritable();
    }
}

void Connection::stdoutWritable()
{
    StdioEnds &s = *m_stdio;
    if (s.outWatched) {
        m_ctx.loop->unwatch(s.out);
        s.outWatched = false;
    }
    s.paused = false;
    if (!s.pending.empty() && !flushStdoutPending())
        return;
    if (m_parked && m_fd >= 0) {
        m_parked = false;
        m_events = 0; // so that updateInterest below sets what is wanted now
        watchSocket();
    }
    updateInterest();
    if (m_fd >= 0 && m_readOpen)
        readToStdout(); // what waited in the socket, without waiting for a new edge
}

void Connection::failStdout(int err)
{
    StdioEnds &s = *m_stdio;
    s.outFailed = true;
    s.pending.clear();
    s.link->markOutputFailed(err);
    updateInterest();
}

void Connection::postMoved()
{
    if (!m_stdio)
        return;
    StdioEnds &s = *m_stdio;
    // One event per wake-up, not one per call: the count is exact, the queue stays quiet.
    if (s.movedIn) {
        m_counters->msgsIn.fetch_add(1, std::memory_order_relaxed);
        post(Event(m_id,
                   ev::Data {.dir = Direction::In,
                             .length = s.movedIn,
                             .peer = m_peer,
                             .toStdout = true}));
        s.movedIn = 0;
    }
    if (s.movedOut) {
        m_counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
        post(Event(m_id, ev::Data {.dir = Direction::Out, .length = s.movedOut, .peer = m_peer}));
        s.movedOut = 0;
    }
}

} // namespace sb
