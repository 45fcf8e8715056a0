// DemoPlayer plays every built-in demo on real sockets; each test checks the demo's key facts
// from the events themselves (calls, errno, bytes, order), not only the demo's own expect: lines.
#include "../support/testregistry.h"
#include "core/demo/demolibrary.h"
#include "core/demo/demoplayer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <cerrno>

#include <netinet/in.h>
#include <sys/socket.h>

using namespace sb;

namespace {

/// Runs a player to its end the way a headless owner does; false if it took over a minute.
bool playToEnd(DemoPlayer &player, int paceMs = 0)
{
    QElapsedTimer timer;
    timer.start();
    player.play(paceMs);
    while (player.state() != DemoPlayer::State::Finished) {
        if (timer.elapsed() > 60000)
            return false;
        const int due = player.msUntilDue();
        player.waitForEvents(due < 0 ? 100 : std::min(due, 100));
        player.pump();
    }
    return true;
}

std::string failures(const DemoPlayer &player)
{
    std::string out;
    for (const auto &report : player.reports())
        for (const auto &check : report.checks)
            if (!check.passed)
                out += "line " + std::to_string(check.line) + ": " + check.source + ": "
                        + check.detail + "\n";
    return out;
}

/// The traces of panel, in order: "socket", "bind", ...
std::vector<const TraceRecord *> traces(const DemoPlayer &player, const std::string &panel)
{
    std::vector<const TraceRecord *> out;
    for (const auto &e : player.entries())
        if (e.panel == panel && e.event.is<ev::Trace>())
            out.push_back(e.event.as<ev::Trace>()->record.get());
    return out;
}

std::vector<std::string> callNames(const DemoPlayer &player, const std::string &panel)
{
    std::vector<std::string> out;
    for (const TraceRecord *t : traces(player, panel))
        out.push_back(sysCallName(t->call));
    return out;
}

/// Each Data In event of panel, one string per read.
std::vector<std::string> reads(const DemoPlayer &player, const std::string &panel, int how = -1)
{
    std::vector<std::string> out;
    for (const auto &e : player.entries())
        if (const auto *d = e.event.as<ev::Data>(); e.panel == panel && d && d->dir == Direction::In
            && (how < 0 || (d->flags & how) == how))
            out.emplace_back(view(d->bytes));
    return out;
}

/// The time of the first entry of panel that pred accepts; -1 when none.
int64_t firstTime(const DemoPlayer &player, const std::string &panel,
                  const std::function<bool(const Event &)> &pred)
{
    for (const auto &e : player.entries())
        if (e.panel == panel && pred(e.event))
            return e.event.monoNs;
    return -1;
}

bool isCall(const Event &e, SysCall call)
{
    const auto *t = e.as<ev::Trace>();
    return t && t->record->call == call;
}

bool isDataIn(const Event &e)
{
    const auto *d = e.as<ev::Data>();
    return d && d->dir == Direction::In;
}

const TraceRecord *findCall(const DemoPlayer &player, const std::string &panel, SysCall call,
                            int nth = 0)
{
    for (const TraceRecord *t : traces(player, panel))
        if (t->call == call && nth-- == 0)
            return t;
    return nullptr;
}

std::unique_ptr<DemoPlayer> playDemo(const char *name, DemoLang lang = DemoLang::En)
{
    auto script = loadBuiltinDemo(name);
    if (!script)
        qFatal("%s", script.error().c_str());
    auto player = std::make_unique<DemoPlayer>(std::move(script).value(), sbtest::registry(), lang);
    if (!playToEnd(*player))
        qWarning("demo %s did not finish", name);
    return player;
}

using Strings = std::vector<std::string>;

} // namespace

class tst_DemoPlayer : public QObject
{
    Q_OBJECT

private slots:
    void tcpEcho();
    void iterativeMakesClientsWait();
    void udpKeepsBoundariesTcpDoesNot();
    void connectionRefused();
    void addressInUse();
    void halfClose();
    void unixSockets();
    void timeouts();
    void outOfBand();
    void byteOrder();
    void recvIsNotAMessage();
    void multicastGroup();
    void groupSendNeedsLoopbackInterface();
    void stepByStepAndReset();
    void failedExpectationIsReported();
    void stepTimesOut();
    void refusesNonLoopback();
    void wakeupDrivesAGuiOwner();
};

void tst_DemoPlayer::tcpEcho()
{
    auto p = playDemo("tcp-echo");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    QCOMPARE(callNames(*p, "server"), (Strings {"socket", "bind", "listen", "accept4", "close"}));
    QCOMPARE(callNames(*p, "conn"), (Strings {"recv", "send", "recv", "close"}));
    QCOMPARE(callNames(*p, "client"), (Strings {"socket", "connect", "send", "recv", "close"}));
    QCOMPARE(reads(*p, "conn"), (Strings {"hello\n"}));
    QCOMPARE(reads(*p, "client"), (Strings {"hello\n"}));
    // The client connected to the port the server's bind got from the kernel.
    const TraceRecord *connect = findCall(*p, "client", SysCall::Connect);
    QVERIFY(connect && connect->result == 0);
    QVERIFY(connect->addr.port() != 0);
    const TraceRecord *accept = findCall(*p, "server", SysCall::Accept4);
    QVERIFY(accept && accept->result >= 0);
    QCOMPARE(p->reports().size(), size_t(11));
}

void tst_DemoPlayer::iterativeMakesClientsWait()
{
    auto p = playDemo("iterative-vs-concurrent");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    // c2 and c3 are connected (by the kernel) while the server still serves c1.
    const int64_t c2Opened = firstTime(*p, "c2", [](const Event &e) { return e.is<ev::Opened>(); });
    const int64_t c3Opened = firstTime(*p, "c3", [](const Event &e) { return e.is<ev::Opened>(); });
    const int64_t c2Data = firstTime(*p, "c2", isDataIn);
    const int64_t c3Data = firstTime(*p, "c3", isDataIn);
    const auto eof = [](const Event &e) { return e.is<ev::PeerEof>(); };
    // The server's own trace is the witness of the waiting: a client's close is stamped when it
    // returns, which may be after the server already reacted to it.
    const int64_t firstEof = firstTime(*p, "iterative#1", eof);
    const int64_t secondEof = firstTime(*p, "iterative#2", eof);
    QVERIFY(c2Opened > 0 && c3Opened > 0 && c2Data > 0 && c3Data > 0);
    QVERIFY(firstEof > 0 && secondEof > 0);
    QVERIFY(c2Opened < firstEof && c3Opened < firstEof);
    // The waiting clients: no echo for c2 until the server saw c1 leave, none for c3 until it
    // saw c2 leave.
    QVERIFY(c2Data > firstEof);
    QVERIFY(c3Data > secondEof);
    // And they got it in the steps where c1, then c2, closed.
    for (const auto &e : p->entries()) {
        if (isDataIn(e.event) && (e.panel == "c2" || e.panel == "c3")) {
            const auto &actions = p->script().steps[size_t(e.step)].actions;
            const std::string closer = e.panel == "c2" ? "c1" : "c2";
            QVERIFY2(std::any_of(actions.begin(), actions.end(),
                                 [&](const DemoAction &a) {
                                     return a.panel == closer && a.op == "close";
                                 }),
                     e.panel.c_str());
        }
    }
    // The iterative server accepted its second client only after the first left.
    int64_t secondAccept = -1;
    int accepts = 0;
    for (const auto &e : p->entries())
        if (e.panel == "iterative" && isCall(e.event, SysCall::Accept4)
            && e.event.as<ev::Trace>()->record->result >= 0 && ++accepts == 2)
            secondAccept = e.event.monoNs;
    QVERIFY(secondAccept > firstEof);
    QCOMPARE(reads(*p, "c2"), (Strings {"two\n"}));
    // The concurrent server answered the third client while the first was still connected.
    const int64_t d3Data = firstTime(*p, "d3", isDataIn);
    const int64_t d1Close
            = firstTime(*p, "d1", [](const Event &e) { return isCall(e, SysCall::Close); });
    QVERIFY(d3Data > 0 && d1Close > 0 && d3Data < d1Close);
}

void tst_DemoPlayer::udpKeepsBoundariesTcpDoesNot()
{
    auto p = playDemo("udp-vs-tcp");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    QCOMPARE(callNames(*p, "sender"), (Strings {"socket", "sendto", "sendto", "sendto"}));
    QCOMPARE(reads(*p, "receiver"), (Strings {"one", "two", "three"}));
    QCOMPARE(callNames(*p, "client"), (Strings {"socket", "connect", "send", "send", "send"}));
    QCOMPARE(reads(*p, "conn"), (Strings {"onetwothree"}));
    QCOMPARE(callNames(*p, "conn"), (Strings {"recv"}));
}

void tst_DemoPlayer::connectionRefused()
{
    auto p = playDemo("connection-refused");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    const TraceRecord *connect = findCall(*p, "client", SysCall::Connect);
    QVERIFY(connect);
    QCOMPARE(connect->result, int64_t(-1));
    QCOMPARE(connect->err, ECONNREFUSED);
    const TraceRecord *bind = findCall(*p, "probe", SysCall::Bind);
    QVERIFY(bind && bind->result == 0);
    QCOMPARE(callNames(*p, "probe"), (Strings {"socket", "bind", "close"}));
}

void tst_DemoPlayer::addressInUse()
{
    auto p = playDemo("address-in-use");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    const TraceRecord *second = findCall(*p, "second", SysCall::Bind);
    const TraceRecord *third = findCall(*p, "third", SysCall::Bind);
    const TraceRecord *fourth = findCall(*p, "fourth", SysCall::Bind);
    QVERIFY(second && third && fourth);
    QCOMPARE(second->err, EADDRINUSE);
    QCOMPARE(third->err, EADDRINUSE);
    QCOMPARE(fourth->result, int64_t(0));
    // All three asked for the same port, the first server's.
    QCOMPARE(third->addr.port(), second->addr.port());
    QCOMPARE(fourth->addr.port(), second->addr.port());
    QCOMPARE(callNames(*p, "fourth"), (Strings {"socket", "setsockopt", "bind", "listen"}));
    QCOMPARE(callNames(*p, "third"), (Strings {"socket", "bind", "close"}));
}

void tst_DemoPlayer::halfClose()
{
    auto p = playDemo("half-close");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    const TraceRecord *shut = findCall(*p, "client", SysCall::Shutdown);
    QVERIFY(shut);
    QCOMPARE(shut->a[0], int64_t(SHUT_WR));
    // The server read the question, then 0 (end of file), then still sent its answer.
    QCOMPARE(callNames(*p, "conn"), (Strings {"recv", "recv", "send", "close"}));
    const TraceRecord *eof = findCall(*p, "conn", SysCall::Recv, 1);
    QVERIFY(eof);
    QCOMPARE(eof->result, int64_t(0));
    QCOMPARE(reads(*p, "conn"), (Strings {"how many bytes?\n"}));
    QCOMPARE(reads(*p, "client"), (Strings {"16\n"}));
}

void tst_DemoPlayer::unixSockets()
{
    auto p = playDemo("unix-sockets");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    const TraceRecord *bind = findCall(*p, "server", SysCall::Bind);
    QVERIFY(bind && bind->result == 0);
    QCOMPARE(bind->addr.family(), AF_UNIX);
    QVERIFY(QString::fromStdString(bind->addr.host()).endsWith("/echo.sock"));
    QCOMPARE(reads(*p, "conn"), (Strings {"hola\n"}));
    QCOMPARE(reads(*p, "right"), (Strings {"ping"}));
    QCOMPARE(reads(*p, "left"), (Strings {"pong"}));
    const TraceRecord *pair = findCall(*p, "pair", SysCall::Socketpair);
    QVERIFY(pair && pair->result == 0);
    // The socket file lives in the demo's temporary directory, which goes with the player.
    const QString dir = QString::fromStdString(p->tmpDir());
    QVERIFY(QString::fromStdString(bind->addr.host()).startsWith(dir));
    p.reset();
    QVERIFY(!QDir(dir).exists());
}

void tst_DemoPlayer::timeouts()
{
    auto p = playDemo("timeouts");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    const TraceRecord *recv = findCall(*p, "client", SysCall::Recv);
    QVERIFY(recv);
    QCOMPARE(recv->err, EAGAIN);
    const TraceRecord *listen = findCall(*p, "full", SysCall::Listen);
    QVERIFY(listen && listen->a[0] == 0);
    int lateErr = 0;
    for (const auto &e : p->entries())
        if (const auto *err = e.event.as<ev::Error>(); e.panel == "late" && err)
            lateErr = err->err;
    QCOMPARE(lateErr, ETIMEDOUT);
    QVERIFY(firstTime(*p, "first", [](const Event &e) { return e.is<ev::Opened>(); }) > 0);
}

void tst_DemoPlayer::outOfBand()
{
    auto p = playDemo("out-of-band");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    QCOMPARE(reads(*p, "conn", MSG_OOB), (Strings {"!"}));
    QCOMPARE(reads(*p, "conn"), (Strings {"!", "normal data"}));
    const TraceRecord *oobSend = findCall(*p, "client", SysCall::Send, 1);
    QVERIFY(oobSend && (oobSend->a[1] & MSG_OOB));
}

void tst_DemoPlayer::byteOrder()
{
    auto p = playDemo("byte-order");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    const TraceRecord *connect = findCall(*p, "client", SysCall::Connect);
    QVERIFY(connect);
    const uint16_t port = connect->addr.port();
    const auto got = reads(*p, "conn");
    QCOMPARE(got.size(), size_t(2));
    QCOMPARE(got[0], networkOrder16(port) + std::string("\x7f\x00\x00\x01", 4));
    QCOMPARE(got[1], hostOrder16(port));
    int notes = 0;
    for (const auto &e : p->entries())
        if (const auto *o = e.event.as<ev::OptionValue>(); o && o->name == "note"
            && (o->value.starts_with("htons(" + std::to_string(port))
                || o->value.starts_with("htonl(127.0.0.1 = 0x7f000001)")))
            ++notes;
    QCOMPARE(notes, 2);
}

void tst_DemoPlayer::stepByStepAndReset()
{
    auto script = loadBuiltinDemo("connection-refused");
    QVERIFY(script.ok());
    DemoPlayer player(std::move(script).value(), sbtest::registry(), DemoLang::Es);
    QVERIFY(player.narration(0).find("puerto") != std::string::npos);
    QCOMPARE(player.state(), DemoPlayer::State::Ready);
    QVERIFY(player.next());
    QCOMPARE(player.state(), DemoPlayer::State::Running);
    QVERIFY(!player.next()); // one step at a time
    QTRY_COMPARE_WITH_TIMEOUT((player.pump(), player.state()), DemoPlayer::State::Ready, 20000);
    QCOMPARE(player.currentStep(), 1);
    QVERIFY(player.reports()[0].passed());
    const std::string firstDir = player.tmpDir();
    player.reset();
    QCOMPARE(player.currentStep(), 0);
    QVERIFY(player.entries().empty());
    QVERIFY(!player.reports()[0].started);
    QVERIFY(!QDir(QString::fromStdString(firstDir)).exists());
    // A reset player plays the whole demo again, on new sockets.
    QVERIFY(playToEnd(player, 1));
    QVERIFY2(player.allPassed(), failures(player).c_str());
}

void tst_DemoPlayer::failedExpectationIsReported()
{
    auto script = parseDemo("name: wrong\ntitle.en: w\ntitle.es: w\n"
                            "panel: a raw\n"
                            "step:\ndo: a socketpair unix as x y\ndo: x send \"hello\"\n"
                            "do: y recv 100\nen: e\nes: e\n"
                            "expect: received y \"bye\"\n"
                            "expect: errno a ECONNREFUSED\n"
                            "expect: calls x send\n",
                            "wrong.demo");
    QVERIFY2(script.ok(), script.ok() ? "" : script.error().c_str());
    DemoPlayer player(std::move(script).value(), sbtest::registry());
    QVERIFY(playToEnd(player));
    QVERIFY(!player.allPassed());
    const auto &checks = player.reports()[0].checks;
    QCOMPARE(checks.size(), size_t(3));
    QVERIFY(!checks[0].passed);
    QCOMPARE(checks[0].line, 11);
    QCOMPARE(checks[0].detail, std::string("y received \"hello\", not \"bye\""));
    QVERIFY(!checks[1].passed);
    QCOMPARE(checks[1].detail, std::string("no ECONNREFUSED in this step"));
    QVERIFY(checks[2].passed);
}

void tst_DemoPlayer::stepTimesOut()
{
    // A recv nobody answers: the step gives up after its timeout: and says what it waited for.
    auto script = parseDemo("name: stuck\ntitle.en: s\ntitle.es: s\npanel: a raw\n"
                            "step:\ndo: a socketpair unix as x y\ndo: y recv 10\ntimeout: 200\n"
                            "en: e\nes: e\nexpect: received y \"z\"\n");
    QVERIFY(script.ok());
    DemoPlayer player(std::move(script).value(), sbtest::registry());
    QVERIFY(playToEnd(player));
    const DemoStepReport &report = player.reports()[0];
    QVERIFY(report.timedOut);
    QVERIFY(!report.passed());
    QVERIFY2(report.checks[0].detail.find("a recv()") != std::string::npos,
             report.checks[0].detail.c_str());
}

void tst_DemoPlayer::recvIsNotAMessage()
{
    auto p = playDemo("recv-is-not-a-message");
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    // One send of ten bytes through the chopping relay: four reads at the server. Then two
    // sends through the coalescing relay: one read.
    QCOMPARE(reads(*p, "conn"), (Strings {"HEL", "LOW", "ORL", "D", "HELLOWORLD"}));
    int sends = 0;
    for (const TraceRecord *t : traces(*p, "client"))
        sends += t->call == SysCall::Send;
    QCOMPARE(sends, 3);
}

void tst_DemoPlayer::multicastGroup()
{
    auto p = playDemo("multicast-group", DemoLang::Es);
    QVERIFY2(p->allPassed(), failures(*p).c_str());
    QCOMPARE(reads(*p, "alice"), (Strings {"hello, group", "still here?", "members only"}));
    // Bob left after the first: the second reaches him only because IP_MULTICAST_ALL is on.
    QCOMPARE(reads(*p, "bob"), (Strings {"hello, group", "still here?"}));
    const TraceRecord *ttl = findCall(*p, "sender", SysCall::Setsockopt, 1);
    QVERIFY(ttl);
    QCOMPARE(int(ttl->a[1]), IP_MULTICAST_TTL); // the group never leaves this host
}

void tst_DemoPlayer::groupSendNeedsLoopbackInterface()
{
    // A group is no loopback literal: sending to one is allowed only out of lo.
    auto script = parseDemo("name: g\ntitle.en: g\ntitle.es: g\npanel: a raw\n"
                            "step:\ndo: a socket udp\n"
                            "do: a sendto \"x\" udp://239.255.71.8:9\n"
                            "en: e\nes: e\nexpect: calls a socket\n");
    QVERIFY2(script.ok(), script.ok() ? "" : script.error().c_str());
    DemoPlayer player(std::move(script).value(), sbtest::registry());
    QVERIFY(playToEnd(player));
    bool refused = false;
    for (const auto &check : player.reports()[0].checks)
        refused = refused || check.detail.find("multicast-if 127.0.0.1") != std::string::npos;
    QVERIFY(refused);
    QCOMPARE(findCall(player, "a", SysCall::Sendto), nullptr);
}

void tst_DemoPlayer::refusesNonLoopback()
{
    auto script = parseDemo("name: far\ntitle.en: f\ntitle.es: f\npanel: a raw\n"
                            "step:\ndo: a socket tcp\ndo: a connect tcp://192.0.2.1:80\n"
                            "en: e\nes: e\nexpect: calls a socket\n");
    QVERIFY(script.ok());
    DemoPlayer player(std::move(script).value(), sbtest::registry());
    QVERIFY(playToEnd(player));
    const auto &checks = player.reports()[0].checks;
    QVERIFY(!checks.empty());
    QVERIFY(!checks[0].passed);
    QVERIFY2(checks[0].detail.find("not a loopback") != std::string::npos,
             checks[0].detail.c_str());
    QCOMPARE(findCall(player, "a", SysCall::Connect), nullptr);
}

void tst_DemoPlayer::wakeupDrivesAGuiOwner()
{
    // The GUI's way: never wait on the player; pump() when the wakeup (from a worker) says so.
    auto script = loadBuiltinDemo("tcp-echo");
    QVERIFY(script.ok());
    DemoPlayer player(std::move(script).value(), sbtest::registry());
    std::atomic<int> wakeups {0};
    player.setWakeup([&] { wakeups.fetch_add(1); });
    int finished = 0;
    int lastSeen = 0;
    std::vector<int> stepsOfEntries;
    QElapsedTimer timer;
    timer.start();
    while (player.state() != DemoPlayer::State::Finished && timer.elapsed() < 60000) {
        if (player.state() == DemoPlayer::State::Ready)
            QVERIFY(player.next()); // returns at once, even for "accept &" that blocks
        if (wakeups.load() == lastSeen && player.msUntilDue() != 0) {
            QTest::qWait(1); // the event loop of a GUI thread, idle until a wakeup
            continue;
        }
        lastSeen = wakeups.load();
        const DemoUpdate update = player.pump();
        finished += int(update.finished.size());
        for (const auto &e : update.entries)
            stepsOfEntries.push_back(e.step);
    }
    QVERIFY2(player.allPassed(), failures(player).c_str());
    QVERIFY(wakeups.load() > 0);
    QCOMPARE(finished, player.stepCount());
    // Entries come step by step, never from a later step before an earlier one.
    QVERIFY(std::is_sorted(stepsOfEntries.begin(), stepsOfEntries.end()));
    QCOMPARE(stepsOfEntries.size(), player.entries().size());
}

QTEST_GUILESS_MAIN(tst_DemoPlayer)
#include "tst_demoplayer.moc"
