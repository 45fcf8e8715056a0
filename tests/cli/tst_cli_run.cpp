// sockbench-cli run, import-packets and send-message against real peers (python3): a teacher's
// exercise checked against a student's UDP echo and against a program that does not answer,
// the JUnit report checked by a validator that fails on a malformed one, two runs of one
// scenario giving the same events (ports aside), and Packet Sender's packets sent from a
// workspace.
#include "clitest.h"

#include <QDir>
#include <QMap>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

/// A student's UDP program on 127.0.0.1:P — an echo, or silent — that also holds TCP port P
/// bound without listening, so that a TCP connect to P is refused and nobody else takes it.
/// Prints P.
const char *const kStudent = R"PY(
import socket, sys
echo = sys.argv[1] == 'echo'
while True:
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(('127.0.0.1', 0))
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        t.bind(('127.0.0.1', u.getsockname()[1]))
        break
    except OSError:
        u.close(); t.close()
print(u.getsockname()[1], flush=True)
while True:
    data, peer = u.recvfrom(65536)
    if echo:
        u.sendto(data, peer)
)PY";

/// The teacher's exercise: "make a UDP echo on port P; a TCP connect to P must be refused"
/// (examples/scenarios/udp-echo.sbs, with a longer SO_RCVTIMEO for a loaded machine).
const char *const kExercise = R"(sockbench: 1
kind: scenario
name: udp-echo-exercise
title.en: A UDP echo on port P, and ECONNREFUSED
var: port 7

panel: probe raw
panel: tcp raw

step: the echo answers
do: probe socket udp
do: probe setsockopt SO_RCVTIMEO 5000
do: probe sendto "ping 1" udp://127.0.0.1:${port}
do: probe recvfrom 100
expect: received probe "ping 1"
expect: matches probe "^ping [0-9]$" within 1000
expect: count probe data >= 1

step: a TCP connect to P is refused
do: tcp socket tcp
do: tcp connect tcp://127.0.0.1:${port}
expect: errno tcp ECONNREFUSED
)";

/// A server answering by rules and a raw client: what a recorded GUI session replays. An event
/// belongs to the step during which the player sees it, so each step waits (until:) for the
/// last event of each panel it is compared on: the client may read the reply before the
/// server's thread has posted its own send.
const char *const kConversation = R"(sockbench: 1
kind: scenario
name: hello-rules

panel: srv server tcp://127.0.0.1:0
rules: srv
    framing: line
    rule: hello
    match: regex "^HELLO (\w+)$"
    do: reply "hi {{1}} {{counter}}\n"
end: rules
panel: cli raw

step: start
do: srv start
until: state srv listening
expect: state srv listening

step: talk
do: cli socket tcp
do: cli connect tcp://127.0.0.1:${srv.port}
do: cli send "HELLO ana\n"
do: cli recv 100
until: count srv sent >= 1
expect: received cli "hi ana 1\n"
expect: count srv data >= 1
expect: state cli opened

step: hang up
do: cli close
until: closed srv
expect: closed srv
)";

/// Checks a JUnit XML file the way CI systems read it: testsuites > testsuite (name, tests,
/// failures, errors, time) > testcase (name, classname, time) > failure (message); the counts
/// must match the cases. Prints "tests=N failures=F" and each failure's message; exits 1 with
/// the reason on anything else.
const char *const kJunitCheck = R"PY(
import sys, xml.etree.ElementTree as ET
def bad(why):
    print('invalid: %s' % why)
    sys.exit(1)
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as e:
    bad(e)
if root.tag != 'testsuites':
    bad('the root is <%s>, not <testsuites>' % root.tag)
suites = list(root)
if not suites:
    bad('no <testsuite>')
tests = failures = 0
for s in suites:
    if s.tag != 'testsuite':
        bad('<%s> in <testsuites>' % s.tag)
    for a in ('name', 'tests', 'failures', 'errors', 'time'):
        if a not in s.attrib:
            bad('testsuite without %s' % a)
    float(s.get('time'))
    cases = list(s)
    failed = 0
    for c in cases:
        if c.tag != 'testcase':
            bad('<%s> in <testsuite>' % c.tag)
        for a in ('name', 'classname', 'time'):
            if a not in c.attrib:
                bad('testcase without %s' % a)
        if float(c.get('time')) < 0:
            bad('negative time')
        for f in c:
            if f.tag not in ('failure', 'error', 'skipped', 'system-out', 'system-err'):
                bad('<%s> in <testcase>' % f.tag)
            if f.tag == 'failure':
                if 'message' not in f.attrib:
                    bad('failure without message')
                failed += 1
                print('failure: %s: %s' % (c.get('name'), f.get('message')))
    if int(s.get('tests')) != len(cases):
        bad('tests=%s but %d testcases' % (s.get('tests'), len(cases)))
    if int(s.get('failures')) != failed:
        bad('failures=%s but %d failures' % (s.get('failures'), failed))
    tests += len(cases)
    failures += failed
print('tests=%d failures=%d' % (tests, failures))
)PY";

/// Runs the JUnit check on path; its stdout, and whether the file is valid.
bool junitValid(const QString &path, QByteArray *out)
{
    Proc check;
    check.startPython(kJunitCheck, {path});
    const bool ended = check.finish();
    *out = check.out;
    return ended && check.exitCode() == 0;
}

/// Writes text to dir/name and returns the path.
QString scenarioFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    return writeFile(path, text) ? path : QString();
}

/// The normalisation two runs (or a run and a recorded GUI session) are compared after, as
/// docs/workspace.md gives it: ports become PORT (times are not in the JSON lines at all), and
/// the events of each panel are compared in order, the panels apart (two panels' workers may
/// interleave differently from run to run).
QMap<QString, QStringList> normalised(const QByteArray &jsonl)
{
    static const QRegularExpression port(QStringLiteral("(127\\.0\\.0\\.1|\\]):\\d+"));
    static const QRegularExpression key(
            QStringLiteral("^\\{\"step\":(\\d+)(?:,\"panel\":\"([^\"]*)\")?"));
    QMap<QString, QStringList> byPanel;
    for (const QByteArray &line : jsonl.split('\n')) {
        if (line.isEmpty())
            continue;
        QString text = QString::fromUtf8(line);
        text.replace(port, QStringLiteral("\\1:PORT"));
        const auto m = key.match(text);
        byPanel[m.captured(1) + "/" + m.captured(2)].append(text);
    }
    return byPanel;
}

} // namespace

class tst_CliRun : public QObject
{
    Q_OBJECT

private slots:
    void exercisePassesAgainstAnEcho();
    void exerciseFailsAgainstASilentProgram();
    void withinWaitsForLateBytesAndGivesUp();
    void junitCheckRefusesMalformedReports_data();
    void junitCheckRefusesMalformedReports();
    void junitEscapesWhatItQuotes();
    void junitIsNeverOverwrittenUnlessForced();
    void replaysToTheSameEvents();
    void badFileExitsTwoNamingItsLine_data();
    void badFileExitsTwoNamingItsLine();
    void importsAndSendsPacketSenderPackets();
};

void tst_CliRun::exercisePassesAgainstAnEcho()
{
    Proc student;
    student.startPython(kStudent, {"echo"});
    const QByteArray port = student.firstOutLine();
    QVERIFY(port.toInt() > 0);
    QTemporaryDir dir;
    const QString file = scenarioFile(dir, "exercise.sbs", kExercise);
    const QString junit = dir.filePath("report.xml");
    Proc run;
    run.startCli({"run", file, "--set", "port=" + QString::fromLatin1(port), "--junit", junit});
    QVERIFY(run.finish(kBulkMs));
    QVERIFY2(run.exitCode() == 0, run.out + run.err);
    QVERIFY2(run.out.contains("ok           expect: received probe \"ping 1\""), run.out);
    QVERIFY2(run.out.contains("ok           expect: errno tcp ECONNREFUSED"), run.out);
    QVERIFY2(run.out.contains("OK: 4 of 4 expectations held"), run.out);
    QByteArray report;
    QVERIFY2(junitValid(junit, &report), report);
    QCOMPARE(report.trimmed(), QByteArray("tests=4 failures=0"));
}

void tst_CliRun::exerciseFailsAgainstASilentProgram()
{
    Proc student;
    student.startPython(kStudent, {"silent"});
    const QByteArray port = student.firstOutLine();
    QVERIFY(port.toInt() > 0);
    QTemporaryDir dir;
    const QString file = scenarioFile(dir, "exercise.sbs", kExercise);
    const QString junit = dir.filePath("report.xml");
    Proc run;
    run.startCli({"run", file, "--set", "port=" + QString::fromLatin1(port), "--junit", junit});
    QVERIFY(run.finish(kBulkMs));
    QVERIFY2(run.exitCode() == 1, run.out + run.err);
    QVERIFY2(run.out.contains("FAIL         line 15: received probe \"ping 1\": probe received "
                              "\"\", not \"ping 1\""),
             run.out);
    QVERIFY2(run.out.contains("ok           expect: errno tcp ECONNREFUSED"), run.out);
    QVERIFY2(run.out.contains("FAILED: 1 of 4 expectations held"), run.out);
    QByteArray report;
    QVERIFY2(junitValid(junit, &report), report);
    QVERIFY2(report.contains("failure: line 15: received probe \"ping 1\": probe received"),
             report);
    QVERIFY2(report.endsWith("tests=4 failures=3\n"), report);
}

void tst_CliRun::withinWaitsForLateBytesAndGivesUp()
{
    // The echo comes back after the step's send returned: "within" waits for it; a fact that
    // never holds is given up after its own time, not the step's 10 s timeout.
    QTemporaryDir dir;
    const QString file = scenarioFile(dir, "within.sbs", R"(kind: scenario
panel: srv server tcp://127.0.0.1:0 reply=echo
panel: c client tcp://127.0.0.1:${srv.port}
step: start
do: srv start
until: state srv listening
step: connect
do: c start
until: opened c
step: echo
do: c send "late\n"
expect: received c "late\n" within 20000
expect: matches c "^never$" within 300
)");
    Proc run;
    run.startCli({"run", file});
    QVERIFY(run.finish(kBulkMs));
    QCOMPARE(run.exitCode(), 1);
    QVERIFY2(run.out.contains("ok           expect: received c \"late\\n\" within 20000"), run.out);
    QVERIFY2(run.out.contains("FAIL         line 13: matches c \"^never$\" within 300: c received "
                              "\"late\\n\", which does not match"),
             run.out);
    // Given up at its own 300 ms: the step's timeout (10 s) did not end it.
    QVERIFY2(!run.out.contains("timeout:"), run.out);
}

void tst_CliRun::junitCheckRefusesMalformedReports_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::newRow("not xml") << QByteArray("<testsuites><testsuite name=\"a\"");
    QTest::newRow("wrong root") << QByteArray("<testsuite name=\"a\" tests=\"0\" failures=\"0\" "
                                              "errors=\"0\" time=\"0\"/>");
    QTest::newRow("counts lie") << QByteArray(
            "<testsuites><testsuite name=\"a\" tests=\"2\" failures=\"0\" errors=\"0\" "
            "time=\"0\"><testcase name=\"x\" classname=\"c\" time=\"0\"/></testsuite>"
            "</testsuites>");
    QTest::newRow("no classname") << QByteArray(
            "<testsuites><testsuite name=\"a\" tests=\"1\" failures=\"0\" errors=\"0\" "
            "time=\"0\"><testcase name=\"x\" time=\"0\"/></testsuite></testsuites>");
    QTest::newRow("failure without message") << QByteArray(
            "<testsuites><testsuite name=\"a\" tests=\"1\" failures=\"1\" errors=\"0\" "
            "time=\"0\"><testcase name=\"x\" classname=\"c\" time=\"0\"><failure/></testcase>"
            "</testsuite></testsuites>");
}

void tst_CliRun::junitCheckRefusesMalformedReports()
{
    QFETCH(QByteArray, xml);
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.xml");
    QVERIFY(writeFile(path, xml));
    QByteArray out;
    QVERIFY2(!junitValid(path, &out), out);
    QVERIFY2(out.startsWith("invalid: "), out);
}

void tst_CliRun::junitEscapesWhatItQuotes()
{
    // A failure whose message quotes bytes XML gives meaning to, and bytes it cannot hold.
    QTemporaryDir dir;
    const QString file = scenarioFile(dir, "quotes.sbs", R"(kind: scenario
panel: p raw
step: "quoted" & <angled>
do: p socketpair unix-dgram as x y
do: x send "</testcase>&\"'\x01"
do: y recv 100
expect: received y "<![CDATA["
)");
    const QString junit = dir.filePath("report.xml");
    Proc run;
    run.startCli({"run", file, "--junit", junit});
    QVERIFY(run.finish(kBulkMs));
    QCOMPARE(run.exitCode(), 1);
    QByteArray report;
    QVERIFY2(junitValid(junit, &report), report);
    QVERIFY2(report.contains("y received \"</testcase>&\"'\\x01\", not \"<![CDATA[\""), report);
}

void tst_CliRun::junitIsNeverOverwrittenUnlessForced()
{
    QTemporaryDir dir;
    const QString file = scenarioFile(dir, "pair.sbs",
                                      "kind: scenario\npanel: p raw\nstep:\n"
                                      "do: p socketpair unix as a b\n"
                                      "expect: calls p socketpair\n");
    const QString junit = dir.filePath("report.xml");
    QVERIFY(writeFile(junit, "a person's file\n"));
    Proc refused;
    refused.startCli({"run", file, "--junit", junit});
    QVERIFY(refused.finish());
    QCOMPARE(refused.exitCode(), 2);
    QVERIFY2(refused.err.contains("exists; give another file or --force"), refused.err);
    QFile kept(junit);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("a person's file\n"));
    Proc forced;
    forced.startCli({"run", file, "--junit", junit, "--force"});
    QVERIFY(forced.finish(kBulkMs));
    QVERIFY2(forced.exitCode() == 0, forced.out + forced.err);
    QByteArray report;
    QVERIFY2(junitValid(junit, &report), report);
    QCOMPARE(report.trimmed(), QByteArray("tests=1 failures=0"));
}

void tst_CliRun::replaysToTheSameEvents()
{
    QTemporaryDir dir;
    const QString file = scenarioFile(dir, "hello.sbs", kConversation);
    QByteArray runs[2];
    for (QByteArray &out : runs) {
        Proc run;
        run.startCli({"run", file, "--jsonl"});
        QVERIFY(run.finish(kBulkMs));
        QVERIFY2(run.exitCode() == 0, run.out + run.err);
        out = run.out;
    }
    // What a user would check is there: the rule's reply arrived, in its bytes.
    QVERIFY2(runs[0].contains("\"panel\":\"cli\",\"conn\":0,\"event\":\"data\",\"dir\":\"in\"")
                     || runs[0].contains("\"event\":\"data\",\"dir\":\"in\""),
             runs[0]);
    QVERIFY2(runs[0].contains(QByteArray("hi ana 1\n").toHex()), runs[0]);
    QVERIFY2(runs[0].contains("\"event\":\"expect\",\"line\":32,\"expect\":\"closed srv\","
                              "\"passed\":true"),
             runs[0]);
    const auto first = normalised(runs[0]);
    const auto second = normalised(runs[1]);
    QVERIFY(first.size() >= 4);
    QCOMPARE(first, second);
}

void tst_CliRun::badFileExitsTwoNamingItsLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("typo") << QByteArray("kind: scenario\npanel: p raw\nstep:\ndo: p sokcet tcp\n")
                          << QByteArray("bad.sbs:4: unknown action 'sokcet'");
    QTest::newRow("newer version")
            << QByteArray("sockbench: 3\nkind: scenario\npanel: p raw\nstep:\ndo: p socket tcp\n")
            << QByteArray("bad.sbs:1: this file is for version 3");
    QTest::newRow("no step") << QByteArray("kind: scenario\npanel: p raw\n")
                             << QByteArray("bad.sbs:1: the scenario has no step");
}

void tst_CliRun::badFileExitsTwoNamingItsLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, error);
    QTemporaryDir dir;
    const QString file = scenarioFile(dir, "bad.sbs", text);
    Proc run;
    run.startCli({"run", file});
    QVERIFY(run.finish());
    QCOMPARE(run.exitCode(), 2);
    QVERIFY2(run.err.contains(error), run.err);
    Proc missing;
    missing.startCli({"run", dir.filePath("nowhere.sbs")});
    QVERIFY(missing.finish());
    QCOMPARE(missing.exitCode(), 2);
    QVERIFY2(missing.err.contains("nowhere.sbs") && missing.err.contains("ENOENT"), missing.err);
}

void tst_CliRun::importsAndSendsPacketSenderPackets()
{
    // A TCP peer that prints, in hex, everything one client sent before it shut down.
    Proc peer;
    peer.startPython(R"PY(
import socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
got = b''
while True:
    b = c.recv(65536)
    if not b:
        break
    got += b
print(got.hex(), flush=True)
c.close()
)PY");
    const QByteArray port = peer.firstOutLine();
    QVERIFY(port.toInt() > 0);
    QTemporaryDir dir;
    const QString ini = dir.filePath("packets.ini");
    const QByteArray payload("GET / \"x\"\r\n\x00\xff", 13);
    {
        // As Packet Sender's Packet::saveToDB writes it.
        QSettings settings(ini, QSettings::IniFormat);
        settings.beginWriteArray("NAMES");
        settings.setArrayIndex(0);
        settings.setValue("name", "Ask, \"nicely\"");
        settings.endArray();
        settings.setValue("Ask, \"nicely\"/toIP", "127.0.0.1");
        settings.setValue("Ask, \"nicely\"/port", port.toUInt());
        settings.setValue("Ask, \"nicely\"/tcpOrUdp", "TCP");
        settings.setValue("Ask, \"nicely\"/hexString",
                          QString::fromLatin1(payload.toHex(' ').toUpper()));
    }
    Proc list;
    list.startCli({"import-packets", ini});
    QVERIFY(list.finish());
    QCOMPARE(list.exitCode(), 0);
    QCOMPARE(list.out,
             "message: \"Ask, \\\"nicely\\\"\" hex \"47 45 54 20 2f 20 22 78 22 0d 0a "
             "00 ff\" target=tcp://127.0.0.1:"
                     + port + "\n");
    const QString workspace = dir.filePath("imported.sbw");
    Proc save;
    save.startCli({"import-packets", ini, "-o", workspace});
    QVERIFY(save.finish());
    QVERIFY2(save.exitCode() == 0, save.err);
    Proc again; // never over a file that is there
    again.startCli({"import-packets", ini, "-o", workspace});
    QVERIFY(again.finish());
    QCOMPARE(again.exitCode(), 2);

    Proc send;
    send.startCli({"send-message", workspace, "Ask, \"nicely\""});
    QVERIFY(send.finish(kBulkMs));
    QVERIFY2(send.exitCode() == 0, send.err);
    QVERIFY(peer.waitFor([&] { return peer.out.count('\n') >= 2; }));
    QCOMPARE(peer.out.split('\n').value(1), payload.toHex());

    Proc unknown;
    unknown.startCli({"send-message", workspace, "nobody"});
    QVERIFY(unknown.finish());
    QCOMPARE(unknown.exitCode(), 2);
    QVERIFY2(unknown.err.contains("has no message named 'nobody'"), unknown.err);
}

QTEST_GUILESS_MAIN(tst_CliRun)
#include "tst_cli_run.moc"
