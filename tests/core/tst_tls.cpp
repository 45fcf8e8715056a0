// TLS endpoints in one process: a tls:// server and client of the engine, over loopback, with
// a self-signed pair the engine makes in a temporary folder. The CLI tests (tst_cli_tls) meet
// openssl s_server, s_client and socat; this one checks the events and the narration.

#include "../support/testregistry.h"
#include "core/net/endpoint.h"
#include "core/net/tlscontext.h"
#include "core/net/tlsselfsigned.h"
#include "eventwaiter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using sbtest::EventWaiter;

namespace {

EndpointConfig tlsServer(const TlsSettings &tls)
{
    EndpointConfig c;
    c.role = Role::Server;
    c.spec = *parseEndpoint("tls://127.0.0.1:0");
    c.responder.kind = ResponderSpec::Kind::Echo;
    c.tls = tls;
    return c;
}

EndpointConfig tlsClient(uint16_t port, const TlsSettings &tls, const char *host = "127.0.0.1")
{
    EndpointConfig c;
    c.role = Role::Client;
    c.spec = *parseEndpoint(std::string("tls://") + host + ":" + std::to_string(port));
    c.tls = tls;
    return c;
}

/// The narration lines (SysCall::Tls records) seen so far, one per line.
std::string narration(EventWaiter &w)
{
    std::string all;
    for (const Event &e : w.seen()) {
        const auto *t = e.as<ev::Trace>();
        if (t && t->record && t->record->call == SysCall::Tls)
            all += t->record->text + "\n";
    }
    return all;
}

std::string readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

} // namespace

class TstTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TlsSettings m_serverTls;
    std::string m_cert;

    /// A server on port 0; returns its port (0 on failure).
    uint16_t startServer(std::unique_ptr<Endpoint> &server, EventWaiter &w, const TlsSettings &tls)
    {
        server = Endpoint::create(tlsServer(tls), w.sink(), sbtest::registry());
        server->start();
        const auto *l = w.waitBody<ev::Listening>();
        return l ? l->local.port() : 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto pair = makeSelfSignedPair(m_dir.path().toStdString());
        QVERIFY2(pair.ok(), pair.ok() ? "" : pair.error().c_str());
        QVERIFY(pair->made);
        m_cert = pair->certFile;
        m_serverTls.certFile = pair->certFile;
        m_serverTls.keyFile = pair->keyFile;
    }

    void verifiedEchoAndNarration_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("TLS 1.2") << 12;
        QTest::newRow("TLS 1.3") << 13;
    }
    void verifiedEchoAndNarration()
    {
        QFETCH(int, version);
        EventWaiter sw, cw;
        std::unique_ptr<Endpoint> server;
        TlsSettings st = m_serverTls;
        st.alpn = {"h2", "http/1.1"};
        const uint16_t port = startServer(server, sw, st);
        QVERIFY(port);
        TlsSettings ct;
        ct.caFile = m_cert;
        ct.version = version;
        ct.alpn = {"x-unknown", "http/1.1"};
        auto client = Endpoint::create(tlsClient(port, ct), cw.sink(), sbtest::registry());
        client->start();
        const auto *up = cw.waitBody<ev::TlsEstablished>();
        QVERIFY2(up, narration(cw).c_str());
        QVERIFY(up->verified);
        QVERIFY(up->verifyProblem.empty());
        QCOMPARE(up->version, std::string(version == 12 ? "TLSv1.2" : "TLSv1.3"));
        QCOMPARE(up->alpn, std::string("http/1.1")); // the server's first that the client offers
        QCOMPARE(up->chain.size(), size_t(1));
        QCOMPARE(up->chain[0].subject, std::string("CN=localhost,O=SockBench self-signed"));
        QVERIFY(sw.waitBody<ev::TlsEstablished>());

        client->send(0, makeBytes(std::string("hello over TLS")));
        QVERIFY(cw.waitFor([&](const Event &) { return cw.received(1) == "hello over TLS"; }));
        // The plaintext is what the Data events carry; the socket's recv got ciphertext.
        bool cipherSeen = false;
        for (const Event &e : cw.seen()) {
            const auto *t = e.as<ev::Trace>();
            if (t && t->record->call == SysCall::Recv && t->record->result > 0)
                cipherSeen = cipherSeen
                        || view(t->record->data).find("hello") == std::string_view::npos;
        }
        QVERIFY(cipherSeen);

        const std::string lines = narration(cw);
        QVERIFY2(lines.find("sent ClientHello") != std::string::npos, lines.c_str());
        QVERIFY2(lines.find("received ServerHello") != std::string::npos, lines.c_str());
        QVERIFY2(lines.find("received Certificate") != std::string::npos, lines.c_str());
        QVERIFY2(lines.find("sent Finished") != std::string::npos, lines.c_str());
        QVERIFY2(lines.find("handshake done: TLSv1.") != std::string::npos, lines.c_str());
        if (version == 13)
            QVERIFY2(lines.find("received EncryptedExtensions") != std::string::npos,
                     lines.c_str());
        else
            QVERIFY2(lines.find("received ServerHelloDone") != std::string::npos, lines.c_str());

        // An orderly close sends close_notify; the server sees the peer's end.
        client->close(0);
        QVERIFY(cw.waitKind<ev::Closed>(1));
        QVERIFY(narration(cw).find("sent alert warning: close notify") != std::string::npos);
        QVERIFY(sw.waitKind<ev::PeerEof>());
    }

    void selfSignedRefusedWithReason()
    {
        EventWaiter sw, cw;
        std::unique_ptr<Endpoint> server;
        const uint16_t port = startServer(server, sw, m_serverTls);
        QVERIFY(port);
        auto client
                = Endpoint::create(tlsClient(port, TlsSettings {}), cw.sink(), sbtest::registry());
        client->start();
        const auto *err = cw.waitBody<ev::Error>();
        QVERIFY(err);
        QCOMPARE(err->op, std::string("tls"));
        QVERIFY2(err->detail.find("self-signed certificate") != std::string::npos,
                 err->detail.c_str());
        QVERIFY2(err->hint.find("--ca") != std::string::npos, err->hint.c_str());
        QVERIFY(cw.waitKind<ev::Closed>(1));
        // The client told the server why, by an alert named in its narration.
        QVERIFY2(narration(cw).find("sent alert fatal:") != std::string::npos,
                 narration(cw).c_str());
        const auto *serverErr = sw.waitBody<ev::Error>();
        QVERIFY(serverErr);
        QVERIFY2(serverErr->detail.find("alert") != std::string::npos, serverErr->detail.c_str());
        for (const Event &e : cw.seen())
            QVERIFY(!e.is<ev::TlsEstablished>());
    }

    void wrongNameRefused()
    {
        EventWaiter sw, cw;
        std::unique_ptr<Endpoint> server;
        const uint16_t port = startServer(server, sw, m_serverTls);
        QVERIFY(port);
        TlsSettings ct;
        ct.caFile = m_cert;
        ct.serverName = "wrong.example";
        auto client = Endpoint::create(tlsClient(port, ct), cw.sink(), sbtest::registry());
        client->start();
        const auto *err = cw.waitBody<ev::Error>();
        QVERIFY(err);
        QVERIFY2(err->detail.find("hostname mismatch") != std::string::npos, err->detail.c_str());
    }

    void insecureAcceptsAndTells()
    {
        EventWaiter sw, cw;
        std::unique_ptr<Endpoint> server;
        const uint16_t port = startServer(server, sw, m_serverTls);
        QVERIFY(port);
        TlsSettings ct;
        ct.insecure = true;
        auto client = Endpoint::create(tlsClient(port, ct), cw.sink(), sbtest::registry());
        client->start();
        const auto *up = cw.waitBody<ev::TlsEstablished>();
        QVERIFY(up);
        QVERIFY(!up->verified);
        QVERIFY2(up->verifyProblem.find("self-signed certificate") != std::string::npos,
                 up->verifyProblem.c_str());
        QVERIFY(!up->verifyHint.empty());
        client->send(0, makeBytes(std::string("still encrypted")));
        QVERIFY(cw.waitFor([&](const Event &) { return cw.received(1) == "still encrypted"; }));
    }

    void keylogAppendsNeverTruncates_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("label");
        QTest::newRow("TLS 1.2") << 12 << "CLIENT_RANDOM ";
        QTest::newRow("TLS 1.3") << 13 << "CLIENT_HANDSHAKE_TRAFFIC_SECRET ";
    }
    void keylogAppendsNeverTruncates()
    {
        QFETCH(int, version);
        QFETCH(QString, label);
        const QString path = m_dir.filePath(QStringLiteral("keylog-%1.txt").arg(version));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("# a line the person keeps\n");
        }
        EventWaiter sw, cw;
        std::unique_ptr<Endpoint> server;
        const uint16_t port = startServer(server, sw, m_serverTls);
        QVERIFY(port);
        TlsSettings ct;
        ct.caFile = m_cert;
        ct.version = version;
        ct.keylogFile = path.toStdString();
        auto client = Endpoint::create(tlsClient(port, ct), cw.sink(), sbtest::registry());
        client->start();
        QVERIFY(cw.waitBody<ev::TlsEstablished>());
        const std::string text = readFile(path);
        QVERIFY(text.starts_with("# a line the person keeps\n"));
        QVERIFY2(text.find(label.toStdString()) != std::string::npos, text.c_str());
    }

    void settingsRefusedInWords()
    {
        TlsSettings missing;
        missing.certFile = m_dir.filePath("nope.pem").toStdString();
        missing.keyFile = m_serverTls.keyFile;
        auto r = TlsContext::create(missing, true);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().find("nope.pem': No such file or directory") != std::string::npos,
                 r.error().c_str());

        QTemporaryDir other;
        auto pair = makeSelfSignedPair(other.path().toStdString());
        QVERIFY(pair.ok());
        TlsSettings mismatch = m_serverTls;
        mismatch.keyFile = pair->keyFile;
        r = TlsContext::create(mismatch, true);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().find("does not match certificate") != std::string::npos,
                 r.error().c_str());

        TlsSettings none;
        QVERIFY(!TlsContext::create(none, true).ok()); // a server needs a certificate
        // The endpoint reports the same as an Error of op "tls", and listens on nothing.
        EventWaiter w;
        auto server = Endpoint::create(tlsServer(missing), w.sink(), sbtest::registry());
        server->start();
        const auto *err = w.waitBody<ev::Error>();
        QVERIFY(err);
        QCOMPARE(err->op, std::string("tls"));
        for (const Event &e : w.seen())
            QVERIFY(!e.is<ev::Listening>());
    }

    void selfSignedPairNeverOverwrites()
    {
        // Made before (initTestCase): reused as it is.
        const std::string before = readFile(QString::fromStdString(m_cert));
        auto again = makeSelfSignedPair(m_dir.path().toStdString());
        QVERIFY(again.ok());
        QVERIFY(!again->made);
        QCOMPARE(readFile(QString::fromStdString(m_cert)), before);
        // A lone certificate (its key gone) is not replaced by a new pair.
        QTemporaryDir lone;
        const QString cert = lone.filePath("sockbench-selfsigned.crt");
        QFile f(cert);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("mine\n");
        f.close();
        auto refused = makeSelfSignedPair(lone.path().toStdString());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().find("not overwriting") != std::string::npos,
                 refused.error().c_str());
        QCOMPARE(readFile(cert), std::string("mine\n"));
    }
};

QTEST_GUILESS_MAIN(TstTls)
#include "tst_tls.moc"
