#include "core/tools/resolver.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr FlagName kAddrInfoFlags[] = {
        {AI_PASSIVE, "AI_PASSIVE", "no host: the wildcard address, for bind()"},
        {AI_CANONNAME, "AI_CANONNAME", "return the host's canonical name on the first row"},
        {AI_NUMERICHOST, "AI_NUMERICHOST", "the host must be an address literal: no lookup"},
        {AI_NUMERICSERV, "AI_NUMERICSERV", "the service must be a port number: no lookup"},
        {AI_ADDRCONFIG, "AI_ADDRCONFIG",
         "only families with a non-loopback address configured on this host"},
        {AI_V4MAPPED, "AI_V4MAPPED",
         "with AF_INET6: IPv4 answers as ::ffff:a.b.c.d when there is no IPv6 one"},
        {AI_ALL, "AI_ALL", "with AI_V4MAPPED: IPv6 and mapped IPv4 answers both"},
};

constexpr FlagName kNameInfoFlags[] = {
        {NI_NUMERICHOST, "NI_NUMERICHOST", "the address as digits, no reverse lookup"},
        {NI_NUMERICSERV, "NI_NUMERICSERV", "the port as digits, no services lookup"},
        {NI_NAMEREQD, "NI_NAMEREQD", "fail with EAI_NONAME when the address has no name"},
        {NI_DGRAM, "NI_DGRAM", "look the port up as a UDP service (some differ from TCP's)"},
        {NI_NOFQDN, "NI_NOFQDN", "only the host part of a local name"},
};

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> words(const std::string &s)
{
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

ServiceEntry toEntry(const servent &s)
{
    ServiceEntry e;
    e.name = s.s_name ? s.s_name : "";
    for (char **a = s.s_aliases; a && *a; ++a)
        e.aliases.emplace_back(*a);
    e.port = ntohs(static_cast<uint16_t>(s.s_port));
    e.protocol = s.s_proto ? s.s_proto : "";
    return e;
}

} // namespace

std::span<const FlagName> addrInfoFlags() { return kAddrInfoFlags; }

std::span<const FlagName> nameInfoFlags() { return kNameInfoFlags; }

std::string flagsToString(int flags, std::span<const FlagName> table)
{
    std::string out;
    int rest = flags;
    for (const FlagName &f : table) {
        if ((flags & f.value) == f.value && f.value != 0) {
            out += out.empty() ? "" : "|";
            out += f.name;
            rest &= ~f.value;
        }
    }
    if (rest != 0) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%x", rest);
        out += out.empty() ? "" : "|";
        out += hex;
    }
    return out.empty() ? "0" : out;
}

Result<int> parseFlags(const std::string &text, std::span<const FlagName> table)
{
    int flags = 0;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ',')) {
        std::istringstream parts(item);
        for (std::string part; std::getline(parts, part, '|');) {
            const std::string name = upper(trim(part));
            if (name.empty() || name == "0")
                continue;
            const auto match = std::find_if(table.begin(), table.end(), [&](const FlagName &f) {
                const std::string full = f.name;
                return full == name || full.substr(3) == name;
            });
            if (match == table.end()) {
                std::string known;
                for (const FlagName &f : table)
                    known += (known.empty() ? "" : ", ") + std::string(f.name);
                return InputError {"unknown flag '" + trim(part) + "' (known: " + known + ")"};
            }
            flags |= match->value;
        }
    }
    return flags;
}

std::string eaiName(int code)
{
    switch (code) {
    case 0:
        return "0";
    case EAI_BADFLAGS:
        return "EAI_BADFLAGS";
    case EAI_NONAME:
        return "EAI_NONAME";
    case EAI_AGAIN:
        return "EAI_AGAIN";
    case EAI_FAIL:
        return "EAI_FAIL";
    case EAI_FAMILY:
        return "EAI_FAMILY";
    case EAI_SOCKTYPE:
        return "EAI_SOCKTYPE";
    case EAI_SERVICE:
        return "EAI_SERVICE";
    case EAI_MEMORY:
        return "EAI_MEMORY";
    case EAI_SYSTEM:
        return "EAI_SYSTEM";
    case EAI_OVERFLOW:
        return "EAI_OVERFLOW";
#ifdef EAI_NODATA
    case EAI_NODATA:
        return "EAI_NODATA";
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
        return "EAI_ADDRFAMILY";
#endif
#ifdef EAI_INTR
    case EAI_INTR:
        return "EAI_INTR";
#endif
#ifdef EAI_CANCELED
    case EAI_CANCELED:
        return "EAI_CANCELED";
#endif
    }
    return "EAI_" + std::to_string(code);
}

ResolverError ResolverError::fromCode(int code, int savedErrno)
{
    ResolverError e;
    e.code = code;
    if (code == 0)
        return e;
    e.name = eaiName(code);
    e.text = gai_strerror(code);
    if (code == EAI_SYSTEM)
        e.sysErrno = savedErrno;
    return e;
}

std::string ResolverError::toString() const
{
    if (code == 0)
        return "no error";
    std::string s = name + " (" + text + ")";
    if (code == EAI_SYSTEM && sysErrno != 0) {
        const char *en = strerrordesc_np(sysErrno);
        const char *nm = strerrorname_np(sysErrno);
        s += ": " + std::string(nm ? nm : std::to_string(sysErrno).c_str()) + " (" + (en ? en : "")
                + ")";
    }
    return s;
}

AddrInfoAnswer getAddrInfo(const AddrInfoQuery &query)
{
    addrinfo hints {};
    hints.ai_family = query.family;
    hints.ai_socktype = query.socktype;
    hints.ai_protocol = query.protocol;
    hints.ai_flags = query.flags;
    addrinfo *list = nullptr;
    errno = 0;
    const int rc
            = ::getaddrinfo(query.host.empty() ? nullptr : query.host.c_str(),
                            query.service.empty() ? nullptr : query.service.c_str(), &hints, &list);
    const int savedErrno = errno;
    AddrInfoAnswer answer;
    answer.error = ResolverError::fromCode(rc, savedErrno);
    for (const addrinfo *ai = rc == 0 ? list : nullptr; ai; ai = ai->ai_next) {
        AddrInfoRow row;
        row.family = ai->ai_family;
        row.socktype = ai->ai_socktype;
        row.protocol = ai->ai_protocol;
        row.canonicalName = ai->ai_canonname ? ai->ai_canonname : "";
        row.address = Address::fromSockaddr(ai->ai_addr, ai->ai_addrlen);
        answer.rows.push_back(std::move(row));
    }
    if (list)
        ::freeaddrinfo(list);
    return answer;
}

NameInfoAnswer getNameInfo(const Address &address, int flags)
{
    NameInfoAnswer answer;
    char host[NI_MAXHOST] = {};
    char serv[NI_MAXSERV] = {};
    errno = 0;
    const int rc = ::getnameinfo(address.sockaddrPtr(), address.length(), host, sizeof host, serv,
                                 sizeof serv, flags);
    const int savedErrno = errno;
    answer.error = ResolverError::fromCode(rc, savedErrno);
    if (rc == 0) {
        answer.host = host;
        answer.service = serv;
    }
    return answer;
}

HostNames hostNames()
{
    HostNames names;
    char buf[256] = {}; // HOST_NAME_MAX is 64 on Linux; room to spare
    if (::gethostname(buf, sizeof buf - 1) != 0) {
        names.hostnameErrno = errno;
        return names;
    }
    names.hostname = buf;
    AddrInfoQuery q;
    q.host = names.hostname;
    q.flags = AI_CANONNAME;
    const AddrInfoAnswer a = getAddrInfo(q);
    names.error = a.error;
    names.fqdn = !a.rows.empty() && !a.rows.front().canonicalName.empty()
            ? a.rows.front().canonicalName
            : names.hostname;
    return names;
}

std::optional<ServiceEntry> serviceByName(const std::string &name, const std::string &protocol)
{
    servent entry {};
    servent *result = nullptr;
    std::vector<char> buf(4096);
    // ERANGE asks for a bigger buffer; the reentrant call never touches static storage.
    while (::getservbyname_r(name.c_str(), protocol.empty() ? nullptr : protocol.c_str(), &entry,
                             buf.data(), buf.size(), &result)
                   == ERANGE
           && buf.size() < (1u << 20))
        buf.resize(buf.size() * 2);
    if (!result)
        return std::nullopt;
    return toEntry(*result);
}

std::optional<ServiceEntry> serviceByPort(uint16_t port, const std::string &protocol)
{
    servent entry {};
    servent *result = nullptr;
    std::vector<char> buf(4096);
    while (::getservbyport_r(htons(port), protocol.empty() ? nullptr : protocol.c_str(), &entry,
                             buf.data(), buf.size(), &result)
                   == ERANGE
           && buf.size() < (1u << 20))
        buf.resize(buf.size() * 2);
    if (!result)
        return std::nullopt;
    return toEntry(*result);
}

NameSource nameSource(const std::string &host, const std::string &nsswitchPath,
                      const std::string &hostsPath, const std::string &resolvConfPath)
{
    NameSource src;
    {
        std::ifstream in(nsswitchPath);
        for (std::string line; std::getline(in, line);) {
            line = line.substr(0, line.find('#'));
            const std::string t = trim(line);
            if (t.rfind("hosts:", 0) == 0) {
                src.nsswitchHosts = trim(t.substr(6));
                for (const std::string &w : words(src.nsswitchHosts))
                    if (w.front() != '[') // [NOTFOUND=return] is an action, not a source
                        src.sources.push_back(w);
            }
        }
    }
    unsigned char probe[16];
    src.numeric = inet_pton(AF_INET, host.c_str(), probe) == 1
            || inet_pton(AF_INET6, host.c_str(), probe) == 1;
    {
        std::ifstream in(hostsPath);
        for (std::string line; std::getline(in, line);) {
            const std::vector<std::string> w = words(line.substr(0, line.find('#')));
            for (size_t i = 1; i < w.size(); ++i)
                if (strcasecmp(w[i].c_str(), host.c_str()) == 0)
                    src.etcHostsAddresses.push_back(w[0]);
        }
    }
    {
        std::ifstream in(resolvConfPath);
        for (std::string line; std::getline(in, line);) {
            const std::vector<std::string> w = words(line.substr(0, line.find_first_of("#;")));
            if (w.size() >= 2 && w[0] == "nameserver")
                src.nameservers.push_back(w[1]);
        }
    }
    // Without an nsswitch.conf glibc uses "dns [!UNAVAIL=return] files".
    const std::string order = src.nsswitchHosts.empty()
            ? "dns files (no hosts: line, glibc's default)"
            : src.nsswitchHosts;
    if (src.sources.empty())
        src.sources = {"dns", "files"};
    if (src.numeric) {
        src.summary = "an address literal: getaddrinfo converts it itself, no service is asked";
    } else if (!src.etcHostsAddresses.empty()) {
        const auto files = std::find(src.sources.begin(), src.sources.end(), "files");
        src.summary = files == src.sources.begin()
                ? "/etc/hosts (files comes first in nsswitch.conf: " + order + ")"
                : "/etc/hosts names it, but nsswitch.conf asks others first: " + order;
    } else {
        src.summary
                = "not in /etc/hosts: the other sources of nsswitch.conf answer (" + order + ")";
        if (std::find(src.sources.begin(), src.sources.end(), "dns") != src.sources.end()) {
            std::string servers;
            for (const std::string &ns : src.nameservers)
                servers += (servers.empty() ? "" : ", ") + ns;
            // glibc asks 127.0.0.1 when resolv.conf names no server.
            src.summary += "; DNS asks "
                    + (servers.empty() ? "127.0.0.1 (no nameserver line)" : servers);
        }
    }
    return src;
}

} // namespace sb
