// ConnectionsModel fed with Registry rows, the values RegistryMonitor hands the GUI.
#include "ui/connectionsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sb;

namespace {

SocketRow row(EndpointId ep, ConnId conn, const char *state, uint16_t localPort, uint16_t peerPort)
{
    SocketRow r;
    r.endpoint = ep;
    r.conn = conn;
    r.owner = "Panel " + std::to_string(ep);
    r.fd = 10 + static_cast<int>(conn);
    r.transport = Transport::Tcp;
    r.listening = peerPort == 0;
    r.local = Address::ip("127.0.0.1", localPort);
    if (peerPort)
        r.peer = Address::ip("127.0.0.1", peerPort);
    r.state = state;
    r.bytesIn = 5;
    return r;
}

QString cell(const ConnectionsModel &m, int r, int c) { return m.data(m.index(r, c)).toString(); }

constexpr int64_t kSecond = 1'000'000'000;

} // namespace

class TestConnectionsModel : public QObject
{
    Q_OBJECT
private slots:
    void netstatColumns();
    void stateUpdatesInPlace();
    void closedRowLingersGreyThenGoes();
    void rowOfFindsASocket();
};

void TestConnectionsModel::netstatColumns()
{
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot({row(1, 0, "LISTEN", 4000, 0), row(1, 1, "ESTABLISHED", 4000, 50000)},
                      kSecond);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.headerData(ConnectionsModel::RecvQColumn, Qt::Horizontal).toString(),
             QStringLiteral("Recv-Q"));
    QCOMPARE(cell(model, 0, ConnectionsModel::ProtoColumn), QStringLiteral("tcp"));
    QCOMPARE(cell(model, 0, ConnectionsModel::LocalColumn), QStringLiteral("127.0.0.1:4000"));
    QCOMPARE(cell(model, 0, ConnectionsModel::ForeignColumn), QStringLiteral("0.0.0.0:*"));
    QCOMPARE(cell(model, 0, ConnectionsModel::StateColumn), QStringLiteral("LISTEN"));
    QCOMPARE(cell(model, 1, ConnectionsModel::ForeignColumn), QStringLiteral("127.0.0.1:50000"));
    QCOMPARE(cell(model, 1, ConnectionsModel::PanelColumn), QStringLiteral("Panel 1 #1"));
    QCOMPARE(cell(model, 1, ConnectionsModel::FdColumn), QStringLiteral("11"));
}

void TestConnectionsModel::stateUpdatesInPlace()
{
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot({row(1, 1, "ESTABLISHED", 4000, 50000)}, kSecond);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSnapshot({row(1, 1, "CLOSE_WAIT", 4000, 50000)}, 2 * kSecond);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(cell(model, 0, ConnectionsModel::StateColumn), QStringLiteral("CLOSE_WAIT"));
}

void TestConnectionsModel::closedRowLingersGreyThenGoes()
{
    ConnectionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot({row(1, 0, "LISTEN", 4000, 0), row(2, 1, "ESTABLISHED", 50000, 4000)},
                      kSecond);
    model.setSnapshot({row(1, 0, "LISTEN", 4000, 0)}, 2 * kSecond);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.isClosed(1));
    QCOMPARE(cell(model, 1, ConnectionsModel::StateColumn), QStringLiteral("CLOSED"));
    QVERIFY(model.data(model.index(1, 0), ConnectionsModel::ClosedRole).toBool());
    model.setSnapshot({row(1, 0, "LISTEN", 4000, 0)},
                      2 * kSecond + ConnectionsModel::kLingerMs * 1000000 - 1);
    QCOMPARE(model.rowCount(), 2);
    model.setSnapshot({row(1, 0, "LISTEN", 4000, 0)},
                      2 * kSecond + ConnectionsModel::kLingerMs * 1000000);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, ConnectionsModel::StateColumn), QStringLiteral("LISTEN"));
}

void TestConnectionsModel::rowOfFindsASocket()
{
    ConnectionsModel model;
    model.setSnapshot({row(1, 0, "LISTEN", 4000, 0), row(1, 3, "ESTABLISHED", 4000, 50000),
                       row(2, 1, "ESTABLISHED", 50000, 4000)},
                      kSecond);
    QCOMPARE(model.rowOf(1, 3), 1);
    QCOMPARE(model.rowOf(2, 1), 2);
    QCOMPARE(model.rowOf(9, 9), -1);
}

QTEST_MAIN(TestConnectionsModel)
#include "tst_connectionsmodel.moc"
