// The demo file format: what parses, what is refused and with which message, the ${...}
// placeholders and the byte-order helpers; and every built-in demo parses.
#include "core/demo/demolibrary.h"
#include "core/demo/demoscript.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <arpa/inet.h>

using namespace sb;

namespace {

/// A valid demo to break: header, two panels, one step.
const char *const kGood = "name: tiny\n"
                          "title.en: Tiny\n"
                          "title.es: Mínima\n"
                          "panel: server raw\n"
                          "panel: web server tcp://127.0.0.1:0 model=iterative reply=echo\n"
                          "step: socket\n"
                          "step.es: socket\n"
                          "do: server socket tcp\n"
                          "en: The server makes a socket.\n"
                          "es: El servidor crea un socket.\n"
                          "expect: calls server socket\n";

std::string withLine(const std::string &line) { return std::string(kGood) + line + "\n"; }

} // namespace

class tst_DemoScript : public QObject
{
    Q_OBJECT

private slots:
    void parsesGoodFile();
    void refusesBadFile_data();
    void relayActions();
    void refusesBadFile();
    void namesAcceptedSockets();
    void substitutes();
    void byteOrder();
    void builtinDemosParse();
    void builtinFilesOnDisk();
};

void tst_DemoScript::parsesGoodFile()
{
    auto script = parseDemo(kGood, "tiny.demo");
    QVERIFY2(script.ok(), script.ok() ? "" : script.error().c_str());
    QCOMPARE(script->name, std::string("tiny"));
    QCOMPARE(script->title.es, std::string("Mínima"));
    QCOMPARE(script->panels.size(), size_t(2));
    QCOMPARE(script->panels[1].kind, DemoPanel::Kind::Endpoint);
    QCOMPARE(script->panels[1].model, ServerModel::Iterative);
    QCOMPARE(script->panels[1].responder.kind, ResponderSpec::Kind::Echo);
    QCOMPARE(script->steps.size(), size_t(1));
    const DemoStep &step = script->steps[0];
    QCOMPARE(step.line, 6);
    QCOMPARE(step.narration.in(DemoLang::Es), std::string("El servidor crea un socket."));
    QCOMPARE(step.actions.size(), size_t(1));
    QCOMPARE(step.actions[0].op, std::string("socket"));
    QCOMPARE(step.expects.size(), size_t(1));
    QCOMPARE(step.expects[0].kind, DemoCondition::Kind::Calls);
}

void tst_DemoScript::refusesBadFile_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    auto row = [](const char *name, const std::string &text, const char *error) {
        QTest::newRow(name) << QString::fromStdString(text) << QString::fromUtf8(error);
    };
    row("no name", "title.en: a\ntitle.es: b\nstep:\nen: x\nes: y\n",
        "bad.demo:1: the demo has no 'name:'");
    row("no title es", "name: a\ntitle.en: a\nstep:\nen: x\nes: y\n",
        "title in English and Spanish");
    row("no steps", "name: a\ntitle.en: a\ntitle.es: b\n", "bad.demo:1: the demo has no step");
    row("bad name", "name: Echo Demo\n", "bad.demo:1: name 'Echo Demo' must be lower-case");
    row("not key value", withLine("this is no key"),
        "bad.demo:12: 'this is no key' is not 'key: value'");
    row("unknown key", withLine("colour: red"), "bad.demo:12: unknown key 'colour'");
    row("panel after step", withLine("panel: late raw"), "bad.demo:12: panels are declared before");
    row("header after step", withLine("title.en: again"),
        "bad.demo:12: 'title.en' belongs in the header");
    row("no spanish", std::string(kGood) + "step:\nen: only English\n",
        "bad.demo:12: the step has no narration in Spanish");
    row("title without es", std::string(kGood) + "step: untranslated\nen: a\nes: b\n",
        "bad.demo:12: the step's title has no Spanish");
    row("unknown panel", withLine("do: nobody socket tcp"), "bad.demo:12: no panel named 'nobody'");
    row("unknown action", withLine("do: server lisen 5"),
        "bad.demo:12: unknown action 'lisen' for raw panel 'server'");
    row("endpoint action", withLine("do: web bind tcp://127.0.0.1:0"),
        "unknown action 'bind' for endpoint panel 'web'");
    row("socket kind", withLine("do: server socket sctp"), "bad.demo:12: socket kind 'sctp'");
    row("backlog", withLine("do: server listen many"),
        "bad.demo:12: backlog 'many' is not a number");
    row("bad endpoint", withLine("do: server bind tcp://127.0.0.1:99999"), "bad.demo:12: ");
    row("bad escape", withLine("do: server send \"a\\qb\""),
        "bad.demo:12: send \"a\\qb\": bad escape");
    row("open quote", withLine("do: server send \"abc"), "bad.demo:12: a quote is not closed");
    row("unknown placeholder", withLine("do: server connect tcp://127.0.0.1:${nobody.port}"),
        "bad.demo:12: unknown placeholder ${nobody.port}");
    row("unknown option", withLine("do: server setsockopt SO_FROBNICATE 1"),
        "bad.demo:12: unknown socket option 'SO_FROBNICATE'");
    row("bad option value", withLine("do: server setsockopt SO_REUSEADDR maybe"),
        "bad.demo:12: SO_REUSEADDR: ");
    row("connect timeout", withLine("do: server connect tcp://127.0.0.1:1 soon"),
        "bad.demo:12: 'soon' is not timeout=MILLISECONDS");
    row("shutdown how", withLine("do: server shutdown both"), "bad.demo:12: shutdown 'both'");
    row("socketpair names", withLine("do: server socketpair unix"),
        "bad.demo:12: socketpair names its two sockets");
    row("as elsewhere", withLine("do: server listen 5 as x"),
        "bad.demo:12: only accept and socketpair");
    row("taken name", withLine("do: server accept as web"),
        "bad.demo:12: 'web' cannot name a new socket");
    row("errno name", withLine("expect: errno ENOPE"), "bad.demo:12: 'ENOPE' is not an errno name");
    row("unknown fact", withLine("expect: happy server"), "bad.demo:12: 'happy' is not a fact");
    row("call name", withLine("expect: calls server sokcet"),
        "bad.demo:12: 'sokcet' is not a system call");
    row("order item", withLine("expect: order server client"),
        "bad.demo:12: 'server' is not PANEL:WHAT");
    row("idle in expect", withLine("expect: idle server"), "bad.demo:12: idle is for until:");
    row("timeout", withLine("timeout: soon"), "bad.demo:12: timeout 'soon' is not a number");
    row("panel kind", "name: a\npanel: x pigeon\n", "bad.demo:2: panel kind 'pigeon'");
    row("panel twice", "name: a\npanel: x raw\npanel: x raw\n",
        "bad.demo:3: a panel named 'x' exists");
    row("panel option", "name: a\npanel: x client tcp://127.0.0.1:1 model=iterative\n",
        "bad.demo:2: 'model=iterative' is not an option of a client panel");
    row("before step", "name: a\ndo: x socket tcp\n",
        "bad.demo:2: 'do:' comes before the first 'step:'");
    row("byteorder bits", withLine("do: byteorder 64 1"), "bad.demo:12: byteorder takes 16 or 32");
    row("byte function", withLine("do: server send \"${net8:1}\""), "the byte functions are net16");
    row("relay no target", "name: a\npanel: r relay tcp://127.0.0.1:0\n",
        "bad.demo:2: a relay panel needs where it listens and its target");
    row("relay fault", "name: a\npanel: r relay tcp://127.0.0.1:0 tcp://127.0.0.1:1 up.chopp=3\n",
        "bad.demo:2: up.chopp=3: 'chopp' is not a fault");
    row("relay fault value", "name: a\npanel: r relay tcp://127.0.0.1:0 tcp://127.0.0.1:1 chop=x\n",
        "bad.demo:2: chop=x: 'x' is not a number");
    row("relay flag value", "name: a\npanel: r relay tcp://127.0.0.1:0 tcp://127.0.0.1:1 stall=1\n",
        "bad.demo:2: 'stall=1' is not a fault of a relay panel");
    row("group", withLine("do: server join 10.0.0.1"), "bad.demo:12: ");
    row("multicast-if", withLine("do: server multicast-if 192.0.2.1"),
        "bad.demo:12: multicast-if '192.0.2.1' is not a loopback address");
}

void tst_DemoScript::relayActions()
{
    const std::string head = "name: a\ntitle.en: a\ntitle.es: b\npanel: r relay "
                             "tcp://127.0.0.1:0 tcp://127.0.0.1:1 down.delay=50 stall\nstep:\n";
    auto ok = parseDemo(head
                                + "do: r start\ndo: r fault chop up 3\ndo: r reset\nen: e\nes: e\n"
                                  "expect: calls r listen\n",
                        "r.demo");
    QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().c_str());
    const DemoPanel &r = ok->panels[0];
    QCOMPARE(r.role, Role::Relay);
    QCOMPARE(r.target, std::string("tcp://127.0.0.1:1"));
    QCOMPARE(r.faults[1].delayMs, 50);
    QCOMPARE(r.faults[0].delayMs, 0);
    QVERIFY(r.faults[0].stall && r.faults[1].stall);
    auto bad = parseDemo(head + "do: r fault chop sideways 3\nen: e\nes: e\n", "r.demo");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().find("r.demo:6: fault: 'sideways' is not a direction")
                     != std::string::npos,
             bad.error().c_str());
    auto send = parseDemo(head + "do: r send \"x\"\nen: e\nes: e\n", "r.demo");
    QVERIFY(!send.ok());
    QVERIFY2(send.error().find("unknown action 'send' for relay panel 'r'") != std::string::npos,
             send.error().c_str());
}

void tst_DemoScript::refusesBadFile()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const auto script = parseDemo(text.toStdString(), "bad.demo");
    QVERIFY(!script.ok());
    const QString message = QString::fromStdString(script.error());
    QVERIFY2(message.contains(error), qPrintable(message));
}

void tst_DemoScript::namesAcceptedSockets()
{
    // A name made by accept ... as NAME can be used by later lines, not before.
    auto ok = parseDemo(withLine("do: server accept as conn &\nexpect: received conn \"x\""));
    QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().c_str());
    const DemoAction &accept = ok->steps[0].actions.back();
    QVERIFY(accept.background);
    QCOMPARE(accept.names, std::vector<std::string> {"conn"});
    auto early = parseDemo(withLine("do: conn recv 10\ndo: server accept as conn"));
    QVERIFY(!early.ok());
    QVERIFY(QString::fromStdString(early.error()).contains("no panel named 'conn'"));
}

void tst_DemoScript::substitutes()
{
    const DemoLookup lookup = [](std::string_view name) -> std::optional<std::string> {
        if (name == "server.port")
            return "40000";
        if (name == "tmp")
            return "/tmp/x";
        return std::nullopt;
    };
    QCOMPARE(substituteDemoText("tcp://127.0.0.1:${server.port}", lookup).value(),
             std::string("tcp://127.0.0.1:40000"));
    QCOMPARE(substituteDemoText("unix://${tmp}/s", lookup).value(), std::string("unix:///tmp/x/s"));
    // 40000 = 0x9c40: network order is 9c 40 whatever the host.
    QCOMPARE(substituteDemoText("${net16:server.port}", lookup).value(), std::string("\\x9c\\x40"));
    QCOMPARE(substituteDemoText("${net32:127.0.0.1}", lookup).value(),
             std::string("\\x7f\\x00\\x00\\x01"));
    QCOMPARE(substituteDemoText("${net16:0x0102}", lookup).value(), std::string("\\x01\\x02"));
    QVERIFY(!substituteDemoText("${net16:70000}", lookup).ok());
    QVERIFY(!substituteDemoText("${client.port}", lookup).ok());
    QVERIFY(!substituteDemoText("${tmp", lookup).ok());
}

void tst_DemoScript::byteOrder()
{
    QCOMPARE(networkOrder16(0x1234), std::string("\x12\x34", 2));
    QCOMPARE(networkOrder32(0x7f000001), std::string("\x7f\x00\x00\x01", 4));
    // htons gives back exactly the bytes networkOrder16 shows.
    const uint16_t n16 = htons(0x1234);
    QCOMPARE(networkOrder16(0x1234), std::string(reinterpret_cast<const char *>(&n16), 2));
    if (htons(1) != 1) { // little-endian host, as every PC
        QCOMPARE(hostOrder16(0x1234), std::string("\x34\x12", 2));
        QCOMPARE(hostOrder32(0x7f000001), std::string("\x01\x00\x00\x7f", 4));
    }
    const auto line = describeByteOrder(16, "40000");
    QVERIFY(line.ok());
    QVERIFY2(QString::fromStdString(*line).contains("htons(40000 = 0x9c40)"), line->c_str());
    QVERIFY(QString::fromStdString(*line).contains("network order 9c 40"));
    const auto addr = describeByteOrder(32, "127.0.0.1");
    QVERIFY(addr.ok());
    QVERIFY(QString::fromStdString(*addr).contains("network order 7f 00 00 01"));
    QVERIFY(!describeByteOrder(32, "300.1.1.1").ok());
    QCOMPARE(errnoByName("ECONNREFUSED"), ECONNREFUSED);
    QCOMPARE(errnoByName("EAGAIN"), EAGAIN);
    QCOMPARE(errnoByName("ENOPE"), 0);
}

void tst_DemoScript::builtinDemosParse()
{
    const auto &sources = builtinDemoSources();
    QVERIFY(sources.size() >= 10);
    QStringList names;
    for (const auto &source : sources) {
        auto script = parseDemo(source.text, source.file);
        QVERIFY2(script.ok(), script.ok() ? source.file : script.error().c_str());
        // 01-tcp-echo.demo holds the demo named tcp-echo.
        QCOMPARE(QString(source.file),
                 QString::fromStdString(script->name).prepend(QString(source.file).left(3))
                         + ".demo");
        names << QString::fromStdString(script->name);
        // Every step that makes a call it waits for states what that call must produce.
        for (const auto &step : script->steps) {
            const bool waits
                    = std::any_of(step.actions.begin(), step.actions.end(), [](const auto &a) {
                          return !a.background && a.op != "byteorder";
                      });
            QVERIFY2(!waits || !step.expects.empty(),
                     qPrintable(QString("%1:%2: a step with calls and no expect:")
                                        .arg(source.file)
                                        .arg(step.line)));
        }
    }
    const QStringList required = {"tcp-echo",        "iterative-vs-concurrent",
                                  "udp-vs-tcp",      "connection-refused",
                                  "address-in-use",  "half-close",
                                  "unix-sockets",    "timeouts",
                                  "out-of-band",     "byte-order",
                                  "tls-handshake",   "recv-is-not-a-message",
                                  "multicast-group", "three-way-handshake",
                                  "refused-rst",     "half-close-fin",
                                  "udp-closed-port", "close-unread-rst",
                                  "time-wait",       "nagle-delayed-ack"};
    QCOMPARE(names, required);
    QVERIFY(loadBuiltinDemo("half-close").ok());
    const auto missing = loadBuiltinDemo("nope");
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error()).contains("there are: tcp-echo"));
}

void tst_DemoScript::builtinFilesOnDisk()
{
    // The embedded copies are the files of resources/demos, and loadDemoFile reads them.
    const QDir dir(QStringLiteral(SB_SOURCE_DIR "/resources/demos"));
    const QStringList files = dir.entryList({"*.demo"}, QDir::Files, QDir::Name);
    QCOMPARE(size_t(files.size()), builtinDemoSources().size());
    for (const QString &file : files) {
        auto script = loadDemoFile(dir.filePath(file).toStdString());
        QVERIFY2(script.ok(), script.ok() ? "" : script.error().c_str());
    }
    const auto missing = loadDemoFile("/nonexistent/x.demo");
    QVERIFY(!missing.ok());
    QVERIFY(QString::fromStdString(missing.error()).contains("/nonexistent/x.demo"));
}

QTEST_GUILESS_MAIN(tst_DemoScript)
#include "tst_demoscript.moc"
