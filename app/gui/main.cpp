// sockbench: the workbench window. With no display it says how to work headless instead.
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "A socket workbench: open TCP, UDP and UNIX sockets and watch their system calls."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption empty(QStringLiteral("empty"),
                                   QStringLiteral("Start with no panel (by default a TCP echo "
                                                  "server and a client connected to it)."));
    parser.addOption(empty);
    parser.process(app);

    sb::MainWindow window;
    if (!parser.isSet(empty))
        window.openEchoDemo();
    window.show();
    return app.exec();
}
