// FollowingTableView over a LogModel fed with events: it follows new rows while the person is
// at the bottom, stops when they scroll up, and resumes when they scroll back down.
#include "ui/followingtableview.h"
#include "ui/logmodel.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace sb;

namespace {

void addRows(LogModel &model, int n)
{
    std::vector<Event> batch;
    for (int i = 0; i < n; ++i) {
        batch.push_back(
                Event(0, ev::Data {.bytes = makeBytes(std::string("row ") + std::to_string(i))}));
    }
    model.addEvents(batch);
}

} // namespace

class TestFollowingTableView : public QObject
{
    Q_OBJECT
private slots:
    void followsUntilScrolledUp();
};

void TestFollowingTableView::followsUntilScrolledUp()
{
    LogModel model(nullptr, 1000);
    FollowingTableView view;
    view.setModel(&model);
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy following(&view, &FollowingTableView::followingChanged);
    addRows(model, 200);
    QScrollBar *bar = view.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowing());

    bar->setValue(0); // the person scrolls up to read
    QVERIFY(!view.isFollowing());
    QCOMPARE(following.count(), 1);
    addRows(model, 50);
    QTest::qWait(50);
    QCOMPARE(bar->value(), 0); // the view stays where they are

    bar->setValue(bar->maximum()); // back at the bottom: follow again
    QVERIFY(view.isFollowing());
    addRows(model, 50);
    QTRY_COMPARE(bar->value(), bar->maximum());
}

QTEST_MAIN(TestFollowingTableView)
#include "tst_followingtableview.moc"
