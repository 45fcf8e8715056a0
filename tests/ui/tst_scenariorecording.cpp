// File > Record scenario (docs/workspace.md, "Recording a scenario"): a session driven in the
// real window — a TCP echo server, a client that connects, sends "hello\n", reads the echo and
// closes — recorded and saved, then played headless by the built sockbench-cli: the same JSON
// lines come out (ports aside, per step and panel), every fact holds (exit 0), a fact whose
// expected byte was edited fails (exit 1) and the JUnit report names it; the file opened in the
// window plays in the demo player dock.
#include "core/demo/scenariorecorder.h"
#include "tests/support/logrows.h"
#include "tests/support/processrun.h"
#include "ui/democontroller.h"
#include "ui/demosession.h"
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/scenariorecording.h"
#include "ui/sendcomposer.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMap>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace sb;
using sbtest::logHas;
using Preset = NewSocketDialog::Preset;

namespace {

/// The JSON lines of a run or of a recording, as docs/workspace.md says to compare them: ports
/// become PORT, the expectations' lines are left out, and each (step, panel)'s lines are kept
/// in their order, the groups apart.
QMap<QString, QStringList> normalised(const QByteArray &jsonl)
{
    static const QRegularExpression port(QStringLiteral("(127\\.0\\.0\\.1|\\]):\\d+"));
    static const QRegularExpression key(
            QStringLiteral("^\\{\"step\":(\\d+),\"panel\":\"([^\"]*)\""));
    QMap<QString, QStringList> groups;
    for (const QByteArray &line : jsonl.split('\n')) {
        if (line.isEmpty() || line.contains("\"event\":\"expect\""))
            continue;
        QString text = QString::fromUtf8(line);
        text.replace(port, QStringLiteral("\\1:PORT"));
        const auto m = key.match(text);
        groups[m.captured(1) + "/" + m.captured(2)].append(text);
    }
    return groups;
}

/// The window as a person sees it, to SB_BUILD_DIR/screenshots/NAME (1366x768, a laptop).
void screenshot(QWidget *window, const QString &name)
{
    const QString dir = QStringLiteral(SB_BUILD_DIR "/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    const QImage image = window->grab().toImage();
    if (!image.isNull() && image.save(dir + QLatin1Char('/') + name))
        qInfo("wrote %s/%s", qPrintable(dir), qPrintable(name));
}

/// Where two normalised streams part, for the failure message.
QByteArray firstDifference(const QMap<QString, QStringList> &a, const QMap<QString, QStringList> &b)
{
    for (const QString &k : a.keys() + b.keys())
        if (a.value(k) != b.value(k))
            return ("group " + k + "\nrecorded:\n" + a.value(k).join('\n') + "\nreplayed:\n"
                    + b.value(k).join('\n'))
                    .toUtf8();
    return {};
}

} // namespace

class TestScenarioRecording : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void recordedSessionReplaysHeadlessToTheSameEvents();
    void recordedFileOpensInTheDemoPlayer();

private:
    QTemporaryDir m_dir;
    QString m_file; ///< the scenario the first test recorded
};

void TestScenarioRecording::recordedSessionReplaysHeadlessToTheSameEvents()
{
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    ScenarioRecording *recording = window.recording();
    QVERIFY(recording);
    QVERIFY(!recording->indicator()->isVisible());
    recording->recordAction()->trigger();
    QVERIFY(recording->isRecording());
    QVERIFY(recording->indicator()->isVisible());
    QVERIFY(recording->saveAction()->isEnabled());

    EndpointPanel *server = window.openPreset(Preset::TcpServer);
    QTRY_VERIFY_WITH_TIMEOUT(server->state() == EndpointPhase::Listening, 10000);
    EndpointConfig c = NewSocketDialog::presetConfig(Preset::TcpClient);
    c.spec.host = "127.0.0.1";
    c.spec.port = server->localAddress().port();
    EndpointPanel *client = window.openPanel(std::move(c));
    QTRY_VERIFY_WITH_TIMEOUT(client->state() == EndpointPhase::Connected, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(server->endpointState().liveConnections().size() == 1, 10000);
    // A person is slower than the server's accept loop, whose last call (EAGAIN: no other
    // client) is in before the send.
    QTRY_VERIFY_WITH_TIMEOUT(QByteArray::fromStdString(recording->recorder()->jsonl())
                                     .contains("\"call\":\"accept4\",\"ok\":false"),
                             10000);
    SendRequest hello;
    hello.bytes = "hello\n";
    client->send(hello);
    QTRY_VERIFY_WITH_TIMEOUT(logHas(*client->logModel(), Direction::In, "hello\n"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(logHas(*server->logModel(), Direction::Out, "hello\n"), 10000);
    screenshot(&window, QStringLiteral("scenario-recording.png"));
    client->closeSockets();
    QTRY_VERIFY_WITH_TIMEOUT(client->state() == EndpointPhase::Closed, 10000);

    const ScenarioRecorder *recorder = recording->recorder();
    QVERIFY(recorder);
    QCOMPARE(recorder->stepCount(), 4); // start, connect, send, close
    const std::string srv = recorder->panelName(server->endpointId());
    const std::string cli = recorder->panelName(client->endpointId());
    // The server's last event (its connection reads the end of file; the preset keeps a
    // half-closed connection open) is in before the recording stops.
    QTRY_VERIFY2_WITH_TIMEOUT(
            QByteArray::fromStdString(recorder->jsonl())
                    .contains(QByteArray::fromStdString("\"panel\":\"" + srv
                                                        + "#1\",\"conn\":1,\"event\":\"eof\"")),
            recorder->jsonl().c_str(), 10000);
    const QByteArray recorded = QByteArray::fromStdString(recorder->jsonl());

    m_file = m_dir.filePath("echo-session.sbs");
    QString error;
    QVERIFY2(recording->saveAndStop(m_file, &error), qPrintable(error));
    QVERIFY(!recording->isRecording());
    QVERIFY(!recording->indicator()->isVisible());
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    file.close();
    if (qEnvironmentVariableIsSet("SB_SHOW_SCENARIO"))
        qInfo().noquote() << text << "\n" << recorded;
    // The client names the server's port by the server's name: the kernel gives another one.
    QVERIFY2(text.contains(QByteArray::fromStdString("panel: " + cli + " client tcp://127.0.0.1:${"
                                                     + srv + ".port}")),
             text);
    QVERIFY2(text.contains(QByteArray::fromStdString("do: " + cli + " send \"hello\\n\"")), text);
    const QByteArray fact = QByteArray::fromStdString("expect: received " + cli + " \"hello\\n\"");
    QVERIFY2(text.contains(fact), text);

    // Played headless: the same events, and every fact holds.
    const QString junit = m_dir.filePath("report.xml");
    const sbtest::Run run = sbtest::cli({"run", m_file, "--jsonl", "--junit", junit});
    QVERIFY2(run.status == 0, qPrintable(run.out + run.err + "\n" + text));
    const auto mine = normalised(recorded);
    const auto replayed = normalised(run.out.toUtf8());
    QVERIFY(mine.size() >= 6);
    QVERIFY2(mine == replayed, firstDifference(mine, replayed).constData());
    QVERIFY(QFile::exists(junit));

    // One expected byte edited: the run fails, and the report names the fact that failed.
    QByteArray edited = text;
    const QByteArray wrong = QByteArray::fromStdString("expect: received " + cli + " \"hellp\\n\"");
    edited.replace(fact, wrong);
    QVERIFY(edited != text);
    const QString broken = m_dir.filePath("edited.sbs");
    QFile out(broken);
    QVERIFY(out.open(QIODevice::WriteOnly) && out.write(edited) == edited.size());
    out.close();
    const QString failedReport = m_dir.filePath("failed.xml");
    const sbtest::Run failed = sbtest::cli({"run", broken, "--junit", failedReport});
    QVERIFY2(failed.status == 1, qPrintable(failed.out + failed.err));
    QFile report(failedReport);
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QString xml = QString::fromUtf8(report.readAll());
    const QString failedCase
            = QString::fromStdString("received " + cli + " &quot;hellp\\n&quot; within");
    QVERIFY2(xml.contains(failedCase), qPrintable(xml));
    const int at = xml.indexOf(failedCase);
    QVERIFY2(xml.indexOf(QStringLiteral("<failure"), at) > at
                     && xml.indexOf(QStringLiteral("<failure"), at)
                             < xml.indexOf(QStringLiteral("</testcase>"), at),
             qPrintable(xml));
}

void TestScenarioRecording::recordedFileOpensInTheDemoPlayer()
{
    QVERIFY(QFile::exists(m_file));
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QStringList errors;
    QVERIFY2(window.openWorkspace(m_file, &errors), qPrintable(errors.join('\n')));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QVERIFY(window.demos()->isDemoOpen());
    QVERIFY(window.panels().empty()); // its panels are the player's
    DemoSession *session = window.demos()->session();
    QCOMPARE(session->player().stepCount(), 4);
    session->play(0);
    QTRY_VERIFY_WITH_TIMEOUT(session->player().state() == DemoPlayer::State::Finished, 30000);
    QVERIFY(session->player().allPassed());
    screenshot(&window, QStringLiteral("scenario-replay.png"));
}

QTEST_MAIN(TestScenarioRecording)
#include "tst_scenariorecording.moc"
