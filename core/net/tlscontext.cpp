#include "core/net/tlscontext.h"

#include "core/net/tlsselfsigned.h"
#include "core/text/errnoinfo.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb {
namespace {

/// OpenSSL's reason for the last failure ("key values mismatch"), emptying its error queue.
std::string opensslReason()
{
    std::string reason;
    while (const unsigned long e = ERR_get_error()) {
        const char *r = ERR_reason_error_string(e);
        reason = r ? r : "error " + std::to_string(e); // the earliest is the most telling
        if (!reason.empty())
            break;
    }
    ERR_clear_error();
    return reason.empty() ? "unknown OpenSSL error" : reason;
}

/// "" when path names a readable regular file; else why not, naming it as typed.
std::string checkFile(const char *what, const std::string &path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0)
        return std::string(what) + " '" + path + "': " + errnoText(errno);
    if (S_ISDIR(st.st_mode))
        return std::string(what) + " '" + path + "' is a directory, not a file";
    if (::access(path.c_str(), R_OK) != 0)
        return std::string(what) + " '" + path + "': " + errnoText(errno);
    return {};
}

void keylogCallback(const SSL *ssl, const char *line)
{
    auto *self = static_cast<TlsContext *>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    if (self)
        self->appendKeylog(line);
}

/// Server side of ALPN: the first of our protocols that the client offers.
int selectAlpn(SSL *, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
               unsigned int inlen, void *arg)
{
    const auto *wire = static_cast<const std::string *>(arg);
    unsigned char *chosen = nullptr;
    const int r = SSL_select_next_proto(&chosen, outlen,
                                        reinterpret_cast<const unsigned char *>(wire->data()),
                                        static_cast<unsigned>(wire->size()), in, inlen);
    if (r != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK; // no protocol in common: go on without one
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

} // namespace

TlsContext::TlsContext(const TlsSettings &settings, bool server)
    : m_settings(settings)
    , m_server(server)
{ }

TlsContext::~TlsContext()
{
    if (m_ctx)
        SSL_CTX_free(m_ctx);
}

Result<std::shared_ptr<TlsContext>> TlsContext::create(const TlsSettings &settings, bool server)
{
    std::shared_ptr<TlsContext> self(new TlsContext(settings, server));
    TlsSettings &s = self->m_settings;
    if (s.certFile.empty() != s.keyFile.empty())
        return InputError {
                s.certFile.empty()
                        ? "a key file ('" + s.keyFile + "') needs its certificate file as well"
                        : "a certificate file ('" + s.certFile + "') needs its key file as well"};
    if (server && s.certFile.empty()) {
        if (s.selfSignedDir.empty())
            return InputError {"a TLS server needs a certificate and its key, or a self-signed "
                               "pair made on request"};
        auto pair = makeSelfSignedPair(s.selfSignedDir);
        if (!pair)
            return InputError {pair.error()};
        s.certFile = pair->certFile;
        s.keyFile = pair->keyFile;
        self->m_note = (pair->made ? "made a self-signed certificate: "
                                   : "reusing the "
                                     "self-signed "
                                     "certificate ")
                + s.certFile + " (key " + s.keyFile + ")";
    }
    for (const auto &[what, path] :
         {std::pair {"certificate file", &s.certFile}, std::pair {"key file", &s.keyFile},
          std::pair {"CA file", &s.caFile}}) {
        if (path->empty())
            continue;
        if (std::string why = checkFile(what, *path); !why.empty())
            return InputError {why};
    }
    if (s.version != 0 && s.version != 12 && s.version != 13)
        return InputError {"TLS version " + std::to_string(s.version) + " is not 1.2 or 1.3"};

    ERR_clear_error();
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx)
        return InputError {"OpenSSL could not make a context: " + opensslReason()};
    self->m_ctx = ctx;
    SSL_CTX_set_app_data(ctx, self.get());
    const int minV = s.version == 13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    const int maxV = s.version == 12 ? TLS1_2_VERSION : TLS1_3_VERSION;
    SSL_CTX_set_min_proto_version(ctx, minV);
    SSL_CTX_set_max_proto_version(ctx, maxV);
    // Partial writes off: one SSL_write takes a whole chunk into the memory BIO.
    SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY);

    if (!s.certFile.empty()) {
        if (SSL_CTX_use_certificate_chain_file(ctx, s.certFile.c_str()) != 1)
            return InputError {"certificate file '" + s.certFile
                               + "' holds no PEM certificate: " + opensslReason()};
        if (SSL_CTX_use_PrivateKey_file(ctx, s.keyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
            const std::string reason = opensslReason();
            if (reason.find("mismatch") != std::string::npos)
                return InputError {"key file '" + s.keyFile + "' does not match certificate '"
                                   + s.certFile + "'"};
            return InputError {"key file '" + s.keyFile + "' holds no PEM private key: " + reason};
        }
        if (SSL_CTX_check_private_key(ctx) != 1)
            return InputError {"key file '" + s.keyFile + "' does not match certificate '"
                               + s.certFile + "'"};
    }
    if (!server) {
        const bool loaded = s.caFile.empty()
                ? SSL_CTX_set_default_verify_paths(ctx) == 1
                : SSL_CTX_load_verify_locations(ctx, s.caFile.c_str(), nullptr) == 1;
        if (!loaded)
            return InputError {s.caFile.empty() ? "the system's CA store could not be read: "
                                               + opensslReason()
                                                : "CA file '" + s.caFile
                                               + "' holds no PEM certificate: " + opensslReason()};
    }

    std::string wire;
    for (const std::string &p : s.alpn) {
        if (p.empty() || p.size() > 255)
            return InputError {"ALPN protocol '" + p + "' must be 1 to 255 bytes long"};
        wire += static_cast<char>(p.size());
        wire += p;
    }
    self->m_alpnWire = wire;
    if (!wire.empty()) {
        if (server)
            SSL_CTX_set_alpn_select_cb(ctx, selectAlpn, &self->m_alpnWire);
        else if (SSL_CTX_set_alpn_protos(ctx, reinterpret_cast<const unsigned char *>(wire.data()),
                                         static_cast<unsigned>(wire.size()))
                 != 0)
            return InputError {"ALPN list could not be set: " + opensslReason()};
    }

    self->m_keylog = s.keylogFile;
    if (self->m_keylog.empty()) {
        if (const char *env = std::getenv("SSLKEYLOGFILE"); env && *env)
            self->m_keylog = env;
    }
    if (!self->m_keylog.empty()) {
        // Opened once now, so a path that cannot be written is said at once; appended to, the
        // file a person keeps other sessions in is never truncated.
        const int fd
                = ::open(self->m_keylog.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return InputError {"key log file '" + self->m_keylog + "': " + errnoText(errno)};
        ::close(fd);
        SSL_CTX_set_keylog_callback(ctx, keylogCallback);
    }
    return self;
}

void TlsContext::appendKeylog(const char *line)
{
    std::lock_guard lock(m_keylogMutex);
    const int fd = ::open(m_keylog.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    std::string text = std::string(line) + "\n";
    // O_APPEND: one write of a whole line, even beside another writer of the same file.
    [[maybe_unused]] const ssize_t n = ::write(fd, text.data(), text.size());
    ::close(fd);
}

} // namespace sb
