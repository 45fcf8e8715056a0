#pragma once

#include "core/trace/fdtable.h"
#include "core/trace/traceememory.h"

#include <cstdint>
#include <string>

namespace sb::tracee {

// strace's spelling of the arguments the TraceRecord has no fields for, read from the tracee.

/// "[{iov_base=\"ab\", iov_len=2}, {iov_base=\"c\", iov_len=1}]" showing at most shown bytes
/// in all (the bytes written, or the bytes read); the bytes themselves appended to data when
/// data is given, at most dataBytes in all.
std::string iovecText(const TraceeMemory &memory, uint64_t iov, uint64_t count, int64_t shown,
                      std::string *data = nullptr, size_t dataBytes = 0);
/// "{msg_name=NULL, msg_namelen=0, msg_iov=[...], msg_iovlen=1, msg_controllen=0,
/// msg_flags=0}"; shown as for iovecText.
std::string msghdrText(const TraceeMemory &memory, uint64_t msg, int64_t shown, std::string *data,
                       size_t dataBytes);
/// The first count entries of an mmsghdr vector, as strace prints sendmmsg and recvmmsg at
/// their exit: "[{msg_hdr={msg_name=NULL, ...}, msg_len=5}, ...]"; each message's iovecs shown
/// up to its msg_len, and those bytes appended to data (at most dataBytes in all).
std::string mmsghdrText(const TraceeMemory &memory, uint64_t vec, uint64_t count, std::string *data,
                        size_t dataBytes);
/// "[{fd=3, events=POLLIN}]" (revents false) or "[{fd=3, revents=POLLIN}]" (only the ready ones).
std::string pollfdText(const TraceeMemory &memory, uint64_t fds, uint64_t count, bool revents);
/// True when one of the pollfds is a socket.
bool pollHasSocket(const TraceeMemory &memory, uint64_t fds, uint64_t count, const FdTable &table);
/// "[3 4]" of an fd_set of nfds bits, "NULL" for none.
std::string fdsetText(const TraceeMemory &memory, uint64_t set, int nfds);
bool fdsetHasSocket(const TraceeMemory &memory, uint64_t set, int nfds, const FdTable &table);
/// "{tv_sec=1, tv_usec=0}" / "{tv_sec=1, tv_nsec=0}", "NULL".
std::string timevalText(const TraceeMemory &memory, uint64_t tv);
std::string timespecText(const TraceeMemory &memory, uint64_t ts);
/// "{events=EPOLLIN|EPOLLOUT, data={u32=3, u64=3}}".
std::string epollEventText(uint32_t events, uint64_t data);
/// "EPOLL_CTL_ADD"
std::string epollOpName(int op);
/// fcntl's arguments after the fd: "F_SETFL, O_RDWR|O_NONBLOCK", "F_GETFL".
std::string fcntlArgs(int cmd, uint64_t arg);
/// " (flags O_RDWR|O_NONBLOCK)" for F_GETFL's result, " (flags FD_CLOEXEC)" for F_GETFD.
std::string fcntlNote(int cmd, int64_t result);
/// "0x7ffd1234", "NULL" for 0.
std::string pointerText(uint64_t address);
/// "O_RDWR|O_NONBLOCK", the open flags as strace prints them.
std::string openFlags(uint64_t flags);

} // namespace sb::tracee
