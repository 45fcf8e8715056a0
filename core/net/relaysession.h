#pragma once

#include "core/net/event.h"
#include "core/net/eventloop.h"
#include "core/text/faultplan.h"
#include "core/net/registry.h"
#include "core/net/relayflow.h"
#include "core/net/sys.h"
#include "core/text/address.h"
#include "core/text/endpointspec.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sb {

/// One client of a relay: the accepted socket (the client leg), the socket it opened to the
/// target (the target leg), and a RelayFlow each way between them. Each leg is a connection of
/// the relay's endpoint with its own id, Opened/Data/Closed events and registry row, so both
/// show in the views. Loop thread only; owned through shared_ptr so that a handler running on
/// the loop keeps it alive while it closes itself.
class RelaySession : public std::enable_shared_from_this<RelaySession>
{
public:
    /// What a session shares with the relay that accepted it.
    struct Context
    {
        EventLoop *loop = nullptr;
        EventSink *sink = nullptr;
        Tracer *tracer = nullptr;
        Registry *registry = nullptr;
        EndpointId endpoint = 0;
        std::string owner;
        bool dataBytes = false; ///< Data events carry the bytes (someone shows them)
        int connectTimeoutMs = 10000;
        std::vector<char> *readBuffer = nullptr; ///< one per loop
    };

    /// clientConn names the client leg, clientConn + 1 the target leg.
    RelaySession(Context context, ConnId clientConn, int clientFd, Transport clientTransport,
                 Address clientLocal, Address clientPeer);
    ~RelaySession();

    /// Posts the client leg's Opened and connects to the first of targets that answers.
    void start(std::vector<Address> targets, Transport targetTransport, const FaultPlan &up,
               const FaultPlan &down);
    void setPlan(RelayDir dir, const FaultPlan &plan);
    /// SO_LINGER {1, 0} and close on both legs: both peers see a RST.
    void reset(const std::string &reason);
    /// Orderly close of both legs now (the relay is stopping).
    void terminate();
    /// Called once, on the loop, after both legs are closed.
    void setClosedCallback(std::function<void(ConnId)> callback)
    {
        m_onClosed = std::move(callback);
    }
    ConnId id() const { return m_legs[0].id; }
    bool owns(ConnId conn) const { return conn == m_legs[0].id || conn == m_legs[1].id; }
    int fdOf(ConnId conn) const;

private:
    struct Leg
    {
        int fd = -1;
        ConnId id = 0;
        Transport transport = Transport::Tcp;
        Address local;
        Address peer;
        std::shared_ptr<SocketCounters> counters = std::make_shared<SocketCounters>();
        bool eof = false; ///< recv said 0: the peer sends no more
        bool shutWr = false; ///< we shut it down for writing
        bool blocked = false; ///< the last send said EAGAIN: wait for EPOLLOUT
        bool watched = false;
        uint32_t events = 0; ///< as the loop watches it now
    };
    struct Way
    {
        RelayFlow flow;
        EventLoop::TimerId timer = 0;
        int64_t timerDueNs = 0;
        uint64_t dropped = 0; ///< read after a close fault and not forwarded
        /// The splice path (no fault, nobody looking at the bytes): source → pipe → destination
        /// without entering user space. inPipe bytes were taken from the source and not yet
        /// by the destination.
        int pipe[2] = {-1, -1};
        size_t inPipe = 0;
        bool pipeFull = false; ///< splice in said EAGAIN with bytes in the pipe
        bool spliceOff = false; ///< no pipe, or this socket cannot splice: copy
        /// Spliced since the last Data events: one event per wake-up, not one per call (as
        /// the connection's stdio path does), so the queue stays quiet at full speed.
        uint64_t splicedIn = 0;
        uint64_t splicedOut = 0;
    };
    Leg &source(RelayDir dir) { return m_legs[dir == RelayDir::Up ? 0 : 1]; }
    Leg &destination(RelayDir dir) { return m_legs[dir == RelayDir::Up ? 1 : 0]; }
    Way &way(RelayDir dir) { return m_ways[dir == RelayDir::Up ? 0 : 1]; }
    SysContext ctx(const Leg &leg) const { return SysContext {m_ctx.tracer, leg.id}; }

    void connectNext();
    void connectFinished(int err);
    void openLeg(Leg &leg);
    void handleEvents(int legIndex, uint32_t events);
    void pumpRead(RelayDir dir);
    void pumpWrite(RelayDir dir);
    /// The direction moves its bytes by splice now: no fault, no one shown the bytes, nothing
    /// left in the flow from a plan before; opens the pipe the first time.
    bool splicing(RelayDir dir);
    void spliceRead(RelayDir dir);
    /// Sends what the pipe holds (before anything the flow holds: it was read first).
    void drainPipe(RelayDir dir);
    bool sourceWanted(const Way &w) const;
    /// Posts what was spliced since the last call: a Data event In on the source leg, then
    /// one Out on the destination leg.
    void postSpliced(RelayDir dir);
    void closePipes();
    /// The plan's resetAfter was reached in dir: reset both legs, saying so.
    void resetAfterFault(RelayDir dir);
    /// Shuts the destination down once the source's EOF (or a close fault) has gone through.
    void finishWay(RelayDir dir);
    void armTimer(RelayDir dir);
    void updateInterest(Leg &leg);
    void failed(Leg &leg, const char *op, int err);
    void closeLeg(Leg &leg, int err, const std::string &reason, bool abortive);
    void closeBoth(int err, const std::string &reason, bool abortive);
    void maybeDone();
    void post(ConnId conn, EventBody body);

    Context m_ctx;
    Leg m_legs[2]; ///< [0] the client leg, [1] the target leg
    Way m_ways[2]; ///< [0] Up (client to target), [1] Down
    std::vector<Address> m_targets;
    size_t m_nextTarget = 0;
    bool m_connected = false;
    EventLoop::TimerId m_connectTimer = 0;
    bool m_closed = false;
    std::function<void(ConnId)> m_onClosed;
};

} // namespace sb
