// EndpointState: event sequences and registry snapshots in, phase, counters and last error out.
#include "core/net/endpointstate.h"

#include <QStringList>
#include <QTest>

#include <cerrno>

#include <sys/socket.h>

using namespace sb;

namespace {

constexpr EndpointId kEndpoint = 7;

Address addr(uint16_t port) { return Address::ip("127.0.0.1", port); }

int errnoOf(const QString &name)
{
    static const std::map<QString, int> names {
            {"ECONNREFUSED", ECONNREFUSED}, {"ECONNRESET", ECONNRESET},
            {"EADDRINUSE", EADDRINUSE},     {"EPIPE", EPIPE},
            {"EDESTADDRREQ", EDESTADDRREQ}, {"ETIMEDOUT", ETIMEDOUT}};
    const auto it = names.find(name);
    return it == names.end() ? 0 : it->second;
}

/// One event from a line of the little script of the tables:
///   listen | connecting | open C | in C N | out C N | shut C rd|wr|rdwr | eof C |
///   close C [ERRNO] | err C OP ERRNO | stop | drop N | queue C N | done OP [ERRNO]
Event eventOf(const QString &line, int64_t t)
{
    const QStringList w = line.split(QLatin1Char(' '));
    const auto num = [&](int i) { return w.value(i).toULongLong(); };
    const ConnId c = static_cast<ConnId>(num(1));
    Event e;
    if (w[0] == "listen")
        e = Event(0, ev::Listening {addr(4000), 3});
    else if (w[0] == "connecting")
        e = Event(1, ev::Connecting {addr(4000)});
    else if (w[0] == "open")
        e = Event(c, ev::Opened {addr(4000), addr(5000), 4});
    else if (w[0] == "in" || w[0] == "out") {
        ev::Data d;
        d.dir = w[0] == "in" ? Direction::In : Direction::Out;
        d.length = num(2);
        e = Event(c, d);
    } else if (w[0] == "shut")
        e = Event(c, ev::Shutdown {w[2] == "rd" ? SHUT_RD : w[2] == "wr" ? SHUT_WR : SHUT_RDWR});
    else if (w[0] == "eof")
        e = Event(c, ev::PeerEof {});
    else if (w[0] == "close")
        e = Event(c, ev::Closed {errnoOf(w.value(2)), "closed", {}, {}});
    else if (w[0] == "err")
        e = Event(c, ev::Error {w[2].toStdString(), errnoOf(w[3]), "detail", 0});
    else if (w[0] == "stop")
        e = Event(0, ev::Stopped {});
    else if (w[0] == "drop")
        e = Event(0, ev::Dropped {num(1)});
    else if (w[0] == "queue")
        e = Event(c, ev::SendQueue {num(2), false});
    else if (w[0] == "done")
        e = Event(0, ev::CallDone {w[1].toStdString(), errnoOf(w.value(2)), 0, {}, {}});
    else
        qFatal("unknown script line %s", qPrintable(line));
    e.monoNs = t;
    e.endpoint = kEndpoint;
    return e;
}

EndpointState run(Role role, const QStringList &script)
{
    EndpointState s(kEndpoint, role);
    int64_t t = 1000;
    for (const QString &line : script)
        s.apply(eventOf(line, t += 1000));
    return s;
}

SocketRow row(ConnId conn, uint64_t in, uint64_t out, const char *state = "ESTABLISHED")
{
    SocketRow r;
    r.endpoint = kEndpoint;
    r.conn = conn;
    r.state = state;
    r.bytesIn = in;
    r.bytesOut = out;
    r.msgsIn = in ? 1 : 0;
    r.msgsOut = out ? 1 : 0;
    return r;
}

} // namespace

Q_DECLARE_METATYPE(sb::Role)

class TestEndpointState : public QObject
{
    Q_OBJECT
private slots:
    void sequences_data();
    void sequences();
    void snapshotAheadOfEventsCountsOnce();
    void snapshotCatchesDroppedEvents();
    void snapshotKeepsClosedAndUnknown();
    void actions_data();
    void actions();
    void closedConnectionsArePrunedIntoTotals();
};

void TestEndpointState::sequences_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QStringList>("script");
    QTest::addColumn<QString>("phase");
    // bytes in, bytes out, messages in, messages out, accepted, active, closed, errors
    QTest::addColumn<QList<qulonglong>>("counts");
    QTest::addColumn<QString>("errorOp"); // "-": no error
    QTest::addColumn<QString>("errorErrno");
    QTest::addColumn<qulonglong>("dropped");

    using L = QList<qulonglong>;
    QTest::newRow("new") << Role::Client << QStringList {} << "IDLE" << L {0, 0, 0, 0, 0, 0, 0, 0}
                         << "-"
                         << "" << 0ull;
    QTest::newRow("client echo") << Role::Client
                                 << QStringList {"connecting", "open 1", "out 1 13", "in 1 13"}
                                 << "ESTABLISHED" << L {13, 13, 1, 1, 1, 1, 0, 0} << "-"
                                 << "" << 0ull;
    QTest::newRow("client refused")
            << Role::Client
            << QStringList {"connecting", "err 1 connect ECONNREFUSED", "close 1 ECONNREFUSED"}
            << "ERROR" << L {0, 0, 0, 0, 0, 0, 0, 1} << "connect"
            << "ECONNREFUSED" << 0ull;
    QTest::newRow("client refused then connects")
            << Role::Client
            << QStringList {"connecting", "err 1 connect ECONNREFUSED", "close 1 ECONNREFUSED",
                            "connecting", "open 2"}
            << "ESTABLISHED" << L {0, 0, 0, 0, 1, 1, 0, 1} << "-"
            << "" << 0ull;
    QTest::newRow("client reset by peer")
            << Role::Client << QStringList {"connecting", "open 1", "in 1 5", "close 1 ECONNRESET"}
            << "ERROR" << L {5, 0, 1, 0, 1, 0, 1, 0} << ""
            << "ECONNRESET" << 0ull;
    QTest::newRow("client we shut wr")
            << Role::Client << QStringList {"connecting", "open 1", "shut 1 wr"} << "HALF_CLOSED"
            << L {0, 0, 0, 0, 1, 1, 0, 0} << "-"
            << "" << 0ull;
    QTest::newRow("client peer eof")
            << Role::Client << QStringList {"connecting", "open 1", "eof 1"} << "HALF_CLOSED"
            << L {0, 0, 0, 0, 1, 1, 0, 0} << "-"
            << "" << 0ull;
    QTest::newRow("client orderly close")
            << Role::Client << QStringList {"connecting", "open 1", "out 1 3", "eof 1", "close 1"}
            << "CLOSED" << L {0, 3, 0, 1, 1, 0, 1, 0} << "-"
            << "" << 0ull;
    QTest::newRow("client stopped") << Role::Client << QStringList {"connecting", "open 1", "stop"}
                                    << "STOPPED" << L {0, 0, 0, 0, 1, 0, 1, 0} << "-"
                                    << "" << 0ull;
    QTest::newRow("server three clients")
            << Role::Server << QStringList {"listen",    "open 1",     "open 2",   "open 3",
                                            "in 1 13",   "out 1 13",   "in 2 200", "out 2 200",
                                            "in 3 4000", "out 3 4000", "close 2"}
            << "LISTEN" << L {4213, 4213, 3, 3, 3, 2, 1, 0} << "-"
            << "" << 0ull;
    QTest::newRow("server bind in use") << Role::Server << QStringList {"err 0 bind EADDRINUSE"}
                                        << "ERROR" << L {0, 0, 0, 0, 0, 0, 0, 1} << "bind"
                                        << "EADDRINUSE" << 0ull;
    QTest::newRow("server bind in use, then listens")
            << Role::Server << QStringList {"err 0 bind EADDRINUSE", "listen"} << "LISTEN"
            << L {0, 0, 0, 0, 0, 0, 0, 1} << "-"
            << "" << 0ull;
    QTest::newRow("server client reset stays listening")
            << Role::Server << QStringList {"listen", "open 1", "close 1 ECONNRESET"} << "LISTEN"
            << L {0, 0, 0, 0, 1, 0, 1, 0} << ""
            << "ECONNRESET" << 0ull;
    QTest::newRow("server send error cleared by a later send")
            << Role::Server << QStringList {"listen",           "open 1",        "open 2",
                                            "err 1 send EPIPE", "close 1 EPIPE", "out 2 5"}
            << "LISTEN" << L {0, 5, 0, 1, 2, 1, 1, 1} << "-"
            << "" << 0ull;
    QTest::newRow("send error not cleared by a receive")
            << Role::Datagram << QStringList {"listen", "err 0 sendto EDESTADDRREQ", "in 0 7"}
            << "BOUND" << L {7, 0, 1, 0, 0, 0, 0, 1} << "sendto"
            << "EDESTADDRREQ" << 0ull;
    QTest::newRow("datagram send error cleared by a send")
            << Role::Datagram
            << QStringList {"listen", "err 0 sendto EDESTADDRREQ", "out 0 64", "out 0 64"}
            << "BOUND" << L {0, 128, 0, 2, 0, 0, 0, 1} << "-"
            << "" << 0ull;
    QTest::newRow("datagram closed") << Role::Datagram << QStringList {"listen", "close 0"}
                                     << "CLOSED" << L {0, 0, 0, 0, 0, 0, 0, 0} << "-"
                                     << "" << 0ull;
    QTest::newRow("pair closes when both ends do")
            << Role::Pair << QStringList {"open 1", "open 2", "out 1 9", "in 2 9", "close 1"}
            << "ESTABLISHED" << L {9, 9, 1, 1, 2, 1, 1, 0} << "-"
            << "" << 0ull;
    QTest::newRow("pair both closed")
            << Role::Pair << QStringList {"open 1", "open 2", "close 1", "close 2"} << "CLOSED"
            << L {0, 0, 0, 0, 2, 0, 2, 0} << "-"
            << "" << 0ull;
    QTest::newRow("dropped log entries are counted")
            << Role::Client << QStringList {"connecting", "open 1", "drop 5", "drop 2"}
            << "ESTABLISHED" << L {0, 0, 0, 0, 1, 1, 0, 0} << "-"
            << "" << 7ull;
    QTest::newRow("newer error replaces older")
            << Role::Datagram
            << QStringList {"listen", "err 0 sendto EDESTADDRREQ", "err 0 recvfrom ECONNREFUSED"}
            << "BOUND" << L {0, 0, 0, 0, 0, 0, 0, 2} << "recvfrom"
            << "ECONNREFUSED" << 0ull;
    QTest::newRow("demo call error cleared by the same call")
            << Role::Client << QStringList {"done bind EADDRINUSE", "done bind"} << "IDLE"
            << L {0, 0, 0, 0, 0, 0, 0, 1} << "-"
            << "" << 0ull;
}

void TestEndpointState::sequences()
{
    QFETCH(Role, role);
    QFETCH(QStringList, script);
    QFETCH(QString, phase);
    QFETCH(QList<qulonglong>, counts);
    QFETCH(QString, errorOp);
    QFETCH(QString, errorErrno);
    QFETCH(qulonglong, dropped);

    const EndpointState s = run(role, script);
    QCOMPARE(QString::fromLatin1(s.phaseText()), phase);
    const EndpointTotals t = s.totals();
    const QList<qulonglong> got {
            t.traffic.bytesIn, t.traffic.bytesOut, t.traffic.msgsIn, t.traffic.msgsOut,
            t.accepted,        t.active,           t.closed,         t.errors};
    QCOMPARE(got, counts);
    QCOMPARE(s.droppedLogEntries(), dropped);
    if (errorOp == "-") {
        QVERIFY2(!s.lastError().isSet(), s.lastError().op.c_str());
    } else {
        QVERIFY(s.lastError().isSet());
        QCOMPARE(QString::fromStdString(s.lastError().op), errorOp);
        QCOMPARE(s.lastError().err, errnoOf(errorErrno));
        QVERIFY(s.lastError().monoNs > 0);
    }
}

void TestEndpointState::snapshotAheadOfEventsCountsOnce()
{
    // The registry counts a byte when recv returns, before its Data event arrives: a snapshot
    // read in between must not make the event count it a second time (the Clients tab's 26/26
    // for a 13/13 echo).
    EndpointState s = run(Role::Server, {"listen", "open 1"});
    s.applySnapshot({row(0, 0, 0, "LISTEN"), row(1, 13, 13)});
    QCOMPARE(s.totals().traffic, (Traffic {13, 13, 1, 1}));
    s.apply(eventOf("in 1 13", 10'000));
    s.apply(eventOf("out 1 13", 11'000));
    QCOMPARE(s.totals().traffic, (Traffic {13, 13, 1, 1}));
    QCOMPARE(s.connection(1)->traffic(), (Traffic {13, 13, 1, 1}));
    s.apply(eventOf("in 1 7", 12'000));
    QCOMPARE(s.totals().traffic.bytesIn, 20u);
}

void TestEndpointState::snapshotCatchesDroppedEvents()
{
    EndpointState s = run(Role::Client, {"connecting", "open 1", "in 1 100", "drop 40"});
    QCOMPARE(s.totals().traffic.bytesIn, 100u);
    SocketRow r = row(1, 4100, 0, "ESTABLISHED");
    r.msgsIn = 41;
    r.recvQ = 12;
    s.applySnapshot({r, row(99, 5, 5)}); // conn 99: not opened by an event yet, passed over
    QCOMPARE(s.totals().traffic.bytesIn, 4100u);
    QCOMPARE(s.totals().traffic.msgsIn, 41u);
    QCOMPARE(s.connection(1)->recvQ, 12u);
    QVERIFY(!s.connection(99));
    SocketRow other = row(1, 1, 1);
    other.endpoint = kEndpoint + 1;
    s.applySnapshot({other});
    QCOMPARE(s.totals().traffic.bytesIn, 4100u);
}

void TestEndpointState::snapshotKeepsClosedAndUnknown()
{
    EndpointState s = run(Role::Client, {"connecting", "open 1", "close 1"});
    s.applySnapshot({row(1, 3, 3, "ESTABLISHED")}); // read before the close, applied after it
    QCOMPARE(QString::fromStdString(s.connection(1)->tcpState), QStringLiteral("CLOSED"));
    QCOMPARE(s.phase(), EndpointPhase::Closed);
    QCOMPARE(s.totals().traffic.bytesIn, 3u);

    EndpointState c = run(Role::Client, {"connecting", "open 1"});
    c.applySnapshot({row(1, 0, 0, "CLOSE_WAIT")});
    QCOMPARE(QString::fromStdString(c.current()->tcpState), QStringLiteral("CLOSE_WAIT"));
}

void TestEndpointState::actions_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QStringList>("script");
    // active, shutdown wr, shutdown rd, abort, send
    QTest::addColumn<QList<bool>>("enabled");
    using B = QList<bool>;
    QTest::newRow("idle client") << Role::Client << QStringList {}
                                 << B {false, false, false, false, false};
    QTest::newRow("connecting") << Role::Client << QStringList {"connecting"}
                                << B {true, false, false, true, false};
    QTest::newRow("connected") << Role::Client << QStringList {"connecting", "open 1"}
                               << B {true, true, true, true, true};
    QTest::newRow("we shut wr") << Role::Client << QStringList {"connecting", "open 1", "shut 1 wr"}
                                << B {true, false, true, true, false};
    QTest::newRow("peer eof") << Role::Client << QStringList {"connecting", "open 1", "eof 1"}
                              << B {true, true, true, true, true};
    QTest::newRow("error") << Role::Client
                           << QStringList {"connecting", "open 1", "close 1 ECONNRESET"}
                           << B {false, false, false, false, false};
    QTest::newRow("closed") << Role::Client << QStringList {"connecting", "open 1", "close 1"}
                            << B {false, false, false, false, false};
    QTest::newRow("server no clients")
            << Role::Server << QStringList {"listen"} << B {true, false, false, false, false};
    QTest::newRow("server a client")
            << Role::Server << QStringList {"listen", "open 1"} << B {true, true, true, true, true};
    QTest::newRow("server bind failed") << Role::Server << QStringList {"err 0 bind EADDRINUSE"}
                                        << B {false, false, false, false, false};
    QTest::newRow("datagram bound")
            << Role::Datagram << QStringList {"listen"} << B {true, false, false, false, true};
    QTest::newRow("stopped") << Role::Server << QStringList {"listen", "open 1", "stop"}
                             << B {false, false, false, false, false};
}

void TestEndpointState::actions()
{
    QFETCH(Role, role);
    QFETCH(QStringList, script);
    QFETCH(QList<bool>, enabled);
    const EndpointState s = run(role, script);
    const QList<bool> got {s.isActive(), s.canShutdown(SHUT_WR), s.canShutdown(SHUT_RD),
                           s.canAbort(), s.canSend()};
    QCOMPARE(got, enabled);
}

void TestEndpointState::closedConnectionsArePrunedIntoTotals()
{
    EndpointState s(kEndpoint, Role::Server);
    int64_t t = 1;
    s.apply(eventOf("listen", ++t));
    const ConnId n = EndpointState::kKeepClosed + 50;
    for (ConnId c = 1; c <= n; ++c) {
        s.apply(eventOf(QStringLiteral("open %1").arg(c), ++t));
        s.apply(eventOf(QStringLiteral("in %1 10").arg(c), ++t));
        s.apply(eventOf(QStringLiteral("close %1").arg(c), ++t));
    }
    QCOMPARE(s.connections().size(), EndpointState::kKeepClosed);
    QVERIFY(!s.connection(1)); // the oldest went first
    QVERIFY(s.connection(n));
    const EndpointTotals totals = s.totals();
    QCOMPARE(totals.traffic.bytesIn, uint64_t(n) * 10);
    QCOMPARE(totals.traffic.msgsIn, uint64_t(n));
    QCOMPARE(totals.accepted, uint64_t(n));
    QCOMPARE(totals.closed, uint64_t(n));
    QCOMPARE(totals.active, 0u);
}

QTEST_GUILESS_MAIN(TestEndpointState)
#include "tst_endpointstate.moc"
