// WireModel's packet layer from made-up events and packets (no capture, no privilege): where a
// segment is drawn when the events that name its ports come late, under which call, and with
// which label.
#include "tests/support/madeupevents.h"
#include "ui/wiremodel.h"

#include <QTest>

using namespace sb;
using namespace sbtest;

namespace {

constexpr EndpointId kServer = 1;
constexpr EndpointId kClient = 2;

Event at(int64_t t, EndpointId endpoint, ConnId conn, EventBody body)
{
    return eventAt(t, endpoint, conn, std::move(body));
}

/// A TCP segment as the capture posts it once its owner is named.
Event segment(int64_t t, EndpointId owner, ConnId conn, uint16_t from, uint16_t to, uint8_t flags,
              uint32_t relSeq, uint32_t relAck, uint32_t length = 0)
{
    auto p = tcpSegment(t, from, to, flags);
    p->relSeq = relSeq;
    p->relAck = relAck;
    p->relative = true;
    p->payloadLength = length;
    return at(t, owner, conn, ev::Packet {p, nullptr});
}

void feed(WireModel &model, std::vector<Event> events)
{
    model.addEvents(std::span<const Event>(events));
}

QStringList segments(const WireModel &model)
{
    QStringList out;
    for (const WireItemPtr &item : model.items())
        if (item->isSegment())
            out << QStringLiteral("%1 %2>%3")
                            .arg(QString::fromStdString(item->text),
                                 model.lifelines()[size_t(item->from)].name,
                                 model.lifelines()[size_t(item->to)].name);
    return out;
}

} // namespace

class TestWireSegments : public QObject
{
    Q_OBJECT
private slots:
    void handshakeBeforeOpenedIsDrawnBetweenOurLifelines()
    {
        WireModel model;
        model.setEndpointLabel(kServer, QStringLiteral("server"));
        model.setEndpointLabel(kClient, QStringLiteral("client"));
        feed(model,
             {at(1 * kMs, kServer, 0, ev::Listening {.local = lo(5000)}),
              at(2 * kMs, kClient, 1, ev::Connecting {.peer = lo(5000)})});
        // The capture released the handshake before the client's Opened was drained.
        feed(model,
             {segment(2 * kMs + 100, kClient, 1, 40000, 5000, tcpflag::kSyn, 0, 0),
              segment(2 * kMs + 200, kServer, 0, 5000, 40000, tcpflag::kSyn | tcpflag::kAck, 0, 1),
              segment(2 * kMs + 300, kClient, 1, 40000, 5000, tcpflag::kAck, 1, 1)});
        QCOMPARE(segments(model),
                 QStringList({QStringLiteral("[S] seq 0 client>server"),
                              QStringLiteral("[S.] seq 0 ack 1 server>client"),
                              QStringLiteral("[.] ack 1 client>server")}));
        for (const WireLifeline &l : model.lifelines())
            QVERIFY2(l.kind != WireLifeline::Kind::Outside, qPrintable(l.name));
        // All three under connect().
        for (const WireItemPtr &item : model.items())
            if (item->isSegment()) {
                QVERIFY(item->cause.lock());
                QCOMPARE(item->cause.lock()->kind, WireItem::Kind::Connect);
            }
    }

    void pushIsDrawnUnderTheSendThatReturnedAfterIt()
    {
        WireModel model;
        feed(model,
             {at(1 * kMs, kServer, 0, ev::Listening {.local = lo(5000)}),
              at(2 * kMs, kClient, 1, ev::Connecting {.peer = lo(5000)}),
              at(3 * kMs, kClient, 1, ev::Opened {.local = lo(40000), .peer = lo(5000)}),
              // The send's event is stamped when send() returned, after its packet left.
              at(10 * kMs, kClient, 1,
                 ev::Data {.dir = Direction::Out, .length = 5, .peer = lo(5000)})});
        feed(model,
             {segment(10 * kMs - 50, kClient, 1, 40000, 5000, tcpflag::kPsh | tcpflag::kAck, 1, 1,
                      5),
              segment(10 * kMs - 40, kServer, 0, 5000, 40000, tcpflag::kAck, 1, 6)});
        const auto &items = model.items();
        int message = -1, push = -1, ack = -1;
        for (int i = 0; i < int(items.size()); ++i) {
            const WireItem &item = *items[size_t(i)];
            if (item.kind == WireItem::Kind::Message)
                message = i;
            else if (item.isSegment() && item.text == "[P.] seq 1:6 ack 1 len 5")
                push = i;
            else if (item.isSegment() && item.text == "[.] ack 6")
                ack = i;
        }
        QVERIFY(message >= 0);
        QVERIFY2(message < push && push < ack, qPrintable(segments(model).join(", ")));
        QCOMPARE(items[size_t(push)]->cause.lock(), items[size_t(message)]);
        QCOMPARE(items[size_t(ack)]->cause.lock(), items[size_t(message)]);
        QCOMPARE(model.segmentsOf(items[size_t(message)].get()).size(), size_t(2));
    }

    void packetOfNoSocketOfOursIsNotDrawn()
    {
        WireModel model;
        feed(model, {at(1 * kMs, kServer, 0, ev::Listening {.local = lo(5000)})});
        feed(model, {segment(2 * kMs, 0, 0, 6000, 6001, tcpflag::kAck, 1, 1)});
        QVERIFY(!model.hasPackets());
        QVERIFY(segments(model).isEmpty());
    }
};

QTEST_MAIN(TestWireSegments)
#include "tst_wiresegments.moc"
