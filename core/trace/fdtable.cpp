#include "core/trace/fdtable.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <string>
#include <unordered_map>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb::tracee {
namespace {

using InodeMap = std::unordered_map<unsigned long, SocketFd>;

/// /proc/PID/net/tcp, udp, ...: "sl local rem st ... uid timeout inode"; the inode is the
/// tenth field.
void readInetTable(const std::string &path, int family, int type, InodeMap &out)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        char rest[16][64];
        const int n = std::sscanf(line.c_str(), "%63s %63s %63s %63s %63s %63s %63s %63s %63s %63s",
                                  rest[0], rest[1], rest[2], rest[3], rest[4], rest[5], rest[6],
                                  rest[7], rest[8], rest[9]);
        if (n == 10)
            out[std::strtoul(rest[9], nullptr, 10)] = {family, type, false, 0, {}, {}};
    }
}

/// /proc/PID/net/unix: "Num RefCount Protocol Flags Type St Inode Path"; Type in hex.
void readUnixTable(const std::string &path, InodeMap &out)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        char num[32], ref[32], proto[32], flags[32];
        unsigned type = 0, st = 0;
        unsigned long inode = 0;
        if (std::sscanf(line.c_str(), "%31s %31s %31s %31s %x %x %lu", num, ref, proto, flags,
                        &type, &st, &inode)
            == 7)
            out[inode] = {AF_UNIX, static_cast<int>(type), false, 0, {}, {}};
    }
}

bool fdinfoCloexec(pid_t pid, int fd)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/fdinfo/" + std::to_string(fd));
    std::string key;
    while (in >> key) {
        if (key == "flags:") {
            std::string octal;
            in >> octal;
            return std::strtoul(octal.c_str(), nullptr, 8) & O_CLOEXEC;
        }
    }
    return false;
}

} // namespace

const SocketFd *FdTable::find(int fd) const
{
    const auto it = m_fds.find(fd);
    return it == m_fds.end() ? nullptr : &it->second;
}

SocketFd *FdTable::findMutable(int fd)
{
    const auto it = m_fds.find(fd);
    return it == m_fds.end() ? nullptr : &it->second;
}

bool FdTable::holdsInode(uint64_t inode) const
{
    for (const auto &[fd, socket] : m_fds)
        if (socket.inode == inode)
            return true;
    return false;
}

void FdTable::duplicate(int oldFd, int newFd, bool cloexec)
{
    if (oldFd == newFd)
        return;
    const SocketFd *old = find(oldFd);
    if (!old) {
        m_fds.erase(newFd); // dup2 over a socket closes it
        return;
    }
    SocketFd copy = *old;
    copy.cloexec = cloexec;
    m_fds[newFd] = copy;
}

void FdTable::setCloexec(int fd, bool cloexec)
{
    if (auto it = m_fds.find(fd); it != m_fds.end())
        it->second.cloexec = cloexec;
}

void FdTable::dropCloexec()
{
    std::erase_if(m_fds, [](const auto &entry) { return entry.second.cloexec; });
}

void FdTable::loadFromProc(pid_t pid)
{
    const std::string base = "/proc/" + std::to_string(pid);
    InodeMap inodes;
    readInetTable(base + "/net/tcp", AF_INET, SOCK_STREAM, inodes);
    readInetTable(base + "/net/tcp6", AF_INET6, SOCK_STREAM, inodes);
    readInetTable(base + "/net/udp", AF_INET, SOCK_DGRAM, inodes);
    readInetTable(base + "/net/udp6", AF_INET6, SOCK_DGRAM, inodes);
    readUnixTable(base + "/net/unix", inodes);
    DIR *dir = opendir((base + "/fd").c_str());
    if (!dir)
        return;
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        const int fd = std::atoi(entry->d_name);
        char link[64] = {};
        const std::string path = base + "/fd/" + entry->d_name;
        const ssize_t n = readlink(path.c_str(), link, sizeof link - 1);
        if (n <= 0 || std::strncmp(link, "socket:[", 8) != 0)
            continue;
        const unsigned long inode = std::strtoul(link + 8, nullptr, 10);
        SocketFd socket;
        if (const auto it = inodes.find(inode); it != inodes.end())
            socket = it->second;
        socket.inode = inode;
        socket.cloexec = fdinfoCloexec(pid, fd);
        m_fds[fd] = socket;
    }
    closedir(dir);
}

} // namespace sb::tracee
