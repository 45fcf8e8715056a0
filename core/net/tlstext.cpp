#include "core/net/tlstext.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace sb {

std::string tlsHandshakeName(int type)
{
    switch (type) {
    case 0:
        return "HelloRequest";
    case 1:
        return "ClientHello";
    case 2:
        return "ServerHello";
    case 3:
        return "HelloVerifyRequest";
    case 4:
        return "NewSessionTicket";
    case 5:
        return "EndOfEarlyData";
    case 8:
        return "EncryptedExtensions";
    case 11:
        return "Certificate";
    case 12:
        return "ServerKeyExchange";
    case 13:
        return "CertificateRequest";
    case 14:
        return "ServerHelloDone";
    case 15:
        return "CertificateVerify";
    case 16:
        return "ClientKeyExchange";
    case 20:
        return "Finished";
    case 22:
        return "CertificateStatus";
    case 24:
        return "KeyUpdate";
    case 254:
        return "MessageHash";
    }
    return "handshake message " + std::to_string(type);
}

std::string tlsMessageLine(bool sent, int contentType, const unsigned char *buf, size_t len)
{
    const std::string dir = sent ? "sent " : "received ";
    switch (contentType) {
    case SSL3_RT_HANDSHAKE:
        if (len < 1)
            return {};
        return dir + tlsHandshakeName(buf[0]) + " (" + std::to_string(len) + " bytes)";
    case SSL3_RT_CHANGE_CIPHER_SPEC:
        return dir + "ChangeCipherSpec";
    case SSL3_RT_ALERT: {
        if (len < 2)
            return dir + "alert";
        const int value = (buf[0] << 8) | buf[1];
        const std::string level = buf[0] == 2 ? "fatal" : "warning";
        return dir + "alert " + level + ": " + SSL_alert_desc_string_long(value) + " ("
                + std::to_string(buf[1]) + ")";
    }
    default:
        return {}; // record headers, inner content types: not messages
    }
}

std::string tlsVerifyText(long code) { return X509_verify_cert_error_string(code); }

const char *tlsVerifyCause(long code)
{
    switch (code) {
    case X509_V_OK:
        return "";
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return "the certificate's validity period is over: the server was not given its "
               "renewed certificate, or this machine's clock is wrong";
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return "the certificate is valid only from a later date: this machine's clock (or the "
               "one that made it) is wrong";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        return "the server signed its own certificate, and nothing trusted vouches for it: give "
               "it with --ca FILE if you trust it, or accept anyway with --insecure";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return "the chain ends at a root CA that is not in the trusted store (a private or "
               "company CA): give that CA with --ca FILE";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        return "the issuer of the certificate is unknown: the server does not send its "
               "intermediate certificates, or it is signed by a CA this side does not trust "
               "(give it with --ca FILE)";
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return "the chain the server sends is incomplete: an intermediate certificate is missing";
    case X509_V_ERR_HOSTNAME_MISMATCH:
        return "the certificate is for another name than the one connected to: a wrong host "
               "name, or a server that serves several names without the right one for this";
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return "the certificate does not list the IP address connected to: connect by the name "
               "it was made for";
    case X509_V_ERR_CERT_REVOKED:
        return "the issuing CA withdrew the certificate";
    case X509_V_ERR_INVALID_PURPOSE:
        return "the certificate is not meant for a TLS server (its key usage says otherwise)";
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        return "the certificate's signature does not check out: it was altered, or is not the "
               "one its issuer signed";
    case X509_V_ERR_EE_KEY_TOO_SMALL:
    case X509_V_ERR_CA_MD_TOO_WEAK:
        return "the certificate uses a key or hash the security level refuses as too weak";
    }
    return "";
}

std::string tlsVersionName(int version)
{
    switch (version) {
    case TLS1_3_VERSION:
        return "TLSv1.3";
    case TLS1_2_VERSION:
        return "TLSv1.2";
    case TLS1_1_VERSION:
        return "TLSv1.1";
    case TLS1_VERSION:
        return "TLSv1";
    }
    return "version " + std::to_string(version);
}

std::string tlsSummary(const ev::TlsEstablished &tls)
{
    std::string s = tls.version + ", " + tls.cipher;
    s += tls.alpn.empty() ? ", no ALPN protocol" : ", ALPN " + tls.alpn;
    if (!tls.serverName.empty())
        s += ", SNI " + tls.serverName;
    if (tls.resumed)
        s += ", resumed session";
    return s;
}

std::string tlsCertificateLine(const ev::TlsCertificate &cert)
{
    return cert.subject + " (issuer " + cert.issuer + "; valid " + cert.notBefore + " to "
            + cert.notAfter + ")";
}

} // namespace sb
