#pragma once

#include <string>
#include <vector>

namespace sb {

/// What a tls:// endpoint is asked to do, as typed (CLI options, the panel's TLS section).
/// Plain values: TlsContext (tlscontext.h) turns them into OpenSSL's context.
struct TlsSettings
{
    std::string certFile; ///< PEM certificate (chain) this side presents; a server needs one
    std::string keyFile; ///< PEM private key of certFile
    std::string caFile; ///< PEM CA certificates that verify the peer; empty: the system store
    /// Server without certFile: the folder where a self-signed pair is made (or reused, never
    /// overwritten); empty: the server needs certFile and keyFile.
    std::string selfSignedDir;
    bool insecure = false; ///< client: accept a certificate that fails verification
    std::vector<std::string> alpn; ///< protocols offered (client) or accepted (server), in order
    /// Appended to (SSLKEYLOGFILE format); empty: $SSLKEYLOGFILE if set, else none.
    std::string keylogFile;
    int version = 0; ///< 0: TLS 1.2 or 1.3; 12 or 13: only that version
    /// Client: the name sent as SNI and checked against the certificate; empty: the host of
    /// the endpoint (no SNI for an IP literal, whose address is checked instead).
    std::string serverName;
};

} // namespace sb
