// NetstatPanel over real sockets this test opens: rows appear, change in place, leave; filters
// and the numeric toggle act; SockBench's own sockets are marked and lead to their panel. Both
// models run under QAbstractItemModelTester throughout.
#include "core/tools/netstat.h"
#include "tests/support/posixsockets.h"
#include "ui/netstatmodel.h"
#include "ui/netstatpanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace sbtest;

class TestNetstatPanel : public QObject
{
    Q_OBJECT

private:
    template<class T>
    T *child(const char *name)
    {
        T *w = m_panel->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    // The model row whose column holds text, or -1.
    static int findRow(const NetstatModel *m, int column, const QString &text)
    {
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, column).data().toString() == text)
                return r;
        return -1;
    }

    static int findInode(const NetstatModel *m, uint64_t inode)
    {
        const int column = m->kind() == NetstatModel::Kind::Internet ? int(NetstatModel::Inode)
                                                                     : int(NetstatModel::UInode);
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, column).data().toULongLong() == inode)
                return r;
        return -1;
    }

    // Asks for a refresh and waits until it reached the tables.
    bool refreshNow()
    {
        QSignalSpy spy(m_panel, &NetstatPanel::refreshed);
        m_panel->refresh();
        return spy.wait(20000);
    }

    NetstatPanel *m_panel = nullptr;
    QAbstractItemModelTester *m_inetTester = nullptr;
    QAbstractItemModelTester *m_unixTester = nullptr;

private slots:
    void init()
    {
        m_panel = new NetstatPanel(nullptr);
        m_panel->setAutoRefresh(false);
        m_inetTester = new QAbstractItemModelTester(
                m_panel->inetModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_unixTester = new QAbstractItemModelTester(
                m_panel->unixModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->resize(1100, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    }
    void cleanup()
    {
        delete m_inetTester;
        delete m_unixTester;
        delete m_panel;
    }

    void showsOwnSocketsOfEveryKind()
    {
        QTemporaryDir dir;
        FdGuard g;
        const int listener = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 3));
        const int udp = g.add(bindInet(AF_INET6, SOCK_DGRAM, "::1"));
        const std::string path = dir.filePath("panel.sock").toStdString();
        const int unixListener = g.add(bindUnix(SOCK_STREAM, path, 2));
        QVERIFY(listener >= 0 && udp >= 0 && unixListener >= 0);
        const QString local = QStringLiteral("127.0.0.1:%1").arg(localPort(listener));
        QVERIFY(refreshNow());

        NetstatModel *inet = m_panel->inetModel();
        const int l = findRow(inet, NetstatModel::Local, local);
        QVERIFY2(l >= 0, qPrintable(local));
        QCOMPARE(inet->index(l, NetstatModel::Proto).data().toString(), QString("tcp"));
        QCOMPARE(inet->index(l, NetstatModel::State).data().toString(), QString("LISTEN"));
        QCOMPARE(inet->index(l, NetstatModel::Foreign).data().toString(), QString("0.0.0.0:*"));
        QCOMPARE(inet->index(l, NetstatModel::Inode).data().toULongLong(), inodeOf(listener));
        // The socket is this process's, so SockBench's: marked, with our PID.
        QVERIFY(inet->index(l, 0).data(NetstatModel::OwnRole).toBool());
        QVERIFY(inet->index(l, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(inet->index(l, NetstatModel::InetProgram)
                        .data()
                        .toString()
                        .startsWith(QString::number(QCoreApplication::applicationPid()) + "/"));
        const int u = findInode(inet, inodeOf(udp));
        QVERIFY(u >= 0);
        QCOMPARE(inet->index(u, NetstatModel::Proto).data().toString(), QString("udp6"));
        QCOMPARE(inet->index(u, NetstatModel::Local).data().toString(),
                 QStringLiteral("::1:%1").arg(localPort(udp)));

        NetstatModel *unixModel = m_panel->unixModel();
        const int x = findInode(unixModel, inodeOf(unixListener));
        QVERIFY(x >= 0);
        QCOMPARE(unixModel->index(x, NetstatModel::Path).data().toString(),
                 QString::fromStdString(path));
        QCOMPARE(unixModel->index(x, NetstatModel::UState).data().toString(), QString("LISTENING"));
        QCOMPARE(unixModel->index(x, NetstatModel::Flags).data().toString(), QString("[ ACC ]"));
        QCOMPARE(unixModel->index(x, NetstatModel::Type).data().toString(), QString("STREAM"));
        QVERIFY(child<QLabel>("status")->text().contains("SockBench's"));

        child<QLineEdit>("filter")->setText(QString::number(localPort(listener)));
        QCOMPARE(m_panel->inetView()->model()->rowCount() >= 1, true);
        QVERIFY(m_panel->inetView()->model()->rowCount() < inet->rowCount()
                || inet->rowCount() == 1);
        m_panel->inetView()->scrollToTop();
        const QString dirName = QStringLiteral(SB_BUILD_DIR "/screenshots");
        QDir().mkpath(dirName);
        child<QLineEdit>("filter")->clear();
        QVERIFY(m_panel->grab().save(dirName + "/netstatpanel.png"));
    }

    void rowsChangeInPlaceAndLeave()
    {
        FdGuard g;
        const int listener = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 4));
        QVERIFY(listener >= 0);
        const QString local = QStringLiteral("127.0.0.1:%1").arg(localPort(listener));
        QVERIFY(refreshNow());
        NetstatModel *inet = m_panel->inetModel();
        QCOMPARE(inet->index(findRow(inet, NetstatModel::Local, local), NetstatModel::RecvQ)
                         .data()
                         .toInt(),
                 0);
        // Select the row: an update in place keeps the selection.
        const QModelIndex source = inet->index(findRow(inet, NetstatModel::Local, local), 0);
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(m_panel->inetView()->model());
        m_panel->inetView()->selectRow(proxy->mapFromSource(source).row());
        QSignalSpy changed(inet, &QAbstractItemModel::dataChanged);
        // Two connections nobody accepts: the accept queue, shown as Recv-Q, grows to 2.
        QVERIFY(g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", localPort(listener))) >= 0);
        QVERIFY(g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", localPort(listener))) >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(refreshNow()
                                         && inet->index(findRow(inet, NetstatModel::Local, local),
                                                        NetstatModel::RecvQ)
                                                         .data()
                                                         .toInt()
                                                 == 2,
                                 20000);
        QVERIFY(changed.count() > 0);
        const QModelIndexList selected = m_panel->inetView()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(proxy->mapToSource(selected.first()).row(),
                 findRow(inet, NetstatModel::Local, local));
        // Closed: the row leaves at the next refresh.
        const int before = findInode(inet, inodeOf(listener));
        QVERIFY(before >= 0);
        const uint64_t inode = inodeOf(listener);
        g.closeNow(listener);
        QVERIFY(refreshNow());
        QCOMPARE(findInode(inet, inode), -1);
    }

    void filtersAndNumericToggle()
    {
        FdGuard g;
        const int listener = g.add(bindInet(AF_INET, SOCK_STREAM, "127.0.0.1", 1));
        const int client
                = g.add(connectInet(AF_INET, SOCK_STREAM, "127.0.0.1", localPort(listener)));
        QVERIFY(listener >= 0 && client >= 0);
        QSignalSpy refreshed(m_panel, &NetstatPanel::refreshed);
        NetstatModel *inet = m_panel->inetModel();

        child<QComboBox>("which")->setCurrentIndex(1); // -l
        QVERIFY(refreshed.wait(20000));
        QVERIFY(findInode(inet, inodeOf(listener)) >= 0);
        QCOMPARE(findInode(inet, inodeOf(client)), -1);
        QCOMPARE(m_panel->commandLine(), QString("netstat -tuxlnp"));

        child<QComboBox>("which")->setCurrentIndex(2); // neither -l nor -a
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(findInode(inet, inodeOf(listener)), -1);
        QVERIFY(findInode(inet, inodeOf(client)) >= 0);

        child<QCheckBox>("tcp")->setChecked(false);
        QVERIFY(refreshed.wait(20000));
        for (int r = 0; r < inet->rowCount(); ++r)
            QVERIFY(inet->index(r, NetstatModel::Proto).data().toString().startsWith("udp"));
        child<QCheckBox>("tcp")->setChecked(true);
        QVERIFY(refreshed.wait(20000));

        // Names: 127.0.0.1 is "localhost" in /etc/hosts, so no DNS is asked.
        child<QCheckBox>("numeric")->setChecked(false);
        QVERIFY(refreshed.wait(20000));
        const int c = findInode(inet, inodeOf(client));
        QVERIFY(c >= 0);
        QVERIFY2(inet->index(c, NetstatModel::Local).data().toString().startsWith("localhost:"),
                 qPrintable(inet->index(c, NetstatModel::Local).data().toString()));
        QCOMPARE(m_panel->commandLine(), QString("netstat -tuxp"));
    }

    void ownSocketLeadsToItsPanel()
    {
        FdGuard g;
        const int udp = g.add(bindInet(AF_INET, SOCK_DGRAM, "127.0.0.1"));
        QVERIFY(udp >= 0);
        // What the Registry would hold for a SockBench datagram panel on that socket.
        sb::SocketRow row;
        row.endpoint = 42;
        row.owner = "UDP 1";
        row.transport = sb::Transport::Udp;
        row.local = sb::Address::ip("127.0.0.1", localPort(udp));
        m_panel->setOwnSockets({row});
        QVERIFY(refreshNow());
        NetstatModel *inet = m_panel->inetModel();
        const int r = findInode(inet, inodeOf(udp));
        QVERIFY(r >= 0);
        QCOMPARE(inet->index(r, NetstatModel::InetOwner).data().toString(), QString("UDP 1"));
        QCOMPARE(inet->index(r, 0).data(NetstatModel::EndpointRole).toUInt(), 42u);

        QSignalSpy activated(m_panel, &NetstatPanel::ownSocketActivated);
        QTableView *view = m_panel->inetView();
        const QModelIndex proxyIndex = qobject_cast<QSortFilterProxyModel *>(view->model())
                                               ->mapFromSource(inet->index(r, 0));
        view->scrollTo(proxyIndex);
        const QPoint at = view->visualRect(proxyIndex).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toUInt(), 42u);

        // By inode, as the lead may wire it instead.
        m_panel->setOwnInodes({{inodeOf(udp), {7, "UDP 7"}}});
        QCOMPARE(inet->index(r, NetstatModel::InetOwner).data().toString(), QString("UDP 7"));
    }

    void groupsViewListsMemberships()
    {
        // A membership this process holds on lo shows in "Multicast groups (-g)" after a
        // refresh, with its users, and is gone after the next refresh once it is dropped.
        FdGuard g;
        const int fd = g.add(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        QVERIFY(fd >= 0);
        ip_mreqn m {};
        inet_pton(AF_INET, "239.255.75.1", &m.imr_multiaddr);
        m.imr_ifindex = int(if_nametoindex("lo"));
        QCOMPARE(::setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m), 0);
        QVERIFY(refreshNow());
        const QStandardItemModel *groups = m_panel->groupsModel();
        QCOMPARE(groups->headerData(0, Qt::Horizontal).toString(), QString("Interface"));
        QCOMPARE(groups->headerData(1, Qt::Horizontal).toString(), QString("RefCnt"));
        const auto rowOf = [&] {
            for (int r = 0; r < groups->rowCount(); ++r)
                if (groups->item(r, 2)->text() == "239.255.75.1")
                    return r;
            return -1;
        };
        const int r = rowOf();
        QVERIFY(r >= 0);
        QCOMPARE(groups->item(r, 0)->text(), QString("lo"));
        QVERIFY(groups->item(r, 1)->data(Qt::DisplayRole).toUInt() >= 1);
        QCOMPARE(::setsockopt(fd, IPPROTO_IP, IP_DROP_MEMBERSHIP, &m, sizeof m), 0);
        QVERIFY(refreshNow());
        QCOMPARE(rowOf(), -1);
    }
};

QTEST_MAIN(TestNetstatPanel)
#include "tst_netstatpanel.moc"
