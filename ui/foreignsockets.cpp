#include "ui/foreignsockets.h"

#include "core/tools/netstat.h"

#include <unordered_map>

namespace sb {

void fillForeignSocketStates(std::vector<SocketRow> &rows)
{
    NetstatOptions options;
    options.all = true;
    options.numeric = true;
    options.unixSockets = false;
    const NetstatSnapshot snap = readNetstat(options);
    std::unordered_map<uint64_t, const InetSocketRow *> byInode;
    for (const InetSocketRow &r : snap.inet)
        byInode.emplace(r.inode, &r);
    for (SocketRow &row : rows) {
        if (row.inode == 0)
            continue;
        const auto it = byInode.find(row.inode);
        const bool datagram
                = row.transport == Transport::Udp || row.transport == Transport::UnixDgram;
        if (it != byInode.end()) {
            row.state = row.transport == Transport::Tcp ? tcpStateName(it->second->state)
                    : row.peer.valid()                  ? "ESTABLISHED"
                                                        : "UNCONN";
            row.recvQ = it->second->recvQ;
            row.sendQ = it->second->sendQ;
        } else if (datagram) {
            row.state = row.peer.valid() ? "ESTABLISHED" : "UNCONN";
        } else if (row.transport != Transport::Tcp) {
            row.state = row.listening ? "LISTENING" : "CONNECTED"; // UNIX: no TCP states
        }
    }
}

} // namespace sb
