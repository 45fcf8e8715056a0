#pragma once

#include "core/net/endpoint.h"
#include "core/net/registry.h"
#include "ui/connectionsdock.h"
#include "ui/endpointpanel.h"
#include "ui/newsocketdialog.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QTableView;
class NetstatPanel;
class ResolverPanel;

namespace sb {

class ConnectionsModel;
class CoreBridge;
class MessagesDock;
class ProgramTracePanel;
class DemoController;
class ScenarioRecording;
class EndpointPanel;
class PanelArea;
class WireDock;
struct WireEnd;

/// The workbench window: panels side by side in a tiled area, the Connections dock, menus
/// File/Socket/View/Help, toolbar presets and a status bar. The Socket menu acts on the panel
/// last clicked. Owns the CoreBridge. GUI thread only.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    CoreBridge *bridge() const { return m_bridge; }
    PanelArea *panelArea() const { return m_area; }
    const std::vector<EndpointPanel *> &panels() const;
    EndpointPanel *currentPanel() const { return m_current; }
    EndpointPanel *panelFor(EndpointId id) const;
    ConnectionsModel *connectionsModel() const { return m_connections; }
    QTableView *connectionsView() const { return m_connectionsView; }
    QDockWidget *connectionsDock() const { return m_connectionsDock; }
    /// The Demos menu, and the demo open if any.
    DemoController *demos() const { return m_demos; }
    WireDock *wireDock() const { return m_wireDock; }
    ResolverPanel *resolverPanel() const { return m_resolver; }
    NetstatPanel *netstatPanel() const { return m_netstat; }
    QDockWidget *resolverDock() const { return m_resolverDock; }
    QDockWidget *netstatDock() const { return m_netstatDock; }

    /// Adds a panel for config (labelled "Panel N" when it has no label), started if asked.
    EndpointPanel *openPanel(EndpointConfig config, bool start = true);
    EndpointPanel *openPreset(NewSocketDialog::Preset preset, bool start = true);
    /// The start state: a TCP echo server, and a client connected to it once it listens.
    void openEchoDemo();
    void closePanel(EndpointPanel *panel);
    /// Listening endpoints of the workbench in the grammar, for client presets.
    QStringList knownServers() const;
    /// A dock with argv's socket calls, run under the tracer; nullptr with a message box (or
    /// reason, when given) saying why when it cannot.
    ProgramTracePanel *runProgram(const QStringList &argv, QString *reason = nullptr);
    /// A dock with the socket calls of the running process pid, attached; nullptr as above.
    ProgramTracePanel *attachProcess(qint64 pid, QString *reason = nullptr);
    /// Demos > Course programs: runs the course program id (courseprograms.h) under the
    /// tracer with its workbench partner (an echo server it connects to, or a client that
    /// connects to it once it listens); its dock comes when it starts (programPanels()).
    /// False with the reason when it cannot.
    bool runCourseProgram(const QString &id, QString *reason);
    /// The traced programs' docks, oldest first.
    QList<ProgramTracePanel *> programPanels() const;
    MessagesDock *messagesDock() const { return m_messages; }
    /// File > Open workspace: opens path's panels (started), saved messages and layout beside
    /// what is open. What could not be read is in errors ("work.sbw:12: ..."), and the rest is
    /// opened; false when nothing could be (a missing file).
    bool openWorkspace(const QString &path, QStringList *errors);
    /// File > Save workspace: the panels, saved messages, rules and layout to path.
    bool saveWorkspace(const QString &path, QString *error);
    /// The workspace file opened or saved last; empty for none.
    QString workspacePath() const { return m_workspacePath; }
    /// File > Record scenario (ui/scenariorecording.h).
    ScenarioRecording *recording() const { return m_recording; }

signals:
    /// A panel was added (before it starts, when it starts at once), or is about to go.
    void panelOpened(sb::EndpointPanel *panel);
    void panelClosing(sb::EndpointPanel *panel);

public slots:
    void newSocket();
    /// File > Run program... and Attach to process...: ask, then runProgram / attachProcess.
    void askRunProgram();
    void askAttachProcess();
    void setCurrentPanel(EndpointPanel *panel);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildConnectionsDock();
    void buildWireDock();
    void buildToolDocks();
    /// A client panel (not started) for an endpoint of the grammar, from the address tools.
    void openClientFor(const QString &endpoint);
    void focusPanel(EndpointPanel *panel);
    /// Selects the log rows of both ends of an arrow the person clicked in the wire view.
    void selectWireEnds(const WireEnd &sendEnd, const WireEnd &recvEnd);
    void updateSocketActions();
    void updateStatus();
    /// The status bar's "N panel(s), M socket(s)".
    void updateCounts();
    void onSnapshot(const std::vector<SocketRow> &rows);
    /// Shows a traced program's dock and names its lifeline in the Wire view.
    void adoptProgramPanel(ProgramTracePanel *panel);
    void buildMessagesDock();
    void askOpenWorkspace();
    /// Save (to the file of this workspace, asking when there is none) or Save as.
    void askSaveWorkspace(bool as);
    void rememberWorkspace(const QString &path);
    void updateRecentMenu();
    /// Sends a saved message from the current panel (a client connected to target first,
    /// when the message has one and the current panel is not it).
    void sendSavedMessage(const QByteArray &bytes, const QString &target, const QString &name);

    CoreBridge *m_bridge;
    PanelArea *m_area;
    ConnectionsModel *m_connections;
    QTableView *m_connectionsView = nullptr;
    ConnectionsDock *m_connectionsDock = nullptr;
    DemoController *m_demos = nullptr;
    WireDock *m_wireDock = nullptr;
    ResolverPanel *m_resolver = nullptr;
    NetstatPanel *m_netstat = nullptr;
    QDockWidget *m_resolverDock = nullptr;
    QDockWidget *m_netstatDock = nullptr;
    QPointer<EndpointPanel> m_current;
    QList<QPointer<ProgramTracePanel>> m_programs;
    MessagesDock *m_messages = nullptr;
    ScenarioRecording *m_recording = nullptr;
    QMenu *m_recentMenu = nullptr;
    QString m_workspacePath;
    int m_panelNumber = 0;
    bool m_sizedDocks = false;
    QLabel *m_statusPanels;
    QLabel *m_statusEvents;
    uint64_t m_lastDelivered = 0;
    uint64_t m_dropped = 0;
    size_t m_socketCount = 0;

    QAction *m_newAction = nullptr;
    QAction *m_runProgramAction = nullptr;
    QAction *m_attachAction = nullptr;
    QAction *m_closePanelAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_shutRdAction = nullptr;
    QAction *m_shutWrAction = nullptr;
    QAction *m_shutRdWrAction = nullptr;
    QAction *m_abortAction = nullptr;
    QAction *m_readOptionsAction = nullptr;
    QAction *m_clearLogAction = nullptr;
    QAction *m_retileAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    /// Actions that open panels in the workbench: off while a demo's stage is shown.
    QList<QAction *> m_workbenchActions;
};

} // namespace sb
