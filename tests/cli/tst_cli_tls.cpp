// sockbench-cli's tls:// endpoints against real TLS peers: openssl s_server and s_client, and
// socat's OPENSSL addresses, in both roles, TLS 1.2 and 1.3. Certificates are made at run time
// with openssl req in a temporary folder; everything stays on loopback.

#include "../support/processrun.h"
#include "../support/procnettcp.h"
#include "../support/requiretool.h"
#include "clitest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>

using namespace clitest;

namespace {

constexpr qint64 kSize = 64 << 20;

/// A port nothing listens on now (bound on 127.0.0.1:0 and read back, then closed), for the
/// one peer that cannot say which port it got (s_server -quiet prints nothing).
quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&sa), &len) == 0)
        port = ntohs(sa.sin_port);
    ::close(fd);
    return port;
}

/// Waits until the kernel lists a listener on port (s_server is ready), or ms pass.
bool waitListening(quint16 port, Proc &proc, int ms = kStepMs)
{
    return proc.waitFor([&] { return sbtest::tcpListening(port); }, ms);
}

/// Waits until path holds size bytes (a peer that keeps the connection open), or ms pass.
bool waitFileSize(const QString &path, qint64 size, Proc &proc, int ms = kBulkMs)
{
    return proc.waitFor([&] { return QFileInfo(path).size() >= size; }, ms);
}

QString versionFlag(int version) { return version == 12 ? "-tls1_2" : "-tls1_3"; }

} // namespace

class TstCliTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cert, m_key; ///< CN=localhost, for localhost, 127.0.0.1 and ::1
    QString m_wrongCert, m_wrongKey; ///< for wrong.example only
    QString m_input; ///< 64 MiB of random bytes
    QByteArray m_inputSha;

    /// openssl s_server -quiet on a free port, started and listening; false on failure.
    bool startServer(Proc &server, quint16 *port, const QStringList &extra,
                     const QString &cert = {}, const QString &key = {})
    {
        *port = freePort();
        server.start("openssl",
                     QStringList {"s_server", "-quiet", "-accept",
                                  "127.0.0.1:" + QString::number(*port), "-cert",
                                  cert.isEmpty() ? m_cert : cert, "-key",
                                  key.isEmpty() ? m_key : key}
                             + extra);
        return waitListening(*port, server);
    }

    /// sockbench-cli listen on tls://127.0.0.1:0; returns its port (0 if it did not listen).
    quint16 startListen(Proc &listen, const QStringList &extra)
    {
        const QString where = startListener(
                listen,
                QStringList {"listen", "tls://127.0.0.1:0", "--cert", m_cert, "--key", m_key}
                        + extra);
        return portOf(where);
    }

private slots:
    void initTestCase()
    {
        SB_REQUIRE_TOOL("openssl", "openssl");
        SB_REQUIRE_TOOL("socat", "socat");
        QVERIFY(m_dir.isValid());
        m_cert = m_dir.filePath("cert.pem");
        m_key = m_dir.filePath("key.pem");
        m_wrongCert = m_dir.filePath("wrong-cert.pem");
        m_wrongKey = m_dir.filePath("wrong-key.pem");
        struct Pair
        {
            QString cert, key, name, san;
        };
        const Pair pairs[]
                = {{m_cert, m_key, "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"},
                   {m_wrongCert, m_wrongKey, "wrong.example", "subjectAltName=DNS:wrong.example"}};
        for (const Pair &p : pairs) {
            const sbtest::Run r = sbtest::run("openssl",
                                              {"req", "-x509", "-newkey", "ec", "-pkeyopt",
                                               "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                                               p.key, "-out", p.cert, "-days", "2", "-subj",
                                               "/CN=" + p.name, "-addext", p.san});
            QVERIFY2(r.status == 0, qPrintable(r.err));
        }
        m_input = m_dir.filePath("input.bin");
        const QByteArray data = randomBytes(kSize);
        QVERIFY(writeFile(m_input, data));
        m_inputSha = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    }

    void downloadFromOpensslServer_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("TLS 1.2") << 12;
        QTest::newRow("TLS 1.3") << 13;
    }
    /// s_server sends 64 MiB from its stdin and closes (without close_notify: s_server just
    /// closes at its stdin's end); connect's stdout gets them intact.
    void downloadFromOpensslServer()
    {
        QFETCH(int, version);
        Proc server;
        server.p.setStandardInputFile(m_input);
        quint16 port = 0;
        QVERIFY2(startServer(server, &port, {"-naccept", "1", versionFlag(version)}),
                 server.err.constData());
        const QString output = m_dir.filePath("download.bin");
        // s_server's socket blocks: once it reads our Finished it waits in SSL_read for
        // application data, and sends nothing meanwhile. A line from us lets it go on.
        const QString hello = m_dir.filePath("hello.txt");
        QVERIFY(writeFile(hello, "hello\n"));
        Proc cli;
        cli.p.setStandardInputFile(hello);
        cli.p.setStandardOutputFile(output);
        QElapsedTimer timer;
        timer.start();
        cli.startCli({"connect", "tls://127.0.0.1:" + QString::number(port), "--ca", m_cert,
                      "--shutdown", "none"});
        QVERIFY2(cli.finish(kBulkMs), cli.err.constData());
        qInfo("64 MiB from s_server to connect: %lld ms", timer.elapsed());
        QVERIFY2(cli.exitCode() == 0, cli.err.constData());
        QVERIFY2(cli.err.contains(version == 12 ? "TLSv1.2" : "TLSv1.3"), cli.err.constData());
        QVERIFY2(cli.err.contains("certificate verified"), cli.err.constData());
        QCOMPARE(QFileInfo(output).size(), kSize);
        QCOMPARE(sha256OfFile(output), m_inputSha);
    }

    void uploadToOpensslServer_data() { downloadFromOpensslServer_data(); }
    /// connect sends 64 MiB, then close_notify; s_server's stdout has them intact.
    void uploadToOpensslServer()
    {
        QFETCH(int, version);
        const QString output = m_dir.filePath("upload-s_server.bin");
        Proc server;
        server.p.setStandardOutputFile(output);
        quint16 port = 0;
        QVERIFY2(startServer(server, &port, {"-naccept", "1", versionFlag(version)}),
                 server.err.constData());
        Proc cli;
        cli.p.setStandardInputFile(m_input);
        cli.startCli({"connect", "tls://127.0.0.1:" + QString::number(port), "--ca", m_cert,
                      "--tls-version", version == 12 ? "1.2" : "1.3"});
        QVERIFY2(cli.finish(kBulkMs), cli.err.constData());
        QVERIFY2(cli.exitCode() == 0, cli.err.constData());
        QVERIFY2(server.finish(kStepMs), server.err.constData()); // -naccept 1: it ends
        QCOMPARE(QFileInfo(output).size(), kSize);
        QCOMPARE(sha256OfFile(output), m_inputSha);
    }

    void listenFromOpensslClient_data() { downloadFromOpensslServer_data(); }
    /// s_client sends 64 MiB to listen, whose stdout has them intact.
    void listenFromOpensslClient()
    {
        QFETCH(int, version);
        const QString output = m_dir.filePath("listen-out.bin");
        Proc listen;
        listen.p.setStandardOutputFile(output);
        const quint16 port = startListen(listen, {"--count", "1"});
        QVERIFY2(port, listen.err.constData());
        Proc client;
        client.p.setStandardInputFile(m_input);
        client.p.setStandardOutputFile(QProcess::nullDevice());
        QElapsedTimer timer;
        timer.start();
        client.start("openssl",
                     {"s_client", "-connect", "127.0.0.1:" + QString::number(port), "-quiet",
                      "-no_ign_eof", "-nocommands", "-CAfile", m_cert, "-servername", "localhost",
                      versionFlag(version)});
        QVERIFY2(client.finish(kBulkMs), client.err.constData());
        QVERIFY2(listen.finish(kStepMs), listen.err.constData()); // --count 1
        qInfo("64 MiB from s_client to listen: %lld ms", timer.elapsed());
        QVERIFY2(listen.exitCode() == 0, listen.err.constData());
        QVERIFY2(listen.err.contains(version == 12 ? "TLSv1.2" : "TLSv1.3"),
                 listen.err.constData());
        QVERIFY2(listen.err.contains("SNI localhost"), listen.err.constData());
        QCOMPARE(QFileInfo(output).size(), kSize);
        QCOMPARE(sha256OfFile(output), m_inputSha);
    }

    void socatBothRoles_data() { downloadFromOpensslServer_data(); }
    /// connect → socat OPENSSL-LISTEN, and listen → socat OPENSSL: 64 MiB each way, intact.
    void socatBothRoles()
    {
        QFETCH(int, version);
        const QString v = version == 12 ? "1.2" : "1.3";
        const QString fromConnect = m_dir.filePath("socat-server-out.bin");
        QFile::remove(fromConnect);
        Proc socatServer;
        socatServer.start("socat",
                          {"-d", "-d", "-u",
                           "OPENSSL-LISTEN:0,bind=127.0.0.1,reuseaddr,cert=" + m_cert
                                   + ",key=" + m_key + ",verify=0",
                           "CREATE:" + fromConnect});
        QVERIFY2(socatServer.waitErr("listening on"), socatServer.err.constData());
        const auto m = QRegularExpression("listening on AF=\\d+ \\S+:(\\d+)")
                               .match(QString::fromUtf8(socatServer.err));
        QVERIFY2(m.hasMatch(), socatServer.err.constData());
        Proc cli;
        cli.p.setStandardInputFile(m_input);
        cli.startCli({"connect", "tls://127.0.0.1:" + m.captured(1), "--ca", m_cert,
                      "--tls-version", v});
        QVERIFY2(cli.finish(kBulkMs), cli.err.constData());
        QVERIFY2(cli.exitCode() == 0, cli.err.constData());
        QVERIFY2(socatServer.finish(kStepMs), socatServer.err.constData());
        QCOMPARE(sha256OfFile(fromConnect), m_inputSha);

        // listen sends its stdin to socat's client, which keeps the connection open: the test
        // waits for the bytes, then ends both.
        const QString fromListen = m_dir.filePath("socat-client-out.bin");
        QFile::remove(fromListen);
        Proc listen;
        listen.p.setStandardInputFile(m_input);
        const quint16 port = startListen(listen, {"--count", "1", "--tls-version", v});
        QVERIFY2(port, listen.err.constData());
        Proc socatClient;
        socatClient.start("socat",
                          {"-u",
                           "OPENSSL:127.0.0.1:" + QString::number(port) + ",cafile=" + m_cert
                                   + ",commonname=localhost",
                           "CREATE:" + fromListen});
        QVERIFY2(waitFileSize(fromListen, kSize, socatClient), socatClient.err.constData());
        QCOMPARE(sha256OfFile(fromListen), m_inputSha);
        QVERIFY2(listen.waitErr(v == "1.2" ? "TLSv1.2" : "TLSv1.3"), listen.err.constData());
    }

    void badCertificateRefusedWithReason()
    {
        Proc server;
        quint16 port = 0;
        QVERIFY2(startServer(server, &port, {}), server.err.constData());
        const QString endpoint = "tls://127.0.0.1:" + QString::number(port);

        // Self-signed, and no --ca: refused, the reason and its usual cause told.
        sbtest::Run r = sbtest::cli({"--trace", "connect", endpoint, "--send", "x"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("sockbench-cli: tls: certificate verify failed: self-signed "
                                "certificate"),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("sockbench-cli: hint: the server signed its own certificate"),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("tls: sent alert fatal:"), qPrintable(r.err));

        // Trusted, but for another name than the one asked for.
        r = sbtest::cli({"connect", endpoint, "--ca", m_cert, "--servername", "other.example",
                         "--send", "x"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("hostname mismatch"), qPrintable(r.err));

        // --insecure: connects, says what verification found, and the bytes go through.
        r = sbtest::cli({"connect", endpoint, "--insecure", "--send", "through anyway\n"});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("certificate NOT verified: self-signed certificate"),
                 qPrintable(r.err));
        QVERIFY2(server.waitOut("through anyway"), server.out.constData());

        // A certificate for wrong.example, reached by its address.
        Proc wrong;
        quint16 wrongPort = 0;
        QVERIFY2(startServer(wrong, &wrongPort, {}, m_wrongCert, m_wrongKey),
                 wrong.err.constData());
        r = sbtest::cli({"connect", "tls://127.0.0.1:" + QString::number(wrongPort), "--ca",
                         m_wrongCert, "--send", "x"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("IP address mismatch"), qPrintable(r.err));
        QVERIFY2(r.err.contains("hint: the certificate does not list the IP address"),
                 qPrintable(r.err));
    }

    /// A leaf signed by a CA of the test's own: unknown issuer without --ca, verified with it,
    /// and the chain names the issuer.
    void unknownIssuerThenTrusted()
    {
        const QString caKey = m_dir.filePath("ca.key"), ca = m_dir.filePath("ca.pem");
        const QString leafKey = m_dir.filePath("leaf.key"), csr = m_dir.filePath("leaf.csr");
        const QString leaf = m_dir.filePath("leaf.pem"), ext = m_dir.filePath("leaf.ext");
        QVERIFY(writeFile(ext, "subjectAltName=IP:127.0.0.1\n"));
        const QStringList ec {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"};
        for (const QStringList &args :
             {QStringList {"req", "-x509"} + ec
                      + QStringList {"-keyout", caKey, "-out", ca, "-days", "2", "-subj",
                                     "/CN=SockBench Test CA"},
              QStringList {"req"} + ec
                      + QStringList {"-keyout", leafKey, "-out", csr, "-subj", "/CN=leaf"},
              QStringList {"x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey,
                           "-CAcreateserial", "-out", leaf, "-days", "2", "-extfile", ext}}) {
            const sbtest::Run r = sbtest::run("openssl", args);
            QVERIFY2(r.status == 0, qPrintable(r.err));
        }
        Proc server;
        quint16 port = 0;
        QVERIFY2(startServer(server, &port, {}, leaf, leafKey), server.err.constData());
        const QString endpoint = "tls://127.0.0.1:" + QString::number(port);
        sbtest::Run r = sbtest::cli({"connect", endpoint, "--send", "x"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("unable to get local issuer certificate"), qPrintable(r.err));
        QVERIFY2(r.err.contains("hint: the issuer of the certificate is unknown"),
                 qPrintable(r.err));
        r = sbtest::cli({"connect", endpoint, "--ca", ca, "--send", "x"});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("certificate verified"), qPrintable(r.err));
        QVERIFY2(r.err.contains("peer certificate 0: CN=leaf (issuer CN=SockBench Test CA; valid "),
                 qPrintable(r.err));
    }

    /// A certificate whose validity ended in 2020 (openssl ca -startdate/-enddate): refused
    /// as expired, with the usual cause, though its CA file is given.
    void expiredCertificateRefused()
    {
        const QString d = m_dir.filePath("expired");
        QVERIFY(QDir().mkpath(d));
        QVERIFY(writeFile(d + "/index.txt", ""));
        QVERIFY(writeFile(d + "/serial", "01\n"));
        QVERIFY(writeFile(d + "/ca.cnf",
                          ("[ca]\ndefault_ca = ca_default\n[ca_default]\ndatabase = " + d
                           + "/index.txt\nnew_certs_dir = " + d + "\nserial = " + d
                           + "/serial\ndefault_md = sha256\npolicy = any\ncopy_extensions = "
                             "copy\n[any]\ncommonName = supplied\n")
                                  .toUtf8()));
        const QString key = d + "/key.pem", csr = d + "/req.csr", cert = d + "/cert.pem";
        for (const QStringList &args :
             {QStringList {"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                           "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=localhost",
                           "-addext", "subjectAltName=IP:127.0.0.1"},
              QStringList {"ca", "-batch", "-config", d + "/ca.cnf", "-selfsign", "-keyfile", key,
                           "-in", csr, "-out", cert, "-startdate", "20200101000000Z", "-enddate",
                           "20200102000000Z"}}) {
            const sbtest::Run r = sbtest::run("openssl", args);
            QVERIFY2(r.status == 0, qPrintable(r.err));
        }
        Proc server;
        quint16 port = 0;
        QVERIFY2(startServer(server, &port, {}, cert, key), server.err.constData());
        const sbtest::Run r = sbtest::cli({"connect", "tls://127.0.0.1:" + QString::number(port),
                                           "--ca", cert, "--send", "x"});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("certificate verify failed: certificate has expired"),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("hint: the certificate's validity period is over"),
                 qPrintable(r.err));
    }

    void alpnAgreedAndHandshakeNarrated()
    {
        Proc server;
        quint16 port = 0;
        QVERIFY2(startServer(server, &port, {"-alpn", "h2,http/1.1"}), server.err.constData());
        const sbtest::Run r
                = sbtest::cli({"--trace", "connect", "tls://127.0.0.1:" + QString::number(port),
                               "--ca", m_cert, "--alpn", "spdy/1,h2", "--send", "x"});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("ALPN h2"), qPrintable(r.err));
        // The narration, in order, among the calls that carried it.
        const QStringList wanted {"tls: sent ClientHello",
                                  "send(",
                                  "recv(",
                                  "tls: received ServerHello",
                                  "tls: received Certificate",
                                  "tls: received Finished",
                                  "tls: sent Finished",
                                  "tls: handshake done: TLSv1.3"};
        qsizetype at = 0;
        for (const QString &w : wanted) {
            const qsizetype found = r.err.indexOf(w, at);
            QVERIFY2(found >= 0,
                     qPrintable(w + " missing after offset " + QString::number(at) + " in:\n"
                                + r.err));
            at = found;
        }

        // The server side: listen chooses from its list what s_client offers.
        Proc listen;
        const quint16 lport = startListen(listen, {"--alpn", "h2,http/1.1", "--count", "1"});
        QVERIFY2(lport, listen.err.constData());
        Proc client;
        client.start("openssl",
                     {"s_client", "-connect", "127.0.0.1:" + QString::number(lport), "-CAfile",
                      m_cert, "-alpn", "http/1.1", "-no_ign_eof"});
        QVERIFY2(client.waitOut("ALPN protocol: http/1.1"), client.out.constData());
        QVERIFY2(listen.waitErr("ALPN http/1.1"), listen.err.constData());
    }

    void keylogHasTheSessionSecrets_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("label");
        QTest::newRow("TLS 1.2") << 12 << "CLIENT_RANDOM ";
        QTest::newRow("TLS 1.3") << 13 << "CLIENT_HANDSHAKE_TRAFFIC_SECRET ";
    }
    /// listen --keylog and s_client -keylogfile write the same secrets: the file is the
    /// session's, and what was in it before is kept.
    void keylogHasTheSessionSecrets()
    {
        QFETCH(int, version);
        QFETCH(QString, label);
        const QString mine = m_dir.filePath(QStringLiteral("keylog-%1.txt").arg(version));
        const QString theirs
                = m_dir.filePath(QStringLiteral("s_client-keylog-%1.txt").arg(version));
        QVERIFY(writeFile(mine, "# kept\n"));
        Proc listen;
        const quint16 port = startListen(listen, {"--keylog", mine, "--count", "1"});
        QVERIFY2(port, listen.err.constData());
        Proc client;
        client.start("openssl",
                     {"s_client", "-connect", "127.0.0.1:" + QString::number(port), "-quiet",
                      "-no_ign_eof", "-CAfile", m_cert, "-keylogfile", theirs,
                      versionFlag(version)});
        // Its stdin ends (finish) once the handshake is done, which listen tells.
        QVERIFY2(listen.waitErr(version == 12 ? "TLSv1.2" : "TLSv1.3"), listen.err.constData());
        QVERIFY2(client.finish(kStepMs), client.err.constData());
        QVERIFY2(listen.finish(kStepMs), listen.err.constData());
        QFile f(mine), g(theirs);
        QVERIFY(f.open(QIODevice::ReadOnly) && g.open(QIODevice::ReadOnly));
        const QByteArray ours = f.readAll();
        QVERIFY(ours.startsWith("# kept\n"));
        QByteArray line;
        for (const QByteArray &l : g.readAll().split('\n'))
            if (l.startsWith(label.toLatin1()))
                line = l;
        QVERIFY2(!line.isEmpty(), "s_client wrote no such line");
        QVERIFY2(ours.contains(line), ours.constData());

        // SSLKEYLOGFILE is honoured as browsers and curl do.
        const QString fromEnv = m_dir.filePath(QStringLiteral("env-keylog-%1.txt").arg(version));
        Proc listen2;
        const quint16 port2 = startListen(listen2, {"--count", "1"});
        QVERIFY2(port2, listen2.err.constData());
        Proc cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SSLKEYLOGFILE", fromEnv);
        cli.p.setProcessEnvironment(env);
        cli.startCli({"connect", "tls://127.0.0.1:" + QString::number(port2), "--ca", m_cert,
                      "--tls-version", version == 12 ? "1.2" : "1.3", "--send", "x"});
        QVERIFY2(cli.finish(kStepMs), cli.err.constData());
        QFile e(fromEnv);
        QVERIFY(e.open(QIODevice::ReadOnly));
        QVERIFY(e.readAll().contains(label.toLatin1()));
    }

    void ipv6AndSelfSigned()
    {
        QTemporaryDir dir;
        Proc listen;
        const QString where = startListener(
                listen, {"listen", "tls://[::1]:0", "--self-signed=" + dir.path(), "--count", "1"});
        QVERIFY2(where.startsWith("tls://[::1]:"), listen.err.constData());
        QVERIFY2(listen.err.contains("made a self-signed certificate"), listen.err.constData());
        const QString cert = dir.filePath("sockbench-selfsigned.crt");
        const sbtest::Run r = sbtest::cli({"connect", where, "--ca", cert, "--send", "over v6\n"});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY2(listen.waitOut("over v6"), listen.out.constData());
        QVERIFY2(listen.finish(kStepMs), listen.err.constData());

        // Made once, then reused; never overwritten.
        const QByteArray before = sha256OfFile(cert);
        Proc again;
        QVERIFY(!startListener(again,
                               {"listen", "tls://127.0.0.1:0", "--self-signed=" + dir.path()})
                         .isEmpty());
        QVERIFY2(again.err.contains("reusing the self-signed certificate"), again.err.constData());
        QCOMPARE(sha256OfFile(cert), before);
    }

    void badInputIsOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing cert")
                << QStringList {"listen", "tls://127.0.0.1:0", "--cert", "no-such.pem", "--key",
                                "key.pem"}
                << "certificate file 'no-such.pem': No such file or "
                   "directory";
        QTest::newRow("tls with a path") << QStringList {"connect", "tls:///tmp/s"}
                                         << "'tls:///tmp/s': TLS runs over TCP here";
        QTest::newRow("insecure on tcp")
                << QStringList {"connect", "tcp://127.0.0.1:9", "--insecure"}
                << "--insecure applies to tls:// endpoints; tcp://127.0.0.1:9 is not one";
        QTest::newRow("no certificate") << QStringList {"listen", "tls://127.0.0.1:0"}
                                        << "needs --cert FILE --key FILE, or --self-signed";
        QTest::newRow("bad version")
                << QStringList {"connect", "tls://127.0.0.1:9", "--tls-version", "1.1"}
                << "--tls-version '1.1' is not 1.2 or 1.3";
    }
    void badInputIsOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const sbtest::Run r = sbtest::cli(args);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("sockbench-cli: " + message) || r.err.contains(message),
                 qPrintable(r.err));
    }

    void helpNamesTheOptions()
    {
        const sbtest::Run r = sbtest::cli({"--help"});
        QCOMPARE(r.status, 0);
        for (const char *text : {"tls://HOST:PORT", "--ca FILE | --insecure", "--keylog FILE",
                                 "--self-signed[=DIR]", "--alpn PROTO[,PROTO]..."})
            QVERIFY2(r.out.contains(QString::fromLatin1(text)), text);
    }

    void keyNotMatchingCertificate()
    {
        const sbtest::Run r = sbtest::cli(
                {"listen", "tls://127.0.0.1:0", "--cert", m_cert, "--key", m_wrongKey});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("key file '" + m_wrongKey + "' does not match certificate '"
                                + m_cert + "'"),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TstCliTls)
#include "tst_cli_tls.moc"
