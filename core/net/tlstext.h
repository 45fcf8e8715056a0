#pragma once

#include "core/net/event.h"

#include <cstddef>
#include <string>

namespace sb {

/// "ClientHello" for handshake message type 1, ... as RFC 8446 names them; "handshake
/// message 99" for one it does not name.
std::string tlsHandshakeName(int type);
/// One line of the handshake narration for a message OpenSSL's message callback reports:
/// "sent ClientHello (512 bytes)", "received alert fatal: bad certificate"; empty for what is
/// not a message (record headers, inner content types).
std::string tlsMessageLine(bool sent, int contentType, const unsigned char *buf, size_t len);
/// X509_verify_cert_error_string's text for code ("self-signed certificate").
std::string tlsVerifyText(long code);
/// What usually causes a verification failure, in a sentence, as errnoCause does for errno;
/// "" when there is nothing more to say.
const char *tlsVerifyCause(long code);
/// "TLSv1.3" for a protocol version number (TLS1_3_VERSION).
std::string tlsVersionName(int version);
/// "TLSv1.3, TLS_AES_256_GCM_SHA384, ALPN h2, SNI localhost": what a handshake agreed.
std::string tlsSummary(const ev::TlsEstablished &tls);
/// "CN=localhost (issuer CN=Test CA; valid 2026-12-03 08:00:00 UTC to 2027-01-02 ...)"
std::string tlsCertificateLine(const ev::TlsCertificate &cert);

} // namespace sb
