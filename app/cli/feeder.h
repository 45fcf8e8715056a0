#pragma once

#include "core/net/endpoint.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace sb::cli {

/// What connect sends from a --send list (stdin is the endpoint's own: StdioLink), fed from its
/// own thread into Endpoint::send, repeated with --repeat and spaced by --interval. It stays at
/// most a bound ahead of what the socket has taken, so a list repeated a million times never
/// sits in memory at once. Thread-safe: the feeder thread submits, the main thread reports
/// written bytes and may cancel.
class Feeder
{
public:
    struct Plan
    {
        std::vector<Bytes> items; ///< the --send list, in order
        int64_t repeat = 1;
        int64_t intervalMs = 0;
        bool shutdownWhenDone = true; ///< shutdown(SHUT_WR) once everything is written
    };

    Feeder(Endpoint &endpoint, ConnId conn, Plan plan);
    /// Cancels and joins the thread.
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
    static void finish(State &state, bool shutdownWhenDone);

    std::shared_ptr<State> m_state;
    Plan m_plan;
    std::thread m_thread;
};

} // namespace sb::cli
