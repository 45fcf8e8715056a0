// --help and --version everywhere: every subcommand's --help exits 0 with its synopsis and the
// global options it takes; a global option a subcommand does not use is refused by name
// (exit 2) instead of being ignored; the window's `sockbench --help` and --version print
// without a display.
#include "clitest.h"

#include <QProcessEnvironment>
#include <QTest>

using namespace clitest;

class TstCliHelp : public QObject
{
    Q_OBJECT

private slots:
    void commandHelp_data();
    void commandHelp();
    void unusedGlobalIsRefused_data();
    void unusedGlobalIsRefused();
    void usedGlobalIsTaken();
#ifdef SB_GUI_PATH // built with the GUI (SB_WITH_GUI)
    void guiHelpWithoutDisplay_data();
    void guiHelpWithoutDisplay();
    void guiStartsInTheLab();
#endif
};

void TstCliHelp::commandHelp_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("usage");
    QTest::addColumn<QString>("synopsis");
    const QString all = "usage: sockbench-cli [--trace] [--log text|hex|jsonl] "
                        "[--opt NAME=VALUE]... [-4|-6] [--packets] [-w FILE.pcapng [--overwrite]]\n";
    const QString relay = "usage: sockbench-cli [--trace] [--log text|hex|jsonl] "
                          "[--opt NAME=VALUE]... [-4|-6]\n";
    QTest::newRow("listen") << QStringList {"listen", "--help"} << all << "  listen ENDPOINT [";
    QTest::newRow("connect") << QStringList {"connect", "--help"} << all << "  connect ENDPOINT [";
    QTest::newRow("relay") << QStringList {"relay", "--help"} << relay << "  relay LISTEN TARGET [";
    QTest::newRow("resolve") << QStringList {"resolve", "--help"}
                             << "usage: sockbench-cli [-4|-6]\n"
                             << "  resolve HOST [SERVICE]";
    QTest::newRow("resolve -h") << QStringList {"resolve", "-h"} << "usage: sockbench-cli [-4|-6]\n"
                                << "  resolve --reverse ADDRESS";
    QTest::newRow("netstat") << QStringList {"netstat", "--help"} << "usage: sockbench-cli\n"
                             << "  netstat [-a] [-t]";
    QTest::newRow("netstat -h") << QStringList {"netstat", "-h"} << "usage: sockbench-cli\n"
                                << "  netstat [-a] [-t]";
    QTest::newRow("demo") << QStringList {"demo", "--help"}
                          << "usage: sockbench-cli [--packets] [-w FILE.pcapng [--overwrite]]\n"
                          << "  demo NAME [--lang en|es]";
    QTest::newRow("run") << QStringList {"run", "--help"} << "usage: sockbench-cli\n"
                         << "  run FILE [--junit OUT [--force]] [--jsonl]";
    QTest::newRow("import-packets")
            << QStringList {"import-packets", "-h"} << "usage: sockbench-cli\n"
            << "  import-packets FILE [-o WORKSPACE [--force]]";
    QTest::newRow("send-message") << QStringList {"send-message", "--help"} << all
                                  << "  send-message WORKSPACE NAME [--to ENDPOINT]";
    QTest::newRow("trace") << QStringList {"trace", "--help"}
                           << "usage: sockbench-cli [--log text|hex|jsonl]\n"
                           << "  trace [--log text|hex|none] [--jsonl] [-o FILE] -- PROGRAM";
}

void TstCliHelp::commandHelp()
{
    // Not an error: --help after a command prints its synopsis and exits 0, touching no socket.
    QFETCH(QStringList, args);
    QFETCH(QString, usage);
    QFETCH(QString, synopsis);
    Proc cli;
    cli.startCli(args);
    QVERIFY(cli.finish());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QVERIFY2(cli.out.startsWith(usage.toUtf8()), cli.out.constData());
    QVERIFY2(cli.out.contains(synopsis.toUtf8()), cli.out.constData());
    QVERIFY2(cli.err.isEmpty(), cli.err.constData());
}

void TstCliHelp::unusedGlobalIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("netstat --packets")
            << QStringList {"--packets", "netstat"} << "netstat does not take --packets";
    QTest::newRow("relay -w") << QStringList {"-w", "x.pcapng", "relay", "tcp://127.0.0.1:0",
                                              "tcp://127.0.0.1:1"}
                              << "relay does not take -w";
    QTest::newRow("netstat --trace")
            << QStringList {"--trace", "netstat"} << "netstat does not take --trace";
    QTest::newRow("netstat --log")
            << QStringList {"--log", "text", "netstat", "-t"} << "netstat does not take --log";
    QTest::newRow("netstat --opt")
            << QStringList {"--opt", "SO_REUSEADDR=1", "netstat"} << "netstat does not take --opt";
    QTest::newRow("netstat -4") << QStringList {"-4", "netstat"} << "netstat does not take -4";
    QTest::newRow("resolve --trace")
            << QStringList {"--trace", "resolve", "localhost"} << "resolve does not take --trace";
    QTest::newRow("resolve --log=jsonl")
            << QStringList {"--log=jsonl", "resolve", "localhost"} << "resolve does not take --log";
    QTest::newRow("demo --trace") << QStringList {"--trace", "demo", "--list"}
                                  << "demo does not take --trace";
    QTest::newRow("demo -6") << QStringList {"-6", "demo", "--list"} << "demo does not take -6";
}

void TstCliHelp::unusedGlobalIsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    Proc cli;
    cli.startCli(args);
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 2, cli.err.constData());
    QVERIFY2(cli.err.startsWith("sockbench-cli: " + message.toUtf8() + "\n"), cli.err.constData());
    QVERIFY2(cli.out.isEmpty(), cli.out.constData()); // nothing ran
}

void TstCliHelp::usedGlobalIsTaken()
{
    // -4 is resolve's own: only IPv4 answers for a name that has both.
    Proc cli;
    cli.startCli({"-4", "resolve", "localhost"});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 0, cli.err.constData());
    QVERIFY2(cli.out.contains("127.0.0.1"), cli.out.constData());
    QVERIFY2(!cli.out.contains("::1"), cli.out.constData());
}

#ifdef SB_GUI_PATH
void TstCliHelp::guiHelpWithoutDisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << "--help"
                            << "--demo <NAME>";
    QTest::newRow("-h") << "-h"
                        << "--quit-after-first-paint";
    QTest::newRow("--help --lab") << "--help"
                                  << "--lab";
    QTest::newRow("--version") << "--version"
                               << "sockbench " SB_VERSION;
}

void TstCliHelp::guiHelpWithoutDisplay()
{
    QFETCH(QString, option);
    QFETCH(QString, expected);
    // As over ssh or in a package's smoke test: no display of any kind.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    env.insert("LANG", "C.UTF-8");
    env.insert("LC_ALL", "C.UTF-8");
    Proc gui;
    gui.p.setProcessEnvironment(env);
    gui.start(QStringLiteral(SB_GUI_PATH), {option, "--lang", "en"});
    QVERIFY2(gui.finish(), gui.err.constData());
    QVERIFY2(gui.exitCode() == 0, gui.err.constData());
    QVERIFY2(gui.out.contains(expected.toUtf8()), gui.out.constData());
    QVERIFY2(!gui.err.contains("no display"), gui.err.constData());
}
void TstCliHelp::guiStartsInTheLab()
{
    // sockbench --lab enters its namespace before Qt starts a thread, then opens its window.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    Proc gui;
    gui.p.setProcessEnvironment(env);
    gui.start(QStringLiteral(SB_GUI_PATH), {"--lab", "--empty", "--quit-after-first-paint"});
    QVERIFY2(gui.finish(kBulkMs), gui.err.constData());
    QVERIFY2(gui.exitCode() == 0, gui.err.constData());
    QVERIFY2(!gui.err.contains("no lab:"), gui.err.constData());
}
#endif

QTEST_GUILESS_MAIN(TstCliHelp)
#include "tst_cli_help.moc"
