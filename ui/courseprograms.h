#pragma once

#include <QString>

#include <vector>

class QAction;
class QMenu;

namespace sb {

class MainWindow;

/// One of the course's example programs (examples/*.c, built beside the binaries), as the
/// Demos menu runs it: under the tracer, with a workbench panel to talk to, so that the
/// student's kind of program and the workbench are one chart in the Wire view.
struct CourseProgram
{
    enum class Partner : uint8_t {
        EchoServer, ///< a workbench TCP echo server first; the program connects to it
        UdpEcho, ///< a workbench UDP echo socket first; the program sends to it
        Client, ///< the program listens (port 0); a workbench client connects once it does
        None, ///< the program alone (socketpair)
    };
    QString id; ///< "tcp-client"
    QString program; ///< the executable's name: "tcp_client"
    Partner partner = Partner::None;
    QString title; ///< the menu's text, translated
    QString summary; ///< its tooltip
};

/// The course programs, in the menu's order.
std::vector<CourseProgram> coursePrograms();
/// Where the built programs are: SOCKBENCH_EXAMPLES_DIR, the build tree's examples/ or the
/// package's libexec/sockbench/examples; empty when none holds them.
QString courseProgramsDir();
/// Adds "Course programs, traced" to the Demos menu: one action per program. Returns the
/// submenu's action (off while a demo's stage hides the workbench).
QAction *addCourseProgramsMenu(QMenu *demos, MainWindow *window);

} // namespace sb
