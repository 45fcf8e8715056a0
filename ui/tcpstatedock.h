#pragma once

#include "core/capture/tcpendhistory.h"
#include "core/capture/tcpstates.h"
#include "core/net/event.h"
#include "core/net/registry.h"
#include "core/tools/resolverjob.h"

#include <QDockWidget>
#include <QTimer>

#include <span>
#include <vector>

class QLabel;
class QListWidget;
class QMenu;

namespace sb {

class CoreBridge;
class ConnectionsModel;
class MainWindow;
class TcpStateDiagram;
struct InetSocketRow;

/// The "TCP state" dock: for one socket of the Connections table, RFC 9293's diagram with its
/// state now lit and the path it took, and the list of its moves with their times. The path
/// comes from the captured segments (every ev::Packet the bridge or a demo delivers goes
/// through one TcpStates) when there are any, else from the kernel's readings; the state now is
/// the kernel's: the Registry's TCP_INFO while the workbench holds the socket, /proc/net/tcp
/// after (read on a job's thread each second), where a TIME-WAIT socket's own timer counts
/// down until the kernel drops it. GUI thread only.
class TcpStateDock : public QDockWidget
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 1000;

    TcpStateDock(CoreBridge *bridge, ConnectionsModel *connections, QWidget *parent = nullptr);

    /// Follows (endpoint, conn) of the Connections table; false when it has no row there.
    bool follow(EndpointId endpoint, ConnId conn);
    /// Follows the socket of row, until another is followed. inRegistry: row is a fresh
    /// Registry row (its state is the kernel's now); else the kernel is asked in /proc/net.
    void followRow(const SocketRow &row, bool inRegistry = true);
    /// Captured packets (and any other event, ignored).
    void addEvents(std::span<const Event> events);

    TcpStateDiagram *diagram() const { return m_diagram; }
    QListWidget *stepsView() const { return m_steps; }
    /// "ESTAB", "TIME-WAIT — 57 s left", "UDP has no TCP state machine...": the line above
    /// the diagram.
    QString stateText() const;
    /// "tcp 127.0.0.1:40000 → 127.0.0.1:5000  Panel 2": the socket followed.
    QString title() const;
    const TcpEndHistory &history() const { return m_history; }
    bool following() const { return m_following; }

private:
    void onSnapshot(const std::vector<SocketRow> &rows);
    void poll();
    void onProcRows(int64_t readNs, const std::vector<InetSocketRow> &rows);
    void refresh();
    QString stepText(const TcpStep &step) const;

    ConnectionsModel *m_connections;
    TcpStates m_states;
    bool m_following = false;
    SocketRow m_row; ///< the socket followed, as last seen in the Registry
    TcpEndHistory m_history;
    bool m_inRegistry = false; ///< the Registry's TCP_INFO speaks for it: no /proc reading
    ResolverJob m_job;
    QTimer m_tick;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_source;
    TcpStateDiagram *m_diagram;
    QListWidget *m_steps;
};

/// Makes the dock of window (right area, hidden until asked for), puts its action in viewMenu
/// and has it follow the row selected in the Connections table, an arrow clicked in the Wire
/// view and the packets of demos.
TcpStateDock *addTcpStateDock(MainWindow *window, QMenu *viewMenu);

} // namespace sb
