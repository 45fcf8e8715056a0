// File > Run program… / Attach to process…: a program of the person's own, run under the
// tracer, in a dock with its socket calls in the Syscalls view; its end (exit status, or the
// signal that killed it and its last calls) above them; a refused attach is one sentence.
#include "../support/requiretool.h"
#include "ui/mainwindow.h"
#include "ui/programtracepanel.h"
#include "ui/tracemodel.h"

#include <QtTest>

using namespace sb;

class TestProgramTracePanel : public QObject
{
    Q_OBJECT

private slots:
    void runProgramShowsItsCalls();
    void killedProgramShowsSignalAndLastCalls();
    void refusedAttachIsOneSentence();
};

namespace {

QStringList calls(const TraceModel *model)
{
    QStringList lines;
    for (int row = 0; row < model->rowCount(); ++row)
        lines << TraceModel::callText(model->record(row));
    return lines;
}

} // namespace

void TestProgramTracePanel::runProgramShowsItsCalls()
{
    SB_REQUIRE_TOOL("python3", "python3");
    MainWindow window;
    QString reason;
    ProgramTracePanel *panel = window.runProgram(
            {"python3", "-c",
             "import socket\na, b = socket.socketpair()\na.send(b'hi')\nprint(b.recv(2))"},
            &reason);
    QVERIFY2(panel, qPrintable(reason));
    QTRY_VERIFY(panel->finished());
    QVERIFY2(panel->statusText().contains("exited with status 0"), qPrintable(panel->statusText()));
    const QString all = calls(panel->model()).join('\n');
    QVERIFY2(all.contains("socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, ["), qPrintable(all));
    QVERIFY2(all.contains(", \"hi\", 2, 0, NULL, 0) = 2"), qPrintable(all));
    QVERIFY2(all.contains(", \"hi\", 2, 0, NULL, NULL) = 2"), qPrintable(all));
    // The bytes a call carried are there for the data views.
    bool carried = false;
    for (int row = 0; row < panel->model()->rowCount(); ++row)
        carried = carried || TraceModel::carriedBytes(panel->model()->record(row)) == "hi";
    QVERIFY(carried);
}

void TestProgramTracePanel::killedProgramShowsSignalAndLastCalls()
{
    SB_REQUIRE_TOOL("python3", "python3");
    MainWindow window;
    QString reason;
    ProgramTracePanel *panel
            = window.runProgram({"python3", "-c",
                                 "import os, signal, socket\ns = socket.socket(socket.AF_INET, "
                                 "socket.SOCK_DGRAM)\nos.kill(os.getpid(), signal.SIGKILL)"},
                                &reason);
    QVERIFY2(panel, qPrintable(reason));
    QTRY_VERIFY(panel->finished());
    const QString status = panel->statusText();
    QVERIFY2(status.contains("was killed by SIGKILL; its last calls:"), qPrintable(status));
    QVERIFY2(status.contains("socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = "),
             qPrintable(status));
}

void TestProgramTracePanel::refusedAttachIsOneSentence()
{
    MainWindow window;
    QString reason;
    QVERIFY(!window.attachProcess(999999999, &reason));
    QVERIFY2(reason.contains("cannot attach to process 999999999: ESRCH (No such process)"),
             qPrintable(reason));
}

QTEST_MAIN(TestProgramTracePanel)
#include "tst_programtracepanel.moc"
