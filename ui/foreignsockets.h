#pragma once

#include "core/net/registry.h"

#include <vector>

namespace sb {

/// The state and queues of the registry's rows that are other processes' sockets (a traced
/// program's, SocketRow::inode), from /proc/net as netstat reads it (core/tools). Installed as
/// the bridge's Registry::setForeignStateReader; runs on the RegistryMonitor's thread.
void fillForeignSocketStates(std::vector<SocketRow> &rows);

} // namespace sb
