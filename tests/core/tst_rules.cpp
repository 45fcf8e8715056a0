// The reply rules engine (core/text/rules*.cpp, framer.cpp): the parser and its errors by line
// and column, first-match semantics, captures and templates, hex patterns, the contains
// prefilter against a plain search, and framing of messages split over and coalesced across
// reads.
#include "core/text/framer.h"
#include "core/text/rules.h"

#include <QtTest>

#include <random>

using namespace sb;

namespace {

std::shared_ptr<const RuleSet> parseOk(const std::string &text)
{
    auto r = RuleSet::parse(text);
    if (!r)
        qWarning("%s", r.error().c_str());
    return r ? *r : nullptr;
}

/// The reply the first action of the matching rule makes, or "-" when no rule matches.
std::string replyTo(const RuleSet &set, std::string_view message, TemplateContext ctx = {})
{
    const RuleMatch m = set.match(message);
    if (m.rule < 0)
        return "-";
    ctx.message = message;
    const Rule &r = set.rules()[size_t(m.rule)];
    return r.actions.empty() ? "" : expandTemplate(r.actions[0].reply, m, ctx);
}

std::vector<std::string> frameAll(const Framing &f, const std::vector<std::string> &reads,
                                  std::string *error = nullptr)
{
    Framer framer(f);
    std::vector<std::string> out;
    for (const std::string &r : reads) {
        const std::string e = framer.feed(r, [&](std::string_view m) { out.emplace_back(m); });
        if (!e.empty() && error)
            *error = e;
    }
    return out;
}

} // namespace

class TstRules : public QObject
{
    Q_OBJECT

private slots:
    void parseErrorsNameLineAndColumn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown key") << "rule: a\nmatch: any\nreplay: \"x\""
                                     << "3:1: unknown key 'replay' (framing, rule, match or do)";
        QTest::newRow("no match") << "rule: a\ndo: close"
                                  << "2:1: do: must follow the rule's match: line";
        QTest::newRow("rule without match") << "rule: a\n\nrule: b\nmatch: any"
                                            << "1:1: rule 1 has no match: line";
        QTest::newRow("bad match kind") << "rule: a\nmatch: begins \"x\""
                                        << "2:8: expected any, contains, starts-with, equals, "
                                           "regex or hex, found 'begins'";
        QTest::newRow("open quote") << "rule: a\nmatch: contains \"abc"
                                    << "2:17: this quote is not closed: expected '\"' before the "
                                       "end of the line";
        QTest::newRow("bad escape") << "rule: a\nmatch: any\ndo: reply \"ab\\q\""
                                    << "3:14: unknown escape '\\q' (\\n \\r \\t \\0 \\\\ \\\" "
                                       "\\xNN \\{ \\})";
        QTest::newRow("odd hex") << "rule: a\nmatch: contains hex \"0d 0\""
                                 << "2:25: expected hex digits in pairs";
        QTest::newRow("group out of range") << "rule: a\nmatch: regex \"(a)\"\ndo: reply \"{{2}}\""
                                            << "3:14: {{2}}: this rule's match has 1 group(s)";
        QTest::newRow("unknown placeholder")
                << "rule: a\nmatch: any\ndo: reply \"x{{cnt}}\""
                << "3:15: unknown placeholder {{cnt}}: expected a group number or name, counter, "
                   "server_counter, time, peer, length or message";
        QTest::newRow("bad regex") << "rule: a\nmatch: regex \"(a\""
                                   << "2:14: expected a valid "
                                      "regular expression: "
                                      "Mismatched '(' and ')' in "
                                      "regular expression";
        QTest::newRow("framing late") << "rule: a\nmatch: any\nframing: raw"
                                      << "3:1: framing: must come before the first rule:";
        QTest::newRow("length width") << "framing: length 3 be"
                                      << "1:17: expected the length's size in bytes: 1, 2 or 4, "
                                         "found '3'";
        QTest::newRow("length order") << "framing: length 2"
                                      << "1:18: expected the byte order, be or le, found the end "
                                         "of the line";
        QTest::newRow("wait range") << "rule: a\nmatch: any\ndo: wait 700000"
                                    << "3:10: expected a number from 0 to 600000, found '700000'";
        QTest::newRow("trailing") << "rule: a\nmatch: any extra"
                                  << "2:12: expected the end of the line, found 'extra'";
    }
    void parseErrorsNameLineAndColumn()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        auto r = RuleSet::parse(text.toStdString());
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.error()), error);
    }

    void parsesTheDocumentedExamples()
    {
        auto set = parseOk("# comment\n"
                           "framing: length 2 be max=1024\n"
                           "\n"
                           "rule: ping\n"
                           "match: hex \"01 ?? 00\"\n"
                           "do: reply hex \"81\" \"pong {{counter}}\"\n"
                           "do: wait 10\n"
                           "do: shutdown wr\n"
                           "rule:\n"
                           "match: any\n"
                           "do: abort\n");
        QVERIFY(set);
        QCOMPARE(int(set->framing().kind), int(Framing::Kind::Length));
        QCOMPARE(set->framing().max, size_t(1024));
        QCOMPARE(set->rules().size(), size_t(2));
        QCOMPARE(set->rules()[0].actions.size(), size_t(3));
        QVERIFY(set->rules()[1].name.empty());
        QCOMPARE(set->datagramProblem(),
                 std::string("2:1: a datagram is one message: a datagram socket takes framing: "
                             "raw only"));
    }

    void firstMatchWins()
    {
        auto set = parseOk("rule: late contains\nmatch: contains \"b\"\ndo: reply \"1\"\n"
                           "rule: starts\nmatch: starts-with \"ax\"\ndo: reply \"2\"\n"
                           "rule: early contains\nmatch: contains \"a\"\ndo: reply \"3\"\n"
                           "rule: equals\nmatch: equals \"zz\"\ndo: reply \"4\"\n");
        QVERIFY(set);
        QCOMPARE(replyTo(*set, "abc"), std::string("1"));
        QCOMPARE(replyTo(*set, "axe"), std::string("2"));
        QCOMPARE(replyTo(*set, "xa"), std::string("3"));
        QCOMPARE(replyTo(*set, "zz"), std::string("4"));
        QCOMPARE(replyTo(*set, "zzz"), std::string("-"));
    }

    void regexCapturesLandInTheReply()
    {
        auto set = parseOk("rule: get\n"
                           "match: regex \"^GET (?<path>/[^ ]*) HTTP/(1\\.[01])$\"\n"
                           "do: reply \"{{path}} v{{2}} [{{0}}] {{1}} \\{{path}}\"\n");
        QVERIFY(set);
        QCOMPARE(replyTo(*set, "GET /index.html HTTP/1.1"),
                 std::string("/index.html v1.1 [GET /index.html HTTP/1.1] /index.html {{path}}"));
        QCOMPARE(replyTo(*set, "GET /x HTTP/2"), std::string("-"));
    }

    void templatesFillCountersPeerTimeAndHex()
    {
        auto set = parseOk("rule:\nmatch: any\n"
                           "do: reply \"{{counter}}/{{server_counter}} {{peer}} {{time}} "
                           "{{length}}:{{message}}\\r\\n\" hex \"00 ff\"\n");
        QVERIFY(set);
        TemplateContext ctx;
        ctx.counter = 3;
        ctx.serverCounter = 7;
        ctx.peer = "127.0.0.1:4000";
        ctx.realtimeNs = int64_t(1767322800) * 1000000000 + 5000000; // 2026-01-02T03:00:00.005Z
        QCOMPARE(replyTo(*set, "hi", ctx),
                 std::string("3/7 127.0.0.1:4000 2026-01-02T03:00:00.005Z 2:hi\r\n\x00\xff", 52));
    }

    void hexPatternsMatchWithWildcards()
    {
        auto set = parseOk("rule:\nmatch: hex \"01 ?? 00\"\ndo: reply \"{{0}}\"\n"
                           "rule:\nmatch: contains hex \"0d0a\"\ndo: reply \"crlf\"\n");
        QVERIFY(set);
        QCOMPARE(replyTo(*set, std::string("\x01\x7f\x00rest", 7)), std::string("\x01\x7f\x00", 3));
        QCOMPARE(replyTo(*set, std::string("\x01\x7f\x01", 3)), std::string("-"));
        QCOMPARE(replyTo(*set, "a\r\nb"), std::string("crlf"));
    }

    void prefilterAgreesWithAPlainSearch()
    {
        // Many overlapping contains rules over a small alphabet: the automaton's answer is the
        // lowest rule whose text occurs, as a search rule by rule finds it.
        std::mt19937 rng(7);
        std::string text;
        std::vector<std::string> needles;
        for (int i = 0; i < 300; ++i) {
            std::string n;
            const int len = 1 + int(rng() % 6);
            for (int k = 0; k < len; ++k)
                n += char('a' + rng() % 4);
            needles.push_back(n);
            text += "rule: " + std::to_string(i) + "\nmatch: contains \"" + n + "\"\n";
        }
        auto set = parseOk(text);
        QVERIFY(set);
        for (int round = 0; round < 500; ++round) {
            std::string message;
            const int len = int(rng() % 12);
            for (int k = 0; k < len; ++k)
                message += char('a' + rng() % 5);
            int expected = -1;
            for (size_t i = 0; i < needles.size(); ++i) {
                if (message.find(needles[i]) != std::string::npos) {
                    expected = int(i);
                    break;
                }
            }
            QCOMPARE(set->match(message).rule, expected);
        }
    }

    void linesSplitAndCoalesced()
    {
        Framing f;
        f.kind = Framing::Kind::Line;
        f.delimiter = "\r\n";
        f.max = 8;
        QCOMPARE(frameAll(f, {"ab\r", "\ncd\r\nef", "\r\n"}),
                 (std::vector<std::string> {"ab", "cd", "ef"}));
        // A line over max is cut at max; the rest starts the next message.
        QCOMPARE(frameAll(f, {"0123456789\r\n"}), (std::vector<std::string> {"01234567", "89"}));
    }

    void lengthPrefixSplitOverThreeReads_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("bigEndian");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("1") << 1 << true << QByteArray("\x05", 1);
        QTest::newRow("2 be") << 2 << true << QByteArray("\x00\x05", 2);
        QTest::newRow("2 le") << 2 << false << QByteArray("\x05\x00", 2);
        QTest::newRow("4 be") << 4 << true << QByteArray("\x00\x00\x00\x05", 4);
        QTest::newRow("4 le") << 4 << false << QByteArray("\x05\x00\x00\x00", 4);
    }
    void lengthPrefixSplitOverThreeReads()
    {
        QFETCH(int, width);
        QFETCH(bool, bigEndian);
        QFETCH(QByteArray, header);
        Framing f;
        f.kind = Framing::Kind::Length;
        f.width = width;
        f.bigEndian = bigEndian;
        const std::string h = header.toStdString();
        const std::string two = h + "hello" + h + "world";
        // Split inside the header, inside the payload, and two messages in one read.
        QCOMPARE(frameAll(f, {h.substr(0, 1), h.substr(1) + "he", "llo"}),
                 (std::vector<std::string> {"hello"}));
        QCOMPARE(frameAll(f, {two}), (std::vector<std::string> {"hello", "world"}));
        std::vector<std::string> bytes;
        for (char c : two)
            bytes.emplace_back(1, c);
        QCOMPARE(frameAll(f, bytes), (std::vector<std::string> {"hello", "world"}));
        QCOMPARE(Framer(f).frame("hello"), h + "hello");
    }

    void lengthOverMaxFailsTheStream()
    {
        Framing f;
        f.kind = Framing::Kind::Length;
        f.width = 2;
        f.max = 4;
        std::string error;
        QCOMPARE(frameAll(f, {std::string("\x00\x02ok\x00\x09", 6)}, &error),
                 (std::vector<std::string> {"ok"}));
        QCOMPARE(error, std::string("length 9 is over max=4"));
    }

    void fixedSizeAcrossReads()
    {
        Framing f;
        f.kind = Framing::Kind::Fixed;
        f.size = 3;
        QCOMPARE(frameAll(f, {"ab", "cdefg", "hi"}),
                 (std::vector<std::string> {"abc", "def", "ghi"}));
    }
};

QTEST_GUILESS_MAIN(TstRules)
#include "tst_rules.moc"
