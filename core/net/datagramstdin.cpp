// DatagramEndpoint's stdin (EndpointConfig::stdio): each read is one datagram, as nc -u sends
// it, read on the endpoint's loop while the socket takes what came before. A few datagrams may
// wait for the socket; past that stdin is left unread, so its writer blocks, not our memory.
#include "core/net/datagramendpoint.h"
#include "core/text/clock.h"

#include <cerrno>

#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr size_t kMaxDatagram = 65507; // the largest UDP payload over IPv4
constexpr int kReadsPerWakeup = 16;
constexpr size_t kQueuedDatagrams = 8; // stdin waits while this many wait for the socket

} // namespace

void DatagramEndpoint::attachStdin()
{
    const std::shared_ptr<StdioLink> &link = m_config.stdio;
    if (m_stdin || !link || link->fds().in < 0 || !link->tryTake())
        return;
    StdinSource s;
    s.link = link;
    s.fd = link->fds().in;
    // A pipe or socket (made non-blocking by the link) or a file is read until it has no more;
    // a terminal stays blocking, so it is read once each time epoll says it is ready.
    struct stat st
    {
    };
    s.again = ::fstat(s.fd, &st) == 0
            && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISREG(st.st_mode));
    s.ended = link->inputDone();
    s.done = s.ended;
    m_stdin = std::move(s);
    if (!m_stdin->ended)
        setStdinWatched(true);
}

void DatagramEndpoint::detachStdin()
{
    if (!m_stdin)
        return;
    setStdinWatched(false);
    m_stdin->link->release();
    m_stdin.reset();
}

void DatagramEndpoint::setStdinWatched(bool watched)
{
    StdinSource &s = *m_stdin;
    if (watched && !s.pollable) {
        // A file or /dev/null is always ready: read it on the next turn of the loop.
        m_loop.queueInLoop([this] {
            if (m_stdin && !m_stdin->ended)
                pumpStdin();
        });
        return;
    }
    if (watched == s.watched)
        return;
    if (!watched) {
        m_loop.unwatch(s.fd);
        s.watched = false;
        return;
    }
    s.watched = m_loop.watch(s.fd, EPOLLIN, [this](uint32_t) {
        if (m_stdin && !m_stdin->ended)
            pumpStdin();
    });
    if (!s.watched) {
        s.pollable = false;
        setStdinWatched(true);
    }
}

void DatagramEndpoint::pumpStdin()
{
    StdinSource &s = *m_stdin;
    if (s.ended || m_fd < 0)
        return;
    if (s.buffer.empty())
        s.buffer.resize(kMaxDatagram);
    bool more = true; // the budget ran out with stdin still ready
    for (int i = 0; i < kReadsPerWakeup; ++i) {
        if (m_out.size() >= kQueuedDatagrams) {
            // The socket has not taken what came before: flush() resumes stdin once it has.
            s.paused = true;
            setStdinWatched(false);
            more = false;
            break;
        }
        const ssize_t n = ::read(s.fd, s.buffer.data(), s.buffer.size());
        if (n > 0) {
            m_out.push_back(
                    {makeBytes(std::string_view(s.buffer.data(), size_t(n))), 0, std::nullopt});
            if (!s.again)
                break;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        more = false;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break; // watched: epoll says when there is more
        endStdin(n < 0 ? errno : 0);
        break;
    }
    flush();
    if (m_stdin && more && !m_stdin->ended && !m_stdin->pollable)
        setStdinWatched(true);
}

void DatagramEndpoint::endStdin(int err)
{
    StdinSource &s = *m_stdin;
    s.ended = true;
    setStdinWatched(false);
    if (err)
        s.link->markInputFailed(err);
}

void DatagramEndpoint::stdinAfterFlush()
{
    if (!m_stdin)
        return;
    StdinSource &s = *m_stdin;
    if (s.ended) {
        // Every datagram of stdin has gone out (or been refused with its error): done.
        if (m_out.empty() && !s.done) {
            s.done = true;
            s.link->markInputDone(monotonicNs());
        }
        return;
    }
    if (s.paused && m_out.size() < kQueuedDatagrams) {
        s.paused = false;
        setStdinWatched(true);
    }
}

} // namespace sb
