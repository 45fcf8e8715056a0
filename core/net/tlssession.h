#pragma once

#include "core/net/event.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

typedef struct ssl_st SSL;
typedef struct bio_st BIO;
typedef struct x509_store_ctx_st X509_STORE_CTX;

namespace sb {

class TlsContext;

/// One TLS connection over memory BIOs: it makes no socket call. Its owner (Connection) recvs
/// the ciphertext with its own traced calls and feeds it in, and sends what takeOutput()
/// hands out, so the trace shows the real socket calls and the counters the bytes that went
/// over the socket. Loop thread only.
class TlsSession
{
public:
    /// One line of narration per handshake message or alert, and its size in bytes.
    using Narrator = std::function<void(std::string line, size_t length)>;
    enum class Status : uint8_t {
        Done, ///< the handshake finished, or bytes were read
        WantMore, ///< needs more ciphertext from the socket
        Closed, ///< the peer's close_notify: its orderly end
        Failed, ///< an alert, a verification failure, a broken record: failure() says
    };

    /// host: the endpoint's host as typed; for a client the SNI and the name verified.
    TlsSession(std::shared_ptr<TlsContext> context, const std::string &host, Narrator narrator);
    ~TlsSession();
    TlsSession(const TlsSession &) = delete;
    TlsSession &operator=(const TlsSession &) = delete;

    /// Ciphertext received from the socket.
    void feed(const char *data, size_t len);
    /// Ciphertext to send on the socket (handshake messages, records, alerts); empties it.
    std::string takeOutput();

    /// One step of the handshake; Done once it is finished (then established() tells).
    Status handshake();
    bool handshakeDone() const { return m_done; }
    /// Plaintext into buf; *n bytes when Done.
    Status read(char *buf, size_t len, size_t *n);
    /// Encrypts all of data; false on failure (failure()).
    bool write(const char *data, size_t len);
    /// Queues close_notify (once).
    void close();
    bool closeSent() const { return m_closeSent; }

    /// What the finished handshake agreed, for the TlsEstablished event.
    ev::TlsEstablished established() const;
    /// Why the session failed, in words ("certificate verify failed: self-signed certificate").
    const std::string &failure() const { return m_failure; }
    /// The usual cause of that failure, when known.
    const std::string &failureHint() const { return m_hint; }

private:
    static int verifyCallback(int ok, X509_STORE_CTX *store);
    static void messageCallback(int writeP, int version, int contentType, const void *buf,
                                size_t len, SSL *ssl, void *arg);
    Status failWith(int sslError, const char *during);

    std::shared_ptr<TlsContext> m_context;
    Narrator m_narrator;
    SSL *m_ssl = nullptr;
    BIO *m_in = nullptr; ///< the socket's ciphertext, read by SSL (owned by m_ssl)
    BIO *m_out = nullptr; ///< SSL's ciphertext for the socket (owned by m_ssl)
    std::string m_host;
    bool m_done = false;
    bool m_closeSent = false;
    long m_verifyError = 0; ///< the first verification failure seen, 0 for none
    int m_verifyDepth = 0;
    std::string m_verifySubject; ///< the certificate it was about
    std::string m_failure;
    std::string m_hint;
};

} // namespace sb
