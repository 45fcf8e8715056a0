#pragma once
// Capturing packets on lo needs CAP_NET_RAW. CI runs as root; elsewhere a test's main() moves
// the whole test, and every program it starts, into SockBench's lab (a user and network
// namespace of its own) before any thread starts.

#include "core/capture/labnamespace.h"

#include <cstdio>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sbtest {

/// Whether this process may open a packet socket (root, or CAP_NET_RAW).
inline bool canCapture()
{
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

/// Enters the lab when this process cannot capture as it is; says why when that fails too.
/// Call first thing in main(): unshare refuses a user namespace to a threaded process.
inline void enterLabToCapture(const char *test)
{
    if (canCapture())
        return;
    const sb::LabEntry lab = sb::enterLab();
    if (lab.err)
        std::fprintf(stderr, "%s: no capture here: %s\n", test, lab.reason.c_str());
}

} // namespace sbtest
