// ResolverPanel driven as a person would: fields typed, boxes ticked, buttons clicked; the
// rows and texts that appear checked against core's own answer and the local files.
#include "core/tools/resolver.h"
#include "ui/addrinfomodel.h"
#include "ui/conversiontabs.h"
#include "ui/getaddrinfotab.h"
#include "ui/lookuptabs.h"
#include "ui/resolverpanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include <fstream>

#include <netdb.h>

class TestResolverPanel : public QObject
{
    Q_OBJECT

private:
    template<class T>
    static T *child(QWidget *parent, const char *name)
    {
        T *w = parent->findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    static void screenshot(QWidget *w, const QString &name)
    {
        const QString dir = QStringLiteral(SB_BUILD_DIR "/screenshots");
        QDir().mkpath(dir);
        QVERIFY(w->grab().save(dir + "/" + name + ".png"));
    }

    ResolverPanel *m_panel = nullptr;

private slots:
    void init()
    {
        m_panel = new ResolverPanel(nullptr);
        m_panel->resize(900, 620);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    }
    void cleanup()
    {
        delete m_panel;
        m_panel = nullptr;
    }

    void addrInfoRowsAreCoresAnswer()
    {
        GetAddrInfoTab *tab = m_panel->addrInfoTab();
        QAbstractItemModelTester tester(tab->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        type(child<QLineEdit>(tab, "host"), "localhost");
        type(child<QLineEdit>(tab, "service"), "http");
        child<QCheckBox>(tab, "AI_CANONNAME")->setChecked(true);
        QSignalSpy finished(tab, &GetAddrInfoTab::lookupFinished);
        QTest::mouseClick(child<QPushButton>(tab, "lookUp"), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);

        sb::AddrInfoQuery q;
        q.host = "localhost";
        q.service = "http";
        q.flags = AI_CANONNAME;
        const sb::AddrInfoAnswer expected = sb::getAddrInfo(q);
        AddrInfoModel *m = tab->model();
        QCOMPARE(m->rowCount(), int(expected.rows.size()));
        QVERIFY(m->rowCount() > 0);
        for (int r = 0; r < m->rowCount(); ++r) {
            QCOMPARE(m->index(r, AddrInfoModel::Address).data().toString().toStdString(),
                     expected.rows[size_t(r)].address.toString());
            QCOMPARE(m->index(r, AddrInfoModel::Family).data().toString().toStdString(),
                     sb::familyName(expected.rows[size_t(r)].family));
        }
        QCOMPARE(m->index(0, AddrInfoModel::CanonName).data().toString(), QString("localhost"));
        QVERIFY(child<QLabel>(tab, "call")->text().endsWith(" = 0"));
        QVERIFY(child<QLabel>(tab, "call")->text().contains("ai_flags=AI_CANONNAME"));
        QVERIFY2(child<QLabel>(tab, "source")->text().contains("/etc/hosts"),
                 qPrintable(child<QLabel>(tab, "source")->text()));
        screenshot(m_panel, "resolverpanel-getaddrinfo");
    }

    void addrInfoErrorShowsEaiName()
    {
        GetAddrInfoTab *tab = m_panel->addrInfoTab();
        type(child<QLineEdit>(tab, "host"), "localhost");
        child<QCheckBox>(tab, "AI_NUMERICHOST")->setChecked(true);
        QSignalSpy finished(tab, &GetAddrInfoTab::lookupFinished);
        QTest::mouseClick(child<QPushButton>(tab, "lookUp"), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY2(child<QLabel>(tab, "status")
                         ->text()
                         .startsWith("EAI_NONAME (Name or service not known)"),
                 qPrintable(child<QLabel>(tab, "status")->text()));
        QVERIFY(child<QLabel>(tab, "call")->text().endsWith(" = EAI_NONAME"));
        QCOMPARE(tab->model()->rowCount(), 0);
    }

    void rowOpensClientPanel()
    {
        GetAddrInfoTab *tab = m_panel->addrInfoTab();
        type(child<QLineEdit>(tab, "host"), "::1");
        type(child<QLineEdit>(tab, "service"), "domain");
        child<QComboBox>(tab, "socktype")->setCurrentIndex(2); // SOCK_DGRAM
        QSignalSpy finished(tab, &GetAddrInfoTab::lookupFinished);
        QTest::mouseClick(child<QPushButton>(tab, "lookUp"), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(tab->model()->rowCount(), 1);
        auto *open = child<QPushButton>(tab, "openClient");
        QVERIFY(!open->isEnabled());
        auto *view = child<QTableView>(tab, "results");
        view->selectRow(0);
        QVERIFY(open->isEnabled());
        QSignalSpy requested(m_panel, &ResolverPanel::openClientRequested);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QString("udp://[::1]:53"));
    }

    void cancelledLookupNeverShows()
    {
        GetAddrInfoTab *tab = m_panel->addrInfoTab();
        QSignalSpy finished(tab, &GetAddrInfoTab::lookupFinished);
        type(child<QLineEdit>(tab, "host"), "127.0.0.1");
        type(child<QLineEdit>(tab, "service"), "7");
        tab->lookUp();
        tab->cancel();
        QVERIFY(child<QLabel>(tab, "status")->text().startsWith("cancelled"));
        QVERIFY(!child<QPushButton>(tab, "cancel")->isEnabled());
        // A second lookup: only its answer may arrive, whatever the first thread does.
        type(child<QLineEdit>(tab, "host"), "::1");
        tab->lookUp();
        QTRY_COMPARE(finished.count(), 1);
        QTest::qWait(200); // room for a stray answer of the cancelled lookup to show up
        QCOMPARE(finished.count(), 1);
        QCOMPARE(tab->model()->rowCount() > 0, true);
        for (int r = 0; r < tab->model()->rowCount(); ++r)
            QVERIFY(tab->model()
                            ->index(r, AddrInfoModel::Address)
                            .data()
                            .toString()
                            .startsWith("[::1]"));
    }

    void nameInfoWithFlags()
    {
        m_panel->tabs()->setCurrentIndex(1);
        NameInfoTab *tab = m_panel->nameInfoTab();
        type(child<QLineEdit>(tab, "address"), "127.0.0.1");
        child<QSpinBox>(tab, "port")->setValue(512);
        child<QCheckBox>(tab, "NI_DGRAM")->setChecked(true);
        QSignalSpy finished(tab, &NameInfoTab::lookupFinished);
        tab->lookUp();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(child<QLabel>(tab, "hostAnswer")->text(), QString("localhost"));
        QCOMPARE(child<QLabel>(tab, "serviceAnswer")->text(), QString("biff"));
        QVERIFY(child<QLabel>(tab, "call")->text().contains("NI_DGRAM"));
        screenshot(m_panel, "resolverpanel-getnameinfo");

        child<QCheckBox>(tab, "NI_NUMERICHOST")->setChecked(true);
        child<QCheckBox>(tab, "NI_NAMEREQD")->setChecked(true);
        tab->lookUp();
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY2(child<QLabel>(tab, "status")->text().startsWith("EAI_NONAME"),
                 qPrintable(child<QLabel>(tab, "status")->text()));

        // Cancelled: the answer, even one already on its way, never shows.
        tab->lookUp();
        tab->cancel();
        QVERIFY(child<QLabel>(tab, "status")->text().startsWith("cancelled"));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 2);

        type(child<QLineEdit>(tab, "address"), "127.0.0.300");
        tab->lookUp();
        QVERIFY(child<QLabel>(tab, "status")->text().contains("'127.0.0.300'"));
    }

    void hostAndServices()
    {
        m_panel->tabs()->setCurrentIndex(2);
        HostServicesTab *tab = m_panel->hostServicesTab();
        std::ifstream in("/proc/sys/kernel/hostname");
        std::string kernel;
        std::getline(in, kernel);
        QTRY_COMPARE(child<QLabel>(tab, "hostname")->text(), QString::fromStdString(kernel));
        QVERIFY(!child<QLabel>(tab, "fqdn")->text().isEmpty());

        QSignalSpy service(tab, &HostServicesTab::serviceShown);
        type(child<QLineEdit>(tab, "serviceQuery"), "80");
        child<QComboBox>(tab, "serviceProto")->setCurrentIndex(1); // tcp
        QTest::mouseClick(child<QPushButton>(tab, "serviceLookUp"), Qt::LeftButton);
        QTRY_COMPARE(service.count(), 1);
        const QString answer = child<QLabel>(tab, "serviceAnswer")->text();
        QVERIFY2(answer.contains("http  80/tcp") && answer.contains("www"), qPrintable(answer));
        type(child<QLineEdit>(tab, "serviceQuery"), "no-such-service");
        QTest::mouseClick(child<QPushButton>(tab, "serviceLookUp"), Qt::LeftButton);
        QTRY_COMPARE(service.count(), 2);
        QVERIFY(child<QLabel>(tab, "serviceAnswer")
                        ->text()
                        .contains("no service 'no-such-service'"));

        QSignalSpy source(tab, &HostServicesTab::sourceShown);
        type(child<QLineEdit>(tab, "sourceHost"), "localhost");
        QTest::mouseClick(child<QPushButton>(tab, "sourceLookUp"), Qt::LeftButton);
        QTRY_COMPARE(source.count(), 1);
        const QString where = child<QLabel>(tab, "sourceAnswer")->text();
        QVERIFY2(where.contains("nsswitch.conf hosts:") && where.contains("127.0.0.1"),
                 qPrintable(where));
        screenshot(m_panel, "resolverpanel-hostservices");
    }

    void ptonAndNtop()
    {
        m_panel->tabs()->setCurrentIndex(3);
        InetConvertTab *tab = m_panel->inetConvertTab();
        auto *text = child<QLineEdit>(tab, "text");
        auto *bytes = child<QLineEdit>(tab, "bytes");
        type(text, "10.0.0.1");
        QCOMPARE(bytes->text(), QString("0a 00 00 01"));
        type(bytes, "c0 a8 01 02");
        QCOMPARE(text->text(), QString("192.168.1.2"));
        type(text, "10.0.0.256");
        QVERIFY(child<QLabel>(tab, "ptonResult")->text().contains("'10.0.0.256'"));
        child<QComboBox>(tab, "family")->setCurrentIndex(1);
        type(text, "fe80::1");
        QCOMPARE(bytes->text(), QString("fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01"));
        type(bytes, "00 01");
        QVERIFY(child<QLabel>(tab, "ntopResult")->text().contains("16 bytes, got 2"));
        type(text, "::ffff:127.0.0.1");
        screenshot(m_panel, "resolverpanel-pton");
    }

    void byteOrderTable()
    {
        m_panel->tabs()->setCurrentIndex(4);
        ByteOrderTab *tab = m_panel->byteOrderTab();
        auto *table = child<QTableWidget>(tab, "conversions");
        type(child<QLineEdit>(tab, "value"), "0x1234");
        QCOMPARE(table->item(0, 0)->text(), QString("htons"));
        QCOMPARE(table->item(0, 1)->text(), QString("0x1234 (4660)"));
        // The result lies in memory most significant byte first on every host.
        QCOMPARE(table->item(0, 4)->text(), QString("12 34"));
        QVERIFY(child<QLabel>(tab, "hostOrder")
                        ->text()
                        .contains(QSysInfo::ByteOrder == QSysInfo::LittleEndian ? "little-endian"
                                                                                : "big-endian"));
        if (QSysInfo::ByteOrder == QSysInfo::LittleEndian) {
            QCOMPARE(table->item(0, 2)->text(), QString("34 12"));
            QCOMPARE(table->item(0, 3)->text(), QString("0x3412 (13330)"));
        }
        type(child<QLineEdit>(tab, "value"), "70000");
        QVERIFY(child<QLabel>(tab, "error")->text().contains("over 65535"));
        child<QComboBox>(tab, "width")->setCurrentIndex(1);
        type(child<QLineEdit>(tab, "value"), "0x7f000001");
        QCOMPARE(table->item(0, 0)->text(), QString("htonl"));
        QCOMPARE(table->item(0, 4)->text(), QString("7f 00 00 01"));
        QVERIFY(child<QLabel>(tab, "error")->text().isEmpty());
        screenshot(m_panel, "resolverpanel-byteorder");
    }
};

QTEST_MAIN(TestResolverPanel)
#include "tst_resolverpanel.moc"
