#include "core/capture/labnamespace.h"

#include "core/text/errnoinfo.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sched.h>
#include <string>

#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sb {
namespace {

/// The first word of a /proc/sys file; empty when it does not exist (a kernel without it).
std::string sysctl(const char *path)
{
    std::ifstream in(path);
    std::string value;
    in >> value;
    return value;
}

int writeFile(const char *path, const std::string &text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    const ssize_t n = ::write(fd, text.data(), text.size());
    const int err = n == ssize_t(text.size()) ? 0 : (n < 0 ? errno : EIO);
    ::close(fd);
    return err;
}

int bringLoopbackUp()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return errno;
    ifreq ifr {};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    int err = 0;
    if (::ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
        err = errno;
    } else {
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
        if (::ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
            err = errno;
    }
    ::close(fd);
    return err;
}

} // namespace

LabEntry enterLab()
{
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
        const int err = errno;
        return {err, labRefusal(err)};
    }
    // An unprivileged process may write one line to gid_map only after giving up setgroups.
    int err = writeFile("/proc/self/setgroups", "deny");
    if (err == ENOENT)
        err = 0; // kernels before 3.19 have no such file
    if (!err)
        err = writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1\n");
    if (!err)
        err = writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1\n");
    if (!err)
        err = bringLoopbackUp();
    if (err)
        return {err, labRefusal(err)};
    return {};
}

int probeLab()
{
    const pid_t child = ::fork();
    if (child < 0)
        return errno;
    if (child == 0)
        _exit(::unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0 ? 0 : (errno & 0x7f));
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    if (!WIFEXITED(status))
        return ECHILD;
    return WEXITSTATUS(status);
}

bool labAvailable() { return probeLab() == 0; }

std::string labRefusal(int err)
{
    if (sysctl("/proc/sys/kernel/unprivileged_userns_clone") == "0" && ::geteuid() != 0)
        return "the kernel forbids user namespaces to unprivileged users "
               "(kernel.unprivileged_userns_clone=0): enable them with `sudo sysctl -w "
               "kernel.unprivileged_userns_clone=1`, or run as root";
    if (sysctl("/proc/sys/user/max_user_namespaces") == "0")
        return "user namespaces are disabled (user.max_user_namespaces=0): allow them with "
               "`sudo sysctl -w user.max_user_namespaces=15000`, or run as root";
    if (sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1" && ::geteuid() != 0)
        return "AppArmor takes the capabilities of unprivileged user namespaces away "
               "(kernel.apparmor_restrict_unprivileged_userns=1): set it to 0 with `sudo sysctl "
               "-w kernel.apparmor_restrict_unprivileged_userns=0`, or run as root";
    if (err == EINVAL)
        return "the lab must be entered before the program starts a thread (unshare: EINVAL)";
    if (err == ENOSPC || err == EUSERS)
        return "the limit of user namespaces is reached (user.max_user_namespaces): raise it "
               "with `sudo sysctl -w user.max_user_namespaces=15000`";
    return std::string("the kernel refused a user and network namespace (") + errnoName(err) + ": "
            + std::strerror(err)
            + "); a container's seccomp profile may forbid unshare(2): run as root, or allow "
              "it (docker run --security-opt seccomp=unconfined)";
}

} // namespace sb
