#include "core/trace/calldecoder.h"

#include "core/text/names.h"
#include "core/text/optvaluetext.h"
#include "core/trace/calltext.h"

#include <algorithm>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>

namespace sb::tracee {
namespace {

constexpr size_t kMaxOpt = 256;

int fdArg(uint64_t v) { return static_cast<int>(static_cast<int32_t>(v)); }

Address readAddress(const TraceeMemory &memory, uint64_t address, int64_t len)
{
    if (!address || len <= 0)
        return {};
    sockaddr_storage ss {};
    const auto n = static_cast<socklen_t>(std::min<int64_t>(len, sizeof ss));
    if (!memory.read(address, &ss, n))
        return {};
    return Address::fromSockaddr(reinterpret_cast<const sockaddr *>(&ss), n);
}

/// The length behind a socklen_t pointer: kLenPointerNull for none.
int64_t readLength(const TraceeMemory &memory, uint64_t address)
{
    socklen_t len = 0;
    if (!address)
        return kLenPointerNull;
    return memory.value(address, &len) ? int64_t(len) : 0;
}

Bytes readData(const TraceeMemory &memory, uint64_t address, int64_t len, size_t dataBytes)
{
    if (len <= 0)
        return {};
    return makeBytes(memory.bytes(address, static_cast<size_t>(std::min<int64_t>(len, dataBytes))));
}

/// Whether the call is reported at all: the fd calls only on a socket.
bool reported(SysCall call, const uint64_t (&a)[6], const TraceeMemory &memory, const FdTable &fds)
{
    switch (call) {
    case SysCall::Close:
    case SysCall::Read:
    case SysCall::Write:
    case SysCall::Readv:
    case SysCall::Writev:
    case SysCall::Dup:
    case SysCall::Dup2:
    case SysCall::Dup3:
    case SysCall::Fcntl:
        return fds.isSocket(fdArg(a[0]));
    case SysCall::Poll:
    case SysCall::Ppoll:
        return pollHasSocket(memory, a[0], a[1], fds);
    case SysCall::Select:
    case SysCall::Pselect6: {
        const int n = fdArg(a[0]);
        return fdsetHasSocket(memory, a[1], n, fds) || fdsetHasSocket(memory, a[2], n, fds)
                || fdsetHasSocket(memory, a[3], n, fds);
    }
    case SysCall::EpollCtl:
        return fds.isSocket(fdArg(a[2]));
    case SysCall::EpollWait:
    case SysCall::EpollPwait:
        return fds.isEpollOfSockets(fdArg(a[0]));
    default:
        return true;
    }
}

} // namespace

std::optional<PendingCall> decodeEntry(SysCall call, const uint64_t (&a)[6],
                                       const TraceeMemory &memory, const FdTable &fds,
                                       size_t dataBytes)
{
    if (!reported(call, a, memory, fds))
        return std::nullopt;
    PendingCall p;
    p.call = call;
    std::copy(std::begin(a), std::end(a), p.args);
    TraceRecord &r = p.record;
    r.call = call;
    r.fd = fdArg(a[0]);
    switch (call) {
    case SysCall::Socket:
    case SysCall::Socketpair:
        r.fd = -1;
        r.a[0] = fdArg(a[0]);
        r.a[1] = fdArg(a[1]);
        r.a[2] = fdArg(a[2]);
        break;
    case SysCall::Bind:
    case SysCall::Connect:
        r.addr = readAddress(memory, a[1], fdArg(a[2]));
        break;
    case SysCall::Listen:
        r.a[0] = fdArg(a[1]);
        break;
    case SysCall::Accept:
    case SysCall::Accept4:
    case SysCall::Getsockname:
    case SysCall::Getpeername:
        r.a[0] = call == SysCall::Accept4 ? fdArg(a[3]) : 0;
        r.a[4] = readLength(memory, a[2]);
        break;
    case SysCall::Sendto:
        r.a[0] = static_cast<int64_t>(a[2]);
        r.a[1] = fdArg(a[3]);
        r.data = readData(memory, a[1], r.a[0], dataBytes);
        r.addr = readAddress(memory, a[4], fdArg(a[5]));
        break;
    case SysCall::Recvfrom:
        r.a[0] = static_cast<int64_t>(a[2]);
        r.a[1] = fdArg(a[3]);
        r.a[4] = a[4] ? readLength(memory, a[5]) : kLenPointerNull;
        break;
    case SysCall::Write:
        r.a[0] = static_cast<int64_t>(a[2]);
        r.data = readData(memory, a[1], r.a[0], dataBytes);
        break;
    case SysCall::Read:
        r.a[0] = static_cast<int64_t>(a[2]);
        r.a[1] = static_cast<int64_t>(a[1]);
        break;
    case SysCall::Writev: {
        std::string data;
        r.text = std::to_string(r.fd) + ", "
                + iovecText(memory, a[1], a[2], INT64_MAX, &data, dataBytes) + ", "
                + std::to_string(a[2]);
        r.data = makeBytes(std::move(data));
        break;
    }
    case SysCall::Sendmsg: {
        std::string data;
        r.text = std::to_string(r.fd) + ", " + msghdrText(memory, a[1], INT64_MAX, &data, dataBytes)
                + ", " + msgFlagsName(fdArg(a[2]));
        r.data = makeBytes(std::move(data));
        break;
    }
    case SysCall::Shutdown:
        r.a[0] = fdArg(a[1]);
        break;
    case SysCall::Setsockopt: {
        r.a[0] = fdArg(a[1]);
        r.a[1] = fdArg(a[2]);
        r.a[3] = fdArg(a[4]);
        const std::string value
                = memory.bytes(a[3], std::min<size_t>(size_t(fdArg(a[4])), kMaxOpt));
        if (!value.empty())
            describeOptValue(r, fdArg(a[1]), fdArg(a[2]), value.data(),
                             static_cast<socklen_t>(value.size()));
        break;
    }
    case SysCall::Getsockopt:
        r.a[0] = fdArg(a[1]);
        r.a[1] = fdArg(a[2]);
        break;
    case SysCall::Poll:
        r.text = pollfdText(memory, a[0], a[1], false) + ", " + std::to_string(a[1]) + ", "
                + std::to_string(fdArg(a[2]));
        break;
    case SysCall::Ppoll:
        r.text = pollfdText(memory, a[0], a[1], false) + ", " + std::to_string(a[1]) + ", "
                + timespecText(memory, a[2]) + ", " + pointerText(a[3]) + ", "
                + std::to_string(a[4]);
        break;
    case SysCall::Select:
    case SysCall::Pselect6: {
        const int n = fdArg(a[0]);
        r.text = std::to_string(n) + ", " + fdsetText(memory, a[1], n) + ", "
                + fdsetText(memory, a[2], n) + ", " + fdsetText(memory, a[3], n) + ", "
                + (call == SysCall::Select ? timevalText(memory, a[4])
                                           : timespecText(memory, a[4]) + ", " + pointerText(a[5]));
        break;
    }
    case SysCall::EpollCtl: {
        epoll_event e {};
        r.text = std::to_string(r.fd) + ", " + epollOpName(fdArg(a[1])) + ", "
                + std::to_string(fdArg(a[2])) + ", "
                + (memory.value(a[3], &e) ? epollEventText(e.events, e.data.u64)
                                          : pointerText(a[3]));
        break;
    }
    default:
        break;
    }
    return p;
}

namespace {

/// A socket made by socket() or socketpair() with this domain and type (flags included).
SocketFd newSocket(int domain, int type)
{
    SocketFd s;
    s.family = domain;
    s.type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s.cloexec = (type & SOCK_CLOEXEC) != 0;
    return s;
}

} // namespace

void decodeExit(PendingCall &p, int64_t rval, bool isError, const TraceeMemory &memory,
                FdTable &fds, size_t dataBytes)
{
    TraceRecord &r = p.record;
    const uint64_t(&a)[6] = p.args;
    r.result = isError ? -1 : rval;
    r.err = isError ? static_cast<int>(-rval) : 0;
    const bool ok = !isError;
    switch (p.call) {
    case SysCall::Socket:
        if (ok)
            fds.add(static_cast<int>(rval), newSocket(fdArg(a[0]), fdArg(a[1])));
        break;
    case SysCall::Socketpair: {
        int sv[2] = {-1, -1};
        if (ok && memory.value(a[3], &sv)) {
            r.a[3] = sv[0];
            r.a[4] = sv[1];
            const SocketFd s = newSocket(fdArg(a[0]), fdArg(a[1]));
            fds.add(sv[0], s);
            fds.add(sv[1], s);
        }
        break;
    }
    case SysCall::Accept:
    case SysCall::Accept4:
    case SysCall::Getsockname:
    case SysCall::Getpeername: {
        const int64_t len = r.a[4] == kLenPointerNull ? 0 : readLength(memory, a[2]);
        r.a[1] = ok ? len : r.a[4];
        if (ok && r.a[4] != kLenPointerNull)
            r.addr = readAddress(memory, a[1], std::min(len, r.a[4]));
        if (ok && (p.call == SysCall::Accept || p.call == SysCall::Accept4)) {
            SocketFd s;
            if (const SocketFd *listening = fds.find(r.fd)) {
                s.family = listening->family;
                s.type = listening->type;
            }
            s.cloexec = p.call == SysCall::Accept4 && (fdArg(a[3]) & SOCK_CLOEXEC);
            fds.add(static_cast<int>(rval), s);
        }
        break;
    }
    case SysCall::Recvfrom:
        if (ok) {
            r.data = readData(memory, a[1], rval, dataBytes);
            if (r.a[4] != kLenPointerNull) {
                const int64_t len = readLength(memory, a[5]);
                r.addr = readAddress(memory, a[4], std::min(len, r.a[4]));
                if (!r.addr.valid()) // a stream socket leaves the address alone
                    r.a[4] = len ? r.a[4] : kLenPointerNull;
            }
        }
        break;
    case SysCall::Read:
        if (ok)
            r.data = readData(memory, a[1], rval, dataBytes);
        break;
    case SysCall::Readv: {
        std::string data;
        r.text = std::to_string(r.fd) + ", "
                + (ok ? iovecText(memory, a[1], a[2], rval, &data, dataBytes) : pointerText(a[1]))
                + ", " + std::to_string(a[2]);
        r.data = makeBytes(std::move(data));
        break;
    }
    case SysCall::Recvmsg: {
        std::string data;
        r.text = std::to_string(r.fd) + ", "
                + (ok ? msghdrText(memory, a[1], rval, &data, dataBytes) : pointerText(a[1])) + ", "
                + msgFlagsName(fdArg(a[2]));
        r.data = makeBytes(std::move(data));
        break;
    }
    case SysCall::Sendmmsg:
    case SysCall::Recvmmsg: {
        // At the exit: the messages sent or received (rval of them) with the kernel's msg_len.
        std::string data;
        r.text = std::to_string(r.fd) + ", "
                + (ok && rval > 0 ? mmsghdrText(memory, a[1], static_cast<uint64_t>(rval), &data,
                                                dataBytes)
                                  : pointerText(a[1]))
                + ", " + std::to_string(fdArg(a[2])) + ", " + msgFlagsName(fdArg(a[3]))
                + (p.call == SysCall::Recvmmsg ? ", " + timespecText(memory, a[4]) : std::string());
        r.data = makeBytes(std::move(data));
        break;
    }
    case SysCall::Getsockopt: {
        socklen_t len = 0;
        memory.value(a[4], &len);
        r.a[3] = len;
        if (ok) {
            const std::string value = memory.bytes(a[3], std::min<size_t>(len, kMaxOpt));
            describeOptValue(r, fdArg(a[1]), fdArg(a[2]), value.data(),
                             static_cast<socklen_t>(value.size()));
        }
        break;
    }
    case SysCall::Close:
        if (ok || r.err != EBADF)
            fds.closed(r.fd);
        break;
    case SysCall::Dup:
        r.text = std::to_string(r.fd);
        if (ok)
            fds.duplicate(r.fd, static_cast<int>(rval), false);
        break;
    case SysCall::Dup2:
    case SysCall::Dup3:
        r.text = std::to_string(r.fd) + ", " + std::to_string(fdArg(a[1]));
        if (p.call == SysCall::Dup3)
            r.text += std::string(", ") + (fdArg(a[2]) & O_CLOEXEC ? "O_CLOEXEC" : "0");
        if (ok)
            fds.duplicate(r.fd, static_cast<int>(rval),
                          p.call == SysCall::Dup3 && (fdArg(a[2]) & O_CLOEXEC));
        break;
    case SysCall::Fcntl: {
        const int cmd = fdArg(a[1]);
        r.text = std::to_string(r.fd) + ", " + fcntlArgs(cmd, a[2]);
        r.note = fcntlNote(cmd, r.result);
        if (ok && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
            fds.duplicate(r.fd, static_cast<int>(rval), cmd == F_DUPFD_CLOEXEC);
        if (ok && cmd == F_SETFD)
            fds.setCloexec(r.fd, a[2] & FD_CLOEXEC);
        break;
    }
    case SysCall::Poll:
    case SysCall::Ppoll:
        if (ok && rval > 0)
            r.note = " (" + pollfdText(memory, a[0], a[1], true) + ")";
        else if (ok)
            r.note = " (Timeout)";
        break;
    case SysCall::Select:
    case SysCall::Pselect6:
        if (ok && rval == 0)
            r.note = " (Timeout)";
        break;
    case SysCall::EpollCtl:
        if (ok && fdArg(a[1]) == EPOLL_CTL_ADD)
            fds.markEpoll(r.fd);
        break;
    case SysCall::EpollWait:
    case SysCall::EpollPwait: {
        std::string events = "[";
        for (int64_t i = 0; ok && i < std::min<int64_t>(rval, 64); ++i) {
            epoll_event e {};
            if (!memory.value(a[1] + i * sizeof(epoll_event), &e))
                break;
            events += (i ? ", " : "") + epollEventText(e.events, e.data.u64);
        }
        r.text = std::to_string(r.fd) + ", " + (ok ? events + "]" : pointerText(a[1])) + ", "
                + std::to_string(fdArg(a[2])) + ", " + std::to_string(fdArg(a[3]))
                + (p.call == SysCall::EpollPwait
                           ? ", " + pointerText(a[4]) + ", " + std::to_string(a[5])
                           : std::string());
        break;
    }
    default:
        break;
    }
}

} // namespace sb::tracee
