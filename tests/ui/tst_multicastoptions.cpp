// The UDP panel's multicast controls in its Options tab: the group field joins and leaves
// through the endpoint (a real UDP socket on lo), a bad group is refused at the field, and the
// Broadcast check box sets SO_BROADCAST and follows the value read back. Other sockets do not
// show the controls.
#include "core/net/endpoint.h"
#include "core/net/eventqueue.h"
#include "core/net/registry.h"
#include "ui/optionsview.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QtTest>

#include <netinet/in.h>

using namespace sb;

class TestMulticastOptions : public QObject
{
    Q_OBJECT

    /// Drains the endpoint's queue into the view until an OptionValue named name (err 0)
    /// arrives; false after 20 s.
    bool waitOption(EventQueue &queue, OptionsView &view, const std::string &name)
    {
        QDeadlineTimer deadline(20000);
        std::vector<Event> batch;
        while (!deadline.hasExpired()) {
            queue.wait(50);
            batch.clear();
            queue.drain(batch);
            view.addEvents(batch);
            for (const Event &e : batch)
                if (const auto *o = e.as<ev::OptionValue>(); o && o->name == name && !o->err)
                    return true;
        }
        return false;
    }

private slots:
    void onlyUdpShowsThem()
    {
        OptionsView view;
        view.show();
        view.setSocketKind(Transport::Tcp, AF_INET);
        QVERIFY(!view.groupField()->isVisibleTo(&view));
        view.setSocketKind(Transport::Udp, AF_INET);
        QVERIFY(view.groupField()->isVisibleTo(&view));
        QVERIFY(view.broadcastBox()->isVisibleTo(&view));
    }

    void badGroupIsRefusedAtTheField()
    {
        OptionsView view;
        view.setSocketKind(Transport::Udp, AF_INET);
        QSignalSpy spy(&view, &OptionsView::groupRequested);
        view.groupField()->setText(QStringLiteral("10.1.2.3"));
        view.findChild<QPushButton *>(QStringLiteral("joinGroup"))->click();
        QCOMPARE(spy.count(), 0);
        bool shown = false;
        for (const QLabel *label : view.findChildren<QLabel *>())
            shown = shown || label->text().contains(QStringLiteral("is not a multicast group"));
        QVERIFY(shown);
    }

    void joinLeaveAndBroadcastReachTheSocket()
    {
        Registry registry;
        EventQueue queue;
        queue.setLossless(true);
        EndpointConfig c;
        c.role = Role::Datagram;
        c.spec = *parseEndpoint("udp://239.255.76.1:0");
        auto endpoint = Endpoint::create(c, queue, registry);
        endpoint->start();

        OptionsView view;
        view.setSocketKind(Transport::Udp, AF_INET);
        view.setTargets({{0, QStringLiteral("socket")}});
        connect(&view, &OptionsView::groupRequested, this,
                [&](const GroupSpec &group, bool join) { endpoint->changeGroup(group, join); });
        connect(&view, &OptionsView::setRequested, this,
                [&](ConnId conn, const QString &name, const QString &value) {
                    endpoint->setOption(conn, {name.toStdString(), value.toStdString()});
                });

        view.groupField()->setText(QStringLiteral("239.255.76.1%lo"));
        view.findChild<QPushButton *>(QStringLiteral("joinGroup"))->click();
        QVERIFY(waitOption(queue, view, "IP_ADD_MEMBERSHIP"));
        QCOMPARE(view.valueOf(QStringLiteral("IP_ADD_MEMBERSHIP")),
                 QStringLiteral("239.255.76.1%lo"));
        view.findChild<QPushButton *>(QStringLiteral("leaveGroup"))->click();
        QVERIFY(waitOption(queue, view, "IP_DROP_MEMBERSHIP"));

        view.broadcastBox()->setChecked(true);
        QVERIFY(waitOption(queue, view, "SO_BROADCAST"));
        QCOMPARE(view.valueOf(QStringLiteral("SO_BROADCAST")), QStringLiteral("1"));
        QVERIFY(view.broadcastBox()->isChecked());
        // A value read back that says otherwise wins over the box.
        Event off(0, ev::OptionValue {.name = "SO_BROADCAST", .value = "0"});
        view.addEvents(std::span<const Event>(&off, 1));
        QVERIFY(!view.broadcastBox()->isChecked());
        endpoint->stop();
    }
};

QTEST_MAIN(TestMulticastOptions)
#include "tst_multicastoptions.moc"
