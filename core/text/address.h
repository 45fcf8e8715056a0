#pragma once

#include <cstdint>
#include <string>

#include <sys/socket.h>

namespace sb {

/// A socket address of AF_INET, AF_INET6 or AF_UNIX (path, abstract or unnamed) over
/// sockaddr_storage. Value type.
class Address
{
public:
    Address();
    static Address fromSockaddr(const sockaddr *sa, socklen_t len);
    /// IPv4 or IPv6 literal (no brackets) and a port; invalid() when the literal is not one.
    static Address ip(const std::string &literal, uint16_t port);
    static Address ipv4Any(uint16_t port);
    static Address ipv6Any(uint16_t port);
    /// A path, or "@name" for the Linux abstract namespace. The caller checks the length.
    static Address unixPath(const std::string &pathOrAbstract);

    bool valid() const { return m_len > 0; }
    int family() const { return m_storage.ss_family; }
    bool isIp() const { return family() == AF_INET || family() == AF_INET6; }
    bool isUnix() const { return family() == AF_UNIX; }
    uint16_t port() const;
    void setPort(uint16_t port);
    /// "127.0.0.1", "::1", "/tmp/s", "@name"; "" for an unnamed UNIX socket.
    std::string host() const;
    /// "127.0.0.1:80", "[::1]:80", "/tmp/s", "@name", "(unnamed)".
    std::string toString() const;
    /// The way strace prints it:
    /// {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}
    std::string toStrace() const;

    const sockaddr *sockaddrPtr() const { return reinterpret_cast<const sockaddr *>(&m_storage); }
    sockaddr *sockaddrPtr() { return reinterpret_cast<sockaddr *>(&m_storage); }
    socklen_t length() const { return m_len; }
    void setLength(socklen_t len) { m_len = len; }
    static constexpr socklen_t capacity() { return sizeof(sockaddr_storage); }

    bool operator==(const Address &other) const;

private:
    sockaddr_storage m_storage;
    socklen_t m_len = 0;
};

/// The longest UNIX socket path, in bytes, that fits sun_path with its terminating NUL.
constexpr size_t kMaxUnixPath = 107;

} // namespace sb
