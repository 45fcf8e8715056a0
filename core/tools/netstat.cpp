#include "core/tools/netstat.h"

#include "core/text/clock.h"
#include "core/tools/sockdiag.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr uint32_t kSoAcceptCon = 0x10000; // __SO_ACCEPTCON in the kernel's net.h

bool readFile(const std::string &path, std::string *out, std::string *error)
{
    std::ifstream in(path);
    if (!in) {
        *error = path + ": " + std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

template<class T>
bool hexField(std::string_view s, T *out)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), *out, 16);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

template<class T>
bool decField(std::string_view s, T *out)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), *out, 10);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::vector<std::string_view> fields(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const size_t b = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > b)
            out.push_back(line.substr(b, i - b));
    }
    return out;
}

// "0100007F:C679": the address as the kernel's 32-bit words printed with %08X in host order,
// so each word goes back into memory as is; the port is already in host order.
bool parseHexAddress(std::string_view s, bool v6, Address *out)
{
    const size_t colon = s.find(':');
    const size_t hexLen = v6 ? 32 : 8;
    if (colon != hexLen)
        return false;
    uint16_t port = 0;
    if (!hexField(s.substr(colon + 1), &port))
        return false;
    uint8_t bytes[16];
    for (size_t w = 0; w < hexLen / 8; ++w) {
        uint32_t word = 0;
        if (!hexField(s.substr(w * 8, 8), &word))
            return false;
        std::memcpy(bytes + w * 4, &word, 4);
    }
    sockaddr_storage ss {};
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        std::memcpy(&a->sin6_addr, bytes, 16);
        *out = Address::fromSockaddr(reinterpret_cast<sockaddr *>(&ss), sizeof(sockaddr_in6));
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&ss);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        std::memcpy(&a->sin_addr, bytes, 4);
        *out = Address::fromSockaddr(reinterpret_cast<sockaddr *>(&ss), sizeof(sockaddr_in));
    }
    return true;
}

// USER_HZ: what the kernel's jiffies_delta_to_clock_t counts in (100 on Linux).
long clockTicksPerSecond()
{
    static const long hz = [] {
        const long v = ::sysconf(_SC_CLK_TCK);
        return v > 0 ? v : 100L;
    }();
    return hz;
}

bool isTcp(NetProto p) { return p == NetProto::Tcp || p == NetProto::Tcp6; }

bool isNullAddress(const Address &a)
{
    if (a.family() == AF_INET)
        return reinterpret_cast<const sockaddr_in *>(a.sockaddrPtr())->sin_addr.s_addr == 0;
    if (a.family() == AF_INET6)
        return IN6_IS_ADDR_UNSPECIFIED(
                &reinterpret_cast<const sockaddr_in6 *>(a.sockaddrPtr())->sin6_addr);
    return true;
}

std::string pad(const std::string &s, size_t width)
{
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string padLeft(const std::string &s, size_t width)
{
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string ownerText(const NetstatSnapshot &snap, uint64_t inode)
{
    const auto it = inode ? snap.owners.find(inode) : snap.owners.end();
    if (it == snap.owners.end())
        return "-";
    return std::to_string(it->second.pid) + "/" + it->second.program;
}

} // namespace

const char *netProtoName(NetProto proto)
{
    switch (proto) {
    case NetProto::Tcp:
        return "tcp";
    case NetProto::Tcp6:
        return "tcp6";
    case NetProto::Udp:
        return "udp";
    case NetProto::Udp6:
        return "udp6";
    case NetProto::Unix:
        return "unix";
    }
    return "?";
}

std::vector<InetSocketRow> parseProcNetInet(std::string_view text, NetProto proto)
{
    const bool v6 = proto == NetProto::Tcp6 || proto == NetProto::Udp6;
    std::vector<InetSocketRow> rows;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::vector<std::string_view> f = fields(text.substr(pos, end - pos));
        pos = end + 1;
        // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
        if (f.size() < 10 || f[0].back() != ':')
            continue; // the header, or a line we do not understand
        InetSocketRow row;
        row.proto = proto;
        const size_t q = f[4].find(':');
        const size_t t = f[5].find(':');
        uint64_t ticks = 0;
        if (t != std::string_view::npos && hexField(f[5].substr(0, t), &row.timer)
            && hexField(f[5].substr(t + 1), &ticks))
            row.timerMs = static_cast<int64_t>(ticks) * 1000 / clockTicksPerSecond();
        if (!parseHexAddress(f[1], v6, &row.local) || !parseHexAddress(f[2], v6, &row.foreign)
            || !hexField(f[3], &row.state) || q == std::string_view::npos
            || !hexField(f[4].substr(0, q), &row.sendQ) || !hexField(f[4].substr(q + 1), &row.recvQ)
            || !decField(f[7], &row.uid) || !decField(f[9], &row.inode))
            continue;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<UnixSocketRow> parseProcNetUnix(std::string_view text)
{
    std::vector<UnixSocketRow> rows;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        // Num RefCount Protocol Flags Type St Inode [Path]; the path may hold spaces, so it is
        // everything after the seventh field.
        const std::vector<std::string_view> f = fields(line);
        if (f.size() < 7 || f[0].back() != ':')
            continue;
        UnixSocketRow row;
        if (!hexField(f[1], &row.refCnt) || !hexField(f[3], &row.flags)
            || !hexField(f[4], &row.type) || !hexField(f[5], &row.state)
            || !decField(f[6], &row.inode))
            continue;
        if (f.size() > 7) {
            const size_t at = static_cast<size_t>(f[7].data() - line.data());
            row.path = std::string(line.substr(at));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::map<uint64_t, SocketOwner> socketOwners(const std::string &procRoot)
{
    std::map<uint64_t, SocketOwner> owners;
    DIR *proc = ::opendir(procRoot.c_str());
    if (!proc)
        return owners;
    while (const dirent *pe = ::readdir(proc)) {
        pid_t pid = 0;
        if (!decField(std::string_view(pe->d_name), &pid))
            continue;
        const std::string base = procRoot + "/" + pe->d_name;
        DIR *fds = ::opendir((base + "/fd").c_str());
        if (!fds)
            continue; // another user's process, or gone: netstat skips it too
        std::string program;
        while (const dirent *fe = ::readdir(fds)) {
            char link[64];
            const ssize_t n
                    = ::readlink((base + "/fd/" + fe->d_name).c_str(), link, sizeof link - 1);
            if (n <= 0)
                continue;
            const std::string_view target(link, static_cast<size_t>(n));
            uint64_t inode = 0;
            if (!target.starts_with("socket:[") || target.back() != ']'
                || !decField(target.substr(8, target.size() - 9), &inode))
                continue;
            if (program.empty()) {
                std::ifstream comm(base + "/comm");
                std::getline(comm, program);
            }
            owners.emplace(inode, SocketOwner {pid, program});
        }
        ::closedir(fds);
    }
    ::closedir(proc);
    return owners;
}

NetstatSnapshot readNetstat(const NetstatOptions &options, const std::string &procRoot)
{
    NetstatSnapshot snap;
    struct Source
    {
        bool wanted;
        const char *file;
        NetProto proto;
    };
    const Source sources[] = {
            {options.tcp, "/net/tcp", NetProto::Tcp},
            {options.tcp, "/net/tcp6", NetProto::Tcp6},
            {options.udp, "/net/udp", NetProto::Udp},
            {options.udp, "/net/udp6", NetProto::Udp6},
    };
    std::string text, error;
    for (const Source &s : sources) {
        if (!s.wanted)
            continue;
        if (!readFile(procRoot + s.file, &text, &error)) {
            snap.errors.push_back(error); // no IPv6 in this kernel, say: the rest still shows
            continue;
        }
        auto rows = parseProcNetInet(text, s.proto);
        snap.inet.insert(snap.inet.end(), rows.begin(), rows.end());
    }
    std::map<uint64_t, uint32_t> backlogs;
    std::string diagError;
    if (options.tcp && listenBacklogs(&backlogs, &diagError)) {
        snap.listenBacklogKnown = true;
        for (InetSocketRow &row : snap.inet)
            if (isTcp(row.proto) && row.state == 10)
                if (const auto it = backlogs.find(row.inode); it != backlogs.end())
                    row.sendQ = it->second;
    }
    if (options.unixSockets) {
        if (readFile(procRoot + "/net/unix", &text, &error))
            snap.unixRows = parseProcNetUnix(text);
        else
            snap.errors.push_back(error);
    }
    if (options.programs)
        snap.owners = socketOwners(procRoot);
    return snap;
}

bool netstatShows(const InetSocketRow &row, const NetstatOptions &o)
{
    if (isTcp(row.proto) ? !o.tcp : !o.udp)
        return false;
    if (o.all)
        return true;
    // netstat's rule: a TCP server is a LISTEN socket; a UDP one has no peer.
    const bool server = isTcp(row.proto) ? row.state == 10 : isNullAddress(row.foreign);
    return o.listening == server;
}

bool netstatShows(const UnixSocketRow &row, const NetstatOptions &o)
{
    if (!o.unixSockets)
        return false;
    if (o.all)
        return true;
    return o.listening == row.accepting();
}

std::string tcpStateName(int state)
{
    static const char *const kNames[] = {
            "",      "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",   "TIME_WAIT",
            "CLOSE", "CLOSE_WAIT",  "LAST_ACK", "LISTEN",   "CLOSING",   "NEW_SYN_RECV"};
    if (state > 0 && state < static_cast<int>(std::size(kNames)))
        return kNames[state];
    return "UNKNOWN";
}

std::string inetStateName(const InetSocketRow &row)
{
    if (isTcp(row.proto))
        return tcpStateName(row.state);
    if (row.state == 1)
        return "ESTABLISHED";
    return row.state == 7 ? "" : "UNKNOWN";
}

std::string unixTypeName(int type)
{
    switch (type) {
    case SOCK_STREAM:
        return "STREAM";
    case SOCK_DGRAM:
        return "DGRAM";
    case SOCK_RAW:
        return "RAW";
    case SOCK_RDM:
        return "RDM";
    case SOCK_SEQPACKET:
        return "SEQPACKET";
    }
    return "UNKNOWN";
}

std::string unixStateName(const UnixSocketRow &row)
{
    switch (row.state) {
    case 0:
        return "FREE";
    case 1:
        return row.accepting() ? "LISTENING" : "";
    case 2:
        return "CONNECTING";
    case 3:
        return "CONNECTED";
    case 4:
        return "DISCONNECTING";
    }
    return "UNKNOWN";
}

std::string unixFlagsText(const UnixSocketRow &row)
{
    return row.flags & kSoAcceptCon ? "[ ACC ]" : "[ ]";
}

namespace {

bool isLoopback(const Address &a)
{
    if (a.family() == AF_INET)
        return (ntohl(reinterpret_cast<const sockaddr_in *>(a.sockaddrPtr())->sin_addr.s_addr)
                >> 24)
                == 127;
    if (a.family() == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(
                &reinterpret_cast<const sockaddr_in6 *>(a.sockaddrPtr())->sin6_addr);
    return false;
}

/// Names of addresses for the non-numeric view. A machine lists a few hundred sockets that
/// share a handful of addresses: each is looked up once a minute, not once a row. Loopback
/// addresses are named from /etc/hosts only: asking DNS for ::1 would send a query off the
/// machine and, with no answer, stall the refresh for seconds per row. Thread-safe.
class HostNameCache
{
public:
    std::string name(const Address &address)
    {
        const std::string key = address.host();
        const int64_t now = monotonicNs();
        std::lock_guard lock(m_mutex);
        if (now - m_hostsReadNs > kTtlNs) {
            readHosts();
            m_names.clear();
            m_hostsReadNs = now;
        }
        if (const auto it = m_names.find(key); it != m_names.end())
            return it->second;
        std::string found = key;
        if (const auto h = m_hosts.find(key); h != m_hosts.end()) {
            found = h->second;
        } else if (!isLoopback(address)) {
            char name[NI_MAXHOST] = {};
            if (::getnameinfo(address.sockaddrPtr(), address.length(), name, sizeof name, nullptr,
                              0, NI_NAMEREQD)
                == 0)
                found = name;
        }
        m_names.emplace(key, found);
        return found;
    }

private:
    static constexpr int64_t kTtlNs = 60'000'000'000;
    void readHosts()
    {
        m_hosts.clear();
        std::ifstream in("/etc/hosts");
        for (std::string line; std::getline(in, line);) {
            if (const auto hash = line.find('#'); hash != std::string::npos)
                line.resize(hash);
            std::istringstream words(line);
            std::string literal, name;
            if (!(words >> literal >> name))
                continue;
            const Address a = Address::ip(literal, 0);
            if (a.valid())
                m_hosts.emplace(a.host(), name); // the first line naming it wins, as in glibc
        }
    }
    std::mutex m_mutex;
    int64_t m_hostsReadNs = INT64_MIN / 2;
    std::map<std::string, std::string> m_hosts;
    std::map<std::string, std::string> m_names;
};

} // namespace

std::string netstatAddress(const Address &address, NetProto proto, bool numeric)
{
    std::string host = address.host();
    std::string port = address.port() == 0 ? "*" : std::to_string(address.port());
    if (!numeric) {
        // The wildcard stays as digits, as net-tools prints it; others get their name.
        static HostNameCache names;
        if (!isNullAddress(address))
            host = names.name(address);
        if (address.port() != 0) {
            char buf[1024];
            servent entry {}, *found = nullptr;
            ::getservbyport_r(htons(address.port()), isTcp(proto) ? "tcp" : "udp", &entry, buf,
                              sizeof buf, &found);
            if (found)
                port = found->s_name;
        }
    }
    return host + ":" + port;
}

std::string formatNetstat(const NetstatSnapshot &snap, const NetstatOptions &o)
{
    const char *which = o.all ? "(servers and established)"
            : o.listening     ? "(only servers)"
                              : "(w/o servers)";
    std::string out;
    if (o.tcp || o.udp) {
        out += std::string("Active Internet connections ") + which + "\n";
        out += "Proto Recv-Q Send-Q Local Address           Foreign Address         State      ";
        out += o.programs ? " PID/Program name" : "";
        out += "\n";
        for (const InetSocketRow &r : snap.inet) {
            if (!netstatShows(r, o))
                continue;
            std::string line = pad(netProtoName(r.proto), 4) + "  "
                    + padLeft(std::to_string(r.recvQ), 6) + " "
                    + padLeft(std::to_string(r.sendQ), 6) + " "
                    + pad(netstatAddress(r.local, r.proto, o.numeric), 23) + " "
                    + pad(netstatAddress(r.foreign, r.proto, o.numeric), 23) + " "
                    + pad(inetStateName(r), 11);
            if (o.programs)
                line += " " + ownerText(snap, r.inode);
            out += line + "\n";
        }
    }
    if (o.unixSockets) {
        out += std::string("Active UNIX domain sockets ") + which + "\n";
        out += "Proto RefCnt Flags       Type       State         I-Node  ";
        out += o.programs ? " PID/Program name    " : "";
        out += " Path\n";
        for (const UnixSocketRow &r : snap.unixRows) {
            if (!netstatShows(r, o))
                continue;
            std::string line = "unix  " + pad(std::to_string(r.refCnt), 6) + " "
                    + pad(unixFlagsText(r), 11) + " " + pad(unixTypeName(r.type), 10) + " "
                    + pad(unixStateName(r), 13) + " " + pad(std::to_string(r.inode), 8);
            if (o.programs)
                line += " " + pad(ownerText(snap, r.inode), 20);
            line += " " + r.path;
            out += line + "\n";
        }
    }
    return out;
}

} // namespace sb
