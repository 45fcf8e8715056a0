#include "core/net/tlssession.h"

#include "core/net/tlscontext.h"
#include "core/net/tlstext.h"

#include <cstring>
#include <ctime>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

namespace sb {
namespace {

bool isIpLiteral(const std::string &host)
{
    unsigned char buf[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, host.c_str(), buf) == 1
            || ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

std::string nameText(const X509_NAME *name)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || !name)
        return {};
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(n));
}

std::string timeText(const ASN1_TIME *t)
{
    std::tm tm {};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return "?";
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

/// The usual cause of a handshake failure OpenSSL names by its reason text.
std::string reasonHint(const std::string &reason)
{
    struct Hint
    {
        const char *needle;
        const char *hint;
    };
    static const Hint kHints[] = {
            {"wrong version number",
             "the peer does not speak TLS here (a plain TCP service?), "
             "or answered with something else than a TLS record"},
            {"packet length too long", "the peer does not speak TLS here (a plain TCP service?)"},
            {"http request", "the peer sent plain HTTP to a TLS port"},
            {"unsupported protocol",
             "the two sides have no TLS version in common (one is "
             "pinned to a version the other refuses)"},
            {"protocol version",
             "the two sides have no TLS version in common (one is pinned "
             "to a version the other refuses)"},
            {"unknown ca",
             "the peer does not trust the CA that signed our certificate (a "
             "self-signed one, say)"},
            {"bad certificate", "the peer refused our certificate"},
            {"certificate unknown", "the peer refused our certificate"},
            {"no shared cipher", "the two sides have no cipher suite in common"},
            {"handshake failure",
             "the peer found nothing acceptable in what was offered "
             "(versions, ciphers, ALPN protocols)"},
            {"no application protocol", "the server speaks none of the ALPN protocols offered"},
            {"unexpected eof", "the peer closed the TCP connection without TLS's close_notify"},
    };
    for (const Hint &h : kHints)
        if (reason.find(h.needle) != std::string::npos)
            return h.hint;
    return {};
}

} // namespace

TlsSession::TlsSession(std::shared_ptr<TlsContext> context, const std::string &host,
                       Narrator narrator)
    : m_context(std::move(context))
    , m_narrator(std::move(narrator))
    , m_host(host)
{
    m_ssl = SSL_new(m_context->native());
    m_in = BIO_new(BIO_s_mem());
    m_out = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(m_in, -1); // empty means "more to come", not the end
    BIO_set_mem_eof_return(m_out, -1);
    SSL_set_bio(m_ssl, m_in, m_out);
    SSL_set_app_data(m_ssl, this);
    SSL_set_msg_callback(m_ssl, messageCallback);
    SSL_set_msg_callback_arg(m_ssl, this);
    if (m_context->server()) {
        SSL_set_accept_state(m_ssl);
        return;
    }
    SSL_set_connect_state(m_ssl);
    SSL_set_verify(m_ssl, SSL_VERIFY_PEER, verifyCallback);
    const std::string &name
            = m_context->settings().serverName.empty() ? host : m_context->settings().serverName;
    if (isIpLiteral(name)) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(m_ssl), name.c_str());
    } else if (!name.empty()) {
        SSL_set_tlsext_host_name(m_ssl, name.c_str());
        SSL_set1_host(m_ssl, name.c_str());
    }
}

TlsSession::~TlsSession() { SSL_free(m_ssl); } // frees both BIOs

void TlsSession::feed(const char *data, size_t len)
{
    if (len)
        BIO_write(m_in, data, static_cast<int>(len));
}

std::string TlsSession::takeOutput()
{
    const size_t pending = BIO_ctrl_pending(m_out);
    if (pending == 0)
        return {};
    std::string out(pending, '\0');
    const int n = BIO_read(m_out, out.data(), static_cast<int>(pending));
    out.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return out;
}

int TlsSession::verifyCallback(int ok, X509_STORE_CTX *store)
{
    auto *ssl = static_cast<SSL *>(
            X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto *self = ssl ? static_cast<TlsSession *>(SSL_get_app_data(ssl)) : nullptr;
    if (ok || !self)
        return ok;
    if (!self->m_verifyError) { // the first is the cause; what follows is its consequence
        self->m_verifyError = X509_STORE_CTX_get_error(store);
        self->m_verifyDepth = X509_STORE_CTX_get_error_depth(store);
        if (X509 *cert = X509_STORE_CTX_get_current_cert(store))
            self->m_verifySubject = nameText(X509_get_subject_name(cert));
    }
    return self->m_context->settings().insecure ? 1 : 0;
}

void TlsSession::messageCallback(int writeP, int, int contentType, const void *buf, size_t len,
                                 SSL *, void *arg)
{
    auto *self = static_cast<TlsSession *>(arg);
    std::string line = tlsMessageLine(writeP != 0, contentType,
                                      static_cast<const unsigned char *>(buf), len);
    if (!line.empty() && self->m_narrator)
        self->m_narrator(std::move(line), len);
}

TlsSession::Status TlsSession::failWith(int sslError, const char *during)
{
    if (sslError == SSL_ERROR_ZERO_RETURN)
        return Status::Closed;
    if (m_verifyError && !m_context->settings().insecure) {
        m_failure = "certificate verify failed: " + tlsVerifyText(m_verifyError);
        if (!m_verifySubject.empty())
            m_failure += " (certificate " + std::to_string(m_verifyDepth) + ": " + m_verifySubject
                    + ")";
        m_hint = tlsVerifyCause(m_verifyError);
        ERR_clear_error();
        return Status::Failed;
    }
    std::string reason;
    if (const unsigned long e = ERR_peek_error()) {
        const char *r = ERR_reason_error_string(e);
        reason = r ? r : "error " + std::to_string(e);
    } else if (sslError == SSL_ERROR_SYSCALL) {
        reason = "unexpected eof while reading";
    } else {
        reason = "SSL error " + std::to_string(sslError);
    }
    ERR_clear_error();
    m_failure = std::string(during) + " failed: " + reason;
    m_hint = reasonHint(reason);
    return Status::Failed;
}

TlsSession::Status TlsSession::handshake()
{
    if (m_done)
        return Status::Done;
    ERR_clear_error();
    const int r = SSL_do_handshake(m_ssl);
    if (r == 1) {
        m_done = true;
        return Status::Done;
    }
    const int err = SSL_get_error(m_ssl, r);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE)
        return Status::WantMore;
    return failWith(err, "TLS handshake");
}

TlsSession::Status TlsSession::read(char *buf, size_t len, size_t *n)
{
    ERR_clear_error();
    *n = 0;
    const int r = SSL_read_ex(m_ssl, buf, len, n);
    if (r == 1)
        return Status::Done;
    const int err = SSL_get_error(m_ssl, r);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE)
        return Status::WantMore;
    return failWith(err, "TLS read");
}

bool TlsSession::write(const char *data, size_t len)
{
    ERR_clear_error();
    size_t written = 0;
    if (len == 0)
        return true;
    if (SSL_write_ex(m_ssl, data, len, &written) == 1 && written == len)
        return true;
    failWith(SSL_get_error(m_ssl, 0), "TLS write");
    return false;
}

void TlsSession::close()
{
    if (m_closeSent)
        return;
    m_closeSent = true;
    ERR_clear_error();
    SSL_shutdown(m_ssl); // queues close_notify in the output BIO
    ERR_clear_error();
}

ev::TlsEstablished TlsSession::established() const
{
    ev::TlsEstablished e;
    e.version = SSL_get_version(m_ssl);
    e.cipher = SSL_get_cipher_name(m_ssl);
    const unsigned char *alpn = nullptr;
    unsigned alpnLen = 0;
    SSL_get0_alpn_selected(m_ssl, &alpn, &alpnLen);
    if (alpn)
        e.alpn.assign(reinterpret_cast<const char *>(alpn), alpnLen);
    if (const char *sni = SSL_get_servername(m_ssl, TLSEXT_NAMETYPE_host_name))
        e.serverName = sni;
    e.resumed = SSL_session_reused(m_ssl) == 1;
    if (STACK_OF(X509) *chain = SSL_get_peer_cert_chain(m_ssl)) {
        for (int i = 0; i < sk_X509_num(chain); ++i) {
            X509 *cert = sk_X509_value(chain, i);
            e.chain.push_back(
                    {nameText(X509_get_subject_name(cert)), nameText(X509_get_issuer_name(cert)),
                     timeText(X509_get0_notBefore(cert)), timeText(X509_get0_notAfter(cert))});
        }
    }
    if (!m_context->server()) {
        e.verified = m_verifyError == 0 && SSL_get_verify_result(m_ssl) == X509_V_OK;
        if (m_verifyError) {
            e.verifyProblem = tlsVerifyText(m_verifyError);
            if (!m_verifySubject.empty())
                e.verifyProblem += " (certificate " + std::to_string(m_verifyDepth) + ": "
                        + m_verifySubject + ")";
            e.verifyHint = tlsVerifyCause(m_verifyError);
        }
    }
    return e;
}

} // namespace sb
