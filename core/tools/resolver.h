#pragma once

#include "core/text/address.h"
#include "core/text/names.h"
#include "core/text/result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sb {

/// A flag of getaddrinfo (AI_*) or getnameinfo (NI_*) with the name the man page gives it.
struct FlagName
{
    int value;
    const char *name;
    const char *meaning; ///< one line for a tooltip or --help
};

/// Every AI_ flag of the course, in the order the man page lists them.
std::span<const FlagName> addrInfoFlags();
/// NI_NUMERICHOST, NI_NUMERICSERV, NI_NAMEREQD, NI_DGRAM (and NI_NOFQDN).
std::span<const FlagName> nameInfoFlags();
/// "AI_PASSIVE|AI_CANONNAME", "0" for none; unknown bits as hex.
std::string flagsToString(int flags, std::span<const FlagName> table);
/// Parses "AI_PASSIVE,AI_CANONNAME" (',' or '|' separated, the AI_/NI_ prefix optional, any
/// case). The error names the flag that is not in the table.
Result<int> parseFlags(const std::string &text, std::span<const FlagName> table);

/// Why a resolver call failed: the EAI_ code, its name, gai_strerror's text and, for
/// EAI_SYSTEM, the errno behind it. Value type; code 0 means no error.
struct ResolverError
{
    int code = 0;
    int sysErrno = 0;
    std::string name; ///< "EAI_NONAME"
    std::string text; ///< "Name or service not known"
    bool failed() const { return code != 0; }
    /// "EAI_NONAME (Name or service not known)"; EAI_SYSTEM adds "ECONNREFUSED (...)".
    std::string toString() const;
    static ResolverError fromCode(int code, int savedErrno);
};

/// "EAI_NONAME" for EAI_NONAME and the other codes of <netdb.h>.
std::string eaiName(int code);

/// The arguments of one getaddrinfo call. An empty host or service is passed as NULL.
struct AddrInfoQuery
{
    std::string host;
    std::string service;
    int family = 0; ///< AF_UNSPEC, AF_INET or AF_INET6
    int socktype = 0; ///< 0 for any, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET
    int protocol = 0;
    int flags = 0; ///< AI_*
};

/// One struct addrinfo of the answer.
struct AddrInfoRow
{
    int family = 0;
    int socktype = 0;
    int protocol = 0;
    std::string canonicalName; ///< ai_canonname: only on the first row, with AI_CANONNAME
    Address address;
};

struct AddrInfoAnswer
{
    std::vector<AddrInfoRow> rows; ///< in the list's order: the order connect() would try
    ResolverError error;
};

/// Calls getaddrinfo. Blocks while the name service answers: call it off the GUI thread.
AddrInfoAnswer getAddrInfo(const AddrInfoQuery &query);

struct NameInfoAnswer
{
    std::string host;
    std::string service;
    ResolverError error;
};

/// Calls getnameinfo on an IPv4 or IPv6 address with NI_* flags. Blocks like getAddrInfo.
NameInfoAnswer getNameInfo(const Address &address, int flags);

/// The host's own names: gethostname, and the fully qualified name as `hostname -f` finds it
/// (getaddrinfo of that name with AI_CANONNAME).
struct HostNames
{
    std::string hostname;
    std::string fqdn;
    ResolverError error; ///< of the FQDN lookup; fqdn falls back to hostname
    int hostnameErrno = 0;
};
HostNames hostNames();

/// One line of /etc/services (or whatever nsswitch's services: names) as getservbyname sees it.
struct ServiceEntry
{
    std::string name;
    std::vector<std::string> aliases;
    uint16_t port = 0; ///< host order
    std::string protocol; ///< "tcp", "udp"
};

/// getservbyname_r; protocol "" for any. nullopt when the database has no such service.
std::optional<ServiceEntry> serviceByName(const std::string &name, const std::string &protocol);
/// getservbyport_r with the port in host order.
std::optional<ServiceEntry> serviceByPort(uint16_t port, const std::string &protocol);

/// Where glibc looks a host name up, as far as the local files tell: the hosts: line of
/// /etc/nsswitch.conf and whether /etc/hosts names the host.
struct NameSource
{
    std::string nsswitchHosts; ///< "files dns", or "" when nsswitch.conf has no hosts: line
    std::vector<std::string> sources; ///< "files", "dns", "myhostname", ...
    bool numeric = false; ///< the host is an address literal: no service is asked
    std::vector<std::string> etcHostsAddresses; ///< addresses /etc/hosts gives the name
    std::vector<std::string> nameservers; ///< from /etc/resolv.conf, the servers DNS asks
    /// One sentence: "/etc/hosts (files comes first in nsswitch.conf: files dns)".
    std::string summary;
};
/// Reads /etc/nsswitch.conf, /etc/hosts and /etc/resolv.conf (paths replaceable for tests).
NameSource nameSource(const std::string &host,
                      const std::string &nsswitchPath = "/etc/nsswitch.conf",
                      const std::string &hostsPath = "/etc/hosts",
                      const std::string &resolvConfPath = "/etc/resolv.conf");

} // namespace sb
