#pragma once

#include "core/demoscript.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QStackedWidget;

namespace sb {

class DemoPlayerDock;
class DemoSession;
class DemoStage;

/// The Demos menu of the main window and the demo that is open: its stage (the demo's panels,
/// shown instead of the workbench's panels), its session and the player dock. Owns the session.
/// GUI thread only.
class DemoController : public QObject
{
    Q_OBJECT
public:
    /// Puts a Demos menu before the window's last menu (Help) and a stack around its central
    /// widget, so the demo's panels can take the workbench's place.
    explicit DemoController(QMainWindow *window);
    ~DemoController() override;

    QMenu *menu() const { return m_menu; }
    /// Opens a built-in demo by name; false, with error set, when there is none of that name.
    bool openDemo(const QString &name, QString *error = nullptr);
    void openScript(DemoScript script);
    /// Back to the workbench: the demo's sockets close.
    void closeDemo();

    DemoSession *session() const { return m_session; }
    DemoStage *stage() const { return m_stage; }
    DemoPlayerDock *dock() const { return m_dock; }

private:
    QMainWindow *m_window;
    QMenu *m_menu;
    QAction *m_closeAction;
    QStackedWidget *m_stack;
    QWidget *m_workbench;
    DemoStage *m_stage;
    DemoPlayerDock *m_dock;
    DemoSession *m_session = nullptr;
    /// Docks hidden while the demo is open, shown again by closeDemo().
    QList<QPointer<QDockWidget>> m_hiddenDocks;
};

/// The language narrations are shown in: the UI's language.
DemoLang uiDemoLanguage();

} // namespace sb
