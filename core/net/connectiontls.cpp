// The part of Connection that speaks TLS (tlssession.h) over its socket. The session works on
// memory BIOs, so every socket call stays the connection's own traced recv and send: the
// ciphertext is what the trace shows and the counters count, the plaintext what the Data
// events carry. Plaintext waits in m_out as before and is encrypted only when the socket has
// taken the records before it (m_wire), so cancelling a send never cuts a record, and stdin
// is read only as fast as the peer takes it.
#include "core/net/connection.h"
#include "core/net/connectionstdio.h"
#include "core/net/eventloop.h"
#include "core/net/responder.h"
#include "core/net/tlscontext.h"
#include "core/net/tlssession.h"

#include <algorithm>
#include <cerrno>

#include <sys/socket.h>

namespace sb {
namespace {

constexpr int kIoPerWakeup = 16;
/// Plaintext encrypted at a time: records for about one socket buffer.
constexpr size_t kEncryptChunk = 256u << 10;

} // namespace

void Connection::tlsNarrate(std::string line, size_t length)
{
    sys::narrate(sysContext(), m_fd, std::move(line), static_cast<int64_t>(length));
}

void Connection::tlsStart()
{
    m_tls = std::make_unique<TlsSession>(
            m_ctx.tls, m_ctx.tlsHost,
            [this](std::string line, size_t length) { tlsNarrate(std::move(line), length); });
    if (tlsConsume()) // the client's ClientHello goes out at once; a server waits for one
        tlsFlush();
}

void Connection::tlsFlush()
{
    std::string out = m_tls->takeOutput();
    if (out.empty())
        return;
    if (!tlsWirePending())
        m_wire = makeBytes(std::move(out));
    else // rare: a close_notify or an alert behind records not yet written
        m_wire = makeBytes(std::string(view(m_wire).substr(m_wireOffset)) + out);
    m_wireOffset = 0;
    if (!m_wantWrite)
        tlsWrite();
}

bool Connection::tlsConsume()
{
    auto keep = shared_from_this();
    if (!m_tls->handshakeDone()) {
        const TlsSession::Status st = m_tls->handshake();
        tlsFlush();
        if (m_fd < 0)
            return false;
        if (st == TlsSession::Status::Failed) {
            tlsFail();
            return false;
        }
        if (st != TlsSession::Status::Done)
            return true;
        tlsEstablished();
        if (m_fd < 0)
            return false;
    }
    std::vector<char> &buf = *m_ctx.readBuffer;
    while (m_fd >= 0 && m_readOpen) {
        if (m_stdio && m_stdio->readPaused())
            return false;
        size_t n = 0;
        const TlsSession::Status st = m_tls->read(buf.data(), buf.size(), &n);
        if (st == TlsSession::Status::Done && n > 0) {
            const bool toStdout = m_stdio != nullptr;
            Bytes data = m_dataBytes || m_ctx.responder ? makeBytes(std::string_view(buf.data(), n))
                                                        : Bytes();
            postReceived(n, m_dataBytes ? data : Bytes(), toStdout);
            if (toStdout) {
                if (!writeStdout(buf.data(), n))
                    return false; // stdout is full: the rest waits in the session
            } else if (m_ctx.responder) {
                m_ctx.responder->received(*this, data);
            }
            continue;
        }
        tlsFlush(); // a read may answer (a key update)
        if (m_fd < 0)
            return false;
        if (st == TlsSession::Status::WantMore)
            return true;
        if (st == TlsSession::Status::Closed) {
            peerClosedWrite(); // close_notify: the peer's orderly end of its direction
            return false;
        }
        tlsFail();
        return false;
    }
    return false;
}

void Connection::tlsRead()
{
    auto keep = shared_from_this();
    // What the session holds already first (stdout may have stopped it), then the socket.
    if (!tlsConsume())
        return;
    std::vector<char> &buf = *m_ctx.readBuffer;
    for (int i = 0; i < kIoPerWakeup && m_fd >= 0 && m_readOpen; ++i) {
        const ssize_t n = sys::recv(sysContext(), m_fd, buf.data(), buf.size(), 0, nullptr);
        if (n > 0) {
            m_counters->bytesIn.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
            m_tls->feed(buf.data(), static_cast<size_t>(n));
            if (!tlsConsume())
                return;
            continue;
        }
        if (n == 0) {
            tlsNarrate(m_tls->handshakeDone()
                               ? "the peer closed TCP without close_notify (the data may be "
                                 "cut short)"
                               : "the peer closed TCP during the handshake",
                       0);
            if (!m_tls->handshakeDone()) {
                closeNow(0, "peer closed during the TLS handshake", false, "");
                return;
            }
        }
        readEnded(n);
        return;
    }
}

void Connection::tlsWrite()
{
    auto keep = shared_from_this();
    for (int i = 0; i < kIoPerWakeup && m_fd >= 0; ++i) {
        if (!tlsWirePending()) {
            m_wire.reset();
            m_wireOffset = 0;
            if (m_out.empty() || !m_tls->handshakeDone() || m_tlsFailed)
                break;
            Chunk &c = m_out.front();
            const size_t piece = std::min(c.data->size() - c.offset, kEncryptChunk);
            if (!m_tls->write(c.data->data() + c.offset, piece)) {
                tlsFail();
                return;
            }
            m_wire = makeBytes(m_tls->takeOutput());
            c.offset += piece;
            m_queued -= piece;
            if (c.offset == c.data->size()) {
                m_counters->msgsOut.fetch_add(1, std::memory_order_relaxed);
                Event e(m_id,
                        ev::Data {.dir = Direction::Out,
                                  .length = c.data->size(),
                                  .bytes = std::move(c.data),
                                  .peer = m_peer});
                m_out.pop_front();
                post(std::move(e));
            }
        }
        const size_t len = m_wire->size() - m_wireOffset;
        const ssize_t n = sys::send(sysContext(), m_fd, m_wire, m_wireOffset, len, 0);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
                break;
            closeNow(err, err == ECONNRESET ? "reset by peer" : "send failed", false, "send");
            return;
        }
        m_counters->bytesOut.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
        m_wireOffset += static_cast<size_t>(n);
    }
    m_counters->queued.store(m_queued, std::memory_order_relaxed);
    if (m_fd < 0)
        return;
    updateInterest();
    if (outputIdle())
        afterDrain();
    if (m_stdio && m_fd >= 0 && m_out.empty())
        pumpStdin();
}

void Connection::tlsEstablished()
{
    ev::TlsEstablished info = m_tls->established();
    std::string line = "handshake done: " + info.version + ", " + info.cipher;
    if (!info.alpn.empty())
        line += ", ALPN " + info.alpn;
    if (!info.serverName.empty())
        line += ", SNI " + info.serverName;
    tlsNarrate(std::move(line), 0);
    if (!m_ctx.tls->server()) {
        tlsNarrate(info.verified ? "peer certificate verified"
                                 : "peer certificate NOT verified, accepted anyway (insecure): "
                                   + info.verifyProblem,
                   0);
    }
    post(Event(m_id, std::move(info)));
    if (m_ctx.responder)
        m_ctx.responder->opened(*this);
    if (m_fd >= 0 && m_tlsLinked) {
        m_tlsLinked = false;
        attachStdio();
    }
    if (m_fd >= 0 && !m_wantWrite)
        tlsWrite(); // what was sent during the handshake
}

void Connection::tlsFail()
{
    if (m_tlsFailed || m_fd < 0)
        return;
    m_tlsFailed = true;
    post(Event(m_id,
               ev::Error {.op = "tls",
                          .err = 0,
                          .detail = m_tls->failure(),
                          .hint = m_tls->failureHint()}));
    tlsFlush(); // the alert that tells the peer why
    m_readOpen = false;
    m_out.clear();
    m_queued = 0;
    if (m_fd >= 0)
        close();
}

bool Connection::tlsCloseNotify()
{
    if (!m_tls || m_tlsFailed || !m_tls->handshakeDone() || m_tls->closeSent())
        return false;
    m_tls->close();
    tlsFlush();
    return m_fd >= 0 && tlsWirePending();
}

} // namespace sb
