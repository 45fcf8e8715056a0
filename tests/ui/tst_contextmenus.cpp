// Context menus of the log, the trace, the Clients tab and the Connections dock, opened the way
// a right-click opens them, and a datagram server answering its last sender. Real peers on
// loopback: the test checks the clipboard, the rows shown and the bytes a peer socket read.
#include "tests/support/posixsockets.h"
#include "ui/clientsmodel.h"
#include "ui/clientsview.h"
#include "ui/connectionsmodel.h"
#include "ui/endpointpanel.h"
#include "ui/followingtableview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/sendcomposer.h"
#include "ui/tracemodel.h"
#include "ui/traceview.h"
#include "ui/translations.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using namespace sbtest;
using Preset = NewSocketDialog::Preset;

namespace {

/// Right-clicks row of view as a mouse does and returns the menu that popped up.
QMenu *rightClick(QAbstractItemView *view, int row)
{
    view->scrollTo(view->model()->index(row, 0));
    const QPoint pos = view->visualRect(view->model()->index(row, 0)).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view->viewport(), &event);
    return qobject_cast<QMenu *>(QApplication::activePopupWidget());
}

/// Chooses the action named name in menu (it must be enabled) and closes the menu.
bool choose(QMenu *menu, const char *name)
{
    if (!menu)
        return false;
    QAction *action = menu->findChild<QAction *>(QLatin1String(name));
    const bool ok = action && action->isEnabled();
    if (ok)
        action->trigger();
    menu->close();
    return ok;
}

QAction *actionOf(QMenu *menu, const char *name)
{
    return menu ? menu->findChild<QAction *>(QLatin1String(name)) : nullptr;
}

/// The first log row whose Data column reads text, either direction.
int logRowWith(LogView *view, const QString &text)
{
    const QAbstractItemModel *m = view->shownModel();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, LogModel::DataColumn).data().toString() == text)
            return r;
    return -1;
}

/// Reads what arrives on fd within timeoutMs (one read).
QByteArray readSome(int fd, int timeoutMs = 5000)
{
    timeval tv {timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    return n > 0 ? QByteArray(buf, static_cast<qsizetype>(n)) : QByteArray();
}

/// Reads until want bytes came (stream peers may get them in pieces).
QByteArray readExactly(int fd, qsizetype want, int timeoutMs = 5000)
{
    QByteArray got;
    while (got.size() < want) {
        const QByteArray piece = readSome(fd, timeoutMs);
        if (piece.isEmpty())
            break;
        got += piece;
    }
    return got;
}

bool nothingWaiting(int fd)
{
    char c;
    return recv(fd, &c, 1, MSG_DONTWAIT) < 0 && errno == EAGAIN;
}

uint16_t portOf(const Address &a) { return a.port(); }

/// Accelerator letters (after '&') that two actions of menu share.
QStringList sharedAccelerators(QMenu *menu)
{
    QMap<QChar, QString> seen;
    QStringList shared;
    for (QAction *a : menu->actions()) {
        const QString t = a->text();
        const qsizetype amp = t.indexOf(QLatin1Char('&'));
        if (a->isSeparator() || amp < 0 || amp + 1 >= t.size())
            continue;
        const QChar key = t.at(amp + 1).toLower();
        if (seen.contains(key))
            shared << seen.value(key) + QStringLiteral(" / ") + t;
        seen.insert(key, t);
    }
    return shared;
}

} // namespace

class TestContextMenus : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void logCopiesPayload_data();
    void logCopiesPayload();
    void logResendArrivesAtPeer();
    void datagramReplyToThisSender();
    void datagramAnswersLastSender_data();
    void datagramAnswersLastSender();
    void logFilterByPeerAndFollow();
    void traceCopiesCallAndShowsInLog();
    void clientsMenuSendsToThatClientOnly();
    void sendToSelectedSendsToEachSelected();
    void connectionsDockFollowsAndFilters();
    void menuScreenshot();
    void menusInSpanish();
    void acceleratorsUnique_data();
    void acceleratorsUnique();

private:
    EndpointPanel *open(Preset preset, const QString &server = {});
    EndpointPanel *serverWithPeers(int n, FdGuard &fds, QList<int> *peers);
    MainWindow *m_window = nullptr;
};

void TestContextMenus::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TestContextMenus::init()
{
    m_window = new MainWindow;
    m_window->resize(1400, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestContextMenus::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

EndpointPanel *TestContextMenus::open(Preset preset, const QString &server)
{
    return m_window->openPanel(NewSocketDialog::presetConfig(preset, server));
}

EndpointPanel *TestContextMenus::serverWithPeers(int n, FdGuard &fds, QList<int> *peers)
{
    // A log only: the peers read what the panel sends, not an echo of their own bytes.
    EndpointConfig config = NewSocketDialog::presetConfig(Preset::TcpServer);
    config.responder.kind = ResponderSpec::Kind::None;
    EndpointPanel *server = m_window->openPanel(config);
    if (!QTest::qWaitFor([&] { return server->state() == EndpointPanel::State::Listening; }, 10000))
        return nullptr;
    const uint16_t port = portOf(server->localAddress());
    for (int i = 0; i < n; ++i) {
        const int fd = fds.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", port));
        if (fd < 0)
            return nullptr;
        *peers << fd;
        // One at a time: client #i+1 is peer i.
        if (!QTest::qWaitFor(
                    [&] { return server->clientsModel()->liveConns().size() == size_t(i + 1); },
                    10000))
            return nullptr;
    }
    return server;
}

void TestContextMenus::logCopiesPayload_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expected");
    // Typed in the composer with its C escapes: h i space " x " 0x01 A CR LF.
    QTest::newRow("text") << "copyText"
                          << R"(hi "x"\x01A\r\n)";
    QTest::newRow("hex") << "copyHex"
                         << "68 69 20 22 78 22 01 41 0d 0a";
    QTest::newRow("C string") << "copyCString"
                              << R"("hi \"x\"\x01" "A\r\n")";
}

void TestContextMenus::logCopiesPayload()
{
    QFETCH(QString, action);
    QFETCH(QString, expected);
    FdGuard fds;
    const int listener = fds.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 1));
    QVERIFY(listener >= 0);
    EndpointPanel *client = open(Preset::TcpClient,
                                 QStringLiteral("tcp://127.0.0.1:%1").arg(localPort(listener)));
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    const int peer = fds.add(accept(listener, nullptr, nullptr));
    client->composer()->input()->setText(QStringLiteral(R"(hi "x"\x01A\r\n)"));
    client->composer()->send();
    QCOMPARE(readExactly(peer, 10),
             QByteArray("hi \"x\"\x01"
                        "A\r\n"));

    LogView *log = client->logView();
    int row = -1;
    QTRY_VERIFY((row = logRowWith(log, QStringLiteral(R"(hi "x"\x01A\r\n)"))) >= 0
                || (row = logRowWith(log, QStringLiteral("68 69 20 22 78 22 01 41 0d 0a"))) >= 0);
    QApplication::clipboard()->clear();
    QVERIFY(choose(rightClick(log->table(), row), qPrintable(action)));
    QCOMPARE(QApplication::clipboard()->text(), expected);
}

void TestContextMenus::logResendArrivesAtPeer()
{
    FdGuard fds;
    const int listener = fds.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 1));
    EndpointPanel *client = open(Preset::TcpClient,
                                 QStringLiteral("tcp://127.0.0.1:%1").arg(localPort(listener)));
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    const int peer = fds.add(accept(listener, nullptr, nullptr));
    client->composer()->input()->setText(QStringLiteral("ping"));
    client->composer()->send();
    QCOMPARE(readExactly(peer, 4), QByteArray("ping"));
    int row = -1;
    QTRY_VERIFY((row = logRowWith(client->logView(), QStringLiteral("ping"))) >= 0);
    client->composer()->input()->setText(QStringLiteral("something else"));

    QVERIFY(choose(rightClick(client->logView()->table(), row), "resend"));
    QCOMPARE(readExactly(peer, 4), QByteArray("ping"));
    QTRY_COMPARE(client->messagesOut(), uint64_t(2));
    QTRY_COMPARE(client->bytesOut(), uint64_t(8));

    // A received row cannot be resent.
    ::send(peer, "pong", 4, 0);
    int in = -1;
    QTRY_VERIFY((in = logRowWith(client->logView(), QStringLiteral("pong"))) >= 0);
    QMenu *menu = rightClick(client->logView()->table(), in);
    QVERIFY(menu);
    QVERIFY(actionOf(menu, "resend"));
    QVERIFY(!actionOf(menu, "resend")->isEnabled());
    menu->close();
}

void TestContextMenus::datagramReplyToThisSender()
{
    FdGuard fds;
    EndpointPanel *udp = open(Preset::Udp);
    QTRY_COMPARE(udp->state(), EndpointPanel::State::Bound);
    const Address local = udp->localAddress();
    const int a = fds.add(bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
    const int b = fds.add(bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
    ::sendto(a, "from a", 6, 0, local.sockaddrPtr(), local.length());
    QTRY_VERIFY(logRowWith(udp->logView(), QStringLiteral("from a")) >= 0);
    ::sendto(b, "from b", 6, 0, local.sockaddrPtr(), local.length());
    QTRY_VERIFY(logRowWith(udp->logView(), QStringLiteral("from b")) >= 0);

    // Not the last sender (b): the row's own sender, a.
    const int row = logRowWith(udp->logView(), QStringLiteral("from a"));
    QVERIFY(choose(rightClick(udp->logView()->table(), row), "reply"));
    const QString aEndpoint = QStringLiteral("udp://127.0.0.1:%1").arg(localPort(a));
    QCOMPARE(udp->composer()->destination()->text(), aEndpoint);
    udp->composer()->input()->setText(QStringLiteral("pong"));
    udp->composer()->send();
    QCOMPARE(readSome(a), QByteArray("pong"));
    QVERIFY(nothingWaiting(b));
}

void TestContextMenus::datagramAnswersLastSender_data()
{
    QTest::addColumn<int>("preset");
    QTest::newRow("udp") << int(Preset::Udp);
    QTest::newRow("unix-dgram") << int(Preset::UnixDgram);
}

void TestContextMenus::datagramAnswersLastSender()
{
    QFETCH(int, preset);
    QTemporaryDir dir;
    FdGuard fds;
    EndpointPanel *server = open(static_cast<Preset>(preset));
    QTRY_COMPARE(server->state(), EndpointPanel::State::Bound);
    const Address local = server->localAddress();
    const bool unixDgram = local.isUnix();
    const std::string firstPath = dir.filePath(QStringLiteral("first")).toStdString();
    const std::string secondPath = dir.filePath(QStringLiteral("second")).toStdString();
    const int first = fds.add(unixDgram ? bindUnix(SOCK_DGRAM, firstPath)
                                        : bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
    const int second = fds.add(unixDgram ? bindUnix(SOCK_DGRAM, secondPath)
                                         : bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
    QVERIFY(first >= 0 && second >= 0);

    // Nobody wrote yet: the field says what an empty To will do.
    QLineEdit *to = server->composer()->destination();
    QVERIFY(to->isVisible());
    QVERIFY(to->text().isEmpty());
    QVERIFY2(to->placeholderText().contains(QStringLiteral("whoever writes first")),
             qPrintable(to->placeholderText()));

    ::sendto(first, "one", 3, 0, local.sockaddrPtr(), local.length());
    QTRY_VERIFY(logRowWith(server->logView(), QStringLiteral("one")) >= 0);
    ::sendto(second, "two", 3, 0, local.sockaddrPtr(), local.length());
    QTRY_VERIFY(server->lastSender().valid() && logRowWith(server->logView(), "two") >= 0);
    const QString secondEndpoint = unixDgram
            ? QStringLiteral("unix-dgram://") + QString::fromStdString(secondPath)
            : QStringLiteral("udp://127.0.0.1:%1").arg(localPort(second));
    QTRY_VERIFY2(to->placeholderText().startsWith(secondEndpoint),
                 qPrintable(to->placeholderText()));

    server->composer()->input()->setText(QStringLiteral("back"));
    QVERIFY(server->composer()->sendButton()->isEnabled());
    server->composer()->send();
    QCOMPARE(readSome(second), QByteArray("back"));
    QVERIFY(nothingWaiting(first));
    QVERIFY2(server->errorText().isEmpty(), qPrintable(server->errorText()));
}

void TestContextMenus::logFilterByPeerAndFollow()
{
    FdGuard fds;
    QList<int> peers;
    EndpointPanel *server = serverWithPeers(2, fds, &peers);
    QVERIFY(server);
    ::send(peers[0], "alpha", 5, 0);
    ::send(peers[1], "beta", 4, 0);
    LogView *log = server->logView();
    QTRY_VERIFY(logRowWith(log, QStringLiteral("alpha")) >= 0
                && logRowWith(log, QStringLiteral("beta")) >= 0);
    const ConnId second = server->clientsModel()->liveConns().back();

    QVERIFY(choose(rightClick(log->table(), logRowWith(log, QStringLiteral("beta"))),
                   "filterByPeer"));
    QVERIFY2(log->filterEdit()->text().startsWith(QStringLiteral("peer:")),
             qPrintable(log->filterEdit()->text()));
    QVERIFY(logRowWith(log, QStringLiteral("beta")) >= 0);
    QCOMPARE(logRowWith(log, QStringLiteral("alpha")), -1);
    const QAbstractItemModel *shown = log->shownModel();
    QVERIFY(shown->rowCount() > 0);
    const QString peer = QStringLiteral("127.0.0.1:%1").arg(localPort(peers[1]));
    for (int r = 0; r < shown->rowCount(); ++r)
        QVERIFY2(shown->index(r, LogModel::PeerColumn).data().toString().contains(peer),
                 qPrintable(shown->index(r, LogModel::PeerColumn).data().toString()));

    // "Show all rows" brings alpha back; "Follow" selects beta's client and its socket.
    QVERIFY(choose(rightClick(log->table(), 0), "clearFilter"));
    QVERIFY(logRowWith(log, QStringLiteral("alpha")) >= 0);
    QVERIFY(choose(rightClick(log->table(), logRowWith(log, QStringLiteral("beta"))), "follow"));
    QCOMPARE(server->tabs()->currentWidget(), server->clientsView());
    QCOMPARE(server->clientsView()->selectedConns(), QList<ConnId> {second});
    QTRY_VERIFY(m_window->connectionsModel()->rowOf(server->endpointId(), second) >= 0);
    QVERIFY(choose(rightClick(log->table(), logRowWith(log, QStringLiteral("beta"))), "follow"));
    const QModelIndex current = m_window->connectionsView()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.data(ConnectionsModel::EndpointRole).toUInt(), server->endpointId());
    QCOMPARE(current.data(ConnectionsModel::ConnRole).toUInt(), second);
    QVERIFY(m_window->connectionsDock()->isVisible());
}

void TestContextMenus::traceCopiesCallAndShowsInLog()
{
    FdGuard fds;
    const int listener = fds.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 1));
    EndpointPanel *client = open(Preset::TcpClient,
                                 QStringLiteral("tcp://127.0.0.1:%1").arg(localPort(listener)));
    QTRY_COMPARE(client->state(), EndpointPanel::State::Connected);
    const int peer = fds.add(accept(listener, nullptr, nullptr));
    client->composer()->input()->setText(QStringLiteral("trace me"));
    client->composer()->send();
    QCOMPARE(readExactly(peer, 8), QByteArray("trace me"));

    TraceModel *model = client->traceModel();
    client->tabs()->setCurrentWidget(client->traceView());
    int sendRow = -1;
    QTRY_VERIFY([&] {
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->record(r).call == SysCall::Send) {
                sendRow = r;
                return true;
            }
        return false;
    }());
    QApplication::clipboard()->clear();
    QVERIFY(choose(rightClick(client->traceView()->table(), sendRow), "copyCall"));
    QVERIFY2(QApplication::clipboard()->text().startsWith(QStringLiteral("send")),
             qPrintable(QApplication::clipboard()->text()));
    QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("= 8")));
    QVERIFY(choose(rightClick(client->traceView()->table(), sendRow), "copyHex"));
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("74 72 61 63 65 20 6d 65"));

    // A connect() names an address: the log can be filtered by it; socket() carries no bytes.
    int connectRow = -1, socketRow = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->record(r).call == SysCall::Connect && connectRow < 0)
            connectRow = r;
        if (model->record(r).call == SysCall::Socket && socketRow < 0)
            socketRow = r;
    }
    QMenu *menu = rightClick(client->traceView()->table(), socketRow);
    QVERIFY(menu);
    QVERIFY(!actionOf(menu, "copyHex")->isEnabled());
    QVERIFY(!actionOf(menu, "showInLog")->isEnabled());
    QVERIFY(!actionOf(menu, "filterByPeer"));
    menu->close();
    QVERIFY(choose(rightClick(client->traceView()->table(), connectRow), "filterByPeer"));
    QCOMPARE(client->tabs()->currentWidget(), client->logView());
    QCOMPARE(client->logView()->filterEdit()->text(),
             QStringLiteral("peer:127.0.0.1:%1").arg(localPort(listener)));
    client->logView()->filterEdit()->clear();

    client->tabs()->setCurrentWidget(client->traceView());
    QVERIFY(choose(rightClick(client->traceView()->table(), sendRow), "showInLog"));
    QCOMPARE(client->tabs()->currentWidget(), client->logView());
    const QModelIndex selected = client->logView()->table()->currentIndex();
    QVERIFY(selected.isValid());
    QCOMPARE(selected.siblingAtColumn(LogModel::DataColumn).data().toString(),
             QStringLiteral("trace me"));
}

void TestContextMenus::clientsMenuSendsToThatClientOnly()
{
    FdGuard fds;
    QList<int> peers;
    EndpointPanel *server = serverWithPeers(3, fds, &peers);
    QVERIFY(server);
    ClientsView *clients = server->clientsView();
    server->tabs()->setCurrentWidget(clients);
    server->composer()->input()->setText(QStringLiteral("just you"));
    QVERIFY(choose(rightClick(clients->table(), 1), "sendTo"));
    QCOMPARE(readExactly(peers[1], 8), QByteArray("just you"));
    QVERIFY(nothingWaiting(peers[0]));
    QVERIFY(nothingWaiting(peers[2]));

    QApplication::clipboard()->clear();
    QVERIFY(choose(rightClick(clients->table(), 2), "copyAddress"));
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("127.0.0.1:%1").arg(localPort(peers[2])));
}

void TestContextMenus::sendToSelectedSendsToEachSelected()
{
    FdGuard fds;
    QList<int> peers;
    EndpointPanel *server = serverWithPeers(3, fds, &peers);
    QVERIFY(server);
    ClientsView *clients = server->clientsView();
    server->tabs()->setCurrentWidget(clients);
    // A person clicks the first row and ctrl-clicks the third.
    QTableView *table = clients->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(0, 0)).center());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      table->visualRect(table->model()->index(2, 0)).center());
    QCOMPARE(clients->selectedConns().size(), 2);
    server->composer()->input()->setText(QStringLiteral("both"));
    QPushButton *sendTo = clients->findChild<QPushButton *>();
    for (QPushButton *b : clients->findChildren<QPushButton *>())
        if (b->text() == ClientsView::tr("Send to selected"))
            sendTo = b;
    QVERIFY(sendTo->isEnabled());
    QTest::mouseClick(sendTo, Qt::LeftButton);
    QCOMPARE(readExactly(peers[0], 4), QByteArray("both"));
    QCOMPARE(readExactly(peers[2], 4), QByteArray("both"));
    QVERIFY(nothingWaiting(peers[1]));
    QTRY_COMPARE(server->bytesOut(), uint64_t(8));
}

void TestContextMenus::connectionsDockFollowsAndFilters()
{
    FdGuard fds;
    QList<int> peers;
    EndpointPanel *server = serverWithPeers(2, fds, &peers);
    QVERIFY(server);
    EndpointPanel *other = open(Preset::Udp); // the current panel, not the server
    QTRY_COMPARE(other->state(), EndpointPanel::State::Bound);
    QCOMPARE(m_window->currentPanel(), other);
    ::send(peers[0], "first", 5, 0);
    ::send(peers[1], "second", 6, 0);
    QTRY_VERIFY(logRowWith(server->logView(), QStringLiteral("second")) >= 0);
    const ConnId conn = server->clientsModel()->liveConns().front();
    QTableView *view = m_window->connectionsView();
    int row = -1;
    QTRY_VERIFY([&] {
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex i = view->model()->index(r, 0);
            if (i.data(ConnectionsModel::EndpointRole).toUInt() == server->endpointId()
                && i.data(ConnectionsModel::ConnRole).toUInt() == conn) {
                row = r;
                return true;
            }
        }
        return false;
    }());

    QVERIFY(choose(rightClick(view, row), "follow"));
    QCOMPARE(m_window->currentPanel(), server);
    QCOMPARE(server->tabs()->currentWidget(), server->clientsView());
    QCOMPARE(server->clientsView()->selectedConns(), QList<ConnId> {conn});

    QApplication::clipboard()->clear();
    QVERIFY(choose(rightClick(view, row), "copyForeign"));
    const QString peer = QStringLiteral("127.0.0.1:%1").arg(localPort(peers[0]));
    QCOMPARE(QApplication::clipboard()->text(), peer);
    QVERIFY(choose(rightClick(view, row), "filterByPeer"));
    LogView *log = server->logView();
    QCOMPARE(server->tabs()->currentWidget(), log);
    QVERIFY(logRowWith(log, QStringLiteral("first")) >= 0);
    QCOMPARE(logRowWith(log, QStringLiteral("second")), -1);
}

void TestContextMenus::menuScreenshot()
{
    FdGuard fds;
    QList<int> peers;
    EndpointPanel *server = serverWithPeers(1, fds, &peers);
    QVERIFY(server);
    ::send(peers[0], "GET / HTTP/1.0\r\n\r\n", 18, 0);
    LogView *log = server->logView();
    QTRY_VERIFY(logRowWith(log, QStringLiteral(R"(GET / HTTP/1.0\r\n\r\n)")) >= 0);
    QMenu *menu = rightClick(log->table(), logRowWith(log, R"(GET / HTTP/1.0\r\n\r\n)"));
    QVERIFY(menu);
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    // Every action a person reads has its text whole: the menu is as wide as its longest.
    for (QAction *a : menu->actions())
        if (!a->isSeparator())
            QVERIFY2(menu->actionGeometry(a).width() >= menu->fontMetrics().horizontalAdvance(
                             QString(a->text()).remove(QLatin1Char('&'))),
                     qPrintable(a->text()));
    QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots"));
    QVERIFY(menu->grab().save(QStringLiteral(SB_BUILD_DIR "/screenshots/context-menu-log.png")));
    menu->close();
}

void TestContextMenus::menusInSpanish()
{
    // A window made under the Spanish translator: its menus read Spanish, every entry.
    delete m_window;
    QCOMPARE(installTranslations(QStringLiteral("es")), QStringLiteral("es"));
    m_window = new MainWindow;
    m_window->resize(1400, 860);
    m_window->show();
    FdGuard fds;
    QList<int> peers;
    EndpointPanel *server = serverWithPeers(1, fds, &peers);
    QVERIFY(server);
    ::send(peers[0], "hola", 4, 0);
    QTRY_VERIFY(logRowWith(server->logView(), QStringLiteral("hola")) >= 0);
    QMenu *log = rightClick(server->logView()->table(),
                            logRowWith(server->logView(), QStringLiteral("hola")));
    QVERIFY(log);
    QVERIFY(QTest::qWaitForWindowExposed(log));
    QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots"));
    QVERIFY(log->grab().save(QStringLiteral(SB_BUILD_DIR "/screenshots/context-menu-log-es.png")));
    QStringList texts;
    for (QAction *a : log->actions())
        if (!a->isSeparator())
            texts << a->text();
    log->close();
    server->tabs()->setCurrentWidget(server->clientsView());
    QMenu *clients = rightClick(server->clientsView()->table(), 0);
    QVERIFY(clients);
    for (QAction *a : clients->actions())
        if (!a->isSeparator())
            texts << a->text();
    clients->close();
    QTRY_VERIFY(m_window->connectionsView()->model()->rowCount() >= 2);
    QMenu *dock = rightClick(m_window->connectionsView(), 0);
    QVERIFY(dock);
    for (QAction *a : dock->actions())
        if (!a->isSeparator())
            texts << a->text();
    dock->close();
    installTranslations(QStringLiteral("en"));
    QVERIFY2(texts.contains(QStringLiteral("Copiar como &texto")),
             qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY2(texts.contains(QStringLiteral("E&xpulsar")), qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY2(texts.contains(QStringLiteral("Copiar dirección &local")),
             qPrintable(texts.join(QLatin1Char('|'))));
    for (const QString &english :
         {QStringLiteral("Copy"), QStringLiteral("Filter"), QStringLiteral("Follow"),
          QStringLiteral("Reply"), QStringLiteral("Resend"), QStringLiteral("Send")})
        for (const QString &t : texts)
            QVERIFY2(!QString(t).remove(QLatin1Char('&')).contains(english), qPrintable(t));
}

void TestContextMenus::acceleratorsUnique_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << "en";
    QTest::newRow("es") << "es";
}

void TestContextMenus::acceleratorsUnique()
{
    // Alt+letter picks one entry of each menu, in both languages.
    QFETCH(QString, language);
    delete m_window;
    QCOMPARE(installTranslations(language), language);
    m_window = new MainWindow;
    m_window->resize(1400, 860);
    m_window->show();
    FdGuard fds;
    QList<int> peers;
    EndpointPanel *server = serverWithPeers(1, fds, &peers);
    QVERIFY(server);
    ::send(peers[0], "keys", 4, 0);
    QTRY_VERIFY(logRowWith(server->logView(), QStringLiteral("keys")) >= 0);
    QTRY_VERIFY(m_window->connectionsView()->model()->rowCount() >= 2);
    EndpointPanel *udp = open(Preset::Udp);
    QTRY_COMPARE(udp->state(), EndpointPanel::State::Bound);
    const Address local = udp->localAddress();
    const int peer = fds.add(bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
    ::sendto(peer, "dgram", 5, 0, local.sockaddrPtr(), local.length());
    QTRY_VERIFY(logRowWith(udp->logView(), QStringLiteral("dgram")) >= 0);

    QStringList shared;
    int checked = 0;
    auto check = [&](QMenu *menu) {
        if (!menu)
            return;
        ++checked;
        shared << sharedAccelerators(menu);
        menu->close();
    };
    check(rightClick(server->logView()->table(),
                     logRowWith(server->logView(), QStringLiteral("keys"))));
    check(rightClick(udp->logView()->table(), logRowWith(udp->logView(), "dgram")));
    server->tabs()->setCurrentWidget(server->clientsView());
    check(rightClick(server->clientsView()->table(), 0));
    server->tabs()->setCurrentWidget(server->traceView());
    check(rightClick(server->traceView()->table(), 0));
    check(rightClick(m_window->connectionsView(), 0));
    QCOMPARE(checked, 5);
    installTranslations(QStringLiteral("en"));
    QVERIFY2(shared.isEmpty(), qPrintable(shared.join(QStringLiteral("; "))));
}

QTEST_MAIN(TestContextMenus)
#include "tst_contextmenus.moc"
