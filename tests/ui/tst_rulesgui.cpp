// Reply rules typed in the New socket dialog: the editor checks them as they are typed (the
// error names the line and marks it, Open stays disabled), a datagram socket refuses what only a
// stream can do, and the rules a person typed answer a real python3 client, with the regex's
// capture and the per-connection counter, and the log names the rule that matched.
#include "../support/processrun.h"
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/ruleseditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QtTest>

using namespace sb;
using Preset = NewSocketDialog::Preset;

namespace {

void chooseRules(NewSocketDialog &dialog)
{
    QComboBox *responder = dialog.responderBox();
    responder->setCurrentIndex(responder->findData(int(ResponderSpec::Kind::Rules)));
}

bool openEnabled(const NewSocketDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
}

} // namespace

class TestRulesGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void exampleIsValidAndShown()
    {
        NewSocketDialog dialog;
        dialog.applyPreset(Preset::TcpServer);
        chooseRules(dialog);
        QVERIFY(dialog.rulesEditor()->isVisibleTo(&dialog));
        QVERIFY2(dialog.rulesEditor()->rules(), qPrintable(dialog.rulesEditor()->errorText()));
        QCOMPARE(dialog.errorText(), QString());
        const EndpointConfig c = dialog.config();
        QCOMPARE(c.responder.kind, ResponderSpec::Kind::Rules);
        QVERIFY(c.responder.rules);
        QCOMPARE(QString::fromStdString(c.responder.rulesText), dialog.rulesEditor()->text());
        // Another responder hides the editor.
        dialog.responderBox()->setCurrentIndex(
                dialog.responderBox()->findData(int(ResponderSpec::Kind::Echo)));
        QVERIFY(!dialog.rulesEditor()->isVisibleTo(&dialog));
    }

    void errorNamesAndMarksTheLine()
    {
        NewSocketDialog dialog;
        dialog.applyPreset(Preset::TcpServer);
        chooseRules(dialog);
        dialog.rulesEditor()->editor()->setPlainText(
                "framing: line\nrule: a\nmatch: any\ndo: lisen\n");
        QVERIFY(!dialog.rulesEditor()->rules());
        QVERIFY2(dialog.errorText().startsWith("Reply rules: 4:"), qPrintable(dialog.errorText()));
        QVERIFY2(dialog.errorText().contains("lisen"), qPrintable(dialog.errorText()));
        QVERIFY(!openEnabled(dialog));
        const auto marks = dialog.rulesEditor()->editor()->extraSelections();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks.front().cursor.blockNumber(), 3); // the fourth line
        // Mended: the mark goes, Open comes back.
        dialog.rulesEditor()->editor()->setPlainText("framing: line\nrule: a\nmatch: any\n"
                                                     "do: reply \"x\"\n");
        QVERIFY(dialog.rulesEditor()->rules());
        QVERIFY(dialog.rulesEditor()->editor()->extraSelections().isEmpty());
        QVERIFY(openEnabled(dialog));
        // No rule at all is not a server that answers.
        dialog.rulesEditor()->editor()->setPlainText("framing: raw\n");
        QVERIFY(!openEnabled(dialog));
        QVERIFY2(dialog.errorText().contains("no rule"), qPrintable(dialog.errorText()));
    }

    void datagramRefusesStreamOnlyRules()
    {
        NewSocketDialog dialog;
        dialog.applyPreset(Preset::Udp);
        chooseRules(dialog);
        QVERIFY2(dialog.rulesEditor()->rules(), qPrintable(dialog.rulesEditor()->errorText()));
        QVERIFY(openEnabled(dialog));
        dialog.rulesEditor()->editor()->setPlainText("rule: a\nmatch: any\ndo: close\n");
        QVERIFY(!openEnabled(dialog));
        QVERIFY2(dialog.errorText().contains("close"), qPrintable(dialog.errorText()));
    }

    void typedRulesAnswerARealClient()
    {
        NewSocketDialog dialog;
        dialog.applyPreset(Preset::TcpServer);
        chooseRules(dialog);
        QVERIFY(openEnabled(dialog));
        MainWindow window;
        EndpointPanel *server = window.openPanel(dialog.config());
        QTRY_COMPARE(server->state(), EndpointPhase::Listening);
        const quint16 port = server->localAddress().port();
        // The example's rules: "hello NAME" gets a greeting with the line's number on this
        // connection, "quit" gets "bye" and the server closes.
        QProcess client;
        client.start("python3",
                     {"-c",
                      QString("import socket\n"
                              "s = socket.create_connection(('127.0.0.1', %1))\n"
                              "s.sendall(b'hello ana\\nhello bob\\nquit\\n')\n"
                              "got = b''\n"
                              "while True:\n"
                              "    b = s.recv(1000)\n"
                              "    if not b: break\n"
                              "    got += b\n"
                              "print(got.decode(), end='')\n")
                              .arg(port)});
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == QProcess::NotRunning, 20000);
        QCOMPARE(client.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(client.readAllStandardOutput()),
                 QString("hi ana, line 1 of this connection\n"
                         "hi bob, line 2 of this connection\n"
                         "bye\n"));
        // The log says which rule answered.
        LogModel *log = server->logModel();
        QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (int r = 0; r < log->rowCount(); ++r)
                        if (QString::fromStdString(log->entry(r).note)
                                    .contains("rule 2 'quit' matched 4 bytes"))
                            return true;
                    return false;
                }(),
                10000);
    }
};

QTEST_MAIN(TestRulesGui)
#include "tst_rulesgui.moc"
