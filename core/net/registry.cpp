#include "core/net/registry.h"

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace sb {
namespace {

const char *tcpStateName(uint8_t state)
{
    // The kernel's TCP_* state numbers (include/net/tcp_states.h), named as netstat names them.
    switch (state) {
    case 1:
        return "ESTABLISHED";
    case 2:
        return "SYN_SENT";
    case 3:
        return "SYN_RECV";
    case 4:
        return "FIN_WAIT1";
    case 5:
        return "FIN_WAIT2";
    case 6:
        return "TIME_WAIT";
    case 7:
        return "CLOSE";
    case 8:
        return "CLOSE_WAIT";
    case 9:
        return "LAST_ACK";
    case 10:
        return "LISTEN";
    case 11:
        return "CLOSING";
    default:
        return "UNKNOWN";
    }
}

// The registry's own queries are not traced: they are the workbench looking, not the socket
// doing, and they would flood the trace every refresh.
void fillState(SocketRow &row)
{
    int value = 0;
    if (row.transport == Transport::Tcp) {
        tcp_info info {};
        socklen_t len = sizeof info;
        if (::getsockopt(row.fd, IPPROTO_TCP, TCP_INFO, &info, &len) == 0)
            row.state = tcpStateName(info.tcpi_state);
        if (row.listening) {
            // For a listener, Recv-Q is the accept queue and Send-Q the backlog, as ss shows.
            row.recvQ = info.tcpi_unacked;
            row.sendQ = info.tcpi_sacked;
            return;
        }
    } else if (row.transport == Transport::Udp || row.transport == Transport::UnixDgram) {
        row.state = row.peer.valid() ? "ESTABLISHED" : "UNCONN";
    } else {
        row.state = row.listening ? "LISTENING" : "CONNECTED";
    }
    if (row.listening)
        return;
    if (::ioctl(row.fd, SIOCINQ, &value) == 0)
        row.recvQ = static_cast<uint32_t>(value);
    if (::ioctl(row.fd, SIOCOUTQ, &value) == 0)
        row.sendQ = static_cast<uint32_t>(value);
}

} // namespace

void Registry::add(Entry entry)
{
    std::lock_guard lock(m_mutex);
    const auto key = std::make_pair(entry.endpoint, entry.conn);
    m_entries.insert_or_assign(key, std::move(entry));
}

void Registry::update(EndpointId endpoint, ConnId conn, const Address &local, const Address &peer)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find({endpoint, conn});
    if (it == m_entries.end())
        return;
    it->second.local = local;
    it->second.peer = peer;
}

void Registry::remove(EndpointId endpoint, ConnId conn)
{
    std::lock_guard lock(m_mutex);
    m_entries.erase({endpoint, conn});
}

std::vector<SocketRow> Registry::snapshot() const
{
    std::vector<SocketRow> rows;
    bool foreign = false;
    {
        std::lock_guard lock(m_mutex);
        snapshotOwn(rows, &foreign);
    }
    if (foreign) {
        std::function<void(std::vector<SocketRow> &)> reader;
        {
            std::lock_guard lock(m_mutex);
            reader = m_foreignStates;
        }
        if (reader)
            reader(rows);
    }
    return rows;
}

void Registry::snapshotOwn(std::vector<SocketRow> &rows, bool *foreign) const
{
    // Called with the mutex held while querying: no fd here can be closed meanwhile.
    rows.reserve(m_entries.size());
    for (const auto &[key, e] : m_entries) {
        SocketRow row;
        row.endpoint = e.endpoint;
        row.conn = e.conn;
        row.owner = e.owner;
        row.fd = e.fd;
        row.transport = e.transport;
        row.listening = e.listening;
        row.local = e.local;
        row.peer = e.peer;
        row.openedNs = e.openedNs;
        if (e.counters) {
            row.bytesIn = e.counters->bytesIn.load(std::memory_order_relaxed);
            row.bytesOut = e.counters->bytesOut.load(std::memory_order_relaxed);
            row.msgsIn = e.counters->msgsIn.load(std::memory_order_relaxed);
            row.msgsOut = e.counters->msgsOut.load(std::memory_order_relaxed);
            row.kernelDrops = e.counters->kernelDrops.load(std::memory_order_relaxed);
            row.queued = e.counters->queued.load(std::memory_order_relaxed);
        }
        row.inode = e.inode;
        if (e.inode != 0)
            *foreign = true;
        else
            fillState(row);
        rows.push_back(std::move(row));
    }
}

size_t Registry::size() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace sb
