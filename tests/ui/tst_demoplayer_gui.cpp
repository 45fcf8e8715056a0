// The demo player in the real window: demo 1 stepped with Next, demo 2 played with Play, on
// real loopback sockets; every step's expectations pass, the step list shows ✓, the panels'
// traces and logs show the calls and the bytes. Screenshots of both for a person to look at:
// SB_BUILD_DIR/screenshots/demo1.png and demo2.png.
#include "ui/democontroller.h"
#include "ui/demoplayerdock.h"
#include "ui/demosession.h"
#include "ui/demostage.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/tracemodel.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"
#include "ui/wireview.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace sb;

class TestDemoPlayerGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void demosMenuListsTheBuiltins();
    void unknownDemoIsAClearError();
    void demo1SteppedWithNext();
    void demo2PlayedAtAPace();
    void resetGoesBackToTheFirstStep();
    void commandLineNamesABadDemo();
    void teachersDemoFile();
    void followsTheSystemLocale();

private:
    void save(QWidget *w, const QString &name);
    static QStringList calls(TraceModel *model);
    static QString logText(LogModel *model);
    void checkAllPassed(DemoPlayerDock *dock);
};

void TestDemoPlayerGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
}

void TestDemoPlayerGui::save(QWidget *w, const QString &name)
{
    const QImage image = w->grab().toImage();
    QVERIFY(!image.isNull());
    const QString path = QStringLiteral(SB_BUILD_DIR "/screenshots/") + name;
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

QStringList TestDemoPlayerGui::calls(TraceModel *model)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, TraceModel::CallColumn)
                         .data(TraceModel::CallNameRole)
                         .toString();
    return names;
}

QString TestDemoPlayerGui::logText(LogModel *model)
{
    QString text;
    for (int row = 0; row < model->rowCount(); ++row)
        text += model->index(row, LogModel::DataColumn).data().toString() + QLatin1Char('\n');
    return text;
}

void TestDemoPlayerGui::checkAllPassed(DemoPlayerDock *dock)
{
    DemoPlayer &player = dock->session()->player();
    QCOMPARE(player.state(), DemoPlayer::State::Finished);
    for (const DemoStepReport &report : player.reports())
        for (const DemoCheck &check : report.checks)
            QVERIFY2(check.passed,
                     qPrintable(QString::fromStdString(check.source + ": " + check.detail)));
    QVERIFY(player.allPassed());
    QCOMPARE(dock->stepList()->count(), player.stepCount());
    for (int i = 0; i < dock->stepList()->count(); ++i)
        QVERIFY2(dock->stepList()->item(i)->text().startsWith(QStringLiteral("✓")),
                 qPrintable(dock->stepList()->item(i)->text()));
    QVERIFY(!dock->nextButton()->isEnabled());
    QVERIFY(!dock->playButton()->isEnabled());
}

void TestDemoPlayerGui::demosMenuListsTheBuiltins()
{
    MainWindow window;
    QMenu *menu = window.demos()->menu();
    QStringList names;
    for (QAction *action : menu->actions())
        if (action->data().isValid())
            names << action->data().toString();
    QVERIFY(names.size() >= 10);
    QCOMPARE(names.value(0), QStringLiteral("tcp-echo"));
    QCOMPARE(names.value(1), QStringLiteral("iterative-vs-concurrent"));
    QVERIFY(menu->actions().value(0)->text().contains(QStringLiteral("TCP echo dialog")));
    QVERIFY(window.demos()->dock()->isHidden());
}

void TestDemoPlayerGui::unknownDemoIsAClearError()
{
    MainWindow window;
    QString error;
    QVERIFY(!window.demos()->openDemo(QStringLiteral("tcp-ecco"), &error));
    QVERIFY2(error.contains(QStringLiteral("tcp-ecco")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("tcp-echo")), qPrintable(error)); // lists the names
    QVERIFY(window.demos()->session() == nullptr);
}

void TestDemoPlayerGui::demo1SteppedWithNext()
{
    MainWindow window;
    window.resize(1500, 900);
    // Through the menu, as a teacher would.
    window.demos()->menu()->actions().value(0)->trigger();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DemoPlayerDock *dock = window.demos()->dock();
    DemoStage *stage = window.demos()->stage();
    QVERIFY(dock->isVisible());
    QCOMPARE(stage->panelCount(), 2);
    auto *statusCounts = window.findChild<QLabel *>(QStringLiteral("statusCounts"));
    QVERIFY(statusCounts);
    const int steps = dock->session()->player().stepCount();
    QVERIFY(steps >= 8);
    for (int i = 0; i < steps; ++i) {
        // Next is enabled again once the running step has finished; the GUI never waits.
        QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
        QVERIFY(dock->stepList()->item(i)->text().startsWith(QStringLiteral("▶")));
        QTest::mouseClick(dock->nextButton(), Qt::LeftButton);
        // Once connected (the step after connect), the status bar counts the demo's two panels
        // and its three sockets: the listener, the accepted connection and the client.
        if (dock->session()->player().script().steps[size_t(i)].title.en == "connect")
            QTRY_COMPARE_WITH_TIMEOUT(statusCounts->text(),
                                      QStringLiteral("2 panel(s), 3 socket(s)"), 20000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(dock->session()->player().state(), DemoPlayer::State::Finished,
                              20000);
    checkAllPassed(dock);
    QVERIFY(dock->narrationLabel()->text().contains(QStringLiteral("End of the demo")));
    // Every socket closed: the count says so.
    QTRY_COMPARE_WITH_TIMEOUT(statusCounts->text(), QStringLiteral("2 panel(s), 0 socket(s)"),
                              20000);

    const int server = stage->indexOf(QStringLiteral("server"));
    const int client = stage->indexOf(QStringLiteral("client"));
    QVERIFY(server >= 0 && client >= 0);
    const QStringList serverCalls = calls(stage->traceModel(server));
    for (const char *call : {"socket", "bind", "listen", "accept4", "recv", "send", "close"})
        QVERIFY2(serverCalls.contains(QLatin1String(call)), qPrintable(serverCalls.join(' ')));
    QVERIFY(serverCalls.indexOf(QStringLiteral("listen"))
            < serverCalls.indexOf(QStringLiteral("accept4")));
    const QStringList clientCalls = calls(stage->traceModel(client));
    for (const char *call : {"socket", "connect", "send", "recv", "close"})
        QVERIFY2(clientCalls.contains(QLatin1String(call)), qPrintable(clientCalls.join(' ')));
    // hello went out of the client and came back: both log rows show it.
    const QString clientLog = logText(stage->logModel(client));
    QVERIFY2(clientLog.count(QStringLiteral("hello")) >= 2, qPrintable(clientLog));
    QVERIFY2(logText(stage->logModel(server)).contains(QStringLiteral("hello")),
             qPrintable(logText(stage->logModel(server))));

    // The Wire view drew the dialog between the demo's own sockets: the hello went from the
    // client's lifeline to the server's, and came back.
    WireModel *wire = window.wireDock()->model();
    QVERIFY(window.wireDock()->isVisible());
    QStringList lifelines;
    for (const WireLifeline &l : wire->lifelines())
        lifelines << l.name;
    QVERIFY2(std::any_of(lifelines.begin(), lifelines.end(),
                         [](const QString &n) { return n.startsWith(QStringLiteral("client")); }),
             qPrintable(lifelines.join(QStringLiteral(", "))));
    QVERIFY2(std::any_of(lifelines.begin(), lifelines.end(),
                         [](const QString &n) { return n.startsWith(QStringLiteral("server")); }),
             qPrintable(lifelines.join(QStringLiteral(", "))));
    // Both ends are the demo's own sockets: nothing goes to an "outside" lifeline, the hello
    // goes from the client to the server's accepted connection, and the echo comes back.
    for (const WireLifeline &l : wire->lifelines())
        QVERIFY2(l.kind != WireLifeline::Kind::Outside, qPrintable(l.name));
    QStringList hellos;
    for (const WireItemPtr &item : wire->items())
        if (item->kind == WireItem::Kind::Message && item->bytes == 6 && item->to >= 0)
            hellos << wire->lifelines()[size_t(item->from)].name + QStringLiteral(" -> ")
                            + wire->lifelines()[size_t(item->to)].name;
    QCOMPARE(hellos,
             (QStringList {QStringLiteral("client -> server #1"),
                           QStringLiteral("server #1 -> client")}));
    window.wireDock()->view()->zoomToFit(); // the whole dialog, as a teacher would show it
    QTest::qWait(200);
    save(&window, QStringLiteral("demo1.png"));
}

void TestDemoPlayerGui::demo2PlayedAtAPace()
{
    MainWindow window;
    window.resize(1600, 900);
    QString error;
    QVERIFY2(window.demos()->openDemo(QStringLiteral("iterative-vs-concurrent"), &error),
             qPrintable(error));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DemoPlayerDock *dock = window.demos()->dock();
    DemoStage *stage = window.demos()->stage();
    QCOMPARE(stage->panelCount(), 8);
    dock->paceBox()->setValue(0.2);
    QTest::mouseClick(dock->playButton(), Qt::LeftButton);
    QVERIFY(dock->pauseButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dock->session()->player().state(), DemoPlayer::State::Finished,
                              60000);
    checkAllPassed(dock);

    // Each client's log shows its echo; the iterative server served c2 after c1 left.
    for (const char *name : {"c1", "c2", "c3"}) {
        const int index = stage->indexOf(QLatin1String(name));
        QVERIFY(index >= 0);
        QTRY_VERIFY(stage->logModel(index)->rowCount() >= 2);
    }
    const QString c2 = logText(stage->logModel(stage->indexOf(QStringLiteral("c2"))));
    QVERIFY2(c2.count(QStringLiteral("two")) >= 2, qPrintable(c2));
    const QStringList iterative
            = calls(stage->traceModel(stage->indexOf(QStringLiteral("iterative"))));
    QVERIFY2(iterative.count(QStringLiteral("accept4")) >= 3, qPrintable(iterative.join(' ')));
    // On the Wire view: a lifeline per client and per connection the servers accepted.
    QVERIFY(window.wireDock()->model()->lifelines().size() >= 8);
    window.wireDock()->view()->zoomToFit();
    QTest::qWait(200);
    save(&window, QStringLiteral("demo2.png"));
}

void TestDemoPlayerGui::resetGoesBackToTheFirstStep()
{
    MainWindow window;
    // What a view over all traffic (the Wire view) is handed: the demo's own endpoints, named.
    QSignalSpy labels(window.demos(), &DemoController::demoEndpointLabel);
    QSignalSpy events(window.demos(), &DemoController::demoEvents);
    QSignalSpy cleared(window.demos(), &DemoController::demoCleared);
    QVERIFY(window.demos()->openDemo(QStringLiteral("tcp-echo")));
    QCOMPARE(cleared.count(), 1);
    window.show();
    DemoPlayerDock *dock = window.demos()->dock();
    DemoStage *stage = window.demos()->stage();
    // The workbench's docks step aside for the demo's panels, and come back after it.
    QVERIFY(window.connectionsDock()->isHidden());
    for (int i = 0; i < 3; ++i) {
        QTRY_VERIFY_WITH_TIMEOUT(dock->nextButton()->isEnabled(), 20000);
        QTest::mouseClick(dock->nextButton(), Qt::LeftButton);
    }
    QTRY_COMPARE(dock->session()->player().currentStep(), 3);
    QTRY_VERIFY(stage->traceModel(0)->rowCount() >= 3);
    QTRY_COMPARE(labels.count(), 1); // three steps in, only the server made calls
    QCOMPARE(labels.at(0).at(1).toString(), QStringLiteral("server"));
    QVERIFY(events.count() >= 1);
    QTest::mouseClick(dock->resetButton(), Qt::LeftButton);
    QCOMPARE(cleared.count(), 2);
    QCOMPARE(dock->session()->player().currentStep(), 0);
    QCOMPARE(stage->traceModel(0)->rowCount(), 0);
    QVERIFY(dock->stepList()->item(0)->text().startsWith(QStringLiteral("▶")));
    QVERIFY(dock->nextButton()->isEnabled());
    // Closing the demo brings the workbench back and hides the player.
    window.demos()->closeDemo();
    QVERIFY(window.demos()->session() == nullptr);
    QVERIFY(dock->isHidden());
    QVERIFY(!window.connectionsDock()->isHidden());
}

void TestDemoPlayerGui::commandLineNamesABadDemo()
{
    // sockbench --demo NAME with a name that is not a demo: a clear message, no window.
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SB_BUILD_DIR "/app/gui/sockbench"),
            {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--demo"),
             QStringLiteral("tcp-ecco")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("tcp-ecco")) && err.contains(QStringLiteral("tcp-echo")),
             qPrintable(err));

    p.start(QStringLiteral(SB_BUILD_DIR "/app/gui/sockbench"),
            {QStringLiteral("--lang"), QStringLiteral("fr")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("en and es")));
}

void TestDemoPlayerGui::teachersDemoFile()
{
    // A teacher's copy of demo 4, played from its file; a broken copy names its file and line.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile source(QStringLiteral(SB_SOURCE_DIR "/resources/demos/04-connection-refused.demo"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray text = source.readAll();
    const QString good = dir.filePath(QStringLiteral("mine.demo"));
    QFile out(good);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();
    MainWindow window;
    QString error;
    QVERIFY2(window.demos()->openDemo(good, &error), qPrintable(error));
    DemoPlayerDock *dock = window.demos()->dock();
    dock->paceBox()->setValue(0.2);
    QTest::mouseClick(dock->playButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dock->session()->player().state(), DemoPlayer::State::Finished,
                              30000);
    checkAllPassed(dock);
    bool refused = false;
    for (const DemoEntry &entry : dock->session()->player().entries())
        if (const auto *e = entry.event.as<ev::Error>())
            refused = refused || e->err == ECONNREFUSED;
        else if (const auto *d = entry.event.as<ev::CallDone>())
            refused = refused || d->err == ECONNREFUSED;
    QVERIFY(refused);

    const QString bad = dir.filePath(QStringLiteral("broken.demo"));
    QFile broken(bad);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(QByteArray(text).replace("do: client connect", "do: client conect"));
    broken.close();
    QVERIFY(!window.demos()->openDemo(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("broken.demo:"))
                     && error.contains(QStringLiteral("conect")),
             qPrintable(error));
    // The demo that played stays open.
    QVERIFY(window.demos()->session() != nullptr);

    // A copy whose expectation is wrong: the step plays, and the player says it failed, and why.
    const QString wrong = dir.filePath(QStringLiteral("wrong.demo"));
    QFile wrongFile(wrong);
    QVERIFY(wrongFile.open(QIODevice::WriteOnly));
    wrongFile.write(QByteArray(text).replace("expect: errno client ECONNREFUSED",
                                             "expect: errno client EADDRINUSE"));
    wrongFile.close();
    QVERIFY2(window.demos()->openDemo(wrong, &error), qPrintable(error));
    dock = window.demos()->dock();
    dock->paceBox()->setValue(0.2);
    QTest::mouseClick(dock->playButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dock->session()->player().state(), DemoPlayer::State::Finished,
                              30000);
    QVERIFY(!dock->session()->player().allPassed());
    QVERIFY2(dock->stepList()->item(2)->text().startsWith(QStringLiteral("✗")),
             qPrintable(dock->stepList()->item(2)->text()));
    QVERIFY(dock->stepList()->item(3)->text().startsWith(QStringLiteral("✓")));
    const QString why = dock->stepList()->item(2)->toolTip();
    QVERIFY2(why.contains(QStringLiteral("✗ errno client EADDRINUSE")), qPrintable(why));
    QVERIFY(dock->narrationLabel()->text().contains(QStringLiteral("some steps did not")));
}

void TestDemoPlayerGui::followsTheSystemLocale()
{
    // LANG=es_ES.UTF-8 and no saved choice (a fresh config dir): sockbench speaks Spanish.
    QTemporaryDir config;
    QVERIFY(config.isValid());
    const auto help = [&config](const QString &lang) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        env.remove(QStringLiteral("LC_ALL"));
        env.remove(QStringLiteral("LC_MESSAGES"));
        env.remove(QStringLiteral("LANGUAGE"));
        env.insert(QStringLiteral("LANG"), lang);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SB_BUILD_DIR "/app/gui/sockbench"), {QStringLiteral("--help")});
        p.waitForFinished(60000);
        // --help wraps its columns to the longest option: compare words, not line breaks.
        return QString::fromUtf8(p.readAllStandardOutput()).simplified();
    };
    const QString spanish = help(QStringLiteral("es_ES.UTF-8"));
    QVERIFY2(spanish.contains(QStringLiteral("Un banco de trabajo de sockets")),
             qPrintable(spanish));
    QVERIFY2(spanish.contains(QStringLiteral("o un fichero de demostración")), qPrintable(spanish));
    const QString english = help(QStringLiteral("C"));
    QVERIFY2(english.contains(QStringLiteral("A socket workbench")), qPrintable(english));
}

QTEST_MAIN(TestDemoPlayerGui)
#include "tst_demoplayer_gui.moc"
