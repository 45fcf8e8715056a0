// Every built-in demo opened from the Demos menu, stepped, closed part-way and opened again,
// in a shown window that paints between the steps: 50 open/close cycles on real loopback
// sockets, closing at every kind of point (just opened, every step done, a step still running,
// mid-play, after a reset), with the Wire view sometimes paused (a paused chart kept the old
// scene, whose lanes pointed past the cleared model: the crash in WireView::paintHeader) and
// the window resized while a demo plays. Runs under ASan in CI (scripts/sanitize.sh asan).
#include "ui/democontroller.h"
#include "ui/demoplayerdock.h"
#include "ui/demosession.h"
#include "ui/demostage.h"
#include "ui/mainwindow.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"
#include "ui/wireview.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace sb;

class TestDemoCycles : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void openStepCloseEveryDemo();

private:
    enum class CloseAt { Opened, EveryStep, StepRunning, MidPlay, AfterReset, kCount };
    void cycle(MainWindow &window, QAction *open, CloseAt closeAt, int round);
    /// Paints the whole window now, as a person's screen would between two clicks.
    static void paintNow(MainWindow &window);
    QAction *m_close = nullptr;
    int m_wireHeight = 0;
    int m_cycles = 0;
};

namespace {

/// "demo NAME: line 12: expect: ...: what was wrong", one per failed check.
std::string failedChecks(const DemoPlayer &player)
{
    std::string out = "demo " + player.script().name + ":";
    for (const auto &report : player.reports())
        for (const auto &check : report.checks)
            if (!check.passed)
                out += " line " + std::to_string(check.line) + ": " + check.source + ": "
                        + check.detail + ";";
    return out;
}

} // namespace

void TestDemoCycles::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TestDemoCycles::paintNow(MainWindow &window)
{
    window.repaint();
    window.wireDock()->view()->viewport()->repaint();
    QCoreApplication::processEvents();
}

void TestDemoCycles::cycle(MainWindow &window, QAction *open, CloseAt closeAt, int round)
{
    open->trigger();
    DemoPlayerDock *dock = window.demos()->dock();
    QVERIFY(dock->session());
    DemoSession *session = dock->session();
    const int steps = session->player().stepCount();
    QVERIFY(steps > 0);
    QCOMPARE(window.demos()->stage()->panelCount(),
             static_cast<int>(session->player().script().panels.size()));
    // A paused chart keeps its scene until unpaused: the model under it is cleared on close.
    window.wireDock()->pauseAction()->setChecked(round % 2 == 1);
    paintNow(window);
    switch (closeAt) {
    case CloseAt::Opened:
        break;
    case CloseAt::EveryStep:
        for (int i = 0; i < steps; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
            QTest::mouseClick(dock->nextButton(), Qt::LeftButton);
            paintNow(window);
        }
        QTRY_COMPARE_WITH_TIMEOUT(session->player().state(), DemoPlayer::State::Finished, 20000);
        QVERIFY2(session->player().allPassed(), failedChecks(session->player()).c_str());
        break;
    case CloseAt::StepRunning: {
        // Up to the middle, then Next and at once Close: the step's calls are still queued or
        // blocked in the workers (a connect to a full backlog, an accept, a recv).
        const int middle = (steps - 1) / 2;
        for (int i = 0; i <= middle; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
            QTest::mouseClick(dock->nextButton(), Qt::LeftButton);
        }
        break;
    }
    case CloseAt::MidPlay: {
        dock->paceBox()->setValue(dock->paceBox()->minimum());
        QTest::mouseClick(dock->playButton(), Qt::LeftButton);
        // Resized while it plays: the stage and the chart lay out again under the traffic.
        const QSize before = window.size();
        window.resize(before.width() - 200, before.height() - 100);
        QTRY_VERIFY_WITH_TIMEOUT(session->player().currentStep() >= std::min(steps - 1, 2), 20000);
        paintNow(window);
        window.resize(before);
        paintNow(window);
        break;
    }
    case CloseAt::AfterReset:
        for (int i = 0; i < std::min(steps, 2); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
            QTest::mouseClick(dock->nextButton(), Qt::LeftButton);
        }
        QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
        QTest::mouseClick(dock->resetButton(), Qt::LeftButton);
        paintNow(window);
        QCOMPARE(session->player().currentStep(), 0);
        break;
    case CloseAt::kCount:
        break;
    }
    QVERIFY(m_close->isEnabled());
    m_close->trigger(); // Demos → Close demo, as a person closes it
    QVERIFY(window.demos()->session() == nullptr);
    QVERIFY(dock->isHidden());
    // The workbench's docks come back as they were, not as tall as the demo's Wire view.
    QTRY_COMPARE(window.wireDock()->height(), m_wireHeight);
    paintNow(window);
    // The chart of a closed demo is gone, and painting it again reads nothing stale.
    window.wireDock()->pauseAction()->setChecked(false);
    paintNow(window);
    ++m_cycles;
}

void TestDemoCycles::openStepCloseEveryDemo()
{
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.wireDock()->show();
    window.wireDock()->raise();
    QList<QAction *> demos;
    for (QAction *action : window.demos()->menu()->actions()) {
        if (action->data().isValid())
            demos << action;
        else if (action->text().contains(QStringLiteral("Close")))
            m_close = action;
    }
    QVERIFY(demos.size() >= 10);
    QVERIFY(m_close);
    QTRY_VERIFY(window.wireDock()->isVisible());
    m_wireHeight = window.wireDock()->height();
    QElapsedTimer clock;
    clock.start();
    // Round 0 steps through every step of every demo; the later rounds close each demo at
    // another point, so every demo is closed every way.
    const int kinds = static_cast<int>(CloseAt::kCount);
    for (int round = 0; round < 5; ++round) {
        for (int d = 0; d < demos.size(); ++d) {
            const auto closeAt
                    = round == 0 ? CloseAt::EveryStep : static_cast<CloseAt>((d + round) % kinds);
            cycle(window, demos[d], closeAt, round);
            if (QTest::currentTestFailed())
                return;
        }
    }
    QVERIFY2(m_cycles >= 50, qPrintable(QString::number(m_cycles)));
    qInfo("%d open/close cycles in %lld ms", m_cycles, static_cast<long long>(clock.elapsed()));
    // The workbench is whole again: its panels and docks are back and still work.
    QVERIFY(window.connectionsDock()->isVisible());
}

QTEST_MAIN(TestDemoCycles)
#include "tst_democycles.moc"
