#include "app/cli/feeder.h"

#include <chrono>

#include <sys/socket.h>

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
    if (m_thread.joinable())
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
    finish(*state, plan.shutdownWhenDone);
}

} // namespace sb::cli
