// WireModel: real endpoints on loopback through a CoreBridge. A send on one panel is paired with
// the receive on the other, a peer outside the workbench gets its own lifeline, connect/accept,
// FIN and errors become their marks, and a flood is bounded and aggregated.
#include "core/demo/rawsocket.h"
#include "tests/support/procnettcp.h"
#include "ui/corebridge.h"
#include "ui/wirelayout.h"
#include "ui/wiremodel.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>

using namespace sb;

namespace {

std::vector<const WireItem *> itemsOf(const WireModel &m, WireItem::Kind kind)
{
    std::vector<const WireItem *> out;
    for (const WireItemPtr &i : m.items())
        if (i->kind == kind)
            out.push_back(i.get());
    return out;
}

size_t completedMessages(const WireModel &m)
{
    size_t n = 0;
    for (const WireItemPtr &i : m.items())
        n += i->kind == WireItem::Kind::Message && !i->pending();
    return n;
}

QString laneName(const WireModel &m, int lane)
{
    return lane >= 0 ? m.lifelines()[lane].name : QStringLiteral("(none)");
}

} // namespace

class TestWireModel : public QObject
{
    Q_OBJECT
private slots:
    void echoDialogPairsAcrossPanels();
    void streamSendsEndAtTheReceiveThatCompletesThem();
    void shutdownDrawsFinToTheEndOfFile();
    void outsideServerGetsALifelineNamedByAddress();
    void outsideClientOfOurServer();
    void datagramsPairByDestination();
    void datagramPeerOutside();
    void unixClientsPairInTheOrderTheyConnected();
    void demoRawSocketsPairLikePanels();
    void connectionRefusedIsARedMark();
    void floodIsBoundedAndAggregated();

private:
    struct Bench
    {
        CoreBridge bridge;
        WireModel model;
        Bench(size_t capacity = WireModel::kDefaultCapacity)
            : model(nullptr, capacity)
        {
            model.attach(&bridge);
        }
        Endpoint *open(EndpointConfig c)
        {
            Endpoint *ep = bridge.open(std::move(c));
            ep->start();
            return ep;
        }
        /// The port a server or bound datagram socket got, once it says so.
        uint16_t boundPort(Endpoint *ep)
        {
            const int lane = [&] {
                for (int i = 0; i < 500; ++i) {
                    const int l = model.lifelineOf(ep->id(), 0);
                    if (l >= 0 && model.lifelines()[l].detail.contains(QLatin1Char(':')))
                        return l;
                    QTest::qWait(10);
                }
                return -1;
            }();
            if (lane < 0)
                return 0;
            for (const WireItemPtr &i : model.items())
                if (i->kind == WireItem::Kind::Listen && i->from == lane) {
                    const std::string &t = i->text;
                    return static_cast<uint16_t>(std::stoi(t.substr(t.rfind(':') + 1)));
                }
            return 0;
        }
    };
    static EndpointConfig config(Role role, const char *spec, const char *label)
    {
        EndpointConfig c;
        c.role = role;
        c.spec = parseEndpoint(spec).value();
        c.label = label;
        return c;
    }
};

void TestWireModel::echoDialogPairsAcrossPanels()
{
    Bench b;
    EndpointConfig sc = config(Role::Server, "tcp://127.0.0.1:0", "Server");
    sc.responder.kind = ResponderSpec::Kind::Echo;
    Endpoint *server = b.open(sc);
    const uint16_t port = b.boundPort(server);
    QVERIFY(port != 0);
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = port;
    Endpoint *client = b.open(cc);
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Accept).size(), size_t(1));
    client->send(0, makeBytes(std::string("hello, server\n")));
    QTRY_COMPARE(completedMessages(b.model), size_t(2));

    const int serverLane = b.model.lifelineOf(server->id(), 0);
    const int connLane = b.model.lifelineOf(server->id(), 1);
    const int clientLane = b.model.lifelineOf(client->id(), 0);
    QVERIFY(serverLane >= 0 && connLane >= 0 && clientLane >= 0);
    QCOMPARE(b.model.lifelines()[connLane].name, QStringLiteral("Server #1"));
    QCOMPARE(b.model.lifelines()[clientLane].name, QStringLiteral("Client"));
    QVERIFY(b.model.lifelines()[connLane].kind == WireLifeline::Kind::Connection);

    const auto connects = itemsOf(b.model, WireItem::Kind::Connect);
    QCOMPARE(connects.size(), size_t(1));
    QCOMPARE(connects[0]->from, clientLane);
    QCOMPARE(connects[0]->to, serverLane);
    QVERIFY(!connects[0]->pending() && !connects[0]->failed);
    const auto accepts = itemsOf(b.model, WireItem::Kind::Accept);
    QCOMPARE(accepts[0]->from, serverLane);
    QCOMPARE(accepts[0]->to, connLane);

    const auto messages = itemsOf(b.model, WireItem::Kind::Message);
    QCOMPARE(messages.size(), size_t(2));
    const WireItem &request = *messages[0];
    const WireItem &reply = *messages[1];
    QCOMPARE(laneName(b.model, request.from), QStringLiteral("Client"));
    QCOMPARE(laneName(b.model, request.to), QStringLiteral("Server #1"));
    QCOMPARE(request.bytes, uint64_t(14));
    QCOMPARE(request.text, std::string("hello, server\\n"));
    QVERIFY(request.t1 >= request.t0);
    QCOMPARE(request.sendEnd.endpoint, client->id());
    QCOMPARE(request.recvEnd.endpoint, server->id());
    QCOMPARE(request.recvEnd.conn, ConnId(1));
    QCOMPARE(laneName(b.model, reply.from), QStringLiteral("Server #1"));
    QCOMPARE(laneName(b.model, reply.to), QStringLiteral("Client"));
    QCOMPARE(reply.recvEnd.endpoint, client->id());
    QVERIFY(reply.t0 >= request.t1);
    // No outside lifeline: both ends are ours.
    for (const WireLifeline &l : b.model.lifelines())
        QVERIFY(l.kind != WireLifeline::Kind::Outside);
}

void TestWireModel::streamSendsEndAtTheReceiveThatCompletesThem()
{
    Bench b;
    Endpoint *server = b.open(config(Role::Server, "tcp://127.0.0.1:0", "Server"));
    const uint16_t port = b.boundPort(server);
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = port;
    Endpoint *client = b.open(cc);
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Accept).size(), size_t(1));
    // 300 KiB in one send needs several reads of 64 KiB; small sends behind it may share one.
    client->send(0, makeBytes(std::string(300 * 1024, 'x')));
    for (int i = 0; i < 5; ++i)
        client->send(0, makeBytes(std::string("tail")));
    QTRY_COMPARE(completedMessages(b.model), size_t(6));
    const auto messages = itemsOf(b.model, WireItem::Kind::Message);
    QCOMPARE(messages[0]->bytes, uint64_t(300 * 1024));
    for (const WireItem *m : messages) {
        QCOMPARE(laneName(b.model, m->to), QStringLiteral("Server #1"));
        QVERIFY(m->t1 >= m->t0);
        QVERIFY(m->recvEnd.valid());
    }
    // Each arrow ends no earlier than the one before it: bytes arrive in order.
    for (size_t i = 1; i < messages.size(); ++i)
        QVERIFY(messages[i]->recvEnd.monoNs >= messages[i - 1]->recvEnd.monoNs);
}

void TestWireModel::shutdownDrawsFinToTheEndOfFile()
{
    Bench b;
    Endpoint *server = b.open(config(Role::Server, "tcp://127.0.0.1:0", "Server"));
    const uint16_t port = b.boundPort(server);
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = port;
    cc.closeOnPeerEof = false;
    Endpoint *client = b.open(cc);
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Accept).size(), size_t(1));
    client->send(0, makeBytes(std::string("last words")));
    client->shutdown(0, SHUT_WR);
    // The server reads EOF and closes (closeOnPeerEof), which sends its FIN to the client.
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Fin).size(), size_t(2));
    QTRY_VERIFY(!itemsOf(b.model, WireItem::Kind::Fin)[1]->pending());
    const auto fins = itemsOf(b.model, WireItem::Kind::Fin);
    QCOMPARE(fins[0]->text, std::string("shutdown(SHUT_WR)"));
    QCOMPARE(laneName(b.model, fins[0]->from), QStringLiteral("Client"));
    QCOMPARE(laneName(b.model, fins[0]->to), QStringLiteral("Server #1"));
    QVERIFY(!fins[0]->pending());
    // The FIN comes after the data: it ends no earlier than the data's arrow.
    const auto messages = itemsOf(b.model, WireItem::Kind::Message);
    QVERIFY(fins[0]->t1 >= messages[0]->t1);
    QCOMPARE(fins[1]->text, std::string("close()"));
    QCOMPARE(laneName(b.model, fins[1]->from), QStringLiteral("Server #1"));
    QCOMPARE(laneName(b.model, fins[1]->to), QStringLiteral("Client"));
    // The server's connection lifeline ends where it closed.
    QTRY_VERIFY(b.model.lifelines()[b.model.lifelineOf(server->id(), 1)].endNs > 0);
}

void TestWireModel::outsideServerGetsALifelineNamedByAddress()
{
    QProcess peer;
    peer.start(QStringLiteral("python3"),
               {QStringLiteral("-u"), QStringLiteral("-c"),
                QStringLiteral("import socket\n"
                               "s = socket.socket()\n"
                               "s.bind(('127.0.0.1', 0)); s.listen(1)\n"
                               "print(s.getsockname()[1], flush=True)\n"
                               "c, _ = s.accept()\n"
                               "d = c.recv(100)\n"
                               "c.sendall(b'pong:' + d)\n"
                               "c.recv(100)\n")});
    QVERIFY(peer.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(peer.canReadLine(),
                             30000); // python3 starts slowly on a loaded machine
    const uint16_t port = static_cast<uint16_t>(peer.readLine().trimmed().toUInt());
    QVERIFY(port != 0);

    Bench b;
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = port;
    Endpoint *client = b.open(cc);
    QTRY_VERIFY(!itemsOf(b.model, WireItem::Kind::Connect).empty()
                && !itemsOf(b.model, WireItem::Kind::Connect)[0]->pending());
    client->send(0, makeBytes(std::string("ping")));
    QTRY_COMPARE(completedMessages(b.model), size_t(2));

    const QString name = QStringLiteral("127.0.0.1:%1").arg(port);
    const int outside = b.model.outsideLifeline(name);
    QVERIFY2(outside >= 0, qPrintable(name));
    QVERIFY(b.model.lifelines()[outside].kind == WireLifeline::Kind::Outside);
    const auto messages = itemsOf(b.model, WireItem::Kind::Message);
    QCOMPARE(messages[0]->to, outside);
    QCOMPARE(messages[0]->text, std::string("ping"));
    QCOMPARE(messages[1]->from, outside);
    QCOMPARE(laneName(b.model, messages[1]->to), QStringLiteral("Client"));
    QCOMPARE(messages[1]->text, std::string("pong:ping"));
    QCOMPARE(messages[1]->recvEnd.endpoint, client->id());
    client->close(0);
    peer.waitForFinished(5000);
}

void TestWireModel::outsideClientOfOurServer()
{
    Bench b;
    Endpoint *server = b.open(config(Role::Server, "tcp://127.0.0.1:0", "Server"));
    const uint16_t port = b.boundPort(server);
    QProcess peer;
    peer.start(QStringLiteral("python3"),
               {QStringLiteral("-c"),
                QStringLiteral("import socket, sys\n"
                               "c = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
                               "print(c.getsockname()[1], flush=True)\n"
                               "c.sendall(b'from outside')\n"
                               "c.recv(10)\n"),
                QString::number(port)});
    QVERIFY(peer.waitForStarted());
    QTRY_VERIFY(peer.canReadLine());
    const QString name = QStringLiteral("127.0.0.1:%1").arg(peer.readLine().trimmed().toUInt());
    QTRY_COMPARE(completedMessages(b.model), size_t(1));
    const int outside = b.model.outsideLifeline(name);
    QVERIFY2(outside >= 0, qPrintable(name));
    const auto messages = itemsOf(b.model, WireItem::Kind::Message);
    QCOMPARE(messages[0]->from, outside);
    QCOMPARE(laneName(b.model, messages[0]->to), QStringLiteral("Server #1"));
    QCOMPARE(messages[0]->text, std::string("from outside"));
    peer.kill();
    peer.waitForFinished(5000);
}

void TestWireModel::datagramsPairByDestination()
{
    Bench b;
    Endpoint *a = b.open(config(Role::Datagram, "udp://127.0.0.1:0", "A"));
    Endpoint *c = b.open(config(Role::Datagram, "udp://127.0.0.1:0", "B"));
    const uint16_t pa = b.boundPort(a);
    const uint16_t pc = b.boundPort(c);
    QVERIFY(pa && pc);
    a->send(0, makeBytes(std::string("one")), 0, Address::ip("127.0.0.1", pc));
    a->send(0, makeBytes(std::string("two")), 0, Address::ip("127.0.0.1", pc));
    c->send(0, makeBytes(std::string("back")), 0, Address::ip("127.0.0.1", pa));
    QTRY_COMPARE(completedMessages(b.model), size_t(3));
    size_t aToB = 0, bToA = 0;
    for (const WireItem *m : itemsOf(b.model, WireItem::Kind::Message)) {
        aToB += laneName(b.model, m->from) == QLatin1String("A")
                && laneName(b.model, m->to) == QLatin1String("B");
        bToA += laneName(b.model, m->from) == QLatin1String("B")
                && laneName(b.model, m->to) == QLatin1String("A");
        QVERIFY(m->recvEnd.valid());
    }
    QCOMPARE(aToB, size_t(2));
    QCOMPARE(bToA, size_t(1));
    for (const WireLifeline &l : b.model.lifelines())
        QVERIFY(l.kind != WireLifeline::Kind::Outside);
}

void TestWireModel::datagramPeerOutside()
{
    QProcess peer;
    peer.start(QStringLiteral("python3"),
               {QStringLiteral("-c"),
                QStringLiteral("import socket\n"
                               "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                               "s.bind(('127.0.0.1', 0))\n"
                               "print(s.getsockname()[1], flush=True)\n"
                               "d, a = s.recvfrom(100)\n"
                               "s.sendto(b'echo:' + d, a)\n")});
    QVERIFY(peer.waitForStarted());
    QTRY_VERIFY(peer.canReadLine());
    const uint16_t port = static_cast<uint16_t>(peer.readLine().trimmed().toUInt());
    Bench b;
    Endpoint *udp = b.open(config(Role::Datagram, "udp://127.0.0.1:0", "UDP"));
    QVERIFY(b.boundPort(udp) != 0);
    udp->send(0, makeBytes(std::string("dgram")), 0, Address::ip("127.0.0.1", port));
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Message).size(), size_t(2));
    const int outside = b.model.outsideLifeline(QStringLiteral("127.0.0.1:%1").arg(port));
    QVERIFY(outside >= 0);
    const auto messages = itemsOf(b.model, WireItem::Kind::Message);
    QCOMPARE(laneName(b.model, messages[0]->from), QStringLiteral("UDP"));
    QCOMPARE(messages[0]->to, outside);
    QCOMPARE(messages[1]->from, outside);
    QCOMPARE(laneName(b.model, messages[1]->to), QStringLiteral("UDP"));
    QCOMPARE(messages[1]->text, std::string("echo:dgram"));
    QVERIFY(!messages[1]->pending());
    peer.waitForFinished(5000);
}

void TestWireModel::unixClientsPairInTheOrderTheyConnected()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Bench b;
    const std::string path = dir.filePath(QStringLiteral("s.sock")).toStdString();
    EndpointConfig sc = config(Role::Server, ("unix://" + path).c_str(), "Server");
    sc.responder.kind = ResponderSpec::Kind::Echo;
    b.open(sc);
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Listen).size(), size_t(1));
    std::vector<Endpoint *> clients;
    for (const char *label : {"One", "Two"}) {
        clients.push_back(b.open(config(Role::Client, ("unix://" + path).c_str(), label)));
        QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Accept).size(), clients.size());
    }
    clients[1]->send(0, makeBytes(std::string("from two")));
    clients[0]->send(0, makeBytes(std::string("from one")));
    QTRY_COMPARE(completedMessages(b.model), size_t(4));
    for (const WireItem *m : itemsOf(b.model, WireItem::Kind::Message)) {
        const QString from = laneName(b.model, m->from), to = laneName(b.model, m->to);
        if (m->text == "from one" && from == QLatin1String("One"))
            QCOMPARE(to, QStringLiteral("Server #1"));
        if (m->text == "from two" && from == QLatin1String("Two"))
            QCOMPARE(to, QStringLiteral("Server #2"));
        if (from == QLatin1String("Server #1"))
            QCOMPARE(to, QStringLiteral("One"));
        if (from == QLatin1String("Server #2"))
            QCOMPARE(to, QStringLiteral("Two"));
    }
    for (const WireLifeline &l : b.model.lifelines())
        QVERIFY(l.kind != WireLifeline::Kind::Outside);
}

void TestWireModel::demoRawSocketsPairLikePanels()
{
    // The demos drive RawSockets, one system call at a time, with no endpoint config.
    Bench b;
    RawSocket server(b.bridge.sink(), "Server");
    RawSocket client(b.bridge.sink(), "Client");
    b.model.setEndpointLabel(server.id(), QStringLiteral("Server"));
    b.model.setEndpointLabel(client.id(), QStringLiteral("Client"));
    server.socket(AF_INET, SOCK_STREAM);
    server.bind(0, Address::ip("127.0.0.1", 0));
    server.listen(0, 5);
    const uint16_t port = [&]() -> uint16_t {
        for (int i = 0; i < 500; ++i) {
            for (const WireItem *l : itemsOf(b.model, WireItem::Kind::Listen))
                return static_cast<uint16_t>(std::stoi(l->text.substr(l->text.rfind(':') + 1)));
            QTest::qWait(10);
        }
        return 0;
    }();
    QVERIFY(port != 0);
    QCOMPARE(itemsOf(b.model, WireItem::Kind::Listen)[0]->text.substr(0, 9),
             std::string("listen() "));
    server.accept(0);
    client.socket(AF_INET, SOCK_STREAM);
    client.connect(0, Address::ip("127.0.0.1", port), 0);
    client.send(0, makeBytes(std::string("hi")), 0);
    server.recv(1, 100, 0);
    server.send(1, makeBytes(std::string("hello")), 0);
    client.recv(0, 100, 0);
    client.close(0);
    server.recv(1, 100, 0); // end of file
    server.close(1);
    server.close(0);
    QTRY_COMPARE(completedMessages(b.model), size_t(2));
    // The client's close reaches the server as end-of-file (the server's own FIN may find the
    // client gone, or be posted first: either way it is drawn, read or not).
    QTRY_VERIFY(!itemsOf(b.model, WireItem::Kind::Fin).empty());
    const auto messages = itemsOf(b.model, WireItem::Kind::Message);
    QCOMPARE(laneName(b.model, messages[0]->from), QStringLiteral("Client"));
    QCOMPARE(laneName(b.model, messages[0]->to), QStringLiteral("Server #1"));
    QCOMPARE(laneName(b.model, messages[1]->from), QStringLiteral("Server #1"));
    QCOMPARE(laneName(b.model, messages[1]->to), QStringLiteral("Client"));
    const auto connects = itemsOf(b.model, WireItem::Kind::Connect);
    QCOMPARE(connects.size(), size_t(1));
    QCOMPARE(laneName(b.model, connects[0]->to), QStringLiteral("Server"));
    const WireItem *fin = itemsOf(b.model, WireItem::Kind::Fin)[0];
    QCOMPARE(laneName(b.model, fin->from), QStringLiteral("Client"));
    QCOMPARE(laneName(b.model, fin->to), QStringLiteral("Server #1"));
    QTRY_VERIFY(!fin->pending() && !fin->failed);
    for (const WireLifeline &l : b.model.lifelines())
        QVERIFY(l.kind != WireLifeline::Kind::Outside);
}

void TestWireModel::connectionRefusedIsARedMark()
{
    Bench b;
    // A port that was just free: bind a server, note its port, stop it.
    Endpoint *probe = b.open(config(Role::Server, "tcp://127.0.0.1:0", "Probe"));
    const uint16_t port = b.boundPort(probe);
    b.bridge.retire(probe->id());
    QTRY_VERIFY(!sbtest::tcpListening(port)); // the listener is closed: a connect is refused
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = port;
    b.open(cc);
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Error).size(), size_t(1));
    const WireItem *error = itemsOf(b.model, WireItem::Kind::Error)[0];
    QCOMPARE(error->text, std::string("connect: ECONNREFUSED"));
    QCOMPARE(error->err, ECONNREFUSED);
    QCOMPARE(laneName(b.model, error->from), QStringLiteral("Client"));
    const auto connects = itemsOf(b.model, WireItem::Kind::Connect);
    QCOMPARE(connects.size(), size_t(1));
    QVERIFY(connects[0]->failed);
    QVERIFY(!connects[0]->pending());
}

void TestWireModel::floodIsBoundedAndAggregated()
{
    Bench b(200);
    Endpoint *server = b.open(config(Role::Server, "tcp://127.0.0.1:0", "Server"));
    const uint16_t port = b.boundPort(server);
    EndpointConfig cc = config(Role::Client, "tcp://127.0.0.1:1", "Client");
    cc.spec.port = port;
    Endpoint *client = b.open(cc);
    QTRY_COMPARE(itemsOf(b.model, WireItem::Kind::Accept).size(), size_t(1));
    constexpr int kMessages = 1000;
    for (int i = 0; i < kMessages; ++i)
        client->send(0, makeBytes(std::string("0123456789")));
    QTRY_VERIFY(b.model.droppedItems() >= kMessages - 200);
    QTRY_COMPARE(completedMessages(b.model), size_t(200) - 0);
    QCOMPARE(b.model.items().size(), size_t(200));

    // At a coarse zoom, arrows closer than a pixel collapse: one arrow, every message in it.
    WireLayoutParams coarse;
    coarse.nsPerPx = int64_t(1) << 40;
    const WireScene scene = layoutWire(b.model, coarse);
    const WireScene::Arrow *flood = nullptr;
    for (const WireScene::Arrow &a : scene.arrows)
        if (a.item->kind == WireItem::Kind::Message)
            flood = &a;
    QVERIFY(flood);
    QCOMPARE(flood->count, uint32_t(200));
    QCOMPARE(flood->bytes, uint64_t(2000));
    QCOMPARE(scene.rows.size(), size_t(1));
    // At a fine zoom every message is its own arrow, each with room for its label.
    WireLayoutParams fine;
    fine.nsPerPx = 1;
    const WireScene detailed = layoutWire(b.model, fine);
    size_t arrows = 0;
    for (const WireScene::Arrow &a : detailed.arrows)
        arrows += a.item->kind == WireItem::Kind::Message;
    QCOMPARE(arrows, size_t(200));
    for (size_t i = 1; i < detailed.rows.size(); ++i)
        QVERIFY(detailed.rows[i].y - detailed.rows[i - 1].y >= fine.minGapPx);
    // Fit finds a zoom at which the whole ring fits the height asked for.
    WireLayoutParams fit;
    fit.nsPerPx = fitNsPerPx(b.model, fit, 600);
    QVERIFY(layoutWire(b.model, fit).height <= 600);
}

QTEST_MAIN(TestWireModel)
#include "tst_wiremodel.moc"
