// The sockbench executable itself: without a display it explains how to work headless and
// exits 1; with one (offscreen here) it starts and answers --help.
#include <QFileInfo>
#include <QProcess>
#include <QTest>

class TestGuiMain : public QObject
{
    Q_OBJECT
private slots:
    void noDisplayPointsToTheCli();
    void helpNamesEmpty();

private:
    const QString m_exe = QStringLiteral(SB_BUILD_DIR "/app/gui/sockbench");
};

void TestGuiMain::noDisplayPointsToTheCli()
{
    QVERIFY2(QFileInfo::exists(m_exe), qPrintable(m_exe + " is not built"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(m_exe, {});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("sockbench-cli")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("no display")), qPrintable(err));
}

void TestGuiMain::helpNamesEmpty()
{
    QVERIFY2(QFileInfo::exists(m_exe), qPrintable(m_exe + " is not built"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(m_exe, {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(QString::fromLocal8Bit(p.readAllStandardOutput()).contains(QStringLiteral("--empty")));
}

QTEST_GUILESS_MAIN(TestGuiMain)
#include "tst_guimain.moc"
