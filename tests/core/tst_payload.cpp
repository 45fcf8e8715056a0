// Payload input (escaped text, hex, files) and display (hex dump, previews).
#include "core/text/hexdump.h"
#include "core/text/payload.h"
#include "tests/support/requiretool.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace sb;

namespace {

QByteArray qb(const std::string &s) { return QByteArray(s.data(), qsizetype(s.size())); }

std::string sb_(const QByteArray &b) { return std::string(b.constData(), size_t(b.size())); }

} // namespace

class TstPayload : public QObject
{
    Q_OBJECT

private slots:
    void escapedText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("plain") << "hello" << QByteArray("hello");
        QTest::newRow("empty") << "" << QByteArray();
        QTest::newRow("crlf") << "GET / HTTP/1.0\\r\\n\\r\\n"
                              << QByteArray("GET / HTTP/1.0\r\n\r\n");
        QTest::newRow("tab, nul") << "a\\tb\\0c" << QByteArray("a\tb\0c", 5);
        QTest::newRow("nul then digit is not octal") << "\\012"
                                                     << QByteArray("\0"
                                                                   "12",
                                                                   3);
        QTest::newRow("backslash, quotes") << "\\\\ \\\" \\'" << QByteArray("\\ \" '");
        QTest::newRow("bell..esc") << "\\a\\b\\f\\v\\e" << QByteArray("\a\b\f\v\x1b");
        QTest::newRow("hex") << "\\x48\\x69\\xff\\x00" << QByteArray("Hi\xff\0", 4);
        QTest::newRow("hex upper, then digit") << "\\xAB7"
                                               << QByteArray("\xab"
                                                             "7");
        QTest::newRow("utf8 kept") << "ñ\\n" << QByteArray("\xc3\xb1\n");
    }

    void escapedText()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        const auto r = parseEscapedText(text.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        QCOMPARE(qb(*r), bytes);
    }

    void escapedTextErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown") << "abcd\\q"
                                 << "bad escape '\\q' at column 5";
        QTest::newRow("unknown utf8") << "ñ\\é"
                                      << "bad escape '\\é' at column 2";
        QTest::newRow("x no digits") << "ab\\x"
                                     << "\\x at column 3 needs two hex digits";
        QTest::newRow("x one digit") << "\\x4"
                                     << "\\x at column 1 needs two hex digits";
        QTest::newRow("x one digit then text") << "\\x4g"
                                               << "\\x at column 1 needs two hex digits";
        QTest::newRow("lone backslash") << "abc\\"
                                        << "lone backslash at column 4";
    }

    void escapedTextErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto r = parseEscapedText(text.toStdString());
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.error()).startsWith(error), r.error().c_str());
    }

    void hex_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("spaced") << "48 65 6c 6c 6f" << QByteArray("Hello");
        QTest::newRow("packed") << "48656c6C6F" << QByteArray("Hello");
        QTest::newRow("one prefix") << "0x48656c6c6f" << QByteArray("Hello");
        QTest::newRow("prefix per byte") << "0x48,0X65, 0x6c" << QByteArray("Hel");
        QTest::newRow("colons") << "de:ad:be:ef" << QByteArray("\xde\xad\xbe\xef");
        QTest::newRow("dashes, lines, tabs") << "00-01\n02\t03\r\n" << QByteArray("\0\1\2\3", 4);
        QTest::newRow("empty") << "  " << QByteArray();
    }

    void hex()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        const auto r = parseHex(text.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        QCOMPARE(qb(*r), bytes);
    }

    void hexErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("not hex") << "486g"
                                 << "'g' at column 4 is not a hex digit";
        QTest::newRow("not hex later") << "48 6g"
                                       << "'g' at column 5 is not a hex digit";
        QTest::newRow("odd") << "486"
                             << "odd number of hex digits";
        QTest::newRow("odd run") << "48 6 5"
                                 << "odd number of hex digits in '6' at column 4";
        QTest::newRow("bare prefix") << "0x"
                                     << "'0x' at column 1 has no hex digits";
        QTest::newRow("control") << "4\x01"
                                 << "'\\x01' at column 2 is not a hex digit";
    }

    void hexErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto r = parseHex(text.toStdString());
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.error()).startsWith(error), r.error().c_str());
    }

    void payloadFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("payload.bin");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray content("bin\0ary\xff", 8);
        f.write(content);
        f.close();
        const auto r = readPayloadFile(path.toStdString(), 8);
        QVERIFY(r.ok());
        QCOMPARE(qb(*r), content);

        const auto big = readPayloadFile(path.toStdString(), 7);
        QVERIFY(!big.ok());
        QCOMPARE(QString::fromStdString(big.error()), "'" + path + "' is 8 bytes; the limit is 7");

        const auto missing = readPayloadFile(dir.filePath("nope").toStdString(), 100);
        QVERIFY(!missing.ok());
        QCOMPARE(QString::fromStdString(missing.error()),
                 "cannot open '" + dir.filePath("nope") + "': ENOENT (No such file or directory)");

        const auto directory = readPayloadFile(dir.path().toStdString(), 100);
        QVERIFY(!directory.ok());
        QVERIFY2(QString::fromStdString(directory.error()).contains("EISDIR"),
                 directory.error().c_str());
    }

    void hexDumpMatchesHexdumpC_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("hello") << QByteArray("Hello\n");
        QTest::newRow("8 bytes") << QByteArray("01234567");
        QTest::newRow("9 bytes") << QByteArray("012345678");
        QTest::newRow("16 bytes") << QByteArray("Hello\n\0\xff\x01\x02\x03\x04\x05\x06\x07\x08",
                                                16);
        QByteArray mixed;
        for (int i = 0; i < 71; ++i)
            mixed += char(i * 37 + 11);
        QTest::newRow("71 mixed bytes") << mixed;
        // Whole lines take the vector path, the last 5 bytes the scalar one; every byte value.
        QByteArray spread;
        uint32_t x = 12345;
        for (int i = 0; i < 4096 + 5; ++i) {
            x = x * 1103515245u + 12345u;
            spread += char(i < 256 ? i : int(x >> 16));
        }
        QTest::newRow("4101 bytes, every value") << spread;
    }

    void hexDumpMatchesHexdumpC()
    {
        QFETCH(QByteArray, data);
        SB_REQUIRE_TOOL("hexdump", "bsdextrautils");
        QProcess p;
        p.start("hexdump", {"-C"});
        QVERIFY(p.waitForStarted());
        p.write(data);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished());
        // hexdump -C ends with the offset past the last byte on a line of its own.
        QString expected = QString::fromLatin1(p.readAllStandardOutput());
        expected.chop(QString::asprintf("%08llx\n", (long long)data.size()).size());
        QCOMPARE(QString::fromLatin1(qb(hexDump(sb_(data)))), expected);
    }

    void hexDumpLimit()
    {
        const std::string data(40, 'z');
        const std::string dump = hexDump(data, 20);
        QCOMPARE(QString::fromStdString(dump).count('\n'), 3);
        QVERIFY(dump.find("00000010  7a 7a 7a 7a") != std::string::npos);
        QVERIFY(dump.ends_with("... 20 more bytes\n"));
        QCOMPARE(hexDump(""), std::string());
    }

    void preview_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("max");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ascii") << QByteArray("hello") << 10 << "hello";
        QTest::newRow("escapes") << QByteArray("a\r\n\t\0\\", 6) << 20 << "a\\r\\n\\t\\0\\\\";
        QTest::newRow("binary") << QByteArray("\x01\x7f\xff", 3) << 20 << "\\x01\\x7f\\xff";
        QTest::newRow("utf8 kept") << QByteArray("año €") << 20 << "año €";
        QTest::newRow("bad utf8") << QByteArray("\xc3(") << 20 << "\\xc3(";
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << 20 << "\\xc0\\xaf";
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 20 << "\\xed\\xa0\\x80";
        QTest::newRow("cut") << QByteArray("abcdef") << 4 << "abcd…";
        QTest::newRow("exact fit") << QByteArray("abcd") << 4 << "abcd";
        QTest::newRow("escape not split") << QByteArray("abc\n") << 4 << "abc…";
        QTest::newRow("utf8 counts one") << QByteArray("ñññ") << 3 << "ñññ";
    }

    void preview()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, max);
        QFETCH(QString, shown);
        QCOMPARE(QString::fromUtf8(qb(escapedPreview(sb_(data), size_t(max)))), shown);
    }

    void previewRoundTrips()
    {
        std::string all;
        for (int i = 0; i < 256; ++i)
            all += char(i);
        all += "ñ€𝄞\\x41";
        const auto back = parseEscapedText(escapedPreview(all, SIZE_MAX));
        QVERIFY(back.ok());
        QCOMPARE(qb(*back), qb(all));
    }

    void hexHelpers()
    {
        QCOMPARE(toHex("He\xff"), std::string("48 65 ff"));
        QCOMPARE(toHex("He\xff", ':'), std::string("48:65:ff"));
        QCOMPARE(toHex("He\xff", '\0'), std::string("4865ff"));
        QCOMPARE(toHex(""), std::string());
        const auto back = parseHex(toHex(std::string_view("\x00\x10\xfe", 3), ':'));
        QVERIFY(back.ok());
        QCOMPARE(qb(*back), QByteArray("\x00\x10\xfe", 3));
    }

    void mostlyText_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<bool>("text");
        QTest::newRow("http") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << true;
        QTest::newRow("utf8") << QByteArray("niño, €5\n") << true;
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("nul") << QByteArray("abc\0def", 7) << false;
        QTest::newRow("binary") << QByteArray("\x01\x02\x03\xfe\xff") << false;
        QTest::newRow("one odd byte in 20") << QByteArray("abcdefghijklmnopqrs\x01") << true;
        QTest::newRow("one odd byte in 5") << QByteArray("abcd\x01") << false;
    }

    void mostlyText()
    {
        QFETCH(QByteArray, data);
        QFETCH(bool, text);
        QCOMPARE(isMostlyText(sb_(data)), text);
    }

    void lineEndings()
    {
        QCOMPARE(withLineEnding("hi", LineEnding::None), std::string("hi"));
        QCOMPARE(withLineEnding("hi", LineEnding::LF), std::string("hi\n"));
        QCOMPARE(withLineEnding("hi", LineEnding::CRLF), std::string("hi\r\n"));
        QCOMPARE(withLineEnding("a\nb\r\nc", LineEnding::CRLF), std::string("a\r\nb\r\nc\r\n"));
        QCOMPARE(withLineEnding("", LineEnding::CRLF), std::string("\r\n"));
    }
};

QTEST_GUILESS_MAIN(TstPayload)
#include "tst_payload.moc"
