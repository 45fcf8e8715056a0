// The window on a laptop's and a desktop's screen (1,366×768 and 1,920×1,080, two offscreen
// screens), in English and Spanish, with eight panels and every dock open, and with the eight
// panels of the iterative-vs-concurrent demo: nothing wider than the screen, every visible
// widget inside its parent and at least its minimum size, no two widgets of a layout on top of
// each other. The screenshots go to SB_BUILD_DIR/screenshots/fit-*.png for a person to look at.
// Also: the panel layouts (tiles with maximise-one, tabs) and their remembered choice, logs
// that keep several rows with eight panels, and a saved geometry larger than the screen.
#include "ui/democontroller.h"
#include "ui/demoplayerdock.h"
#include "ui/demostage.h"
#include "ui/endpointpanel.h"
#include "ui/followingtableview.h"
#include "ui/logview.h"
#include "ui/mainwindow.h"
#include "ui/netstatpanel.h"
#include "ui/panelarea.h"
#include "ui/panelheader.h"
#include "ui/sendcomposer.h"
#include "ui/translations.h"
#include "ui/wiredock.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace sb;

namespace {

QScreen *screenOfSize(QSize size)
{
    for (QScreen *s : QGuiApplication::screens())
        if (s->geometry().size() == size)
            return s;
    return nullptr;
}

/// The window filling the 1,366×768 screen, shown, with six UDP panels laid out in tiles.
bool showWithSixPanels(MainWindow &window)
{
    QScreen *s = screenOfSize({1366, 768});
    window.setScreen(s);
    window.setGeometry(QRect(s->availableGeometry().topLeft(), QSize(1366, 768)));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    for (int i = 0; i < 6; ++i)
        window.openPreset(NewSocketDialog::Preset::Udp);
    return QTest::qWaitFor([&window] { return window.panelArea()->columns() >= 2; }, SB_QTRY_MS);
}

/// The size a layout gives a widget at least (what QLayout and QSplitter honour).
QSize effectiveMinimum(const QWidget *w)
{
    const QSize hint = w->minimumSizeHint();
    const QSizePolicy policy = w->sizePolicy();
    int width = w->minimumWidth() > 0 ? w->minimumWidth() : hint.width();
    int height = w->minimumHeight() > 0 ? w->minimumHeight() : hint.height();
    if (policy.horizontalPolicy() == QSizePolicy::Ignored && w->minimumWidth() == 0)
        width = 0;
    if (policy.verticalPolicy() == QSizePolicy::Ignored && w->minimumHeight() == 0)
        height = 0;
    // A wrapping label trades width for height.
    if (const auto *label = qobject_cast<const QLabel *>(w); label && label->wordWrap())
        width = 0;
    return {std::max(width, 0), std::max(height, 0)};
}

/// Scrolled content may lie outside its viewport: that is what a scroll area is for.
bool isScrolledContent(const QWidget *w)
{
    const QWidget *parent = w->parentWidget();
    const auto *area
            = parent ? qobject_cast<const QAbstractScrollArea *>(parent->parentWidget()) : nullptr;
    return area && area->viewport() == parent;
}

/// Visible to a person: visible, and neither it nor an ancestor parked outside its parent (a
/// tabified dock that is not the current tab is moved off, not hidden).
bool isShown(const QWidget *w, const QWidget *top)
{
    if (!w->isVisibleTo(top) || w->isWindow())
        return false;
    for (const QWidget *c = w; c != top; c = c->parentWidget())
        if (!c->parentWidget()->rect().intersects(c->geometry()))
            return false;
    return true;
}

/// Qt's own parts of a widget (a dock's title buttons, a spin box's line edit, a view's header)
/// are sized by that widget, not by a layout.
bool isQtPart(const QWidget *w)
{
    return w->objectName().startsWith(QLatin1String("qt_"))
            || qobject_cast<const QTabBar *>(w->parentWidget())
            || qobject_cast<const QHeaderView *>(w)
            || QByteArray(w->metaObject()->className()).startsWith("QDockWidgetTitle");
}

QString describe(const QWidget *w)
{
    QString text = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        text += QLatin1Char('#') + w->objectName();
    if (const auto *label = qobject_cast<const QLabel *>(w))
        text += QStringLiteral(" \"%1\"").arg(label->text().left(40));
    if (const auto *button = qobject_cast<const QAbstractButton *>(w))
        text += QStringLiteral(" \"%1\"").arg(button->text());
    for (const QWidget *p = w->parentWidget(); p && !p->isWindow(); p = p->parentWidget())
        if (!p->objectName().isEmpty() && !p->objectName().startsWith(QLatin1String("qt_"))) {
            text += QStringLiteral(" in ") + p->objectName();
            break;
        }
    return text;
}

/// Every problem of the visible widgets under top: clipped by the parent, smaller than the
/// minimum, overlapping a sibling of the same layout.
QStringList layoutProblems(QWidget *top)
{
    QStringList problems;
    const QList<QWidget *> all = top->findChildren<QWidget *>();
    for (QWidget *w : all) {
        if (!isShown(w, top))
            continue;
        QWidget *parent = w->parentWidget();
        if (!isScrolledContent(w) && !parent->rect().contains(w->geometry()))
            problems << QStringLiteral("%1 at %2,%3 %4×%5 outside its parent (%6×%7)")
                                .arg(describe(w))
                                .arg(w->x())
                                .arg(w->y())
                                .arg(w->width())
                                .arg(w->height())
                                .arg(parent->width())
                                .arg(parent->height());
        const QSize min = isQtPart(w) ? QSize(0, 0) : effectiveMinimum(w);
        if (w->width() < min.width() || w->height() < min.height())
            problems << QStringLiteral("%1 is %2×%3, less than its minimum %4×%5")
                                .arg(describe(w))
                                .arg(w->width())
                                .arg(w->height())
                                .arg(min.width())
                                .arg(min.height());
        if (QLayout *layout = w->layout()) {
            QList<QWidget *> items;
            for (int i = 0; i < layout->count(); ++i)
                if (QWidget *c = layout->itemAt(i)->widget(); c && c->isVisibleTo(top))
                    items << c;
            for (int i = 0; i < items.size(); ++i)
                for (int j = i + 1; j < items.size(); ++j)
                    if (items[i]->geometry().intersects(items[j]->geometry()))
                        problems << QStringLiteral("%1 overlaps %2")
                                            .arg(describe(items[i]), describe(items[j]));
        }
    }
    return problems;
}

/// The frame within the screen's available area, and not shrunk for another reason.
bool fitsItsScreen(const QWidget &window)
{
    const QRect available = window.screen()->availableGeometry();
    if (!available.contains(window.frameGeometry())) {
        qWarning("frame %d,%d %d×%d outside the screen's %d×%d", window.frameGeometry().x(),
                 window.frameGeometry().y(), window.frameGeometry().width(),
                 window.frameGeometry().height(), available.width(), available.height());
        return false;
    }
    return window.frameGeometry().width() >= available.width() - 16;
}

} // namespace

class TestWindowFit : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void eightPanelsEveryDock_data();
    void eightPanelsEveryDock();
    void demoStage_data();
    void demoStage();
    void tilesMaximiseAndTabs();
    void maximiseKeepsThePanelHoldingTheFocus();
    void savedGeometryIsClampedToTheScreen();

private:
    void save(QWidget *w, const QString &name);
};

void TestWindowFit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
    QVERIFY2(screenOfSize({1366, 768}) && screenOfSize({1920, 1080}),
             "the offscreen screens of main() are missing");
}

void TestWindowFit::init()
{
    // Each case starts from no saved layout, like a first start.
    QSettings().clear();
}

void TestWindowFit::save(QWidget *w, const QString &name)
{
    const QString path = QStringLiteral(SB_BUILD_DIR "/screenshots/") + name;
    QVERIFY2(w->grab().toImage().save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

void TestWindowFit::eightPanelsEveryDock_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QSize>("screen");
    for (const char *lang : {"en", "es"})
        for (QSize size : {QSize(1366, 768), QSize(1920, 1080)})
            QTest::addRow("%s-%dx%d", lang, size.width(), size.height())
                    << QString::fromLatin1(lang) << size;
}

void TestWindowFit::eightPanelsEveryDock()
{
    QFETCH(QString, lang);
    QFETCH(QSize, screen);
    QCOMPARE(installTranslations(lang), lang);
    QScreen *s = screenOfSize(screen);
    MainWindow window;
    window.setScreen(s);
    window.setGeometry(QRect(s->availableGeometry().topLeft(), screen));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EndpointPanel *server = window.openPreset(NewSocketDialog::Preset::TcpServer);
    QTRY_COMPARE(server->state(), EndpointPanel::State::Listening);
    for (auto preset : {NewSocketDialog::Preset::TcpClient, NewSocketDialog::Preset::TcpClient,
                        NewSocketDialog::Preset::Udp, NewSocketDialog::Preset::UnixStreamServer,
                        NewSocketDialog::Preset::UnixStreamClient,
                        NewSocketDialog::Preset::UnixDgram, NewSocketDialog::Preset::Socketpair})
        window.openPreset(preset);
    QCOMPARE(window.panels().size(), size_t(8));
    for (QDockWidget *dock :
         {window.connectionsDock(), static_cast<QDockWidget *>(window.wireDock()),
          window.resolverDock(), window.netstatDock()})
        dock->show();
    QTRY_VERIFY(window.panels()[1]->state() == EndpointPanel::State::Connected);
    QTRY_VERIFY(window.panelArea()->columns() > 0);
    QCoreApplication::processEvents();

    for (QDockWidget *dock : window.findChildren<QDockWidget *>())
        qInfo("%s: minimum %d×%d", qPrintable(dock->objectName()), dock->minimumSizeHint().width(),
              dock->minimumSizeHint().height());
    qInfo("window: minimum %d×%d", window.minimumSizeHint().width(),
          window.minimumSizeHint().height());
    QVERIFY2(window.minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(window.minimumSizeHint().width())));
    QVERIFY2(window.frameGeometry().width() <= screen.width(),
             qPrintable(QString::number(window.frameGeometry().width())));
    QVERIFY(fitsItsScreen(window));
    // Layouts settle in a few passes (a header's new line, a tab's label): wait for that.
    (void)QTest::qWaitFor([&window] { return layoutProblems(&window).isEmpty(); }, SB_QTRY_MS);
    const QStringList problems = layoutProblems(&window);
    save(&window,
         QStringLiteral("fit-%1-%2x%3.png").arg(lang).arg(screen.width()).arg(screen.height()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Every log keeps several rows in view.
    for (EndpointPanel *p : window.panels()) {
        QTableView *table = p->logView()->table();
        const int rows
                = table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
        QVERIFY2(rows >= 4, qPrintable(QStringLiteral("%1: %2 rows").arg(p->title()).arg(rows)));
    }
}

void TestWindowFit::demoStage_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("es") << QStringLiteral("es");
}

void TestWindowFit::demoStage()
{
    QFETCH(QString, lang);
    QCOMPARE(installTranslations(lang), lang);
    const QSize screen(1366, 768);
    QScreen *s = screenOfSize(screen);
    MainWindow window;
    window.setScreen(s);
    window.setGeometry(QRect(s->availableGeometry().topLeft(), screen));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.demos()->openDemo(QStringLiteral("iterative-vs-concurrent")));
    DemoPlayerDock *dock = window.demos()->dock();
    QCOMPARE(window.demos()->stage()->panelCount(), 8);
    QTRY_VERIFY(dock->isVisible());
    for (int i = 0; i < 3; ++i) {
        QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
        QTest::mouseClick(dock->nextButton(), Qt::LeftButton);
    }
    QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
    QCoreApplication::processEvents();
    QVERIFY(fitsItsScreen(window));
    QVERIFY2(window.minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(window.minimumSizeHint().width())));
    const QRect inWindow = window.rect();
    for (QPushButton *b :
         {dock->nextButton(), dock->playButton(), dock->pauseButton(), dock->resetButton()}) {
        const QRect r(b->mapTo(&window, QPoint(0, 0)), b->size());
        QVERIFY2(inWindow.contains(r), qPrintable(b->text()));
    }
    // The narration wraps and shows whole (or scrolls): never cut at the label's edge.
    QLabel *narration = dock->narrationLabel();
    QVERIFY(narration->wordWrap());
    QVERIFY2(narration->height() >= narration->heightForWidth(narration->width()),
             qPrintable(QStringLiteral("%1 < %2")
                                .arg(narration->height())
                                .arg(narration->heightForWidth(narration->width()))));
    // Layouts settle in a few passes (a header's new line, a tab's label): wait for that.
    (void)QTest::qWaitFor([&window] { return layoutProblems(&window).isEmpty(); }, SB_QTRY_MS);
    const QStringList problems = layoutProblems(&window);
    save(&window, QStringLiteral("fit-demo-%1-1366x768.png").arg(lang));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    window.demos()->closeDemo();
}

void TestWindowFit::maximiseKeepsThePanelHoldingTheFocus()
{
    // Found by hand: with the cursor in a field of one panel, a double-click on that panel's
    // header showed another panel alone. Hiding the panels for the new layout passed the
    // focus on to a field of the next panel, which made that one current and maximised it.
    QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    MainWindow window;
    QVERIFY(showWithSixPanels(window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    PanelArea *area = window.panelArea();
    EndpointPanel *target = window.panels()[2];
    QLineEdit *field = target->composer()->input();
    field->setFocus(Qt::MouseFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), field);
    QTRY_COMPARE(window.currentPanel(), target);
    QTest::mouseDClick(target->header(), Qt::LeftButton, {}, QPoint(4, 4));
    QTRY_VERIFY(area->maximisedPanel() != nullptr);
    QCoreApplication::processEvents();
    QCOMPARE(area->maximisedPanel(), target);
    QCOMPARE(window.currentPanel(), target);
    // The click took the focus to the panel (or left it in its field): it stays in there.
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus == target || target->isAncestorOf(focus));
    for (EndpointPanel *p : window.panels())
        QCOMPARE(p->isVisible(), p == target);
}

void TestWindowFit::tilesMaximiseAndTabs()
{
    QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    {
        MainWindow window;
        QVERIFY(showWithSixPanels(window));
        PanelArea *area = window.panelArea();
        QCOMPARE(area->mode(), PanelArea::Mode::Tiles);
        QVERIFY(area->columns() >= 2);
        // A double-click on a header shows that panel alone; another brings the tiles back.
        // The last one opened: the area scrolled it into view.
        EndpointPanel *second = window.panels()[5];
        // Once the tiles are laid out, the header is what a click at its corner hits.
        auto hits = [&window](QWidget *w) {
            QWidget *at = window.childAt(w->mapTo(&window, QPoint(4, 4)));
            return at && (at == w || w->isAncestorOf(at));
        };
        QTRY_VERIFY(hits(second->header()));
        QTest::mouseDClick(second->header(), Qt::LeftButton, {}, QPoint(4, 4));
        QTRY_COMPARE(area->maximisedPanel(), second);
        for (EndpointPanel *p : window.panels())
            QCOMPARE(p->isVisible(), p == second);
        QTRY_VERIFY(hits(second->header()));
        QTest::mouseDClick(second->header(), Qt::LeftButton, {}, QPoint(4, 4));
        QTRY_VERIFY(area->maximisedPanel() == nullptr);
        for (EndpointPanel *p : window.panels())
            QVERIFY(p->isVisible());
        // Tabs, chosen in the View menu: one panel at a time, the current one.
        QAction *tabs = area->layoutMenu()->findChild<QAction *>(QStringLiteral("panelLayoutTabs"));
        QVERIFY(tabs);
        tabs->trigger();
        QCOMPARE(area->mode(), PanelArea::Mode::Tabs);
        auto *tabWidget = area->findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        QVERIFY(tabWidget);
        QCOMPARE(tabWidget->count(), 6);
        window.setCurrentPanel(window.panels()[1]);
        QCOMPARE(tabWidget->currentWidget(), window.panels()[1]);
        tabWidget->setCurrentIndex(4);
        QCOMPARE(window.currentPanel(), window.panels()[4]);
        window.closePanel(window.panels()[4]);
        tabWidget = area->findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        QVERIFY(tabWidget);
        QCOMPARE(tabWidget->count(), 5);
        QVERIFY(layoutProblems(&window).isEmpty());
    }
    // The choice is remembered.
    MainWindow again;
    QCOMPARE(again.panelArea()->mode(), PanelArea::Mode::Tabs);
    again.panelArea()->setMode(PanelArea::Mode::Tiles);
    QCOMPARE(QSettings().value(QStringLiteral("panels/layout")).toString(),
             QStringLiteral("tiles"));
}

void TestWindowFit::savedGeometryIsClampedToTheScreen()
{
    QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    QScreen *s = screenOfSize({1366, 768});
    {
        // A window grown past the screen (a wide dock, a wide demo), and saved so.
        MainWindow big;
        big.setScreen(s);
        big.show();
        QVERIFY(QTest::qWaitForWindowExposed(&big));
        big.setGeometry(QRect(QPoint(200, 100), QSize(1900, 1060)));
        big.netstatDock()->show();
        big.close();
    }
    // The next start restores it within the screen.
    MainWindow window;
    window.setScreen(s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QRect available = window.screen()->availableGeometry();
    QVERIFY2(window.frameGeometry().width() <= available.width()
                     && window.frameGeometry().height() <= available.height(),
             qPrintable(QStringLiteral("%1×%2 on %3×%4")
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
}

int main(int argc, char **argv)
{
    // Two screens, a laptop's and a desktop's, side by side (the offscreen platform's default
    // is one 800×600 screen).
    const QString config = QDir::temp().filePath(
            QStringLiteral("sockbench-windowfit-%1.json").arg(QCoreApplication::applicationPid()));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
        {"name": "desktop", "x": 1366, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}
    ]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    int rc;
    {
        QApplication app(argc, argv);
        TestWindowFit test;
        QTEST_SET_MAIN_SOURCE_PATH
        rc = QTest::qExec(&test, argc, argv);
    }
    QFile::remove(config);
    return rc;
}

#include "tst_windowfit.moc"
