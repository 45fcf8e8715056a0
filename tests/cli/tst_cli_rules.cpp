// listen --rules FILE against real clients: a python3 client that sends what the test tells it
// when the test tells it (so each segment is its own read at the server, seen in the server's
// log), socat for a line protocol, and a python3 datagram client.
#include "clitest.h"

#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

/// python3 stream client driven by stdin lines: "N open", "N send HEX", "N recv COUNT" (prints
/// "N got TEXT" once COUNT bytes came), "N end" (reads to the end and prints "N EOF" or
/// "N ECONNRESET").
const char *kPythonClient = R"PY(
import socket, sys
port = int(sys.argv[1])
conns = {}
for line in sys.stdin:
    parts = line.split()
    if not parts: continue
    n, cmd = parts[0], parts[1]
    if cmd == 'open':
        s = socket.create_connection(('127.0.0.1', port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conns[n] = s
        print(n, 'opened', flush=True)
    elif cmd == 'send':
        conns[n].sendall(bytes.fromhex(parts[2]))
    elif cmd == 'recv':
        want, data = int(parts[2]), b''
        while len(data) < want:
            chunk = conns[n].recv(want - len(data))
            if not chunk: break
            data += chunk
        print(n, 'got', data.decode('latin-1').encode('unicode_escape').decode(), flush=True)
    elif cmd == 'end':
        try:
            while conns[n].recv(4096): pass
            print(n, 'EOF', flush=True)
        except ConnectionResetError:
            print(n, 'ECONNRESET', flush=True)
)PY";

const char *kPythonDatagram = R"PY(
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(20)
for text in sys.argv[2:]:
    s.sendto(text.encode(), ('127.0.0.1', int(sys.argv[1])))
    print(s.recv(1000).decode(), flush=True)
)PY";

QByteArray hex(const QByteArray &b) { return b.toHex(); }

} // namespace

class TstCliRules : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString rulesFile(const char *name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        writeFile(path, text);
        return path;
    }

private slots:
    void lengthPrefixedMessageInThreeSegmentsMatches()
    {
        const QString file = rulesFile("len.rules",
                                       "framing: length 2 be max=1024\n"
                                       "rule: ping\n"
                                       "match: starts-with \"PING \"\n"
                                       "do: reply \"PONG {{message}}\"\n");
        Proc server;
        const QString at = startListener(
                server, {"--log", "text", "listen", "tcp://127.0.0.1:0", "--rules", file});
        QVERIFY2(!at.isEmpty(), server.err.constData());
        Proc client;
        client.startPython(kPythonClient, {QString::number(portOf(at))});
        client.write("1 open\n");
        QVERIFY(client.waitOut("1 opened"));
        const QByteArray message = QByteArray("\x00\x09", 2) + "PING 1234";
        // Inside the header, inside the payload, the rest: three reads at the server.
        client.write("1 send " + hex(message.left(1)) + "\n");
        QVERIFY2(server.waitErr("1 bytes \""), server.err.constData());
        client.write("1 send " + hex(message.mid(1, 5)) + "\n");
        QVERIFY2(server.waitErr("5 bytes \""), server.err.constData());
        client.write("1 send " + hex(message.mid(6)) + "\n1 recv 16\n");
        QVERIFY2(client.waitOut("1 got \\x00\\x0ePONG PING 1234"), client.out.constData());
        QVERIFY2(server.waitErr("matched conn 1 rule 1 'ping': 9 bytes"), server.err.constData());
    }

    void regexCapturesAndCountersPerConnectionAndServer()
    {
        const QString file = rulesFile("http.rules",
                                       "framing: line \"\\r\\n\"\n"
                                       "rule: get\n"
                                       "match: regex \"^GET (?<path>/[a-z]*) HTTP/1\\.[01]$\"\n"
                                       "do: reply \"{{path}} {{counter}}/{{server_counter}}\\n\"\n"
                                       "rule: quit\n"
                                       "match: equals \"QUIT\"\n"
                                       "do: reply \"bye\\n\"\n"
                                       "do: close\n");
        Proc server;
        const QString at = startListener(server, {"listen", "tcp://127.0.0.1:0", "--rules", file});
        QVERIFY2(!at.isEmpty(), server.err.constData());
        Proc client;
        client.startPython(kPythonClient, {QString::number(portOf(at))});
        client.write("1 open\n2 open\n");
        QVERIFY(client.waitOut("2 opened"));
        client.write("1 send " + hex("GET /a HTTP/1.0\r\n") + "\n1 recv 7\n");
        QVERIFY2(client.waitOut("1 got /a 1/1\\n"), client.out.constData());
        client.write("2 send " + hex("GET /bb HTTP/1.1\r\n") + "\n2 recv 8\n");
        QVERIFY2(client.waitOut("2 got /bb 1/2\\n"), client.out.constData());
        client.write("1 send " + hex("GET /c HTTP/1.1\r\nQUIT\r\n") + "\n1 recv 11\n1 end\n");
        QVERIFY2(client.waitOut("1 got /c 2/3\\nbye\\n"), client.out.constData());
        QVERIFY2(client.waitOut("1 EOF"), client.out.constData());
    }

    void abortResetsTheClient()
    {
        const QString file = rulesFile("abort.rules",
                                       "rule: reset\n"
                                       "match: contains \"RST\"\n"
                                       "do: abort\n");
        Proc server;
        const QString at = startListener(server, {"listen", "tcp://127.0.0.1:0", "--rules", file});
        QVERIFY2(!at.isEmpty(), server.err.constData());
        Proc client;
        client.startPython(kPythonClient, {QString::number(portOf(at))});
        client.write("1 open\n1 send " + hex("please RST") + "\n1 end\n");
        QVERIFY2(client.waitOut("1 ECONNRESET"), client.out.constData());
    }

    void socatLineClientGetsReplies()
    {
        const QString file = rulesFile("hello.rules",
                                       "framing: line\n"
                                       "rule: hello\n"
                                       "match: starts-with \"hello \"\n"
                                       "do: wait 50\n"
                                       "do: reply \"hi {{message}}\\n\"\n"
                                       "rule: other\n"
                                       "match: any\n"
                                       "do: reply \"?\\n\"\n");
        Proc server;
        const QString at = startListener(server, {"listen", "tcp://127.0.0.1:0", "--rules", file});
        QVERIFY2(!at.isEmpty(), server.err.constData());
        Proc socat;
        socat.start(QStringLiteral("socat"),
                    {"-t", "30", "-", "TCP:127.0.0.1:" + QString::number(portOf(at))});
        QVERIFY(socat.started());
        socat.write("hello world\nwhat\n");
        QVERIFY2(socat.waitOut("hi hello world\n?\n"), socat.out.constData());
    }

    void datagramRulesAnswerEachSender()
    {
        const QString file = rulesFile("udp.rules",
                                       "rule: time\n"
                                       "match: regex \"^ask (\\w+)$\"\n"
                                       "do: reply \"{{1}} #{{counter}}\"\n");
        Proc server;
        const QString at = startListener(server, {"listen", "udp://127.0.0.1:0", "--rules", file});
        QVERIFY2(!at.isEmpty(), server.err.constData());
        Proc client;
        client.startPython(kPythonDatagram, {QString::number(portOf(at)), "ask a", "ask b"});
        QVERIFY2(client.waitOut("a #1\nb #2\n"), client.out.constData());
    }

    void badFilesExitTwoWithFileLineColumn()
    {
        const QString file = rulesFile("bad.rules", "rule: a\nmatch: contains \"x\"\ndo: lisen\n");
        Proc p;
        p.startCli({"listen", "tcp://127.0.0.1:0", "--rules", file});
        QVERIFY(p.finish());
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.err.contains((file
                                 + ":3:5: expected reply, wait, shutdown, close or abort, "
                                   "found 'lisen'")
                                        .toUtf8()),
                 p.err.constData());

        const QString closing = rulesFile("close.rules", "rule: a\nmatch: any\ndo: close\n");
        Proc udp;
        udp.startCli({"listen", "udp://127.0.0.1:0", "--rules", closing});
        QVERIFY(udp.finish());
        QCOMPARE(udp.exitCode(), 2);
        QVERIFY2(udp.err.contains(":3:5: a datagram socket has no connection"),
                 udp.err.constData());

        Proc both;
        both.startCli({"listen", "tcp://127.0.0.1:0", "--rules", closing, "--reply", "echo"});
        QVERIFY(both.finish());
        QCOMPARE(both.exitCode(), 2);
        QVERIFY(both.err.contains("--reply and --rules"));
    }
};

QTEST_GUILESS_MAIN(TstCliRules)
#include "tst_cli_rules.moc"
