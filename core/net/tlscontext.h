#pragma once

#include "core/net/tlssettings.h"
#include "core/text/result.h"

#include <memory>
#include <mutex>
#include <string>

typedef struct ssl_ctx_st SSL_CTX;

namespace sb {

/// OpenSSL's SSL_CTX for one tls:// endpoint, made from its TlsSettings: certificate and key
/// (or a self-signed pair), the CA store, the versions, ALPN and the key log. Made once and
/// shared by the endpoint's connections (TlsSession); thread-safe once made.
class TlsContext
{
public:
    /// Checks what the settings name (files that exist and parse, a key that matches its
    /// certificate) and says what is wrong in one line naming what was typed.
    static Result<std::shared_ptr<TlsContext>> create(const TlsSettings &settings, bool server);
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;

    SSL_CTX *native() const { return m_ctx; }
    bool server() const { return m_server; }
    const TlsSettings &settings() const { return m_settings; }
    /// The file the session secrets are appended to; empty: none.
    const std::string &keylogPath() const { return m_keylog; }
    /// What was done on the way that a person should hear ("made a self-signed pair: ...").
    const std::string &note() const { return m_note; }

    /// Appends one SSLKEYLOGFILE line (the key log callback); never truncates the file.
    void appendKeylog(const char *line);

private:
    TlsContext(const TlsSettings &settings, bool server);

    TlsSettings m_settings;
    bool m_server;
    SSL_CTX *m_ctx = nullptr;
    std::string m_keylog;
    std::string m_note;
    std::string m_alpnWire; ///< ALPN list in its wire format (length-prefixed names)
    std::mutex m_keylogMutex;
};

} // namespace sb
