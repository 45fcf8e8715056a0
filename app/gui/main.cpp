// sockbench: the workbench window. With no display it says how to work headless instead.
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
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SockBench"));
    QApplication::setApplicationName(QStringLiteral("sockbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("SockBench"));
    QApplication::setApplicationVersion(QStringLiteral(SB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("sockbench"));

    // Before any window: the language of the saved choice or of the system (LANG=es_ES.UTF-8).
    QString forced;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            forced = QString::fromLocal8Bit(argv[i + 1]);
        else if (qstrncmp(argv[i], "--lang=", 7) == 0)
            forced = QString::fromLocal8Bit(argv[i] + 7);
    }
    sb::installTranslations(forced);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "main",
            "A socket workbench: open TCP, UDP and UNIX sockets and watch their system calls."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption empty(
            QStringLiteral("empty"),
            QCoreApplication::translate("main",
                                        "Start with no panel (by default a TCP echo "
                                        "server and a client connected to it)."));
    parser.addOption(empty);
    const QCommandLineOption demo(
            QStringLiteral("demo"),
            QCoreApplication::translate("main",
                                        "Open the built-in demo NAME (see sockbench-cli "
                                        "demo --list), or a demo file."),
            QStringLiteral("NAME"));
    parser.addOption(demo);
    const QCommandLineOption lang(
            QStringLiteral("lang"),
            QCoreApplication::translate("main",
                                        "The language of the window: en or es (by "
                                        "default the Language menu's choice, or the "
                                        "system's)."),
            QStringLiteral("LANG"));
    parser.addOption(lang);
    // For scripts/bench.sh: the time from exec to the first painted window, as a whole process.
    const QCommandLineOption quitAfterPaint(
            QStringLiteral("quit-after-first-paint"),
            QCoreApplication::translate("main",
                                        "Quit as soon as the window has been painted once "
                                        "(start-up benchmark)."));
    parser.addOption(quitAfterPaint);
    parser.process(app);
    if (parser.isSet(lang) && parser.value(lang) != QLatin1String("en")
        && parser.value(lang) != QLatin1String("es")) {
        std::fprintf(stderr, "sockbench: --lang %s: the languages are en and es\n",
                     qPrintable(parser.value(lang)));
        return 2;
    }

    sb::MainWindow window;
    if (parser.isSet(demo)) {
        QString error;
        if (!window.demos()->openDemo(parser.value(demo), &error)) {
            std::fprintf(stderr, "sockbench: --demo: %s\n", qPrintable(error));
            return 2;
        }
    } else if (!parser.isSet(empty)) {
        window.openEchoDemo();
    }
    FirstPaintWatcher watcher;
    if (parser.isSet(quitAfterPaint))
        window.installEventFilter(&watcher);
    window.show();
    return app.exec();
}
