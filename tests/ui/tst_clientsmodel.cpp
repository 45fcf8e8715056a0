// ClientsModel of a server panel: rows over the panel's EndpointState, which takes the
// Opened/Data/Closed events and Registry rows.
#include "ui/clientsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <cerrno>

using namespace sb;

namespace {

constexpr EndpointId kEndpoint = 7;
constexpr int64_t kSecond = 1'000'000'000;

Event at(ConnId conn, int64_t t, EventBody body)
{
    Event e(conn, std::move(body));
    e.endpoint = kEndpoint;
    e.monoNs = t;
    return e;
}

Event opened(ConnId conn, int64_t t)
{
    return at(conn, t,
              ev::Opened {Address::ip("127.0.0.1", 4000),
                          Address::ip("127.0.0.1", static_cast<uint16_t>(50000 + conn)), -1});
}

Event data(ConnId conn, int64_t t, Direction dir, uint64_t length)
{
    ev::Data d;
    d.dir = dir;
    d.length = length;
    return at(conn, t, d);
}

SocketRow row(ConnId conn, const char *state, uint64_t in, uint64_t out)
{
    SocketRow r;
    r.endpoint = kEndpoint;
    r.conn = conn;
    r.state = state;
    r.bytesIn = in;
    r.bytesOut = out;
    return r;
}

} // namespace

class TestClientsModel : public QObject
{
    Q_OBJECT
private slots:
    void acceptedClientsAppear();
    void snapshotGivesStateAndExactBytes();
    void snapshotBeforeEventsCountsOnce();
    void closedClientLingers();
};

void TestClientsModel::acceptedClientsAppear()
{
    EndpointState state(kEndpoint, Role::Server);
    ClientsModel model(&state);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const Event &e :
         {opened(1, kSecond), opened(2, kSecond), data(1, 2 * kSecond, Direction::In, 5)})
        state.apply(e);
    model.refresh(2 * kSecond);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, ClientsModel::ClientColumn)).toString(),
             QStringLiteral("#1"));
    QCOMPARE(model.data(model.index(1, ClientsModel::PeerColumn)).toString(),
             QStringLiteral("127.0.0.1:50002"));
    QCOMPARE(model.data(model.index(0, ClientsModel::InColumn)).toString(), QStringLiteral("5 B"));
    QCOMPARE(model.liveConns(), (std::vector<ConnId> {1, 2}));
}

void TestClientsModel::snapshotGivesStateAndExactBytes()
{
    EndpointState state(kEndpoint, Role::Server);
    ClientsModel model(&state);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    state.apply(opened(1, kSecond));
    SocketRow other = row(1, "ESTABLISHED", 99999, 0);
    other.endpoint = kEndpoint + 1; // another panel's socket: not ours
    state.applySnapshot({row(1, "CLOSE_WAIT", 4096, 0), other});
    model.refresh(63 * kSecond);
    QCOMPARE(model.data(model.index(0, ClientsModel::StateColumn)).toString(),
             QStringLiteral("CLOSE_WAIT"));
    QCOMPARE(model.data(model.index(0, ClientsModel::InColumn)).toString(),
             QStringLiteral("4.0 KiB"));
    QCOMPARE(model.data(model.index(0, ClientsModel::AgeColumn)).toString(),
             QStringLiteral("1:02"));
}

void TestClientsModel::snapshotBeforeEventsCountsOnce()
{
    // The registry counts the echo's 13 bytes each way when the calls return; the Data events
    // arrive after the snapshot that saw them. The row shows 13, not 26.
    EndpointState state(kEndpoint, Role::Server);
    ClientsModel model(&state);
    state.apply(opened(1, kSecond));
    state.applySnapshot({row(1, "ESTABLISHED", 13, 13)});
    model.refresh(kSecond);
    state.apply(data(1, kSecond, Direction::In, 13));
    state.apply(data(1, kSecond, Direction::Out, 13));
    model.refresh(kSecond);
    QCOMPARE(model.data(model.index(0, ClientsModel::InColumn)).toString(), QStringLiteral("13 B"));
    QCOMPARE(model.data(model.index(0, ClientsModel::OutColumn)).toString(),
             QStringLiteral("13 B"));
}

void TestClientsModel::closedClientLingers()
{
    EndpointState state(kEndpoint, Role::Server);
    ClientsModel model(&state);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    state.apply(opened(1, kSecond));
    state.apply(opened(2, kSecond));
    model.refresh(kSecond);
    state.apply(at(1, 2 * kSecond, ev::Closed {ECONNRESET, "reset by peer", {}, {}}));
    model.refresh(2 * kSecond);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.data(model.index(0, 0), ClientsModel::ClosedRole).toBool());
    QCOMPARE(model.data(model.index(0, ClientsModel::StateColumn)).toString(),
             QStringLiteral("RESET"));
    QCOMPARE(model.liveConns(), std::vector<ConnId> {2});
    model.refresh(2 * kSecond + ClientsModel::kLingerMs * 1000000);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.connAt(0), ConnId(2));
}

QTEST_MAIN(TestClientsModel)
#include "tst_clientsmodel.moc"
