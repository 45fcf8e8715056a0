#pragma once

#include "core/text/address.h"
#include "core/text/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb {

enum class Transport : uint8_t { Tcp, Udp, UnixStream, UnixDgram, UnixSeqpacket };
enum class FamilyPref : uint8_t { Any, V4, V6 };

/// One endpoint of the grammar shared by GUI fields, CLI and demo files:
/// tcp://HOST:PORT, udp://HOST:PORT, unix:///path, unix-dgram:///path, unix-seqpacket:///path,
/// unix://@abstract, tls://HOST:PORT (TLS over TCP). HOST is an IPv4 literal, [IPv6] literal, a
/// name, or empty / "*" for any. Value type; parsing checks syntax only, resolving names is
/// resolveEndpoint's job.
struct EndpointSpec
{
    Transport transport = Transport::Tcp;
    std::string host; ///< as typed, brackets removed; for UNIX the path or "@name"
    uint16_t port = 0;
    bool tls = false; ///< tls://: TLS over TCP (transport is Tcp)

    bool isUnix() const;
    /// "tcp://127.0.0.1:80", "unix:///tmp/s", "tls://localhost:443"
    std::string toString() const;
};

Result<EndpointSpec> parseEndpoint(std::string_view text);

/// Addresses to try, in getaddrinfo's order; numeric hosts never touch the resolver. Blocks
/// on a name lookup: call it on a worker thread. passive picks the wildcard for an empty host.
Result<std::vector<Address>> resolveEndpoint(const EndpointSpec &spec, FamilyPref pref,
                                             bool passive);

/// "tcp://127.0.0.1:4000" for a live socket's address.
std::string formatEndpoint(Transport transport, const Address &address);

const char *schemeName(Transport transport);
/// TCP, UNIX stream and UNIX seqpacket: connected, with listen/accept.
bool isConnectionOriented(Transport transport);
/// SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET.
int socketType(Transport transport);
/// "tcp", "tcp6", "udp", "udp6", "unix" as netstat's Proto column names them.
std::string protoName(Transport transport, int family);

} // namespace sb
