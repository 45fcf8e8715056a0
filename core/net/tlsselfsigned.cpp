#include "core/net/tlsselfsigned.h"

#include "core/text/errnoinfo.h"

#include <cerrno>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr const char *kCertName = "sockbench-selfsigned.crt";
constexpr const char *kKeyName = "sockbench-selfsigned.key";
constexpr long kValidDays = 30;

bool exists(const std::string &path)
{
    struct stat st
    {
    };
    return ::lstat(path.c_str(), &st) == 0;
}

/// The PEM text that write() puts in a memory BIO.
template<class Write>
std::string pem(Write write)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || !write(bio.get()))
        return {};
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(n));
}

/// Writes a new file (O_EXCL: never one that exists); "" or why not.
std::string writeNew(const std::string &path, const std::string &text, mode_t mode)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return "'" + path + "': " + errnoText(errno);
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = errno;
            ::close(fd);
            return "'" + path + "': " + errnoText(err);
        }
        done += static_cast<size_t>(n);
    }
    ::close(fd);
    return {};
}

bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

} // namespace

Result<SelfSignedPair> makeSelfSignedPair(const std::string &dir)
{
    SelfSignedPair pair;
    const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
    pair.certFile = base + kCertName;
    pair.keyFile = base + kKeyName;
    const bool haveCert = exists(pair.certFile);
    const bool haveKey = exists(pair.keyFile);
    if (haveCert && haveKey)
        return pair; // made before: reused as it is
    if (haveCert || haveKey)
        return InputError {
                "'" + (haveCert ? pair.certFile : pair.keyFile) + "' is there without its "
                + (haveCert ? "key" : "certificate")
                + "; not overwriting it (move it away, or give the certificate and key)"};
    struct stat st
    {
    };
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return InputError {"self-signed folder '" + dir + "' is not a directory"};

    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    if (!key || !cert)
        return InputError {"OpenSSL could not make a key"};
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // positive
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidDays * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("SockBench self-signed"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    const bool extOk
            = addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1")
            && addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE")
            && addExtension(cert.get(), NID_subject_key_identifier, "hash");
    if (!extOk || X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return InputError {"OpenSSL could not sign the self-signed certificate"};

    const std::string certPem = pem([&](BIO *b) { return PEM_write_bio_X509(b, cert.get()) == 1; });
    const std::string keyPem = pem([&](BIO *b) {
        return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
    if (certPem.empty() || keyPem.empty())
        return InputError {"OpenSSL could not write the self-signed pair"};
    if (std::string why = writeNew(pair.keyFile, keyPem, 0600); !why.empty())
        return InputError {why};
    if (std::string why = writeNew(pair.certFile, certPem, 0644); !why.empty()) {
        ::unlink(pair.keyFile.c_str()); // ours, made a moment ago
        return InputError {why};
    }
    pair.made = true;
    return pair;
}

} // namespace sb
