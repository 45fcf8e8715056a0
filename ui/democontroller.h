#pragma once

#include "core/demo/demoplayer.h"
#include "core/demo/demoscript.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <set>
#include <vector>

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
    /// registry: where the demo's sockets are listed, the workbench's own.
    DemoController(QMainWindow *window, Registry &registry);
    ~DemoController() override;

    QMenu *menu() const { return m_menu; }
    /// Opens a built-in demo by name ("tcp-echo") or a demo file by path (with a '/' or ending
    /// in .demo); false, with error set (naming the file and line), when it cannot.
    bool openDemo(const QString &name, QString *error = nullptr);
    void openScript(DemoScript script);
    /// Back to the workbench: the demo's sockets close.
    void closeDemo();

    DemoSession *session() const { return m_session; }
    DemoStage *stage() const { return m_stage; }
    DemoPlayerDock *dock() const { return m_dock; }
    /// A demo is open: its stage stands where the workbench's panels were.
    bool isDemoOpen() const { return m_session != nullptr; }

signals:
    /// A demo opened (true) or closed (false): actions on the workbench's panels do not apply
    /// while its stage is shown.
    void demoOpenChanged(bool open);
    /// For views over every panel's traffic (the Wire view): a demo opened or was reset, so
    /// what they show of the previous run is stale. Not on close: the last run stays to see.
    void demoCleared();
    /// The demo's events, in the order the player saw them (its sockets are not the bridge's).
    void demoEvents(const std::vector<sb::Event> &events);
    /// The demo's name for one of its endpoints, emitted before that endpoint's first events.
    void demoEndpointLabel(sb::EndpointId id, const QString &label);

private:
    void forward(const std::vector<DemoEntry> &entries);
    /// Sizes the player and the Wire dock for a projector, once the window is shown.
    void fitDocks();

    Registry &m_registry;
    QMainWindow *m_window;
    QMenu *m_menu;
    QAction *m_closeAction;
    QStackedWidget *m_stack;
    QWidget *m_workbench;
    DemoStage *m_stage;
    DemoPlayerDock *m_dock;
    DemoSession *m_session = nullptr;
    bool m_fitPending = false;
    /// Docks hidden while the demo is open, shown again by closeDemo().
    QList<QPointer<QDockWidget>> m_hiddenDocks;
    /// The window's docks as they were before the demo (which docks, their sizes): a closed
    /// demo gives the workbench back its layout, not the demo's tall Wire view.
    QByteArray m_workbenchState;
    std::set<EndpointId> m_labelled; ///< endpoints named by demoEndpointLabel this run
};

/// The language narrations are shown in: the UI's language.
DemoLang uiDemoLanguage();

} // namespace sb
