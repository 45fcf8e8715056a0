#pragma once

// Plain blocking POSIX sockets for tests that need real sockets in a given state without
// depending on the endpoints of core. Every function returns -1 (errno set) on failure.

#include <cstdint>
#include <cstring>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

namespace sbtest {

inline socklen_t fillInet(sockaddr_storage *ss, int family, const char *host, uint16_t port)
{
    std::memset(ss, 0, sizeof *ss);
    if (family == AF_INET) {
        auto *a = reinterpret_cast<sockaddr_in *>(ss);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        inet_pton(AF_INET, host, &a->sin_addr);
        return sizeof *a;
    }
    auto *a = reinterpret_cast<sockaddr_in6 *>(ss);
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(port);
    inet_pton(AF_INET6, host, &a->sin6_addr);
    return sizeof *a;
}

inline uint16_t localPort(int fd)
{
    sockaddr_storage ss {};
    socklen_t len = sizeof ss;
    getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len);
    return ss.ss_family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port)
                                   : ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port);
}

/// A socket of type bound to host:0 (the kernel picks the port); TCP ones listen(backlog).
inline int bindInet(int family, int type, const char *host, int backlog = 0)
{
    const int fd = socket(family, type | SOCK_CLOEXEC, 0);
    sockaddr_storage ss;
    const socklen_t len = fillInet(&ss, family, host, 0);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0
        || (type == SOCK_STREAM && listen(fd, backlog) != 0)) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

inline int connectInet(int family, int type, const char *host, uint16_t port)
{
    const int fd = socket(family, type | SOCK_CLOEXEC, 0);
    sockaddr_storage ss;
    const socklen_t len = fillInet(&ss, family, host, port);
    // A blocking connect honours SO_SNDTIMEO: a test never waits out the kernel's SYN retries.
    const timeval tv {10, 0};
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

inline socklen_t fillUnix(sockaddr_un *un, const std::string &path)
{
    std::memset(un, 0, sizeof *un);
    un->sun_family = AF_UNIX;
    std::strncpy(un->sun_path, path.c_str(), sizeof un->sun_path - 1);
    return sizeof *un;
}

/// A UNIX socket bound to path; SOCK_STREAM ones listen(backlog).
inline int bindUnix(int type, const std::string &path, int backlog = 0)
{
    const int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    sockaddr_un un;
    const socklen_t len = fillUnix(&un, path);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&un), len) != 0
        || (type != SOCK_DGRAM && listen(fd, backlog) != 0)) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

inline int connectUnix(int type, const std::string &path)
{
    const int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    sockaddr_un un;
    const socklen_t len = fillUnix(&un, path);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&un), len) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

inline uint64_t inodeOf(int fd)
{
    struct stat st
    {
    };
    return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

/// Closes every fd it holds when the test ends, pass or fail.
struct FdGuard
{
    int fds[64];
    int n = 0;
    int add(int fd)
    {
        if (fd >= 0 && n < 64)
            fds[n++] = fd;
        return fd;
    }
    ~FdGuard()
    {
        for (int i = 0; i < n; ++i)
            if (fds[i] >= 0)
                close(fds[i]);
    }
    void closeNow(int fd)
    {
        for (int i = 0; i < n; ++i)
            if (fds[i] == fd) {
                close(fd);
                fds[i] = -1;
            }
    }
};

/// A TCP port on 127.0.0.1 bound by the test and not listening: a connect to it is refused,
/// and nobody else can take the port while the test holds it. port is 0 on failure.
struct RefusingPort
{
    RefusingPort()
    {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sin {};
        sin.sin_family = AF_INET;
        sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof sin;
        if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&sin), sizeof sin) == 0
            && ::getsockname(fd, reinterpret_cast<sockaddr *>(&sin), &len) == 0)
            port = ntohs(sin.sin_port);
    }
    ~RefusingPort()
    {
        if (fd >= 0)
            ::close(fd);
    }
    RefusingPort(const RefusingPort &) = delete;
    RefusingPort &operator=(const RefusingPort &) = delete;
    int fd = -1;
    uint16_t port = 0;
};

} // namespace sbtest
