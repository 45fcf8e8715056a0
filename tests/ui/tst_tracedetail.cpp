// A panel's trace read whole: under the Syscalls table a detail pane shows the selected call
// unelided, its errno's name, text and usual cause, and the bytes it carried as a hex dump; a
// refused connect counts as the failure a person sees, its SO_ERROR named; tooltips are
// escaped once; errno texts follow the UI's language. Real loopback sockets throughout. A
// screenshot of the pane goes to SB_BUILD_DIR/screenshots/trace-detail.png.
#include "../support/posixsockets.h"
#include "core/text/errnoinfo.h"
#include "ui/display.h"
#include "ui/endpointpanel.h"
#include "ui/followingtableview.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/sendcomposer.h"
#include "ui/tracemodel.h"
#include "ui/traceview.h"
#include "ui/translations.h"
#include "ui/wireview.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;

namespace {

QString plain(const QString &html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

int rowOf(TraceModel *model, const QString &call, const QString &containing = {})
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, TraceModel::CallColumn);
        if (index.data(TraceModel::CallNameRole).toString() == call
            && index.data().toString().contains(containing))
            return row;
    }
    return -1;
}

} // namespace

class TestTraceDetail : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void refusedConnectIsOneFailureNamed();
    void detailShowsTheWholeCallAndItsBytes();
    void errnoTextsInSpanish();
};

void TestTraceDetail::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
}

void TestTraceDetail::refusedConnectIsOneFailureNamed()
{
    sbtest::RefusingPort refusing;
    QVERIFY(refusing.port != 0);
    MainWindow window;
    window.resize(1366, 768);
    EndpointConfig c;
    c.role = Role::Client;
    c.spec = parseEndpoint("tcp://127.0.0.1:" + std::to_string(refusing.port)).value();
    c.label = "Refused";
    EndpointPanel *panel = window.openPanel(c);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TraceModel *model = panel->traceModel();
    TraceView *view = panel->traceView();
    // The non-blocking connect is under way (EINPROGRESS, no failure); SO_ERROR says refused.
    QTRY_VERIFY(rowOf(model, QStringLiteral("getsockopt"), QStringLiteral("SO_ERROR")) >= 0);
    const int soError = rowOf(model, QStringLiteral("getsockopt"), QStringLiteral("SO_ERROR"));
    const QModelIndex index = model->index(soError, TraceModel::CallColumn);
    QVERIFY2(index.data().toString().contains(QStringLiteral("SO_ERROR, [ECONNREFUSED]")),
             qPrintable(index.data().toString()));
    QVERIFY(index.data(TraceModel::FailedRole).toBool());
    QCOMPARE(index.data(TraceModel::ErrnoRole).toInt(), ECONNREFUSED);
    QCOMPARE(model->failures(), uint64_t(1));
    view->refresh();
    bool counted = false;
    for (QLabel *label : view->findChildren<QLabel *>())
        counted = counted || label->text().contains(QStringLiteral("1 failed"));
    QVERIFY(counted);
    // With nothing selected, the pane explains the failure: errno, its text, the usual cause.
    QCOMPARE(view->detailRow(), soError);
    const QString detail = view->detailText();
    QVERIFY2(detail.contains(QStringLiteral("ECONNREFUSED (Connection refused)")),
             qPrintable(detail));
    QVERIFY2(detail.contains(QString::fromLatin1(errnoCause("connect", ECONNREFUSED))),
             qPrintable(detail));
    QVERIFY2(!detail.contains(QStringLiteral("…")), qPrintable(detail));
    panel->tabs()->setCurrentWidget(view);
    QTest::qWait(50);
    QVERIFY(view->grab().save(
            QStringLiteral(SB_BUILD_DIR "/screenshots/trace-detail-refused.png")));
}

void TestTraceDetail::detailShowsTheWholeCallAndItsBytes()
{
    MainWindow window;
    window.resize(1366, 768);
    window.openEchoDemo();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.panels().size(), size_t(2));
    EndpointPanel *client = window.panels()[1];
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    client->composer()->send();
    QTRY_VERIFY(client->bytesIn() > 0);
    TraceModel *model = client->traceModel();
    TraceView *view = client->traceView();
    client->tabs()->setCurrentWidget(view);

    // A successful call's tooltip: escaped once, rich text, so the quotes read as quotes.
    const int connectRow = rowOf(model, QStringLiteral("connect"));
    QVERIFY(connectRow >= 0);
    const QString tip
            = model->index(connectRow, TraceModel::CallColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(Qt::mightBeRichText(tip), qPrintable(tip));
    QVERIFY2(plain(tip).contains(QStringLiteral("inet_addr(\"127.0.0.1\")")), qPrintable(tip));
    QVERIFY2(!plain(tip).contains(QStringLiteral("&quot;")), qPrintable(tip));

    // The socket() call is elided in a narrow table; the pane shows it whole.
    const int socketRow = rowOf(model, QStringLiteral("socket"));
    QVERIFY(socketRow >= 0);
    view->table()->setCurrentIndex(model->index(socketRow, TraceModel::CallColumn));
    QCOMPARE(view->detailRow(), socketRow);
    const QString full = model->index(socketRow, TraceModel::CallColumn).data().toString();
    QVERIFY2(full.contains(QStringLiteral("SOCK_NONBLOCK")), qPrintable(full));
    QVERIFY2(view->detailText().contains(full), qPrintable(view->detailText()));

    // A receive: the pane dumps the bytes it carried.
    QTRY_VERIFY(rowOf(model, QStringLiteral("recv"), QStringLiteral("hello")) >= 0);
    const int recvRow = rowOf(model, QStringLiteral("recv"), QStringLiteral("hello"));
    view->table()->setCurrentIndex(model->index(recvRow, TraceModel::CallColumn));
    const QString detail = view->detailText();
    QVERIFY2(detail.contains(QStringLiteral("68 65 6c 6c 6f")), qPrintable(detail)); // "hello"
    QVERIFY2(detail.contains(QStringLiteral("|hello, server|")), qPrintable(detail));
    QVERIFY(view->detailPane()->isVisible());
    QVERIFY(view->detailPane()->height() >= QFontMetrics(view->font()).height() * 2);

    // For a person to look at: the table and the pane under it.
    QTest::qWait(50);
    const QString path = QStringLiteral(SB_BUILD_DIR "/screenshots/trace-detail.png");
    QVERIFY(view->grab().save(path));
    QVERIFY(window.grab().save(
            QStringLiteral(SB_BUILD_DIR "/screenshots/trace-detail-window.png")));
    qInfo("wrote %s", qPrintable(path));
}

void TestTraceDetail::errnoTextsInSpanish()
{
    QCOMPARE(installTranslations(QStringLiteral("es")), QStringLiteral("es"));
    QCOMPARE(errnoLine(ECONNREFUSED), QStringLiteral("ECONNREFUSED (Conexión rechazada)"));
    QCOMPARE(errnoLine(EADDRINUSE), QStringLiteral("EADDRINUSE (La dirección ya está en uso)"));
    // The trace line says it in Spanish too; the strace part stays as strace prints it.
    auto r = std::make_shared<TraceRecord>();
    r->call = SysCall::Connect;
    r->fd = 3;
    r->result = -1;
    r->err = ECONNREFUSED;
    r->addr = Address::ip("127.0.0.1", 7);
    QVERIFY(TraceModel::callText(*r).endsWith(
            QStringLiteral("= -1 ECONNREFUSED (Conexión rechazada)")));
    // The rest of issue 10's Spanish: Wire's gap label, the dialog's verb, the start-up text.
    QCOMPARE(WireView::gapText(15'770'000'000), QStringLiteral("15.77 s después"));
    {
        NewSocketDialog dialog;
        const auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QCOMPARE(buttons->button(QDialogButtonBox::Ok)->text(), QStringLiteral("Abrir"));
    }
    {
        MainWindow window;
        window.openEchoDemo();
        QTRY_COMPARE(window.panels().size(), size_t(2));
        QCOMPARE(window.panels()[1]->composer()->input()->text(), QStringLiteral("hola, servidor"));
    }
    QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(errnoLine(ECONNREFUSED), QStringLiteral("ECONNREFUSED (Connection refused)"));
    QCOMPARE(WireView::gapText(15'770'000'000), QStringLiteral("15.77 s later"));
}

QTEST_MAIN(TestTraceDetail)
#include "tst_tracedetail.moc"
