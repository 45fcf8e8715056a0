#pragma once

#include "core/endpoint.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace sb::cli {

/// What connect sends, fed from its own thread into Endpoint::send: stdin read in chunks, or
/// the --send list repeated. It stays at most a bound ahead of what the socket has taken, so
/// a 64 MiB stdin never sits in memory at once. Thread-safe: the feeder thread submits, the
/// main thread reports written bytes and may cancel; the state outlives a detached thread
/// still blocked in read(0).
class Feeder
{
public:
    struct Plan
    {
        bool fromStdin = true;
        std::vector<Bytes> items; ///< the --send list, in order
        int64_t repeat = 1;
        int64_t intervalMs = 0;
        size_t chunk = 65536; ///< stdin read size: one datagram per read on datagram sockets
        bool shutdownWhenDone = true; ///< shutdown(SHUT_WR) once everything is written
        /// Stream sockets: a regular file on stdin goes out by sendfile(2), not read().
        bool stdinFileZeroCopy = false;
    };

    Feeder(Endpoint &endpoint, ConnId conn, Plan plan);
    /// Cancels and detaches the thread if it is still blocked reading stdin.
    ~Feeder();

    void start();
    /// Main thread: the socket took this many more bytes (a Data Out event).
    void written(uint64_t bytes);
    /// True once everything was written (and shut down, if asked).
    bool done() const;
    /// Monotonic ns when done() turned true.
    int64_t doneAtNs() const;
    /// Stops submitting; the endpoint is no longer touched after this returns.
    void cancel();

    static constexpr uint64_t kMaxInFlight = 4u << 20;

private:
    struct State
    {
        std::mutex mutex;
        std::condition_variable cv;
        Endpoint *endpoint = nullptr; ///< null once cancelled
        ConnId conn = 0;
        uint64_t submitted = 0;
        uint64_t written = 0;
        bool done = false;
        int64_t doneAtNs = 0;
    };
    static void run(std::shared_ptr<State> state, Plan plan);
    static bool submit(State &state, Bytes bytes);
    static bool submitStdinFile(State &state);
    static void finish(State &state, bool shutdownWhenDone);

    std::shared_ptr<State> m_state;
    Plan m_plan;
    std::thread m_thread;
};

} // namespace sb::cli
