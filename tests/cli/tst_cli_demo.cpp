// sockbench-cli demo: every built-in demo played headless through the real executable; the
// test reads the printed trace for each demo's key facts, in order. Plus --list, --lang es,
// --file with a teacher's copy, a bad file, a failing expectation, and usage errors.
#include "clitest.h"

#include <QDebug>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

/// Runs `sockbench-cli demo ARGS`; returns false if it did not end in time.
bool runDemo(Proc &proc, const QStringList &args)
{
    proc.startCli(QStringList {"demo"} + args);
    return proc.finish(kBulkMs);
}

/// Where each pattern first matches in text, in the order given; -1 for one that never does
/// (or does only before the previous one).
bool inOrder(const QString &text, const QStringList &patterns, QString *missing)
{
    qsizetype from = 0;
    for (const QString &pattern : patterns) {
        const QRegularExpression re(pattern, QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = re.match(text, from);
        if (!m.hasMatch()) {
            *missing = pattern;
            return false;
        }
        from = m.capturedEnd();
    }
    return true;
}

} // namespace

class tst_CliDemo : public QObject
{
    Q_OBJECT

private slots:
    void playsEveryDemo_data();
    void playsEveryDemo();
    void listsDemos();
    void help();
    void spanish();
    void teachersCopy();
    void badFile();
    void failedExpectationExitsOne();
    void usageErrors_data();
    void usageErrors();
};

void tst_CliDemo::playsEveryDemo_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("facts"); // regexes that must match stdout, in this order
    const QString any = QStringLiteral("[^\\n]*");
    QTest::newRow("tcp-echo")
            << "tcp-echo"
            << QStringList {
                       "^  server +socket\\(AF_INET, SOCK_STREAM",
                       "^  server +bind\\(\\d+, \\{sa_family=AF_INET, sin_port=htons\\(0\\)",
                       "^  server +listen\\(\\d+, 5\\) = 0",
                       "^  client +connect\\(" + any + "\\) = 0",
                       "^  conn +recv\\(\\d+, \"hello\\\\n\", 100, 0\\) = 6",
                       "^  client +recv\\(\\d+, \"hello\\\\n\", 100, 0\\) = 6",
                       "^  client +close\\(\\d+\\) = 0",
                       "^  conn +recv\\(\\d+, \"\", 100, 0\\) = 0",
               };
    // The waiting clients: c2's echo comes only after the server saw c1 leave (end of file on
    // its first connection), c3's only after it saw c2 leave.
    QTest::newRow("iterative") << "iterative-vs-concurrent"
                               << QStringList {
                                          "^  c2 +connected",
                                          "^  c3 +connected",
                                          "^  c1 +<- received 4 bytes \"one\\\\n\"",
                                          "^  c2 +-> sent 4 bytes",
                                          "^  iterative#1 +end of file",
                                          "^  iterative +accept4\\(" + any + "\\) = \\d+",
                                          "^  c2 +<- received 4 bytes \"two\\\\n\"",
                                          "^  iterative#2 +end of file",
                                          "^  c3 +<- received 6 bytes \"three\\\\n\"",
                                          "^  d3 +<- received 6 bytes \"three\\\\n\"",
                                          "^  d1 +close\\(",
                                  };
    QTest::newRow("udp-vs-tcp") << "udp-vs-tcp"
                                << QStringList {
                                           "^  receiver +recvfrom\\(\\d+, \"one\", 100",
                                           "^  receiver +recvfrom\\(\\d+, \"two\", 100",
                                           "^  receiver +recvfrom\\(\\d+, \"three\", 100",
                                           "^  client +send\\(\\d+, \"one\"",
                                           "^  client +send\\(\\d+, \"two\"",
                                           "^  client +send\\(\\d+, \"three\"",
                                           "^  conn +recv\\(\\d+, \"onetwothree\", 100, 0\\) = 11",
                                   };
    QTest::newRow("refused") << "connection-refused"
                             << QStringList {"^  client +connect\\(" + any
                                             + "\\) = -1 ECONNREFUSED \\(Connection refused\\)"};
    QTest::newRow("in use")
            << "address-in-use"
            << QStringList {
                       "^  second +bind\\(" + any + "\\) = -1 EADDRINUSE",
                       "^  conn +close\\(",
                       "^  third +bind\\(" + any + "\\) = -1 EADDRINUSE",
                       "^  fourth +setsockopt\\(\\d+, SOL_SOCKET, SO_REUSEADDR, \\[1\\]",
                       "^  fourth +bind\\(" + any + "\\) = 0",
                       "^  fourth +listen\\(\\d+, 5\\) = 0",
               };
    QTest::newRow("half-close") << "half-close"
                                << QStringList {
                                           "^  client +shutdown\\(\\d+, SHUT_WR\\) = 0",
                                           "^  conn +recv\\(\\d+, \"how many bytes\\?\\\\n\"",
                                           "^  conn +recv\\(\\d+, \"\", 100, 0\\) = 0",
                                           "^  conn +send\\(\\d+, \"16\\\\n\"",
                                           "^  client +recv\\(\\d+, \"16\\\\n\", 100, 0\\) = 3",
                                   };
    QTest::newRow("unix") << "unix-sockets"
                          << QStringList {
                                     "^  server +socket\\(AF_UNIX, SOCK_STREAM",
                                     "^  server +bind\\(\\d+, \\{sa_family=AF_UNIX, "
                                     "sun_path=\"/[^\"]*/echo.sock\"\\}",
                                     "^  client +connect\\(\\d+, \\{sa_family=AF_UNIX" + any
                                             + "\\) = 0",
                                     "^  conn +recv\\(\\d+, \"hola\\\\n\"",
                                     "^  pair +socketpair\\(AF_UNIX, SOCK_STREAM",
                                     "^  right +recv\\(\\d+, \"ping\"",
                                     "^  left +recv\\(\\d+, \"pong\"",
                             };
    QTest::newRow("timeouts")
            << "timeouts"
            << QStringList {
                       "^  client +setsockopt\\(\\d+, SOL_SOCKET, SO_RCVTIMEO, \\{tv_sec=1, "
                       "tv_usec=0\\}",
                       "^  client +recv\\(" + any + "\\) = -1 EAGAIN",
                       "^  full +listen\\(\\d+, 0\\) = 0",
                       "^  first +getsockopt\\(\\d+, SOL_SOCKET, SO_ERROR, \\[0\\]",
                       "^  late +connect\\(" + any + "\\) = -1 EINPROGRESS",
                       "^  late +! connect: ETIMEDOUT",
               };
    QTest::newRow("oob") << "out-of-band"
                         << QStringList {
                                    "^  client +send\\(\\d+, \"normal data\", 11",
                                    "^  client +send\\(\\d+, \"!\", 1, MSG_OOB",
                                    "^  conn +recv\\(\\d+, \"!\", 1, MSG_OOB\\) = 1",
                                    "^  conn +recv\\(\\d+, \"normal data\", 100, 0\\) = 11",
                            };
    QTest::newRow("byte order") << "byte-order"
                                << QStringList {
                                           "htons\\(\\d+ = 0x[0-9a-f]{4}\\): host order "
                                           "[0-9a-f]{2} [0-9a-f]{2} -> network order",
                                           "htonl\\(127.0.0.1 = 0x7f000001\\): host order 01 00 00 "
                                           "7f -> network order 7f 00 00 01",
                                           "^  conn +recv\\(\\d+, \"" + any
                                                   + "\\\\x7f\\\\0\\\\0\\\\x01\", 100, 0\\) = 6",
                                   };
    // The packet demos (capture on lo: CI runs as root): each packet under the step and the
    // panel whose socket sent it.
    const QString port = QStringLiteral("127\\.0\\.0\\.1:\\d+");
    QTest::newRow("three-way handshake")
            << "three-way-handshake"
            << QStringList {"^  client +packet " + port + " > " + port
                                    + " \\[S\\] seq 0 win \\d+ <mss",
                            "^  server +packet " + port + " > " + port + " \\[S\\.\\] seq 0 ack 1",
                            "^  client +connect\\(" + any + "\\) = 0",
                            "^  client +packet " + port + " > " + port + " \\[F\\.\\]"};
    QTest::newRow("refused RST") << "refused-rst"
                                 << QStringList {"^  client +packet " + port + " > " + port
                                                         + " \\[S\\]",
                                                 "^  closed +packet " + port + " > " + port
                                                         + " \\[R\\.\\] seq 0 ack 1 win 0"};
    QTest::newRow("udp closed port")
            << "udp-closed-port"
            << QStringList {"^  client +packet " + port + " > " + port + " UDP len 7",
                            "^  client +packet 127\\.0\\.0\\.1 > 127\\.0\\.0\\.1 ICMP port "
                            "unreachable \\(udp ",
                            "^  client +recv\\(" + any + "ECONNREFUSED"};
    QTest::newRow("close unread RST")
            << "close-unread-rst"
            << QStringList {"^  client +packet " + port + " > " + port + " \\[P\\.\\] seq 1:25",
                            "^  server +packet " + port + " > " + port + " \\[R\\.\\]"};
    QTest::newRow("half-close FIN")
            << "half-close-fin"
            << QStringList {"^  client +packet " + port + " > " + port + " \\[F\\.\\]",
                            "^  conn +recv\\(\\d+, \"\", 100, 0\\) = 0",
                            "^  server +packet " + port + " > " + port + " \\[F\\.\\]"};
    QTest::newRow("time-wait")
            << "time-wait"
            << QStringList {"^  client +packet " + port + " > " + port + " \\[F\\.\\]",
                            "^  client +close\\(",
                            "^  server +packet " + port + " > " + port + " \\[F\\.\\]",
                            "^  client +packet " + port + " > " + port + " \\[\\.\\]"};
    QTest::newRow("nagle")
            << "nagle-delayed-ack"
            << QStringList {
                       "^  client +send\\(\\d+, \"HEAD:\", 5",
                       "^  server +packet " + port + " > " + port + " \\[\\.\\]",
                       "^  client +packet " + port + " > " + port + " \\[P\\.\\] seq \\d+:\\d+ "
                               + ".* len 4",
                       "^  time +\\d+\\.\\d ms from the step's first call to its last",
                       "^  client +setsockopt\\(\\d+, SOL_TCP, TCP_NODELAY, \\[1\\], 4\\) = 0"};
    QTest::newRow("tls handshake") << "tls-handshake"
                                   << QStringList {
                                              "^  client +tls: sent ClientHello",
                                              "^  client +send\\(",
                                              "^  client +recv\\(",
                                              "^  client +tls: received ServerHello",
                                              "^  client +tls: received Certificate",
                                              "^  client +tls: sent Finished",
                                              "^  client +tls: sent alert warning: close notify",
                                      };
}

void tst_CliDemo::playsEveryDemo()
{
    QFETCH(QString, name);
    QFETCH(QStringList, facts);
    Proc proc;
    QVERIFY(runDemo(proc, {name}));
    const QString out = QString::fromUtf8(proc.out);
    QVERIFY2(proc.exitCode() == 0, qPrintable(out + proc.err));
    QVERIFY(out.contains(QRegularExpression("\nOK: (\\d+) of \\1 expectations held\n")));
    QVERIFY(!out.contains("FAIL"));
    QString missing;
    const bool ordered = inOrder(out, facts, &missing);
    if (!ordered) // the whole output, a line at a time: a failure message is cut short
        for (const QString &line : out.split(QLatin1Char('\n')))
            qInfo().noquote() << line;
    QVERIFY2(ordered, qPrintable("missing, or out of order: " + missing));
}

void tst_CliDemo::listsDemos()
{
    Proc proc;
    QVERIFY(runDemo(proc, {"--list"}));
    QCOMPARE(proc.exitCode(), 0);
    const QString out = QString::fromUtf8(proc.out);
    QString missing;
    QVERIFY2(inOrder(out,
                     {"^tcp-echo +TCP echo dialog",
                      "^iterative-vs-concurrent ",
                      "^udp-vs-tcp ",
                      "^connection-refused ",
                      "^address-in-use ",
                      "^half-close ",
                      "^unix-sockets ",
                      "^timeouts ",
                      "^out-of-band ",
                      "^byte-order +Byte order",
                      "^tls-handshake +A TLS handshake",
                      "^recv-is-not-a-message +recv is not a message",
                      "^multicast-group +A multicast group",
                      "^three-way-handshake ",
                      "^refused-rst ",
                      "^half-close-fin ",
                      "^udp-closed-port ",
                      "^close-unread-rst ",
                      "^time-wait ",
                      "^nagle-delayed-ack "},
                     &missing),
             qPrintable(missing));
}

void tst_CliDemo::help()
{
    Proc proc;
    QVERIFY(runDemo(proc, {"--help"}));
    QCOMPARE(proc.exitCode(), 0);
    QVERIFY(proc.out.contains("demo NAME [--lang en|es] [--pace MS]"));
    QVERIFY(proc.out.contains("demo --list"));
}

void tst_CliDemo::spanish()
{
    Proc proc;
    QVERIFY(runDemo(proc, {"connection-refused", "--lang", "es"}));
    QCOMPARE(proc.exitCode(), 0);
    const QString out = QString::fromUtf8(proc.out);
    QVERIFY(out.startsWith("Demo connection-refused: Conexión rechazada\n"));
    QVERIFY(out.contains("[3/4] el kernel rechaza el connect\n"));
    QVERIFY(out.contains("la máquina está, el servicio no."));
    QVERIFY(out.contains("cumplido     expect: errno client ECONNREFUSED"));
    QVERIFY(out.contains("BIEN: 4 de 4 expectativas cumplidas"));
}

void tst_CliDemo::teachersCopy()
{
    // A teacher copies a demo, edits it, and plays the copy with --file.
    QTemporaryDir dir;
    QFile original(QStringLiteral(SB_SOURCE_DIR "/resources/demos/06-half-close.demo"));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray text = original.readAll();
    text.replace("how many bytes?\\n", "¿cuántos bytes?\\n");
    text.replace("name: half-close", "name: my-half-close");
    const QString path = dir.filePath("mine.demo");
    QVERIFY(writeFile(path, text));
    Proc proc;
    QVERIFY(runDemo(proc, {"--file", path, "--pace", "1"}));
    const QString out = QString::fromUtf8(proc.out);
    QVERIFY2(proc.exitCode() == 0, qPrintable(out));
    QVERIFY(out.startsWith("Demo my-half-close: "));
    // The edited text is what went over the socket: the server's recv shows its UTF-8 bytes.
    QVERIFY2(out.contains(
                     QRegularExpression("conn +recv\\(\\d+, \"\\\\xc2\\\\xbfcu\\\\xc3\\\\xa1ntos "
                                        "bytes\\?\\\\n\", 100, 0\\) = 18\n")),
             qPrintable(out));
    QVERIFY2(out.contains("<- received 18 bytes \"¿cuántos bytes?\\n\""), qPrintable(out));
    QVERIFY2(out.contains("ok           expect: received conn \"¿cuántos bytes?\\n\""),
             qPrintable(out));
    QVERIFY2(!out.contains("how many bytes"), qPrintable(out));
}

void tst_CliDemo::badFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.demo");
    QVERIFY(writeFile(path,
                      "name: bad\ntitle.en: Bad\ntitle.es: Mala\npanel: s raw\n"
                      "step:\ndo: s lisen 5\nen: x\nes: y\n"));
    Proc proc;
    QVERIFY(runDemo(proc, {"--file", path}));
    QCOMPARE(proc.exitCode(), 2);
    QVERIFY2(proc.err.contains(path.toUtf8() + ":6: unknown action 'lisen' for raw panel 's'"),
             proc.err.constData());
    QVERIFY(proc.out.isEmpty());

    Proc missing;
    QVERIFY(runDemo(missing, {"--file", dir.filePath("none.demo")}));
    QCOMPARE(missing.exitCode(), 2);
    QVERIFY(missing.err.contains("none.demo"));
}

void tst_CliDemo::failedExpectationExitsOne()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("wrong.demo");
    QVERIFY(writeFile(path,
                      "name: wrong\ntitle.en: Wrong\ntitle.es: Mal\npanel: p raw\n"
                      "step:\ndo: p socketpair unix as a b\ndo: a send \"hi\"\ndo: b recv 10\n"
                      "en: x\nes: y\nexpect: received b \"bye\"\nexpect: received b \"hi\"\n"));
    Proc proc;
    QVERIFY(runDemo(proc, {"--file", path}));
    QCOMPARE(proc.exitCode(), 1);
    const QString out = QString::fromUtf8(proc.out);
    QVERIFY2(out.contains(
                     "FAIL         line 11: received b \"bye\": b received \"hi\", not \"bye\""),
             qPrintable(out));
    QVERIFY(out.contains("ok           expect: received b \"hi\""));
    QVERIFY(out.contains("FAILED: 1 of 2 expectations held"));
}

void tst_CliDemo::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no name") << QStringList {} << "demo needs a NAME";
    QTest::newRow("unknown") << QStringList {"nope"} << "no demo named 'nope' (there are: tcp-echo";
    QTest::newRow("lang") << QStringList {"tcp-echo", "--lang", "fr"}
                          << "--lang 'fr' is not one of en, es";
    QTest::newRow("pace") << QStringList {"tcp-echo", "--pace", "soon"} << "--pace";
    QTest::newRow("two modes") << QStringList {"tcp-echo", "--list"}
                               << "demo takes one of NAME, --file PATH, --list";
    QTest::newRow("option") << QStringList {"tcp-echo", "--fast"}
                            << "demo: unknown option '--fast'";
}

void tst_CliDemo::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Proc proc;
    QVERIFY(runDemo(proc, args));
    QCOMPARE(proc.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(proc.err).contains(message), proc.err.constData());
}

QTEST_GUILESS_MAIN(tst_CliDemo)
#include "tst_cli_demo.moc"
