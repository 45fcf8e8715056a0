#pragma once

#include "core/net/event.h"
#include "core/net/registry.h"
#include "core/net/stdiolink.h"
#include "core/net/sys.h"
#include "core/text/address.h"
#include "core/text/bytes.h"
#include "core/text/endpointspec.h"

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <sys/epoll.h>

namespace sb {

class EventLoop;
class Responder;
class TlsContext;
class TlsSession;
struct ResponderState;

/// A regular file's bytes queued on a connection for sendfile(2). Owns and closes the fd;
/// touched by one loop thread at a time.
struct FileSource
{
    FileSource(int fd, uint64_t length)
        : fd(fd)
        , left(length)
    { }
    ~FileSource();
    FileSource(const FileSource &) = delete;
    FileSource &operator=(const FileSource &) = delete;
    int fd;
    uint64_t left; ///< bytes still to send
};

/// One connected socket (TCP, UNIX stream or seqpacket, or one end of a socketpair): its fd,
/// its output buffer and its counters. Loop thread only; owned through shared_ptr so that a
/// handler running on the loop keeps it alive while it closes itself.
class Connection : public std::enable_shared_from_this<Connection>
{
public:
    /// What a connection shares with the other connections of its loop.
    struct Context
    {
        EventLoop *loop = nullptr;
        EventSink *sink = nullptr;
        Tracer *tracer = nullptr;
        EndpointId endpoint = 0;
        std::string owner;
        Transport transport = Transport::Tcp;
        Responder *responder = nullptr;
        bool closeOnPeerEof = true;
        bool dataBytes = true; ///< false: Data In events carry the length only
        bool discard = false; ///< nothing reads the bytes: TCP may drop them in the kernel
        std::vector<char> *readBuffer = nullptr; ///< one per loop, not one per connection
        /// The command's stdin and stdout, taken by the first connection that opens while
        /// nobody holds them (connectionstdio.cpp).
        std::shared_ptr<StdioLink> stdio;
        Registry *registry = nullptr; ///< the endpoint's, where the socket is listed
        /// Set: TLS over this connection (connectiontls.cpp); the stdio fast paths are off.
        std::shared_ptr<TlsContext> tls;
        std::string tlsHost; ///< the endpoint's host as typed: a client's SNI and name checked
    };

    Connection(Context context, int fd, ConnId id, Address local, Address peer);
    ~Connection();

    /// Registers the socket with the loop and the registry and posts Opened.
    void start();
    void send(Bytes data, int flags = 0);
    /// Queues the file's bytes behind what is already queued; they go out by sendfile(2).
    void sendFile(std::shared_ptr<FileSource> file);
    void cancelSend();
    void shutdown(int how);
    /// Orderly close once the output buffer is written.
    void close();
    /// SO_LINGER {1, 0} and close: the peer gets a RST.
    void abort();
    /// Orderly close now, dropping what is still queued (the endpoint is stopping).
    void terminate();
    void setClosedCallback(std::function<void(ConnId)> callback)
    {
        m_onClosed = std::move(callback);
    }

    ConnId id() const { return m_id; }
    const Address &peer() const { return m_peer; }
    /// What the responder keeps for this connection; dies with the connection.
    std::unique_ptr<ResponderState> &responderState() { return m_responderState; }
    int fd() const { return m_fd; }
    bool isClosed() const { return m_fd < 0; }
    size_t queuedBytes() const { return m_queued; }
    const Context &context() const { return m_ctx; }
    SysContext sysContext() const { return SysContext {m_ctx.tracer, m_id}; }

private:
    struct Chunk
    {
        Bytes data;
        size_t offset;
        int flags;
        std::shared_ptr<FileSource> file; ///< set: the bytes come from this file instead
    };
    struct StdioEnds; ///< this connection's side of the StdioLink it holds
    bool refuseSend();
    void watchSocket();
    // connectionstdio.cpp: stdin to the socket and the socket to stdout, on this loop.
    void attachStdio();
    /// onLoop false: from the destructor, where the loop may be gone; fds are left as they are.
    void detachStdio(bool onLoop = true);
    void pumpStdin();
    void setInputWatched(bool watched);
    void endInput(int err);
    void readToStdout();
    /// Writes a received chunk to stdout; false when stdout is full (the rest waits).
    bool writeStdout(const char *data, size_t len);
    bool flushStdoutPending();
    void waitForStdout();
    void stdoutWritable();
    /// Moves the n bytes the intermediate pipe holds on to stdout (a file or /dev/null).
    bool drainPipeToStdout(size_t n);
    void failStdout(int err);
    void postMoved();
    /// One sendfile step of the front chunk; false when the loop must stop writing.
    bool writeFile(Chunk &c);
    void handleEvents(uint32_t events);
    void handleRead();
    /// A read of the socket returned n <= 0: the peer's EOF, nothing more for now (EAGAIN),
    /// or a failure that closes the connection.
    void readEnded(ssize_t n);
    /// Counts n received bytes and posts their Data In event (data null: nobody shows them).
    void postReceived(uint64_t n, Bytes data, bool toStdout);
    void handleOob();
    bool openDrain();
    void closeDrain();
    /// Reads n bytes and drops them in the kernel (MSG_TRUNC, or splice to /dev/null).
    ssize_t dropRead(size_t want);
    void handleWrite();
    void updateInterest();
    void peerClosedWrite();
    void afterDrain();
    void closeNow(int err, const std::string &reason, bool abortive, const char *op);
    void post(Event event);
    // connectiontls.cpp: TLS over memory BIOs; the socket calls stay these ones.
    void tlsStart();
    /// Handshake and decrypt what was received; false when reading must stop for now.
    bool tlsConsume();
    void tlsRead();
    void tlsWrite();
    /// Queues what the session has to send (handshake, alerts, close_notify) and writes it.
    void tlsFlush();
    void tlsEstablished();
    void tlsFail();
    void tlsNarrate(std::string line, size_t length);
    /// Queues close_notify once the plaintext before it is out; true when it was queued now
    /// (the close or shutdown waits for it to be written).
    bool tlsCloseNotify();
    bool tlsWirePending() const { return m_wire && m_wireOffset < m_wire->size(); }
    /// Nothing waits to be written: no plaintext, no ciphertext.
    bool outputIdle() const { return m_out.empty() && !tlsWirePending(); }

    Context m_ctx;
    int m_fd;
    ConnId m_id;
    Address m_local;
    Address m_peer;
    std::shared_ptr<SocketCounters> m_counters;
    std::deque<Chunk> m_out;
    size_t m_queued = 0;
    int m_drain[3] = {-1, -1, -1}; ///< UNIX discard: pipe read end, write end, /dev/null
    bool m_drainFailed = false;
    bool m_wantWrite = false;
    uint32_t m_events = EPOLLIN | EPOLLPRI | EPOLLRDHUP; ///< as the loop watches it now
    bool m_readOpen = true;
    bool m_peerEof = false;
    bool m_shutWr = false;
    bool m_shutWrAfterFlush = false;
    bool m_closeAfterFlush = false;
    std::function<void(ConnId)> m_onClosed;
    std::unique_ptr<StdioEnds> m_stdio;
    /// Data In events carry the bytes: someone shows them, or the main thread writes them
    /// to stdout for a connection that does not hold the StdioLink.
    bool m_dataBytes = true;
    bool m_parked = false; ///< the socket is out of epoll while stdout is full
    std::unique_ptr<ResponderState> m_responderState;
    std::unique_ptr<TlsSession> m_tls;
    Bytes m_wire; ///< TLS: ciphertext not yet sent, from m_wireOffset
    size_t m_wireOffset = 0;
    bool m_tlsLinked = false; ///< holds the StdioLink: joined once the handshake is done
    bool m_tlsFailed = false;
};

} // namespace sb
