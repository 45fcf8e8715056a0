// ScenarioRecorder (core/demo/scenariorecorder.h): a person's actions on panels and their
// endpoints' events become a scenario file: its exact text (panels, ${NAME.port} for a client
// of a recorded server, do: lines with escapes, the facts of what came back), that it parses
// as a scenario, that an event is the step's during which it happened however late it is
// handed in, and the JSON lines of what was recorded.
#include "core/demo/scenariorecorder.h"

#include <QTest>

#include <cerrno>

#include <sys/socket.h>

using namespace sb;

namespace {

constexpr EndpointId kServer = 11;
constexpr EndpointId kClient = 12;
constexpr EndpointId kRefused = 13;

int64_t at(int ms) { return int64_t(ms) * 1000000; }

Event eventOf(EndpointId id, ConnId conn, int ms, EventBody body)
{
    Event e(conn, std::move(body));
    e.endpoint = id;
    e.monoNs = at(ms);
    return e;
}

Event call(EndpointId id, ConnId conn, int ms, SysCall c, int64_t result, int err = 0)
{
    auto record = std::make_shared<TraceRecord>();
    record->call = c;
    record->result = result;
    record->err = err;
    return eventOf(id, conn, ms, ev::Trace {record});
}

Event data(EndpointId id, ConnId conn, int ms, Direction dir, const std::string &bytes)
{
    ev::Data d;
    d.dir = dir;
    d.length = bytes.size();
    d.bytes = makeBytes(std::string(bytes));
    return eventOf(id, conn, ms, d);
}

EndpointConfig config(Role role, const std::string &endpoint)
{
    EndpointConfig c;
    c.role = role;
    c.spec = *parseEndpoint(endpoint);
    if (role == Role::Server)
        c.responder.kind = ResponderSpec::Kind::Echo;
    return c;
}

/// An echo server, a client that connects, sends bytes that need escapes, reads the echo and
/// shuts down; a second client whose connect is refused.
ScenarioRecorder echoSession()
{
    ScenarioRecorder r;
    r.addPanel(kServer, config(Role::Server, "tcp://127.0.0.1:0"), "Echo server");
    r.start(kServer, at(100));
    r.event(call(kServer, 0, 101, SysCall::Listen, 0));
    r.event(eventOf(kServer, 0, 102, ev::Listening {Address::ip("127.0.0.1", 40001), 5}));
    // Opened after the server listens on 40001: the client names its port by the server's name.
    r.addPanel(kClient, config(Role::Client, "tcp://127.0.0.1:40001"), "Client");
    r.start(kClient, at(200));
    r.event(eventOf(kClient, 1, 201, ev::Opened {}));
    r.event(eventOf(kServer, 1, 202, ev::Opened {}));
    r.event(call(kServer, 0, 203, SysCall::Accept4, -1, EAGAIN));
    const std::string bytes = std::string("hi \"you\"\x01${x}\n", 14);
    r.send(kClient, bytes, false, at(300));
    // Handed in after the next action was asked, yet it happened during the send's step.
    r.shutdown(kClient, SHUT_WR, at(400));
    r.event(data(kServer, 1, 301, Direction::In, bytes));
    r.event(data(kServer, 1, 302, Direction::Out, bytes));
    r.event(data(kClient, 1, 303, Direction::In, bytes));
    r.event(eventOf(kClient, 1, 401, ev::Shutdown {SHUT_WR}));
    r.event(eventOf(kServer, 1, 402, ev::PeerEof {}));
    r.addPanel(kRefused, config(Role::Client, "tcp://127.0.0.1:9"), "Client");
    r.start(kRefused, at(500));
    r.event(eventOf(kRefused, 1, 501, ev::Error {"connect", ECONNREFUSED}));
    r.event(eventOf(kRefused, 1, 502, ev::Closed {ECONNREFUSED, "refused"}));
    // Another endpoint's event (a demo's, a traced program's) is not the recording's.
    r.event(data(99, 1, 503, Direction::In, "nobody's"));
    return r;
}

} // namespace

class tst_ScenarioRecorder : public QObject
{
    Q_OBJECT

private slots:
    void echoSessionIsWrittenAsAScenario();
    void writtenScenarioParses();
    void eventsBeforeTheFirstStepAreLeftOut();
    void runningPanelGetsAStartStep();
    void jsonlHasTheRecordedEventsByStep();
};

void tst_ScenarioRecorder::echoSessionIsWrittenAsAScenario()
{
    const std::string text = echoSession().text("echo-session");
    const char *expected = R"(# Recorded in SockBench's window (File > Record scenario).
# Play it again: sockbench-cli run FILE [--junit report.xml]
sockbench: 1
kind: scenario
name: echo-session

panel: echo-server server tcp://127.0.0.1:0 reply=echo
panel: client client tcp://127.0.0.1:${echo-server.port}
panel: client-2 client tcp://127.0.0.1:9

step: echo-server listens
step.es: echo-server escucha
do: echo-server start
expect: state echo-server listening within 5000

step: client connects
step.es: client se conecta
do: client start
expect: state echo-server opened within 5000
expect: count echo-server accept4 >= 1 within 5000
expect: state client opened within 5000

step: client sends 14 bytes
step.es: client envía 14 bytes
do: client send "hi \"you\"\x01\x24{x}\n"
expect: received echo-server "hi \"you\"\x01\x24{x}\n" within 5000
expect: count echo-server sent >= 1 within 5000
expect: received client "hi \"you\"\x01\x24{x}\n" within 5000

step: client shuts down wr
step.es: client hace shutdown wr
do: client shutdown wr
expect: eof echo-server within 5000

step: client-2 connects
step.es: client-2 se conecta
do: client-2 start
expect: errno client-2 ECONNREFUSED within 5000
expect: state client-2 closed within 5000
)";
    // Line by line, so that a difference is shown where it is.
    QCOMPARE(QString::fromStdString(text).split('\n'), QString::fromUtf8(expected).split('\n'));
}

void tst_ScenarioRecorder::writtenScenarioParses()
{
    const ScenarioRecorder r = echoSession();
    auto parsed = parseWorkspace(r.text(), "recorded.sbs", FileKind::Scenario);
    QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
    QCOMPARE(parsed->kind, FileKind::Scenario);
    QCOMPARE(parsed->script.steps.size(), size_t(5));
    QCOMPARE(parsed->script, r.scenario().script);
    const DemoStep &send = parsed->script.steps[2];
    QCOMPARE(send.actions.at(0).op, std::string("send"));
    const DemoCondition &received = send.expects.at(0);
    QCOMPARE(received.kind, DemoCondition::Kind::Received);
    QCOMPARE(received.withinMs, ScenarioRecorder::kWithinMs);
    const DemoCondition &refused = parsed->script.steps[4].expects.at(0);
    QCOMPARE(refused.kind, DemoCondition::Kind::Errno);
    QCOMPARE(refused.err, ECONNREFUSED);
}

void tst_ScenarioRecorder::eventsBeforeTheFirstStepAreLeftOut()
{
    ScenarioRecorder r;
    r.addPanel(kClient, config(Role::Client, "tcp://127.0.0.1:7"), "c");
    r.event(data(kClient, 1, 10, Direction::In, "before"));
    r.close(kClient, at(20));
    r.event(eventOf(kClient, 1, 21, ev::Closed {0, "closed locally"}));
    const std::string text = r.text();
    QVERIFY2(text.find("before") == std::string::npos, text.c_str());
    QVERIFY2(text.find("do: c close\nexpect: state c closed within 5000\n") != std::string::npos,
             text.c_str());
    QCOMPARE(r.panelName(kServer), std::string());
}

void tst_ScenarioRecorder::runningPanelGetsAStartStep()
{
    // A server that listened before the recording began: the replay must start it too, and its
    // clients name its port.
    ScenarioRecorder r;
    r.addPanel(kServer, config(Role::Server, "tcp://127.0.0.1:0"), "srv",
               Address::ip("127.0.0.1", 40002));
    r.startRunning(kServer, "listening", at(10));
    r.addPanel(kClient, config(Role::Client, "tcp://127.0.0.1:40002"), "cli");
    const std::string text = r.text();
    QVERIFY2(text.find("panel: cli client tcp://127.0.0.1:${srv.port}") != std::string::npos,
             text.c_str());
    QVERIFY2(text.find("do: srv start\nexpect: state srv listening within 5000\n")
                     != std::string::npos,
             text.c_str());
}

void tst_ScenarioRecorder::jsonlHasTheRecordedEventsByStep()
{
    const std::string jsonl = echoSession().jsonl();
    QVERIFY2(
            jsonl.find("{\"step\":2,\"panel\":\"echo-server#1\",\"conn\":1,\"event\":\"opened\"}\n")
                    != std::string::npos,
            jsonl.c_str());
    QVERIFY2(jsonl.find("{\"step\":3,\"panel\":\"client\",\"conn\":1,\"event\":\"data\","
                        "\"dir\":\"in\",\"len\":14,\"hex\":\"686920227")
                     != std::string::npos,
             jsonl.c_str());
    QVERIFY2(jsonl.find("{\"step\":5,\"panel\":\"client-2\",\"conn\":1,\"event\":\"error\","
                        "\"op\":\"connect\",\"errno\":\"ECONNREFUSED\"}\n")
                     != std::string::npos,
             jsonl.c_str());
    QVERIFY(jsonl.find("nobody") == std::string::npos);
    // Step by step: the send's step (3) comes before the shutdown's (4) although its events were
    // handed in after the shutdown was asked.
    QVERIFY(jsonl.find("\"step\":3") < jsonl.find("\"step\":4"));
    QVERIFY(jsonl.rfind("\"step\":3") < jsonl.find("\"step\":4"));
}

QTEST_GUILESS_MAIN(tst_ScenarioRecorder)
#include "tst_scenariorecorder.moc"
