#pragma once

#include "core/text/address.h"
#include "core/text/endpointspec.h"
#include "core/text/trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
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
    uint64_t inode = 0; ///< a traced program's socket (Registry::Entry::inode); 0 for ours
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
        /// A socket of another process (a traced program): fd is that process's, the state
        /// is looked up by inode in /proc/net and never through fd. 0 for the workbench's own.
        uint64_t inode = 0;
    };
    void add(Entry entry);
    void update(EndpointId endpoint, ConnId conn, const Address &local, const Address &peer);
    void remove(EndpointId endpoint, ConnId conn);
    /// Reads TCP state (TCP_INFO) and queues (SIOCINQ/SIOCOUTQ) of every socket: makes
    /// syscalls, so the GUI calls it only through RegistryMonitor's thread.
    std::vector<SocketRow> snapshot() const;
    /// How snapshot() learns the state and queues of other processes' sockets (entries with
    /// an inode): by inode from /proc/net, which core/tools reads; the front end that owns
    /// the registry sets it. Called on the snapshotting thread. Without it their state is empty.
    void setForeignStateReader(std::function<void(std::vector<SocketRow> &rows)> reader)
    {
        std::lock_guard lock(m_mutex);
        m_foreignStates = std::move(reader);
    }
    size_t size() const;

private:
    void snapshotOwn(std::vector<SocketRow> &rows, bool *foreign) const;

    mutable std::mutex m_mutex;
    std::map<std::pair<EndpointId, ConnId>, Entry> m_entries;
    std::function<void(std::vector<SocketRow> &)> m_foreignStates;
};

} // namespace sb
