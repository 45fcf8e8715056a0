#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace sb {

/// The backlog of every listening TCP socket, by inode, from the kernel's sock_diag netlink
/// interface (what ss reads). /proc/net/tcp prints 0 in tx_queue for a listener, so this is
/// the only place the backlog given to listen() shows. Blocking, but answers at once.
/// Returns false, with the reason in *error, when netlink is refused (an old kernel, a
/// sandbox): the caller keeps /proc's 0.
bool listenBacklogs(std::map<uint64_t, uint32_t> *backlogs, std::string *error);

} // namespace sb
