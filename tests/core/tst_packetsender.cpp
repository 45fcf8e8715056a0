// Packet Sender's saved packets (core/demo/packetsender.h). The test writes both of its formats
// the way Packet Sender does (src/packet.cpp): packets.ini through QSettings' INI format, with
// the same calls as Packet::saveToDB, and the JSON export with the same keys as
// Packet::ExportJSON; then every packet must come back intact as a saved message.
#include "core/demo/packetsender.h"
#include "core/demo/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

namespace {

struct PsPacket
{
    QString name;
    QByteArray bytes;
    QString toIP;
    unsigned port;
    QString tcpOrUdp;
    QString target; ///< what the import must make of it; empty: no target
};

/// Names and payloads that trip naive readers: spaces, commas, quotes, '=', ';', '%', '/',
/// backslashes, non-ASCII (Latin-1 and beyond the BMP), a name QSettings escapes as a group
/// ("General"), and bytes no text holds.
QList<PsPacket> trickyPackets()
{
    return {
            {"Hello World", "hello\r\n", "127.0.0.1", 9000, "TCP", "tcp://127.0.0.1:9000"},
            {"a,b;c=d", "x,y;z=1", "127.0.0.1", 53, "UDP", "udp://127.0.0.1:53"},
            {"say \"hi\" \\ there", "\"quoted\" \\ text", "::1", 7, "UDP", "udp://[::1]:7"},
            {QString::fromUtf8("ünïcødé 中文 😀"), QString::fromUtf8("añadir ñ 😀").toUtf8(),
             "localhost", 8443, "SSL", "tls://localhost:8443"},
            {"binary", QByteArray("\x00\x01\x02\xff\xfe\x7f\x80\n", 8), "10.0.0.1", 1, "TCP",
             "tcp://10.0.0.1:1"},
            {"General", "g", "127.0.0.1", 5, "udp", "udp://127.0.0.1:5"},
            {"100% sure", "", "127.0.0.1", 6, "TCP", "tcp://127.0.0.1:6"},
            {"dir/name", "slash", "127.0.0.1", 80, "HTTP Get", ""},
            {" leading and trailing ", "  ", "127.0.0.1", 9, "TCP", "tcp://127.0.0.1:9"},
    };
}

/// Packet Sender's hex: upper case, a space between bytes (Packet::byteArrayToHex).
QString hexOf(const QByteArray &bytes) { return QString::fromLatin1(bytes.toHex(' ').toUpper()); }

void checkImported(const PacketSenderImport &imported, const QList<PsPacket> &packets)
{
    QCOMPARE(imported.messages.size(), size_t(packets.size()));
    for (const PsPacket &p : packets) {
        const std::string name = p.name.toStdString();
        const auto it = std::find_if(imported.messages.begin(), imported.messages.end(),
                                     [&](const SavedMessage &m) { return m.name == name; });
        QVERIFY2(it != imported.messages.end(), name.c_str());
        auto bytes = messageBytes(*it);
        QVERIFY2(bytes.ok(), name.c_str());
        QCOMPARE(QByteArray::fromStdString(*bytes), p.bytes);
        QCOMPARE(QString::fromStdString(it->target), p.target);
    }
    // A packet of a protocol SockBench has no client for is kept, without a target, and said.
    QCOMPARE(imported.warnings.size(), size_t(1));
    QVERIFY(imported.warnings[0].find("HTTP Get") != std::string::npos);
}

} // namespace

class tst_PacketSender : public QObject
{
    Q_OBJECT

private slots:
    void importsPacketsIni();
    void importsQt5EscapedIni();
    void importsJsonExport();
    void importedMessagesSurviveAWorkspace();
    void refusesOtherFiles();
};

void tst_PacketSender::importsPacketsIni()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("packets.ini");
    {
        // As Packet::saveToDB: the NAMES array, then each field under NAME/.
        QSettings settings(path, QSettings::IniFormat);
        const QList<PsPacket> packets = trickyPackets();
        settings.beginWriteArray("NAMES");
        for (int i = 0; i < packets.size(); ++i) {
            settings.setArrayIndex(i);
            settings.setValue("name", packets[i].name);
        }
        settings.endArray();
        for (const PsPacket &p : packets) {
            settings.setValue(p.name + "/name", p.name);
            settings.setValue(p.name + "/fromIP", "You");
            settings.setValue(p.name + "/repeat", 0.0f);
            settings.setValue(p.name + "/toIP", p.toIP);
            settings.setValue(p.name + "/port", p.port);
            settings.setValue(p.name + "/fromPort", 0u);
            settings.setValue(p.name + "/tcpOrUdp", p.tcpOrUdp);
            settings.setValue(p.name + "/sendResponse", 0);
            settings.setValue(p.name + "/hexString", hexOf(p.bytes));
            settings.setValue(p.name + "/requestPath", "");
        }
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    // QSettings did escape what it had to: the file is not the names as typed.
    QVERIFY(text.contains("[Hello%20World]"));
    auto imported = importPacketSender(text.toStdString());
    QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().c_str());
    checkImported(*imported, trickyPackets());
}

void tst_PacketSender::importsQt5EscapedIni()
{
    // Qt 5 wrote non-ASCII values as \x escapes of UTF-16 units (a surrogate pair for the
    // emoji), and a digit after one as an escape of its own; keys as %XX and %UXXXX.
    const char *text = "[NAMES]\n"
                       "1\\name=caf\\xe9 \\x4e2d\\x31 \\xd83d\\xde00\n"
                       "size=1\n"
                       "\n"
                       "[caf%E9%20%U4E2D1%20%UD83D%UDE00]\n"
                       "hexString=41 \"2C\" 42\n"
                       "toIP=127.0.0.1\n"
                       "port=4000\n"
                       "tcpOrUdp=UDP\n";
    auto imported = importPacketSender(text);
    QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().c_str());
    QCOMPARE(imported->messages.size(), size_t(1));
    const SavedMessage &m = imported->messages[0];
    QCOMPARE(QString::fromStdString(m.name), QString::fromUtf8("café 中1 😀"));
    QCOMPARE(*messageBytes(m), std::string("A,B"));
    QCOMPARE(m.target, std::string("udp://127.0.0.1:4000"));
}

void tst_PacketSender::importsJsonExport()
{
    // As Packet::ExportJSON: lower-case keys, numbers as strings, newest first (push_front).
    QJsonArray array;
    for (const PsPacket &p : trickyPackets()) {
        QJsonObject json;
        json["name"] = p.name;
        json["hexstring"] = hexOf(p.bytes);
        json["fromip"] = "You";
        json["toip"] = p.toIP;
        json["errorstring"] = "";
        json["port"] = QString::number(p.port);
        json["fromport"] = "0";
        json["tcporudp"] = p.tcpOrUdp;
        json["sendresponse"] = "0";
        json["requestpath"] = "";
        json["repeat"] = "0";
        json["asciistring"] = QString::fromLatin1(p.bytes.toBase64());
        array.push_front(json);
    }
    const QByteArray text = QJsonDocument(array).toJson();
    auto imported = importPacketSender(text.toStdString());
    QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().c_str());
    checkImported(*imported, trickyPackets());
    // \u escapes, as other JSON writers may use, read the same.
    auto escaped = importPacketSender(
            R"([{"name":"\u00fc \ud83d\ude00 \"q\"","hexstring":"61","toip":"127.0.0.1","port":"1","tcporudp":"TCP"}])");
    QVERIFY(escaped.ok());
    QCOMPARE(QString::fromStdString(escaped->messages[0].name), QString::fromUtf8("ü 😀 \"q\""));
}

void tst_PacketSender::importedMessagesSurviveAWorkspace()
{
    QJsonArray array;
    for (const PsPacket &p : trickyPackets()) {
        QJsonObject json;
        json["name"] = p.name;
        json["hexstring"] = hexOf(p.bytes);
        json["toip"] = p.toIP;
        json["port"] = QString::number(p.port);
        json["tcporudp"] = p.tcpOrUdp;
        array.append(json);
    }
    auto imported = importPacketSender(QJsonDocument(array).toJson().toStdString());
    QVERIFY(imported.ok());
    Workspace ws;
    ws.messages = imported->messages;
    const std::string written = writeWorkspace(ws);
    auto again = parseWorkspace(written, "imported.sbw");
    QVERIFY2(again.ok(), again.ok() ? "" : (again.error() + "\n" + written).c_str());
    QVERIFY(*again == ws);
    checkImported({again->messages, imported->warnings}, trickyPackets());
}

void tst_PacketSender::refusesOtherFiles()
{
    QVERIFY(!importPacketSender("[Section]\nkey=value\n").ok());
    QVERIFY(!importPacketSender("[{\"name\": \"x\"").ok());
    QVERIFY(!importPacketSender("").ok());
    auto empty = importPacketSender("[]");
    QVERIFY(empty.ok());
    QVERIFY(empty->messages.empty());
}

QTEST_GUILESS_MAIN(tst_PacketSender)
#include "tst_packetsender.moc"
