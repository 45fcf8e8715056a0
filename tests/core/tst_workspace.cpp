// Workspaces and scenarios (core/demo/workspace.h): the file a person saves and opens again,
// written back so that it parses to the same thing, read leniently past a broken line, refused
// with the line named when it comes from a newer version.
#include "core/demo/demolibrary.h"
#include "core/demo/workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

namespace {

/// Every key, option and fact the language has, once at least; also a seed of the fuzz target.
QByteArray everything()
{
    QFile f(QStringLiteral(SB_SOURCE_DIR "/tests/fuzz/corpus/parse_workspace/everything"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_Workspace : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldRoundTrips();
    void builtWorkspaceRoundTrips();
    void everyBuiltinDemoRoundTrips();
    void examplesParse();
    void lenientParseKeepsTheRest();
    void newerVersionNamesItsLine();
    void missingFileIsAnError();
    void refusals_data();
    void refusals();
    void scenarioNeedsNoNarration();
    void messageBytesDecodePayloads();
};

void tst_Workspace::everyFieldRoundTrips()
{
    const QByteArray text = everything();
    QVERIFY(!text.isEmpty());
    auto parsed = parseWorkspace(text.toStdString(), "every.sbw");
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
    const Workspace &ws = *parsed;
    // What was read is what the file says (spot checks of each part).
    QCOMPARE(ws.kind, FileKind::Scenario);
    QCOMPARE(ws.script.summary.en, std::string("A file that uses the whole language."));
    QCOMPARE(ws.script.vars.size(), size_t(2));
    QCOMPARE(ws.script.vars[1].second, std::string("hello there"));
    QCOMPARE(ws.script.panels.size(), size_t(11));
    QVERIFY(ws.script.panels[0].rules.starts_with("# a line responder\nframing: line"));
    QVERIFY(ws.script.panels[0].responder.rules);
    QCOMPARE(ws.script.panels[8].faults[0].chop, size_t(3));
    QVERIFY(ws.script.panels[8].faults[1].stall);
    QCOMPARE(ws.messages.size(), size_t(4));
    QCOMPARE(ws.messages[0].name, std::string("Say \"hi\", twice"));
    QCOMPARE(ws.messages[0].shortcut, std::string("Ctrl+1"));
    QCOMPARE(ws.messages[2].payload.kind, MessagePayload::Kind::File);
    QCOMPARE(ws.messages[2].payload.text, std::string("payloads/my request.bin"));
    QCOMPARE(ws.layout.size(), size_t(3));
    QCOMPARE(ws.layout[1].value, std::string("AAAA/+base64=="));
    QCOMPARE(ws.script.steps.size(), size_t(2));
    QCOMPARE(ws.script.steps[0].expects[1].withinMs, 3000);
    QCOMPARE(ws.script.steps[1].expects[7].kind, DemoCondition::Kind::Matches);
    QCOMPARE(ws.script.steps[1].expects[8].compare, DemoCondition::Compare::Ge);

    const std::string written = writeWorkspace(ws);
    auto again = parseWorkspace(written, "written.sbw");
    QVERIFY2(again.ok(), again.ok() ? "" : (again.error() + "\n" + written).c_str());
    QVERIFY2(*again == ws, written.c_str());
    QCOMPARE(writeWorkspace(*again), written);
}

void tst_Workspace::builtWorkspaceRoundTrips()
{
    // What the GUI's File → Save would hand over: made in code, with texts no parser produced.
    Workspace ws;
    DemoPanel server;
    server.name = "srv";
    server.kind = DemoPanel::Kind::Endpoint;
    server.role = Role::Server;
    server.spec = "tcp://127.0.0.1:0";
    server.responder.kind = ResponderSpec::Kind::Echo;
    server.options.push_back({"SO_RCVBUF", "65536"});
    ws.script.panels.push_back(server);
    SavedMessage m;
    m.name = "line\nbreak \"and\" tab\t, comma; ü \x01";
    m.payload.text = "GET / HTTP/1.0\\r\\n\\r\\n";
    m.target = "tcp://example.org:80";
    ws.messages.push_back(m);
    m.name = "binary";
    m.payload = {MessagePayload::Kind::Hex, "00 01 fe ff"};
    m.target.clear();
    m.shortcut = "Ctrl+Shift+B";
    ws.messages.push_back(m);
    ws.layout.push_back({0, "window.geometry", "AdnQywADAAAAAAAAAAAAAA=="});

    const std::string written = writeWorkspace(ws);
    auto again = parseWorkspace(written, "saved.sbw");
    QVERIFY2(again.ok(), again.ok() ? "" : (again.error() + "\n" + written).c_str());
    QVERIFY2(*again == ws, written.c_str());
    QCOMPARE(again->messages[0].name, ws.messages[0].name);
}

void tst_Workspace::everyBuiltinDemoRoundTrips()
{
    QVERIFY(!builtinDemoSources().empty());
    for (const auto &source : builtinDemoSources()) {
        auto ws = parseWorkspace(source.text, source.file, FileKind::Demo);
        QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().c_str());
        QCOMPARE(ws->kind, FileKind::Demo);
        const std::string written = writeWorkspace(*ws);
        auto again = parseWorkspace(written, source.file);
        QVERIFY2(again.ok(), again.ok() ? "" : (again.error() + "\n" + written).c_str());
        QVERIFY2(*again == *ws, source.file);
        // The demo parser reads the written file as the same demo.
        auto demo = parseDemo(written, source.file);
        QVERIFY2(demo.ok(), source.file);
        QVERIFY(*demo == ws->script);
    }
}

void tst_Workspace::examplesParse()
{
    // The scenarios docs/workspace.md shows and examples/ ships.
    const QDir dir(QStringLiteral(SB_SOURCE_DIR "/examples/scenarios"));
    const QStringList files = dir.entryList({"*.sbs", "*.sbw"}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto ws = parseWorkspace(f.readAll().toStdString(), name.toStdString());
        QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().c_str());
        QCOMPARE(ws->kind, FileKind::Scenario);
        QVERIFY(!ws->script.steps.empty());
    }
}

void tst_Workspace::lenientParseKeepsTheRest()
{
    const char *text = "sockbench: 1\n"
                       "panel: a server tcp://127.0.0.1:0 reply=echo\n"
                       "panel: b server tcp://127.0.0.1:0 reply=shout\n"
                       "message: one \"1\"\n"
                       "message: two hex \"zz\"\n"
                       "rules: a\n"
                       "  rule: x\n"
                       "  match: nonsense\n"
                       "end: rules\n"
                       "message: three \"3\" target=udp://127.0.0.1:7\n"
                       "layout: order a\n";
    const WorkspaceLoad load = parseWorkspaceLenient(text, "ws.sbw");
    QCOMPARE(load.errors.size(), size_t(3));
    QVERIFY2(load.errors[0].starts_with("ws.sbw:3: reply 'shout'"), load.errors[0].c_str());
    QVERIFY2(load.errors[1].starts_with("ws.sbw:5: message 'two'"), load.errors[1].c_str());
    QVERIFY2(load.errors[2].starts_with("ws.sbw:6: rules: 'a' answers with reply="),
             load.errors[2].c_str());
    QCOMPARE(load.workspace.script.panels.size(), size_t(1));
    QCOMPARE(load.workspace.messages.size(), size_t(2));
    QCOMPARE(load.workspace.messages[1].name, std::string("three"));
    QCOMPARE(load.workspace.layout.size(), size_t(1));
    // Strict, the first error is the answer.
    auto strict = parseWorkspace(text, "ws.sbw");
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error(), load.errors[0]);
}

void tst_Workspace::newerVersionNamesItsLine()
{
    const char *text = "# saved by a later SockBench\n"
                       "sockbench: 2\n"
                       "message: hello \"hi\"\n"
                       "gadget: blue\n";
    auto strict = parseWorkspace(text, "new.sbw");
    QVERIFY(!strict.ok());
    QVERIFY2(strict.error().starts_with("new.sbw:2: this file is for version 2 of the SockBench "
                                        "format, newer than this SockBench reads (version 1)"),
             strict.error().c_str());
    const WorkspaceLoad load = parseWorkspaceLenient(text, "new.sbw");
    QCOMPARE(load.errors.size(), size_t(2));
    QVERIFY(load.errors[1].starts_with("new.sbw:4: unknown key 'gadget'"));
    QCOMPARE(load.workspace.messages.size(), size_t(1));
}

void tst_Workspace::missingFileIsAnError()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("nowhere.sbw").toStdString();
    auto load = loadWorkspaceFile(path);
    QVERIFY(!load.ok());
    QVERIFY2(load.error().find("nowhere.sbw") != std::string::npos
                     && load.error().find("ENOENT") != std::string::npos,
             load.error().c_str());
}

void tst_Workspace::refusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // the start of the error
    QTest::newRow("kind") << "kind: notebook"
                          << "f:1: kind 'notebook' is not one of";
    QTest::newRow("version word") << "sockbench: one"
                                  << "f:1: 'sockbench: one' is not";
    QTest::newRow("duplicate message") << "message: a \"1\"\nmessage: a \"2\""
                                       << "f:2: a message named 'a' exists already";
    QTest::newRow("unquoted text") << "message: a hello"
                                   << "f:1: a message is 'message: NAME";
    QTest::newRow("bad target") << "message: a \"1\" target=ftp://x"
                                << "f:1: message 'a': target";
    QTest::newRow("rules on a client") << "panel: c client tcp://127.0.0.1:1\nrules: c\nend: rules"
                                       << "f:2: rules: 'c' is not a server or datagram panel";
    QTest::newRow("rules error names the file's line")
            << "panel: s server tcp://127.0.0.1:0\nrules: s\n  rule: a\n  match: anything\n"
               "end: rules"
            << "f:4:";
    QTest::newRow("datagram rules that close")
            << "panel: d datagram udp://127.0.0.1:0\nrules: d\nrule: a\nmatch: any\ndo: close\n"
               "end: rules"
            << "f:5:";
    QTest::newRow("rules not ended") << "panel: s server tcp://127.0.0.1:0\nrules: s\nrule: a"
                                     << "f:2: the rules block has no 'end: rules'";
    QTest::newRow("within on until")
            << "panel: r raw\nstep:\ndo: r socket tcp\nuntil: eof r within 100"
            << "f:4: 'within' is for expect:";
    QTest::newRow("bad regex") << "panel: r raw\nstep:\nexpect: matches r \"(\""
                               << "f:3: regex \"(\":";
    QTest::newRow("count operator") << "panel: r raw\nstep:\nexpect: count r data => 3"
                                    << "f:3: count operator '=>'";
    QTest::newRow("count what") << "panel: r raw\nstep:\nexpect: count r bytes >= 3"
                                << "f:3: count 'bytes' is not";
    QTest::newRow("state word") << "panel: r raw\nstep:\nexpect: state r connected"
                                << "f:3: state takes PANEL and one of";
    QTest::newRow("message after a step") << "step:\nmessage: a \"1\""
                                          << "f:2: 'message:' lines come before the first step";
    QTest::newRow("undeclared var") << "panel: c client tcp://127.0.0.1:${port}"
                                    << "f:1: unknown placeholder ${port}";
}

void tst_Workspace::refusals()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    auto ws = parseWorkspace(text.toStdString(), "f");
    QVERIFY(!ws.ok());
    QVERIFY2(QString::fromStdString(ws.error()).startsWith(error), ws.error().c_str());
}

void tst_Workspace::scenarioNeedsNoNarration()
{
    const char *text = "kind: scenario\npanel: r raw\nstep:\ndo: r socket udp\n";
    auto ws = parseWorkspace(text, "s");
    QVERIFY2(ws.ok(), ws.ok() ? "" : ws.error().c_str());
    auto demo = parseDemo("name: x\ntitle.en: X\ntitle.es: X\npanel: r raw\nstep:\ndo: r socket "
                          "udp\n",
                          "d");
    QVERIFY(!demo.ok());
    QVERIFY2(demo.error().starts_with("d:5: the step has no narration"), demo.error().c_str());
    auto empty = parseWorkspace("kind: scenario\n", "e");
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error(), std::string("e:1: the scenario has no step"));
}

void tst_Workspace::messageBytesDecodePayloads()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkdir("payloads");
    QFile f(dir.filePath("payloads/req.bin"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("\x00\x01zz", 4));
    f.close();
    auto ws = parseWorkspace("message: t \"a\\x00\\\"b\\n\"\n"
                             "message: h hex \"0x41, 42:43\"\n"
                             "message: f file payloads/req.bin\n",
                             "m");
    QVERIFY(ws.ok());
    QCOMPARE(*messageBytes(ws->messages[0]), std::string("a\0\"b\n", 5));
    QCOMPARE(*messageBytes(ws->messages[1]), std::string("ABC"));
    QCOMPARE(*messageBytes(ws->messages[2], dir.path().toStdString()),
             std::string("\x00\x01zz", 4));
    auto missing = messageBytes(ws->messages[2], "/nonexistent");
    QVERIFY(!missing.ok());
}

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
