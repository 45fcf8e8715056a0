#pragma once

#include <string>

namespace sb {

/// SockBench's lab: the program in a user and network namespace of its own (unshare(2)),
/// where it holds CAP_NET_RAW over its own lo without being root, so it may capture packets.
/// Only the lab's lo exists there: no other interface, no other program's sockets.

/// What enterLab found: err 0 when the process is now in the lab; else the errno of the step
/// that failed and reason, one sentence on why and how to get it.
struct LabEntry
{
    int err = 0;
    std::string reason;
};

/// Moves this process into a new user and network namespace, maps the caller's uid and gid to
/// 0 inside, and brings lo up. Must be called before any thread starts (unshare refuses a
/// user namespace to a threaded process, EINVAL). Children started later inherit the lab.
LabEntry enterLab();

/// Whether a new user and network namespace can be made here, tried in a short-lived child
/// (safe in a threaded process): 0 when it can, else the errno.
int probeLab();
bool labAvailable();

/// Why the lab is refused, in one sentence with the setting to change, from the kernel's
/// settings (kernel.unprivileged_userns_clone, user.max_user_namespaces, AppArmor's
/// kernel.apparmor_restrict_unprivileged_userns) and the errno unshare or a later step gave.
std::string labRefusal(int err = 0);

} // namespace sb
