#include "app/cli/feeder.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb::cli {

Feeder::Feeder(Endpoint &endpoint, ConnId conn, Plan plan)
    : m_state(std::make_shared<State>())
    , m_plan(std::move(plan))
{
    m_state->endpoint = &endpoint;
    m_state->conn = conn;
}

Feeder::~Feeder()
{
    cancel();
    if (!m_thread.joinable())
        return;
    if (m_plan.fromStdin)
        m_thread.detach(); // it may sit in read(0) forever; it holds its own State
    else
        m_thread.join();
}

void Feeder::start() { m_thread = std::thread(run, m_state, m_plan); }

void Feeder::written(uint64_t bytes)
{
    std::lock_guard lock(m_state->mutex);
    m_state->written += bytes;
    m_state->cv.notify_all();
}

bool Feeder::done() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->done;
}

int64_t Feeder::doneAtNs() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->doneAtNs;
}

void Feeder::cancel()
{
    std::lock_guard lock(m_state->mutex);
    m_state->endpoint = nullptr;
    m_state->cv.notify_all();
}

bool Feeder::submit(State &state, Bytes bytes)
{
    std::unique_lock lock(state.mutex);
    state.cv.wait(lock, [&] {
        return !state.endpoint || state.submitted - state.written < kMaxInFlight;
    });
    if (!state.endpoint)
        return false;
    state.submitted += bytes ? bytes->size() : 0;
    state.endpoint->send(state.conn, std::move(bytes));
    return true;
}

bool Feeder::submitStdinFile(State &state)
{
    struct stat st
    {
    };
    const off_t at = ::lseek(STDIN_FILENO, 0, SEEK_CUR);
    if (::fstat(STDIN_FILENO, &st) < 0 || !S_ISREG(st.st_mode) || at < 0 || st.st_size <= at)
        return false;
    const int fd = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0); // the endpoint will own it
    if (fd < 0)
        return false;
    std::lock_guard lock(state.mutex);
    if (!state.endpoint) {
        ::close(fd);
        return true; // cancelled: nothing more to do
    }
    const auto length = static_cast<uint64_t>(st.st_size - at);
    state.submitted += length;
    state.endpoint->sendFile(state.conn, fd, length);
    return true;
}

void Feeder::finish(State &state, bool shutdownWhenDone)
{
    std::unique_lock lock(state.mutex);
    // Shut down only after the last byte left our buffer: shutdown must not overtake data.
    state.cv.wait(lock, [&] { return !state.endpoint || state.written >= state.submitted; });
    if (!state.endpoint)
        return;
    if (shutdownWhenDone)
        state.endpoint->shutdown(state.conn, SHUT_WR);
    state.done = true;
    state.doneAtNs = monotonicNs();
}

void Feeder::run(std::shared_ptr<State> state, Plan plan)
{
    if (plan.fromStdin && plan.stdinFileZeroCopy && submitStdinFile(*state)) {
        // The whole file is queued at once: the kernel copies it, no buffer of ours holds it.
    } else if (plan.fromStdin) {
        std::string buffer(plan.chunk, '\0');
        for (;;) {
            const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                std::fprintf(stderr, "sockbench-cli: stdin: %s\n", std::strerror(errno));
                break;
            }
            if (n == 0)
                break;
            if (!submit(*state, makeBytes(std::string_view(buffer.data(), size_t(n)))))
                return;
        }
    } else {
        for (int64_t round = 0; round < plan.repeat; ++round) {
            if (round > 0 && plan.intervalMs > 0) {
                std::unique_lock lock(state->mutex);
                state->cv.wait_for(lock, std::chrono::milliseconds(plan.intervalMs),
                                   [&] { return !state->endpoint; });
            }
            for (const Bytes &item : plan.items)
                if (!submit(*state, item))
                    return;
        }
    }
    finish(*state, plan.shutdownWhenDone);
}

} // namespace sb::cli
