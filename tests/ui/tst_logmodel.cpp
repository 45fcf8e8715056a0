// LogModel fed with the events a panel receives: the model's input is events, so these are the
// real inputs, not a stand-in for the kernel.
#include "ui/logmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sb;

namespace {

Event dataEvent(Direction dir, std::string bytes, ConnId conn = 1)
{
    const uint64_t length = bytes.size();
    Event e(conn,
            ev::Data {.dir = dir,
                      .length = length,
                      .bytes = makeBytes(std::move(bytes)),
                      .peer = Address::ip("127.0.0.1", 4000)});
    e.monoNs = 1'000'000'000;
    return e;
}

QString cell(const LogModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.data(m.index(row, column), role).toString();
}

} // namespace

class TestLogModel : public QObject
{
    Q_OBJECT
private slots:
    void dataRowsShowDirectionLengthAndText();
    void binaryPayloadShowsEscapesAndHex();
    void notesForStateChanges();
    void oneInsertionPerBatch();
    void boundDropsFromTheFrontAndCounts();
    void queueDropsAreCounted();
    void clearEmptiesTheLog();
};

void TestLogModel::dataRowsShowDirectionLengthAndText()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<Event> batch {dataEvent(Direction::Out, "hello\r\n"),
                              dataEvent(Direction::In, "hello\r\n")};
    model.addEvents(batch);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, LogModel::DirColumn), QStringLiteral("↑"));
    QCOMPARE(cell(model, 1, LogModel::DirColumn), QStringLiteral("↓"));
    QCOMPARE(cell(model, 0, LogModel::LengthColumn), QStringLiteral("7"));
    QCOMPARE(cell(model, 0, LogModel::DataColumn), QStringLiteral("hello\\r\\n"));
    QVERIFY(cell(model, 0, LogModel::PeerColumn).contains(QStringLiteral("127.0.0.1:4000")));
    // Time with microseconds: HH:MM:SS.uuuuuu
    QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"))
                    .match(cell(model, 0, LogModel::TimeColumn))
                    .hasMatch());
    model.setConnLabel(1, QStringLiteral("#1 client"));
    QCOMPARE(cell(model, 0, LogModel::PeerColumn), QStringLiteral("#1 client"));
}

void TestLogModel::binaryPayloadShowsEscapesAndHex()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const std::string payload("A\0\xff\xfe\x01Z", 6);
    model.addEvents(std::vector<Event> {dataEvent(Direction::In, payload)});
    // Mostly binary: the cell shows hex bytes, never garbled text.
    QCOMPARE(cell(model, 0, LogModel::DataColumn), QStringLiteral("41 00 ff fe 01 5a"));
    // Text with a stray invalid byte: escapes, no replacement character.
    model.addEvents(
            std::vector<Event> {dataEvent(Direction::In, "status: ok\r\n\xff then more text")});
    const QString text = cell(model, 1, LogModel::DataColumn);
    QVERIFY2(text.contains(QStringLiteral("\\xff")), qPrintable(text));
    QVERIFY(!text.contains(QChar::ReplacementCharacter));
    const QString hex = cell(model, 0, 0, LogModel::HexDumpRole);
    QVERIFY2(hex.contains(QStringLiteral("41 00 ff fe 01 5a"), Qt::CaseInsensitive),
             qPrintable(hex));
    QCOMPARE(model.data(model.index(0, 0), LogModel::PayloadRole).toByteArray(),
             QByteArray(payload.data(), 6));
}

void TestLogModel::notesForStateChanges()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Event closed(1, ev::Closed {.err = ECONNRESET});
    Event error(0, ev::Error {.op = "connect", .err = ECONNREFUSED});
    Event eof(0, ev::PeerEof {});
    model.addEvents(std::vector<Event> {eof, closed, error});
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(cell(model, 0, LogModel::DataColumn).contains(QStringLiteral("EOF")));
    QVERIFY2(cell(model, 1, LogModel::DataColumn).contains(QStringLiteral("ECONNRESET")),
             qPrintable(cell(model, 1, LogModel::DataColumn)));
    QVERIFY(cell(model, 2, LogModel::DataColumn)
                    .startsWith(QStringLiteral("connect: ECONNREFUSED")));
    QCOMPARE(model.data(model.index(2, 0), LogModel::KindRole).toInt(),
             static_cast<int>(LogEntry::Kind::Error));
    QVERIFY(cell(model, 2, LogModel::LengthColumn).isEmpty());
}

void TestLogModel::oneInsertionPerBatch()
{
    LogModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    std::vector<Event> batch;
    for (int i = 0; i < 500; ++i)
        batch.push_back(dataEvent(Direction::In, "x" + std::to_string(i)));
    model.addEvents(batch);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(cell(model, 499, LogModel::DataColumn), QStringLiteral("x499"));
}

void TestLogModel::boundDropsFromTheFrontAndCounts()
{
    LogModel model(nullptr, 100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy dropped(&model, &LogModel::droppedChanged);
    for (int b = 0; b < 5; ++b) {
        std::vector<Event> batch;
        for (int i = 0; i < 60; ++i)
            batch.push_back(dataEvent(Direction::In, std::to_string(b * 60 + i)));
        model.addEvents(batch);
    }
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.droppedFromView(), uint64_t(200));
    QCOMPARE(cell(model, 0, LogModel::DataColumn), QStringLiteral("200"));
    QCOMPARE(cell(model, 99, LogModel::DataColumn), QStringLiteral("299"));
    QVERIFY(dropped.count() > 0);
    QCOMPARE(dropped.last().at(0).toULongLong(), 200ull);
    // A batch bigger than the bound keeps only its newest entries.
    std::vector<Event> big;
    for (int i = 0; i < 250; ++i)
        big.push_back(dataEvent(Direction::Out, "big" + std::to_string(i)));
    model.addEvents(big);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(cell(model, 0, LogModel::DataColumn), QStringLiteral("big150"));
    QCOMPARE(model.droppedFromView(), uint64_t(200 + 250));
}

void TestLogModel::queueDropsAreCounted()
{
    LogModel model;
    Event dropped(0, ev::Dropped {.entries = 1234});
    model.addEvents(std::vector<Event> {dropped, dataEvent(Direction::In, "after")});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.droppedFromView(), uint64_t(1234));
}

void TestLogModel::clearEmptiesTheLog()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addEvents(
            std::vector<Event> {dataEvent(Direction::In, "a"), dataEvent(Direction::In, "b")});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.droppedFromView(), uint64_t(0));
}

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"
