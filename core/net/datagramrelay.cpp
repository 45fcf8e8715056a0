#include "core/net/datagramrelay.h"

#include <cerrno>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr int kDatagramsPerWakeup = 64;
constexpr int kSweepMs = 5000;

int dirIndex(RelayDir dir) { return dir == RelayDir::Up ? 0 : 1; }

} // namespace

DatagramRelay::DatagramRelay(EndpointConfig config, EventSink &sink, Registry &registry)
    : EndpointBase(std::move(config), sink, registry)
    , m_plans {m_config.relayFaults[0], m_config.relayFaults[1]}
{ }

DatagramRelay::~DatagramRelay() { joinWorker(); }

void DatagramRelay::postAt(ConnId conn, EventBody body) { post(Event(conn, std::move(body))); }

void DatagramRelay::setFaults(RelayDir dir, FaultPlan plan)
{
    m_loop.runInLoop([this, dir, plan] {
        m_plans[dirIndex(dir)] = plan;
        for (auto &[id, flow] : m_flows) {
            flow.faults[dirIndex(dir)].setPlan(plan);
            armTimer(flow, dir); // a shorter delay may let something go now
        }
        post(Event(0, faultsApplied(dir, plan)));
    });
}

void DatagramRelay::startInLoop()
{
    if (m_fd >= 0)
        return;
    if (!m_config.relayTarget) {
        postError(0, "relay", EDESTADDRREQ, "the relay has no target");
        return;
    }
    if (m_config.relayTarget->transport != Transport::Udp) {
        postError(0, "relay", EPROTOTYPE,
                  "a UDP relay forwards to a udp:// target; " + m_config.relayTarget->toString()
                          + " is not one");
        return;
    }
    const auto target = resolve(*m_config.relayTarget, false, 0);
    if (target.empty())
        return;
    m_targetAddress = target.front();
    const auto addresses = resolve(m_config.spec, true, 0);
    if (addresses.empty())
        return;
    m_fd = openSocket(addresses.front().family(), 0);
    if (m_fd < 0)
        return;
    if (!bindSocket(m_fd, addresses.front(), 0)) {
        closeFd(m_fd, 0);
        return;
    }
    sys::getsockname(sysContext(0), m_fd, &m_local);
    m_registry.add({m_id, 0, m_config.label, m_fd, m_config.spec.transport, true, m_local,
                    Address(), monotonicNs(), nullptr});
    m_loop.watch(m_fd, EPOLLIN, [this](uint32_t) { readClients(); });
    postAt(0, ev::Listening {.local = m_local, .fd = m_fd});
}

DatagramRelay::Flow *DatagramRelay::flowFor(const Address &client)
{
    const std::string key = client.toString();
    if (auto it = m_byClient.find(key); it != m_byClient.end())
        return &m_flows.at(it->second);
    const ConnId id = m_nextConn;
    m_nextConn += 2; // the client leg, then the target leg
    const int fd = openSocket(m_targetAddress->family(), id + 1);
    if (fd < 0)
        return nullptr;
    // Connected: the kernel hands this socket the target's answers only, and says
    // ECONNREFUSED on it when the target's port is closed.
    if (sys::connect(sysContext(id + 1), fd, *m_targetAddress) < 0) {
        postError(id + 1, "connect", errno, m_targetAddress->toString());
        int doomed = fd;
        closeFd(doomed, id + 1);
        return nullptr;
    }
    Flow &flow = m_flows[id];
    flow.id = id;
    flow.client = client;
    flow.fd = fd;
    flow.lastNs = monotonicNs();
    sys::getsockname(sysContext(id + 1), fd, &flow.local);
    for (int d = 0; d < 2; ++d)
        flow.faults[d].setPlan(m_plans[d]);
    m_byClient[key] = id;
    m_registry.add({m_id, id + 1, m_config.label, fd, m_config.spec.transport, false, flow.local,
                    *m_targetAddress, monotonicNs(), flow.counters[1]});
    m_loop.watch(fd, EPOLLIN, [this, id](uint32_t) { readTarget(id); });
    postAt(id, ev::Opened {.local = m_local, .peer = client, .fd = m_fd});
    postAt(id + 1, ev::Opened {.local = flow.local, .peer = *m_targetAddress, .fd = fd});
    if (!m_sweepTimer)
        m_sweepTimer = m_loop.runAfter(kSweepMs, [this] { sweepIdle(); });
    return &flow;
}

void DatagramRelay::readClients()
{
    for (int i = 0; i < kDatagramsPerWakeup && m_fd >= 0; ++i) {
        Bytes data;
        Address from;
        size_t realLen = 0;
        uint32_t drops = 0;
        const ssize_t n = sys::recvfrom(sysContext(0), m_fd, m_readBuffer.data(),
                                        m_readBuffer.size(), 0, &data, &from, &realLen, &drops);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
                return;
            postError(0, "recvfrom", err);
            continue;
        }
        Flow *flow = flowFor(from);
        if (!flow)
            continue;
        arrived(*flow, RelayDir::Up, data ? data : makeBytes(std::string()), realLen, from);
    }
}

void DatagramRelay::readTarget(ConnId id)
{
    for (int i = 0; i < kDatagramsPerWakeup; ++i) {
        auto it = m_flows.find(id);
        if (it == m_flows.end())
            return;
        Flow &flow = it->second;
        Bytes data;
        Address from;
        size_t realLen = 0;
        uint32_t drops = 0;
        const ssize_t n = sys::recvfrom(sysContext(id + 1), flow.fd, m_readBuffer.data(),
                                        m_readBuffer.size(), 0, &data, &from, &realLen, &drops);
        if (n < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
                return;
            // ECONNREFUSED: an ICMP port unreachable came back for a datagram sent before.
            // UDP goes on: the next datagram may find the target up.
            postError(id + 1, "recvfrom", err, m_targetAddress->toString());
            continue;
        }
        arrived(flow, RelayDir::Down, data ? data : makeBytes(std::string()), realLen, from);
    }
}

void DatagramRelay::arrived(Flow &flow, RelayDir dir, Bytes data, uint64_t length,
                            const Address &from)
{
    const int d = dirIndex(dir);
    const ConnId source = dir == RelayDir::Up ? flow.id : flow.id + 1;
    flow.lastNs = monotonicNs();
    flow.counters[d]->bytesIn.fetch_add(length, std::memory_order_relaxed);
    flow.counters[d]->msgsIn.fetch_add(1, std::memory_order_relaxed);
    postAt(source,
           ev::Data {.dir = Direction::In,
                     .length = length,
                     .bytes = m_config.dataBytes ? data : Bytes(),
                     .peer = from,
                     .truncated = length > (data ? data->size() : 0)});
    for (const std::string &what : flow.faults[d].admit(std::move(data), flow.lastNs))
        postAt(source, ev::Fault {.what = what, .length = length, .peer = from});
    flush(flow.id, dir);
}

void DatagramRelay::flush(ConnId id, RelayDir dir)
{
    auto it = m_flows.find(id);
    if (it == m_flows.end())
        return;
    Flow &flow = it->second;
    const int d = dirIndex(dir);
    const ConnId dest = dir == RelayDir::Up ? id + 1 : id;
    const int64_t now = monotonicNs();
    while (auto out = flow.faults[d].takeDue(now)) {
        const Bytes &data = *out;
        const size_t len = data ? data->size() : 0;
        const ssize_t n = dir == RelayDir::Up
                ? sys::send(sysContext(dest), flow.fd, data, 0, len, 0)
                : sys::sendto(sysContext(dest), m_fd, data, 0, len, 0, flow.client);
        if (n < 0) {
            // A full send buffer loses the datagram, as a router's full queue would.
            postError(dest, dir == RelayDir::Up ? "send" : "sendto", errno,
                      dir == RelayDir::Up ? m_targetAddress->toString() : flow.client.toString());
            continue;
        }
        flow.counters[1 - d]->bytesOut.fetch_add(uint64_t(n), std::memory_order_relaxed);
        flow.counters[1 - d]->msgsOut.fetch_add(1, std::memory_order_relaxed);
        postAt(dest,
               ev::Data {.dir = Direction::Out,
                         .length = uint64_t(n),
                         .bytes = m_config.dataBytes ? data : Bytes(),
                         .peer = dir == RelayDir::Up ? *m_targetAddress : flow.client});
    }
    armTimer(flow, dir);
}

void DatagramRelay::armTimer(Flow &flow, RelayDir dir)
{
    const int d = dirIndex(dir);
    const int64_t due = flow.faults[d].nextDueNs();
    if (due == flow.timerDueNs[d] && (due == 0 || flow.timers[d]))
        return;
    if (flow.timers[d])
        m_loop.cancelTimer(flow.timers[d]);
    flow.timers[d] = 0;
    flow.timerDueNs[d] = due;
    if (due == 0)
        return;
    const int64_t ms = std::max<int64_t>(0, (due - monotonicNs() + 999999) / 1000000);
    const ConnId id = flow.id;
    flow.timers[d] = m_loop.runAfter(ms, [this, id, dir, d] {
        auto it = m_flows.find(id);
        if (it == m_flows.end())
            return;
        it->second.timers[d] = 0;
        it->second.timerDueNs[d] = 0;
        flush(id, dir);
    });
}

void DatagramRelay::closeFlow(ConnId id, const std::string &reason)
{
    auto it = m_flows.find(id);
    if (it == m_flows.end())
        return;
    Flow &flow = it->second;
    for (int d = 0; d < 2; ++d) {
        if (flow.timers[d])
            m_loop.cancelTimer(flow.timers[d]);
        flow.faults[d].clear();
    }
    closeFd(flow.fd, id + 1);
    postAt(id + 1, ev::Closed {.reason = reason, .local = flow.local, .peer = *m_targetAddress});
    postAt(id, ev::Closed {.reason = reason, .local = m_local, .peer = flow.client});
    m_byClient.erase(flow.client.toString());
    m_flows.erase(it);
}

void DatagramRelay::sweepIdle()
{
    m_sweepTimer = 0;
    const int64_t now = monotonicNs();
    std::vector<ConnId> idle;
    for (const auto &[id, flow] : m_flows) {
        if (now - flow.lastNs >= int64_t(kIdleMs) * 1000000
            && flow.faults[0].waiting() + flow.faults[1].waiting() == 0)
            idle.push_back(id);
    }
    for (ConnId id : idle)
        closeFlow(id, "idle for " + std::to_string(kIdleMs / 1000) + " s");
    if (!m_flows.empty())
        m_sweepTimer = m_loop.runAfter(kSweepMs, [this] { sweepIdle(); });
}

void DatagramRelay::stopInLoop()
{
    while (!m_flows.empty())
        closeFlow(m_flows.begin()->first, "relay stopped");
    if (m_sweepTimer)
        m_loop.cancelTimer(m_sweepTimer);
    m_sweepTimer = 0;
    if (m_fd >= 0) {
        closeFd(m_fd, 0);
        postAt(0, ev::Closed {.reason = "closed locally", .local = m_local});
    }
}

int DatagramRelay::fdOf(ConnId conn) const
{
    if (conn == 0)
        return m_fd;
    const ConnId id = conn % 2 ? conn : conn - 1;
    auto it = m_flows.find(id);
    if (it == m_flows.end())
        return -1;
    return conn == id ? m_fd : it->second.fd;
}

void DatagramRelay::send(ConnId conn, Bytes, int, std::optional<Address>)
{
    m_loop.runInLoop([this, conn] {
        postError(conn, "send", EOPNOTSUPP, "a relay only forwards what its peers send");
    });
}

void DatagramRelay::sendFile(ConnId conn, int fd, uint64_t)
{
    ::close(fd); // owned from this call on, as Endpoint says
    send(conn, Bytes(), 0, std::nullopt);
}

void DatagramRelay::shutdown(ConnId conn, int)
{
    m_loop.runInLoop([this, conn] {
        postError(conn, "shutdown", EOPNOTSUPP, "UDP has no connection to shut down");
    });
}

void DatagramRelay::close(ConnId conn)
{
    m_loop.runInLoop([this, conn] {
        if (conn == 0)
            return stopInLoop();
        const ConnId id = conn % 2 ? conn : conn - 1;
        if (!m_flows.count(id))
            return postError(conn, "close", ENOTCONN, "no such flow");
        closeFlow(id, "closed locally");
    });
}

} // namespace sb
