// ClientsModel of a server panel, fed with its Opened/Data/Closed events and Registry rows.
#include "ui/clientsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace sb;

namespace {

Event ev(EventKind kind, ConnId conn, int64_t t)
{
    Event e;
    e.kind = kind;
    e.endpoint = 7;
    e.conn = conn;
    e.monoNs = t;
    e.peer = Address::ip("127.0.0.1", static_cast<uint16_t>(50000 + conn));
    return e;
}

constexpr int64_t kSecond = 1'000'000'000;

} // namespace

class TestClientsModel : public QObject
{
    Q_OBJECT
private slots:
    void acceptedClientsAppear();
    void snapshotGivesStateAndExactBytes();
    void closedClientLingers();
};

void TestClientsModel::acceptedClientsAppear()
{
    ClientsModel model(7);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Event data = ev(EventKind::Data, 1, 2 * kSecond);
    data.bytes = makeBytes(std::string("hello"));
    model.addEvents(std::vector<Event> {ev(EventKind::Opened, 1, kSecond),
                                        ev(EventKind::Opened, 2, kSecond), data});
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
    ClientsModel model(7);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addEvents(std::vector<Event> {ev(EventKind::Opened, 1, kSecond)});
    SocketRow r;
    r.endpoint = 7;
    r.conn = 1;
    r.state = "CLOSE_WAIT";
    r.bytesIn = 4096;
    SocketRow other = r;
    other.endpoint = 8; // another panel's socket: not ours
    other.bytesIn = 99999;
    model.setSnapshot({r, other}, 63 * kSecond);
    QCOMPARE(model.data(model.index(0, ClientsModel::StateColumn)).toString(),
             QStringLiteral("CLOSE_WAIT"));
    QCOMPARE(model.data(model.index(0, ClientsModel::InColumn)).toString(),
             QStringLiteral("4.0 KiB"));
    QCOMPARE(model.data(model.index(0, ClientsModel::AgeColumn)).toString(),
             QStringLiteral("1:02"));
}

void TestClientsModel::closedClientLingers()
{
    ClientsModel model(7);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addEvents(std::vector<Event> {ev(EventKind::Opened, 1, kSecond),
                                        ev(EventKind::Opened, 2, kSecond)});
    Event reset = ev(EventKind::Closed, 1, 2 * kSecond);
    reset.err = ECONNRESET;
    model.addEvents(std::vector<Event> {reset});
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.data(model.index(0, 0), ClientsModel::ClosedRole).toBool());
    QCOMPARE(model.data(model.index(0, ClientsModel::StateColumn)).toString(),
             QStringLiteral("RESET"));
    QCOMPARE(model.liveConns(), std::vector<ConnId> {2});
    model.setSnapshot({}, 2 * kSecond + ClientsModel::kLingerMs * 1000000);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.connAt(0), ConnId(2));
}

QTEST_MAIN(TestClientsModel)
#include "tst_clientsmodel.moc"
