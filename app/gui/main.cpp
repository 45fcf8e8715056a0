// sockbench: the workbench window. With no display it says how to work headless instead.
#include "core/capture/labnamespace.h"
#include "ui/democontroller.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEvent>
#include <QMessageBox>

#include <cstdio>
#include <cstdlib>

namespace {

bool haveDisplay()
{
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        const char *value = std::getenv(name);
        if (value && *value)
            return true;
    }
    return false;
}

/// True when argv asks for --help or --version (before a "--"): answered without a
/// display, through a QCoreApplication, so `sockbench --help` works over ssh and in a package
/// test.
bool asksHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            return false;
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v"
            || arg == "--version")
            return true;
    }
    return false;
}

/// True when argv asks for --lab (before a "--").
bool asksLab(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--") == 0)
            return false;
        if (qstrcmp(argv[i], "--lab") == 0)
            return true;
    }
    return false;
}

/// The language --lang asks for, read before the parser so --help is translated too.
QString forcedLanguage(int argc, char *argv[])
{
    QString forced;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            forced = QString::fromLocal8Bit(argv[i + 1]);
        else if (qstrncmp(argv[i], "--lang=", 7) == 0)
            forced = QString::fromLocal8Bit(argv[i] + 7);
    }
    return forced;
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SockBench"));
    QCoreApplication::setApplicationName(QStringLiteral("sockbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SB_VERSION));
}

struct Options
{
    QCommandLineOption empty;
    QCommandLineOption demo;
    QCommandLineOption lang;
    QCommandLineOption quitAfterPaint;
    QCommandLineOption lab;
};

/// The window's options, the same for --help without a display and for the real start.
Options addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
            "main",
            "A socket workbench: open TCP, UDP and UNIX sockets and watch their system calls."));
    parser.addHelpOption();
    parser.addVersionOption();
    Options o {
            QCommandLineOption(
                    QStringLiteral("empty"),
                    QCoreApplication::translate("main",
                                                "Start with no panel (by default a TCP echo "
                                                "server and a client connected to it).")),
            QCommandLineOption(
                    QStringLiteral("demo"),
                    QCoreApplication::translate("main",
                                                "Open the built-in demo NAME (see sockbench-cli "
                                                "demo --list), or a demo file."),
                    QStringLiteral("NAME")),
            QCommandLineOption(
                    QStringLiteral("lang"),
                    QCoreApplication::translate("main",
                                                "The language of the window: en or es (by "
                                                "default the Language menu's choice, or the "
                                                "system's)."),
                    QStringLiteral("LANG")),
            // For scripts/bench.sh: the time from exec to the first painted window.
            QCommandLineOption(
                    QStringLiteral("quit-after-first-paint"),
                    QCoreApplication::translate("main",
                                                "Quit as soon as the window has been painted once "
                                                "(start-up benchmark).")),
            QCommandLineOption(
                    QStringLiteral("lab"),
                    QCoreApplication::translate("main",
                                                "Run in a user and network namespace of its own, "
                                                "where capturing packets on lo needs no root "
                                                "(only that lo is reachable).")),
    };
    parser.addOptions({o.empty, o.demo, o.lang, o.quitAfterPaint, o.lab});
    parser.addPositionalArgument(
            QStringLiteral("workspace"),
            QCoreApplication::translate("main",
                                        "A workspace file to open (File > Save workspace)."),
            QStringLiteral("[WORKSPACE]"));
    return o;
}

} // namespace

namespace {

/// Quits the application once its window has handled its first paint event.
class FirstPaintWatcher : public QObject
{
protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    if (asksHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        sb::installTranslations(forcedLanguage(argc, argv));
        QCommandLineParser parser;
        addOptions(parser);
        // Not parser.process(): it ends in exit() from inside the parser, before the objects
        // here are destroyed; returning lets them go and flushes stdout in the usual order.
        if (!parser.parse(app.arguments())) {
            std::fprintf(stderr, "sockbench: %s\n", qPrintable(parser.errorText()));
            return 1;
        }
        if (parser.isSet(QStringLiteral("version")))
            std::printf("sockbench %s\n", SB_VERSION);
        else
            std::fputs(qPrintable(parser.helpText()), stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    if (!haveDisplay()) {
        std::fprintf(stderr,
                     "sockbench: no display (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are "
                     "unset).\n"
                     "Without a display, use the headless twin, sockbench-cli:\n"
                     "  sockbench-cli listen tcp://127.0.0.1:7000 --reply echo\n"
                     "  sockbench-cli --trace connect tcp://127.0.0.1:7000\n"
                     "  sockbench-cli --help\n"
                     "or run the window on a virtual display: xvfb-run sockbench\n");
        return 1;
    }
    // The lab is entered before Qt starts a thread: unshare refuses a user namespace to a
    // threaded process. Refused, the window opens where it is and says nothing more here.
    if (asksLab(argc, argv)) {
        const sb::LabEntry lab = sb::enterLab();
        if (lab.err)
            std::fprintf(stderr, "sockbench: no lab: %s\n", lab.reason.c_str());
    }
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("SockBench"));
    QApplication::setDesktopFileName(QStringLiteral("sockbench"));

    // Before any window: the language of the saved choice or of the system (LANG=es_ES.UTF-8).
    sb::installTranslations(forcedLanguage(argc, argv));

    QCommandLineParser parser;
    const Options o = addOptions(parser);
    parser.process(app);
    if (parser.isSet(o.lang) && parser.value(o.lang) != QLatin1String("en")
        && parser.value(o.lang) != QLatin1String("es")) {
        std::fprintf(stderr, "sockbench: --lang %s: the languages are en and es\n",
                     qPrintable(parser.value(o.lang)));
        return 2;
    }

    sb::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        // sockbench FILE: a workspace; what cannot be read is said, the rest is opened.
        QStringList errors;
        const bool opened = window.openWorkspace(files.first(), &errors);
        for (const QString &e : errors)
            std::fprintf(stderr, "sockbench: %s\n", qPrintable(e));
        if (!opened)
            return 2;
    } else if (parser.isSet(o.demo)) {
        QString error;
        if (!window.demos()->openDemo(parser.value(o.demo), &error)) {
            std::fprintf(stderr, "sockbench: --demo: %s\n", qPrintable(error));
            return 2;
        }
    } else if (!parser.isSet(o.empty)) {
        window.openEchoDemo();
    }
    FirstPaintWatcher watcher;
    if (parser.isSet(o.quitAfterPaint))
        window.installEventFilter(&watcher);
    window.show();
    return app.exec();
}
