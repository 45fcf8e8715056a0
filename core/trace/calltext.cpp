#include "core/trace/calltext.h"

#include "core/text/address.h"
#include "core/text/names.h"
#include "core/text/trace.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>

namespace sb::tracee {
namespace {

constexpr ConstantName kPollEvents[] = {
        {POLLIN, "POLLIN"},         {POLLPRI, "POLLPRI"},       {POLLOUT, "POLLOUT"},
        {POLLERR, "POLLERR"},       {POLLHUP, "POLLHUP"},       {POLLNVAL, "POLLNVAL"},
        {POLLRDNORM, "POLLRDNORM"}, {POLLRDBAND, "POLLRDBAND"}, {POLLWRNORM, "POLLWRNORM"},
        {POLLWRBAND, "POLLWRBAND"}, {POLLRDHUP, "POLLRDHUP"},
};

constexpr ConstantName kEpollEvents[] = {
        {EPOLLIN, "EPOLLIN"},         {EPOLLPRI, "EPOLLPRI"},
        {EPOLLOUT, "EPOLLOUT"},       {EPOLLERR, "EPOLLERR"},
        {EPOLLHUP, "EPOLLHUP"},       {EPOLLRDNORM, "EPOLLRDNORM"},
        {EPOLLRDBAND, "EPOLLRDBAND"}, {EPOLLWRNORM, "EPOLLWRNORM"},
        {EPOLLWRBAND, "EPOLLWRBAND"}, {EPOLLMSG, "EPOLLMSG"},
        {EPOLLRDHUP, "EPOLLRDHUP"},   {EPOLLEXCLUSIVE, "EPOLLEXCLUSIVE"},
        {EPOLLWAKEUP, "EPOLLWAKEUP"}, {EPOLLONESHOT, "EPOLLONESHOT"},
        {EPOLLET, "EPOLLET"},
};

constexpr ConstantName kOpenFlags[] = {
        {O_APPEND, "O_APPEND"},       {O_NONBLOCK, "O_NONBLOCK"}, {O_DSYNC, "O_DSYNC"},
        {O_ASYNC, "O_ASYNC"},         {O_DIRECT, "O_DIRECT"},     {O_LARGEFILE, "O_LARGEFILE"},
        {O_DIRECTORY, "O_DIRECTORY"}, {O_NOFOLLOW, "O_NOFOLLOW"}, {O_NOATIME, "O_NOATIME"},
        {O_CLOEXEC, "O_CLOEXEC"},     {O_PATH, "O_PATH"},
};

constexpr ConstantName kFcntlCmds[] = {
        {F_DUPFD, "F_DUPFD"},
        {F_GETFD, "F_GETFD"},
        {F_SETFD, "F_SETFD"},
        {F_GETFL, "F_GETFL"},
        {F_SETFL, "F_SETFL"},
        {F_GETLK, "F_GETLK"},
        {F_SETLK, "F_SETLK"},
        {F_SETLKW, "F_SETLKW"},
        {F_SETOWN, "F_SETOWN"},
        {F_GETOWN, "F_GETOWN"},
        {F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC"},
};

} // namespace

std::string iovecText(const TraceeMemory &memory, uint64_t iov, uint64_t count, int64_t shown,
                      std::string *data, size_t dataBytes)
{
    if (!iov)
        return "NULL";
    const uint64_t n = std::min<uint64_t>(count, 1024);
    std::vector<iovec> v(n);
    if (!memory.read(iov, v.data(), n * sizeof(iovec)))
        return pointerText(iov);
    std::string out = "[";
    int64_t left = std::max<int64_t>(shown, 0);
    for (uint64_t i = 0; i < n; ++i) {
        const auto base = reinterpret_cast<uint64_t>(v[i].iov_base);
        const auto len = static_cast<int64_t>(v[i].iov_len);
        const int64_t here = std::min(left, len);
        left -= here;
        const std::string bytes
                = memory.bytes(base, static_cast<size_t>(std::min<int64_t>(here, 33)));
        if (i)
            out += ", ";
        out += "{iov_base=" + quotedPreview(bytes) + ", iov_len=" + std::to_string(len) + "}";
        if (data && data->size() < dataBytes && here > 0)
            *data += memory.bytes(base,
                                  static_cast<size_t>(std::min<int64_t>(
                                          here, int64_t(dataBytes - data->size()))));
    }
    if (count > n)
        out += ", ...";
    return out + "]";
}

std::string msghdrText(const TraceeMemory &memory, uint64_t msg, int64_t shown, std::string *data,
                       size_t dataBytes)
{
    msghdr m {};
    if (!memory.value(msg, &m))
        return pointerText(msg);
    std::string out = "{msg_name=";
    if (m.msg_name && m.msg_namelen > 0) {
        sockaddr_storage ss {};
        const socklen_t len = std::min<socklen_t>(m.msg_namelen, sizeof ss);
        memory.read(reinterpret_cast<uint64_t>(m.msg_name), &ss, len);
        out += Address::fromSockaddr(reinterpret_cast<const sockaddr *>(&ss), len).toStrace();
    } else {
        out += "NULL";
    }
    out += ", msg_namelen=" + std::to_string(m.msg_namelen);
    out += ", msg_iov="
            + iovecText(memory, reinterpret_cast<uint64_t>(m.msg_iov), m.msg_iovlen, shown, data,
                        dataBytes);
    out += ", msg_iovlen=" + std::to_string(m.msg_iovlen);
    out += ", msg_controllen=" + std::to_string(m.msg_controllen);
    out += ", msg_flags=" + msgFlagsName(m.msg_flags) + "}";
    return out;
}

std::string mmsghdrText(const TraceeMemory &memory, uint64_t vec, uint64_t count, std::string *data,
                        size_t dataBytes)
{
    const uint64_t n = std::min<uint64_t>(count, 1024);
    std::string out = "[";
    for (uint64_t i = 0; i < n; ++i) {
        const uint64_t at = vec + i * sizeof(mmsghdr);
        mmsghdr m {};
        if (!memory.value(at, &m))
            return i == 0 ? pointerText(vec) : out + ", ...]";
        if (i > 0)
            out += ", ";
        out += "{msg_hdr=" + msghdrText(memory, at, m.msg_len, data, dataBytes)
                + ", msg_len=" + std::to_string(m.msg_len) + "}";
    }
    if (count > n)
        out += ", ...";
    return out + "]";
}

std::string pollfdText(const TraceeMemory &memory, uint64_t fds, uint64_t count, bool revents)
{
    const uint64_t n = std::min<uint64_t>(count, 1024);
    std::vector<pollfd> v(n);
    if (!memory.read(fds, v.data(), n * sizeof(pollfd)))
        return pointerText(fds);
    std::string out = "[";
    bool first = true;
    for (const pollfd &p : v) {
        if (revents && p.revents == 0)
            continue;
        if (!first)
            out += ", ";
        first = false;
        out += "{fd=" + std::to_string(p.fd) + (revents ? ", revents=" : ", events=")
                + flagNames(kPollEvents, revents ? p.revents : p.events) + "}";
    }
    return out + "]";
}

bool pollHasSocket(const TraceeMemory &memory, uint64_t fds, uint64_t count, const FdTable &table)
{
    const uint64_t n = std::min<uint64_t>(count, 1024);
    std::vector<pollfd> v(n);
    if (!memory.read(fds, v.data(), n * sizeof(pollfd)))
        return false;
    return std::any_of(v.begin(), v.end(), [&](const pollfd &p) { return table.isSocket(p.fd); });
}

std::string fdsetText(const TraceeMemory &memory, uint64_t set, int nfds)
{
    fd_set s;
    if (!set)
        return "NULL";
    nfds = std::clamp(nfds, 0, FD_SETSIZE);
    if (!memory.read(set, &s, sizeof s))
        return pointerText(set);
    std::string out = "[";
    for (int fd = 0; fd < nfds; ++fd)
        if (FD_ISSET(fd, &s))
            out += (out.size() > 1 ? " " : "") + std::to_string(fd);
    return out + "]";
}

bool fdsetHasSocket(const TraceeMemory &memory, uint64_t set, int nfds, const FdTable &table)
{
    fd_set s;
    if (!set || !memory.read(set, &s, sizeof s))
        return false;
    nfds = std::clamp(nfds, 0, FD_SETSIZE);
    for (int fd = 0; fd < nfds; ++fd)
        if (FD_ISSET(fd, &s) && table.isSocket(fd))
            return true;
    return false;
}

std::string timevalText(const TraceeMemory &memory, uint64_t tv)
{
    timeval t {};
    if (!tv)
        return "NULL";
    if (!memory.value(tv, &t))
        return pointerText(tv);
    return "{tv_sec=" + std::to_string(t.tv_sec) + ", tv_usec=" + std::to_string(t.tv_usec) + "}";
}

std::string timespecText(const TraceeMemory &memory, uint64_t ts)
{
    timespec t {};
    if (!ts)
        return "NULL";
    if (!memory.value(ts, &t))
        return pointerText(ts);
    return "{tv_sec=" + std::to_string(t.tv_sec) + ", tv_nsec=" + std::to_string(t.tv_nsec) + "}";
}

std::string epollEventText(uint32_t events, uint64_t data)
{
    return "{events=" + flagNames(kEpollEvents, events) + ", data={u32="
            + std::to_string(static_cast<uint32_t>(data)) + ", u64=" + std::to_string(data) + "}}";
}

std::string epollOpName(int op)
{
    switch (op) {
    case EPOLL_CTL_ADD:
        return "EPOLL_CTL_ADD";
    case EPOLL_CTL_DEL:
        return "EPOLL_CTL_DEL";
    case EPOLL_CTL_MOD:
        return "EPOLL_CTL_MOD";
    }
    return std::to_string(op);
}

std::string openFlags(uint64_t flags)
{
    const uint64_t mode = flags & O_ACCMODE;
    std::string out = mode == O_RDONLY ? "O_RDONLY" : mode == O_WRONLY ? "O_WRONLY" : "O_RDWR";
    const uint64_t rest = flags & ~uint64_t(O_ACCMODE);
    if (rest)
        out += "|" + flagNames(kOpenFlags, static_cast<int64_t>(rest));
    return out;
}

std::string fcntlArgs(int cmd, uint64_t arg)
{
    std::string out = nameOr(kFcntlCmds, cmd);
    switch (cmd) {
    case F_GETFD:
    case F_GETFL:
    case F_GETOWN:
        return out;
    case F_SETFD:
        return out + ", " + (arg & FD_CLOEXEC ? std::string("FD_CLOEXEC") : std::string("0"));
    case F_SETFL:
        return out + ", " + openFlags(arg);
    default:
        return out + ", " + std::to_string(static_cast<int64_t>(arg));
    }
}

std::string fcntlNote(int cmd, int64_t result)
{
    if (result < 0)
        return {};
    if (cmd == F_GETFL)
        return " (flags " + openFlags(static_cast<uint64_t>(result)) + ")";
    if (cmd == F_GETFD)
        return result & FD_CLOEXEC ? " (flags FD_CLOEXEC)" : "";
    return {};
}

std::string pointerText(uint64_t address)
{
    if (!address)
        return "NULL";
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(address));
    return buf;
}

} // namespace sb::tracee
