#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace sb {

/// A command's standard input and output, joined to one connection of an endpoint at a time:
/// what arrives on stdin goes out on the connection and what the connection receives goes to
/// stdout, moved by the connection's own event loop (non-blocking, in its epoll set, with
/// splice(2) or sendfile(2) where nothing looks at the bytes). sockbench-cli makes one and puts
/// it in EndpointConfig::stdio; the connection that opens while nobody holds it takes it.
/// Thread-safe: the loops that hold it in turn and the thread that made it share it.
class StdioLink
{
public:
    struct Fds
    {
        int in = 0; ///< -1: no input
        int out = 1; ///< -1: no output
        /// At stdin's end, shutdown(SHUT_WR) the connection (nc -N); else only stop reading.
        bool shutdownAtInputEnd = true;
    };

    /// Pipes and sockets among fds are made non-blocking for the link's life (the loop must
    /// never wait on them); the destructor gives them back their flags.
    explicit StdioLink(Fds fds);
    ~StdioLink();
    StdioLink(const StdioLink &) = delete;
    StdioLink &operator=(const StdioLink &) = delete;

    const Fds &fds() const { return m_fds; }

    /// Taken by a connection when it opens; false while another connection holds it.
    bool tryTake();
    void release();

    /// stdin reached its end (or failed): its bytes are all handed to the connection.
    void markInputDone(int64_t atNs);
    bool inputDone() const { return m_inputDone.load(std::memory_order_acquire); }
    int64_t inputDoneAtNs() const { return m_inputDoneAtNs.load(std::memory_order_acquire); }
    /// Writing stdout failed (EPIPE: its reader went away): that errno, else 0.
    void markOutputFailed(int err);
    int outputError() const { return m_outputError.load(std::memory_order_acquire); }
    /// Reading stdin failed with this errno (0: it ended normally or has not).
    void markInputFailed(int err) { m_inputError.store(err, std::memory_order_release); }
    int inputError() const { return m_inputError.load(std::memory_order_acquire); }

private:
    Fds m_fds;
    int m_inFlags = -1; ///< the flags to give back, -1: untouched
    int m_outFlags = -1;
    std::atomic<bool> m_taken {false};
    std::atomic<bool> m_inputDone {false};
    std::atomic<int64_t> m_inputDoneAtNs {0};
    std::atomic<int> m_outputError {0};
    std::atomic<int> m_inputError {0};
};

} // namespace sb
