#pragma once

#include "core/address.h"
#include "core/bytes.h"
#include "core/endpointspec.h"
#include "core/event.h"
#include "core/registry.h"
#include "core/sys.h"

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <sys/epoll.h>

namespace sb {

class EventLoop;
class Responder;

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
    bool refuseSend();
    /// One sendfile step of the front chunk; false when the loop must stop writing.
    bool writeFile(Chunk &c);
    void handleEvents(uint32_t events);
    void handleRead();
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
};

} // namespace sb
