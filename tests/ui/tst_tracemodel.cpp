// TraceModel fed with Trace events carrying real TraceRecords, as the core's sys layer makes them.
#include "ui/tracemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cerrno>

using namespace sb;

namespace {

Event traceEvent(SysCall call, int64_t result, int err, ConnId conn = 0)
{
    auto r = std::make_shared<TraceRecord>();
    r->call = call;
    r->fd = 3;
    r->result = result;
    r->err = err;
    r->conn = conn;
    r->monoNs = 5'000'000'000;
    if (call == SysCall::Bind || call == SysCall::Connect)
        r->addr = Address::ip("127.0.0.1", 7);
    return Event(conn, ev::Trace {r});
}

} // namespace

class TestTraceModel : public QObject
{
    Q_OBJECT
private slots:
    void linesLikeStrace();
    void failuresAreRedWithTheUsualCause();
    void boundedWithOneInsertionPerBatch();
};

void TestTraceModel::linesLikeStrace()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Event data(0, ev::Data {}); // not a trace: ignored
    model.addEvents(std::vector<Event> {traceEvent(SysCall::Connect, 0, 0, 1), data});
    QCOMPARE(model.rowCount(), 1);
    const QString line = model.data(model.index(0, TraceModel::CallColumn)).toString();
    QVERIFY2(line.startsWith(QStringLiteral("connect(3, {sa_family=AF_INET, sin_port=htons(7)")),
             qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("= 0")), qPrintable(line));
    QCOMPARE(model.data(model.index(0, TraceModel::ConnColumn)).toString(), QStringLiteral("#1"));
    QVERIFY(!model.data(model.index(0, 0), TraceModel::FailedRole).toBool());
    QVERIFY(!model.data(model.index(0, 0), Qt::ForegroundRole).isValid());
}

void TestTraceModel::failuresAreRedWithTheUsualCause()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addEvents(std::vector<Event> {traceEvent(SysCall::Bind, -1, EADDRINUSE)});
    const QModelIndex call = model.index(0, TraceModel::CallColumn);
    QVERIFY(call.data(Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("EADDRINUSE (Address already in use)")));
    QVERIFY(call.data(Qt::ForegroundRole).value<QColor>().isValid());
    const QString tip = call.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("EADDRINUSE")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("SO_REUSEADDR")),
             qPrintable(tip)); // the course's usual cause
    QCOMPARE(model.failures(), uint64_t(1));
    QCOMPARE(call.data(TraceModel::ErrnoRole).toInt(), EADDRINUSE);
    QCOMPARE(call.data(TraceModel::CallNameRole).toString(), QStringLiteral("bind"));
}

void TestTraceModel::boundedWithOneInsertionPerBatch()
{
    TraceModel model(nullptr, 50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    std::vector<Event> batch;
    for (int i = 0; i < 80; ++i)
        batch.push_back(traceEvent(SysCall::Send, i, 0));
    model.addEvents(batch);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.droppedFromView(), uint64_t(30));
    QCOMPARE(model.record(0).result, int64_t(30));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestTraceModel)
#include "tst_tracemodel.moc"
