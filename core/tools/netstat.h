#pragma once

#include "core/text/address.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace sb {

/// Which file of /proc/net a row came from; named as netstat's Proto column names it.
enum class NetProto : uint8_t { Tcp, Tcp6, Udp, Udp6, Unix };
const char *netProtoName(NetProto proto);

/// One line of /proc/net/tcp, tcp6, udp or udp6. Value type.
struct InetSocketRow
{
    NetProto proto = NetProto::Tcp;
    /// rx_queue: bytes not yet read by the program; for a LISTEN socket the connections
    /// waiting in the accept queue (as ss shows it).
    uint32_t recvQ = 0;
    /// tx_queue: bytes sent and not yet acknowledged (TCP) or queued (UDP). For a LISTEN
    /// socket /proc gives 0; readNetstat puts the listen() backlog there, as ss shows it.
    uint32_t sendQ = 0;
    Address local;
    Address foreign;
    int state = 0; ///< the kernel's TCP_* number; UDP uses 7 (unconnected) and 1 (connected)
    uid_t uid = 0;
    uint64_t inode = 0; ///< 0 for TIME_WAIT and orphaned sockets: no file refers to them
    /// The "tr" column: which timer runs (0 none, 1 retransmit, 2 keepalive, 3 TIME-WAIT, and
    /// an orphan's FIN-WAIT-2 which is kept the same way, 4 zero window probe), as ss -o names
    /// them (on, keepalive, timewait, persist).
    int timer = 0;
    /// The "tm->when" column: time left on that timer, in ms (the kernel prints clock ticks,
    /// USER_HZ of them a second).
    int64_t timerMs = 0;
};

/// One line of /proc/net/unix. Value type.
struct UnixSocketRow
{
    uint32_t refCnt = 0;
    uint32_t flags = 0; ///< __SO_ACCEPTCON (0x10000) on listening sockets: netstat's ACC
    int type = 0; ///< SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET
    int state = 0; ///< SS_UNCONNECTED 1, SS_CONNECTING 2, SS_CONNECTED 3, SS_DISCONNECTING 4
    uint64_t inode = 0;
    std::string path; ///< "" for unnamed, "@name" for the abstract namespace
    bool accepting() const { return flags & 0x10000; }
};

/// The process holding a socket, found through /proc/PID/fd/* -> socket:[inode].
struct SocketOwner
{
    pid_t pid = 0;
    std::string program; ///< /proc/PID/comm
};

/// What to read and how to print it; the fields are netstat's options.
struct NetstatOptions
{
    bool tcp = true; ///< -t
    bool udp = true; ///< -u
    bool unixSockets = true; ///< -x
    bool all = false; ///< -a: listening and non-listening
    bool listening = false; ///< -l: listening only (unconnected for UDP)
    bool numeric = false; ///< -n
    bool programs = false; ///< -p
};

/// Every socket of the machine's network namespace at one moment. Value type.
struct NetstatSnapshot
{
    std::vector<InetSocketRow> inet; ///< tcp, tcp6, udp, udp6 in netstat's order
    std::vector<UnixSocketRow> unixRows;
    std::map<uint64_t, SocketOwner> owners; ///< by inode; filled only with programs
    std::vector<std::string> errors; ///< files that could not be read, with strerror
    /// Send-Q of LISTEN rows holds the backlog (from sock_diag); false when netlink was
    /// refused and Send-Q is /proc's 0, as netstat prints it.
    bool listenBacklogKnown = false;
};

/// Reads /proc/net and, with programs, /proc/*/fd. Blocks on file reads and, unless numeric,
/// on nothing else (names are resolved when formatting): call it off the GUI thread.
NetstatSnapshot readNetstat(const NetstatOptions &options, const std::string &procRoot = "/proc");

/// Parses the text of /proc/net/tcp (tcp6, udp, udp6); lines that do not parse are skipped.
std::vector<InetSocketRow> parseProcNetInet(std::string_view text, NetProto proto);
/// Parses the text of /proc/net/unix.
std::vector<UnixSocketRow> parseProcNetUnix(std::string_view text);
/// inode -> owner from /proc/*/fd; processes we may not read are skipped, as netstat does.
std::map<uint64_t, SocketOwner> socketOwners(const std::string &procRoot = "/proc");

/// Whether netstat with these options prints the row (-l, -a and the default of neither).
bool netstatShows(const InetSocketRow &row, const NetstatOptions &options);
bool netstatShows(const UnixSocketRow &row, const NetstatOptions &options);

/// "LISTEN", "ESTABLISHED", "SYN_SENT", ..., netstat's names for the kernel's TCP states.
std::string tcpStateName(int state);
/// The State column of an inet row: TCP's name; for UDP "ESTABLISHED" when connected, else "".
std::string inetStateName(const InetSocketRow &row);
/// "STREAM", "DGRAM", "SEQPACKET", ...
std::string unixTypeName(int type);
/// "LISTENING", "CONNECTED", "CONNECTING", "DISCONNECTING", "" for unconnected.
std::string unixStateName(const UnixSocketRow &row);
/// "[ ACC ]" or "[ ]".
std::string unixFlagsText(const UnixSocketRow &row);

/// netstat's address column: "127.0.0.1:8080", "0.0.0.0:*", "::1:55498", ":::*"; unless
/// numeric the host through getnameinfo and the port through getservbyport (which may block on
/// the name service).
std::string netstatAddress(const Address &address, NetProto proto, bool numeric);

/// The text of `netstat -a` with these options: the two headed tables, the same columns.
/// Addresses wider than netstat's 23 columns are printed whole (as netstat -W does).
std::string formatNetstat(const NetstatSnapshot &snapshot, const NetstatOptions &options);

} // namespace sb
