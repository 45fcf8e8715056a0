#include "ui/courseprograms.h"

#include "ui/mainwindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace sb {

std::vector<CourseProgram> coursePrograms()
{
    using P = CourseProgram::Partner;
    return {
            {QStringLiteral("tcp-client"), QStringLiteral("tcp_client"), P::EchoServer,
             QObject::tr("TCP client in C → a workbench echo server"),
             QObject::tr("examples/tcp_client.c connects to an echo server of the workbench, "
                         "sends a line and reads the echo")},
            {QStringLiteral("iterative-server"), QStringLiteral("tcp_iterative_server"), P::Client,
             QObject::tr("Iterative TCP server in C ← a workbench client"),
             QObject::tr("examples/tcp_iterative_server.c serves one client at a time; a "
                         "workbench client connects to it")},
            {QStringLiteral("concurrent-server"), QStringLiteral("tcp_concurrent_server"),
             P::Client, QObject::tr("Concurrent TCP server in C (fork) ← a workbench client"),
             QObject::tr("examples/tcp_concurrent_server.c forks a child per client; the child "
                         "shows under the program in Processes")},
            {QStringLiteral("udp-client"), QStringLiteral("udp_echo"), P::UdpEcho,
             QObject::tr("UDP client in C → a workbench UDP echo"),
             QObject::tr("examples/udp_echo.c client sends a datagram to a UDP socket of the "
                         "workbench and reads the answer")},
            {QStringLiteral("socketpair"), QStringLiteral("socketpair_user"), P::None,
             QObject::tr("socketpair in C: parent and child"),
             QObject::tr("examples/socketpair_user.c: a socketpair shared by a parent and its "
                         "forked child")},
    };
}

QString courseProgramsDir()
{
    const QString app = QCoreApplication::applicationDirPath();
    QStringList candidates;
    const QString env = qEnvironmentVariable("SOCKBENCH_EXAMPLES_DIR");
    if (!env.isEmpty())
        candidates << env;
    // build/app/gui/sockbench and build/tests/ui_tst_...: build/examples; /usr/bin/sockbench:
    // /usr/libexec/sockbench/examples.
    candidates << app + QStringLiteral("/../../examples") << app + QStringLiteral("/../examples")
               << app + QStringLiteral("/../libexec/sockbench/examples");
    for (const QString &dir : candidates)
        if (QFileInfo(dir + QStringLiteral("/tcp_client")).isExecutable())
            return QDir(dir).canonicalPath();
    return {};
}

QAction *addCourseProgramsMenu(QMenu *demos, MainWindow *window)
{
    QMenu *menu = new QMenu(QObject::tr("Course &programs, traced"), demos);
    menu->setObjectName(QStringLiteral("courseProgramsMenu"));
    menu->setToolTipsVisible(true);
    for (const CourseProgram &p : coursePrograms()) {
        QAction *action = menu->addAction(p.title);
        action->setToolTip(p.summary);
        action->setData(p.id);
        const QString id = p.id;
        QObject::connect(action, &QAction::triggered, window, [window, id] {
            QString why;
            if (!window->runCourseProgram(id, &why))
                QMessageBox::warning(window, QObject::tr("Course programs"), why);
        });
    }
    const QList<QAction *> actions = demos->actions();
    // Before "Open demo file…": after the built-in demos and their separator.
    QAction *before = nullptr;
    for (QAction *a : actions)
        if (a->isSeparator()) {
            before = a;
            break;
        }
    return demos->insertMenu(before, menu);
}

} // namespace sb
