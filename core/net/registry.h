#pragma once

#include "core/text/address.h"
#include "core/text/endpointspec.h"
#include "core/text/trace.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace sb {

/// Exact counters of one socket, written by its loop thread, read by anyone. Thread-safe.
struct SocketCounters
{
    std::atomic<uint64_t> bytesIn {0};
    std::atomic<uint64_t> bytesOut {0};
    std::atomic<uint64_t> msgsIn {0};
    std::atomic<uint64_t> msgsOut {0};
    std::atomic<uint64_t> kernelDrops {0}; ///< SO_RXQ_OVFL, datagram sockets
    std::atomic<uint64_t> queued {0}; ///< bytes waiting in our output buffer
};

/// One live socket of the workbench as netstat -a would show it.
struct SocketRow
{
    EndpointId endpoint = 0;
    ConnId conn = 0;
    std::string owner; ///< the endpoint's label (panel name)
    int fd = -1;
    Transport transport = Transport::Tcp;
    bool listening = false;
    Address local;
    Address peer;
    std::string state; ///< LISTEN, ESTABLISHED, CLOSE_WAIT, ... ; UNCONN for datagrams
    uint32_t recvQ = 0;
    uint32_t sendQ = 0;
    uint64_t bytesIn = 0, bytesOut = 0, msgsIn = 0, msgsOut = 0, kernelDrops = 0, queued = 0;
    int64_t openedNs = 0;
    std::string proto() const
    {
        return protoName(transport, local.valid() ? local.family() : peer.family());
    }
};

/// Table of every live socket of the workbench. Thread-safe. A socket leaves the table before
/// its fd is closed, so snapshot() never queries a reused fd.
/// One per front end (the GUI's CoreBridge, a sockbench-cli run, a test), handed to every
/// endpoint it creates: nothing in the core reaches for a global one.
class Registry
{
public:

    struct Entry
    {
        EndpointId endpoint;
        ConnId conn;
        std::string owner;
        int fd;
        Transport transport;
        bool listening;
        Address local;
        Address peer;
        int64_t openedNs;
        std::shared_ptr<SocketCounters> counters;
    };
    void add(Entry entry);
    void update(EndpointId endpoint, ConnId conn, const Address &local, const Address &peer);
    void remove(EndpointId endpoint, ConnId conn);
    /// Reads TCP state (TCP_INFO) and queues (SIOCINQ/SIOCOUTQ) of every socket: makes
    /// syscalls, so the GUI calls it only through RegistryMonitor's thread.
    std::vector<SocketRow> snapshot() const;
    size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::pair<EndpointId, ConnId>, Entry> m_entries;
};

} // namespace sb
