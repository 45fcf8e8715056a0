// The Wire chart readable without adjustment, on the course's iterative-vs-concurrent demo
// played on real loopback sockets: every lane is one of the demo's endpoints (a client waiting
// in the backlog is drawn to its server, not to an "outside" peer named by the server's own
// port), a request and its reply are two arrows even at a zoom that puts them on one row, no
// two labels overlap (at the default zoom, under Fit, and all on one row), the dock opens tall
// enough to read, and the chart stays, exportable, after the demo is closed. Screenshots go to
// SB_BUILD_DIR/screenshots/wire-demo2-*.png for a person to look at.
#include "ui/democontroller.h"
#include "ui/demoplayerdock.h"
#include "ui/demosession.h"
#include "ui/mainwindow.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"
#include "ui/wireview.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace sb;

namespace {

/// Fails with the two rectangles when any two labels overlap.
QString overlapping(const std::vector<QRect> &rects)
{
    for (size_t i = 0; i < rects.size(); ++i)
        for (size_t j = i + 1; j < rects.size(); ++j)
            if (rects[i].intersects(rects[j]))
                return QStringLiteral("label %1 (%2,%3 %4x%5) overlaps label %6")
                        .arg(i)
                        .arg(rects[i].x())
                        .arg(rects[i].y())
                        .arg(rects[i].width())
                        .arg(rects[i].height())
                        .arg(j);
    return {};
}

/// Fails naming the pair when two arrows run between the same lanes, opposite ways, at the
/// same heights: drawn so, they read as one double-headed arrow.
QString merged(const WireScene &scene)
{
    for (size_t i = 0; i < scene.arrows.size(); ++i)
        for (size_t j = i + 1; j < scene.arrows.size(); ++j) {
            const WireScene::Arrow &a = scene.arrows[i], &b = scene.arrows[j];
            if (a.isMark() || b.isMark() || a.from == a.to)
                continue;
            if (a.from == b.to && a.to == b.from && a.y0 == b.y1 && a.y1 == b.y0)
                return QStringLiteral("arrows %1 and %2 between lanes %3 and %4 at y %5..%6")
                        .arg(i)
                        .arg(j)
                        .arg(a.from)
                        .arg(a.to)
                        .arg(a.y0)
                        .arg(a.y1);
        }
    return {};
}

} // namespace

class TestWireChart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensTallEnoughToRead();
    void iterativeDemoReadsWhole();

private:
    void save(QWidget *w, const QString &name);
};

void TestWireChart::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
}

void TestWireChart::save(QWidget *w, const QString &name)
{
    const QString path = QStringLiteral(SB_BUILD_DIR "/screenshots/") + name;
    QVERIFY2(w->grab().save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

void TestWireChart::opensTallEnoughToRead()
{
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WireDock *dock = window.wireDock();
    dock->show();
    dock->raise();
    WireView *view = dock->view();
    // The header and a handful of rows, before anybody drags the splitter.
    QVERIFY2(view->sizeHint().height() >= 200,
             qPrintable(QString::number(view->sizeHint().height())));
    // Squeezed by the panels, it still keeps the header and three rows (it was 60 px).
    QVERIFY(view->minimumSizeHint().height() >= 150);
    QTRY_VERIFY2(view->height() >= view->minimumSizeHint().height(),
                 qPrintable(QString::number(view->height())));
}

void TestWireChart::iterativeDemoReadsWhole()
{
    MainWindow window;
    window.resize(1366, 768);
    QString error;
    QVERIFY2(window.demos()->openDemo(QStringLiteral("iterative-vs-concurrent"), &error),
             qPrintable(error));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DemoPlayerDock *player = window.demos()->dock();
    player->paceBox()->setValue(player->paceBox()->minimum());
    QTest::mouseClick(player->playButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(player->session()->player().state(), DemoPlayer::State::Finished,
                              60000);
    WireDock *dock = window.wireDock();
    WireModel *model = dock->model();
    WireView *view = dock->view();

    // Every lane is one of the demo's: its panels, and the connections its servers accepted.
    QStringList names;
    for (const WireLifeline &l : model->lifelines()) {
        names << l.name;
        QVERIFY2(l.kind != WireLifeline::Kind::Outside,
                 qPrintable(l.name + QStringLiteral(" is drawn outside SockBench")));
    }
    for (const char *lane : {"iterative", "iterative #1", "iterative #2", "iterative #3", "c1",
                             "c2", "c3", "concurrent", "d1", "d2", "d3"})
        QVERIFY2(names.contains(QLatin1String(lane)), qPrintable(names.join(", ")));
    // c2's request waited in the backlog: it ends on the connection accepted for it.
    bool c2Served = false;
    for (const WireItemPtr &item : model->items())
        if (item->kind == WireItem::Kind::Message && item->text == "two\\n"
            && model->lifelines()[item->from].name == QLatin1String("c2"))
            c2Served = !item->pending() && model->lifelines()[item->to].name == "iterative #2";
    QVERIFY(c2Served);

    // At the default zoom, under Fit, and with everything on one row.
    struct Zoom
    {
        const char *name;
        int64_t nsPerPx;
    };
    view->zoomToFit();
    const int64_t fit = view->nsPerPx();
    for (const Zoom &zoom :
         {Zoom {"default", 2000}, Zoom {"fit", fit}, Zoom {"one-row", int64_t(1) << 44}}) {
        view->setNsPerPx(zoom.nsPerPx);
        view->relayout();
        QVERIFY2(merged(view->scene()).isEmpty(), qPrintable(merged(view->scene())));
        const QImage image = view->renderImage();
        QVERIFY(!image.isNull());
        QVERIFY2(overlapping(view->labelRects()).isEmpty(),
                 qPrintable(QLatin1String(zoom.name) + QLatin1String(": ")
                            + overlapping(view->labelRects())));
        // Overlaps are not avoided by drawing nothing: most arrows keep a label.
        QVERIFY2(view->labelRects().size() * 2 >= view->scene().arrows.size(),
                 qPrintable(QStringLiteral("%1 labels for %2 arrows")
                                    .arg(view->labelRects().size())
                                    .arg(view->scene().arrows.size())));
        QVERIFY(image.save(QStringLiteral(SB_BUILD_DIR "/screenshots/wire-demo2-%1.png")
                                   .arg(QLatin1String(zoom.name))));
    }
    // At one row, each echo is a request and a reply on tracks of their own.
    int flat = 0;
    for (const WireScene::Arrow &a : view->scene().arrows)
        flat += !a.isMark() && a.y0 == a.y1;
    QVERIFY(flat >= 2);
    view->zoomToFit();
    QTest::qWait(50);
    save(&window, QStringLiteral("wire-demo2-window.png"));

    // Closed, the demo leaves its chart to look at and to export.
    const size_t items = model->items().size();
    window.demos()->closeDemo();
    QCoreApplication::processEvents();
    QVERIFY(model->items().size() >= items);
    const QString png = QStringLiteral(SB_BUILD_DIR "/screenshots/wire-demo2-after-close.png");
    QCOMPARE(dock->exportTo(png), QString());
    QVERIFY(QImage(png).height() > 300);
}

QTEST_MAIN(TestWireChart)
#include "tst_wirechart.moc"
