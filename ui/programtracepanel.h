#pragma once

#include "core/net/endpointstate.h"
#include "core/trace/traceeevent.h"

#include <QDockWidget>
#include <QStringList>

#include <map>
#include <memory>
#include <span>

class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace sb {

class ClientsModel;
class ClientsView;
class CoreBridge;
class LogModel;
class LogView;
class TraceModel;
class TraceView;

namespace tracee {
class ProgramTracer;
class TraceeEndpoint;
} // namespace tracee

/// A program run (or a process attached) under the tracer (core/trace), as one more endpoint
/// of the workbench: its socket calls in a Syscalls view like a panel's, its data log (text
/// and hex), the connections it has (Clients), and its processes and threads. Its state
/// (running, exited, killed by a signal with its last calls, detached) is above them. Through
/// a TraceeEndpoint its events reach the bridge like a panel's, so the Wire view pairs its
/// messages with the panels' and the Connections dock lists its sockets. Stop kills a program
/// it started and lets an attached one go. The tracer's events reach the GUI thread through
/// queued calls.
class ProgramTracePanel : public QDockWidget
{
    Q_OBJECT
public:
    /// bridge (may be null: calls only) gets the program's events as an endpoint's.
    explicit ProgramTracePanel(CoreBridge *bridge, QWidget *parent = nullptr);
    ~ProgramTracePanel() override;

    /// Runs argv under the tracer; false with the reason (one sentence) when it cannot.
    bool start(const QStringList &argv, QString *reason);
    /// Attaches to pid; false with the reason (Yama, CAP_SYS_PTRACE, no such process).
    bool attach(qint64 pid, QString *reason);
    /// Kills a program it started, detaches from one it attached.
    void stop();

    TraceModel *model() const { return m_model; }
    LogModel *logModel() const { return m_log; }
    QTreeWidget *processTree() const { return m_processes; }
    QTabWidget *tabs() const { return m_tabs; }
    QString statusText() const;
    bool finished() const { return m_finished; }
    qint64 pid() const { return m_pid; }
    /// The program's id among the workbench's endpoints (its lifelines, its Connections rows);
    /// 0 without a bridge or before start.
    EndpointId endpointId() const;
    /// "tcp_client (pid 4242)"
    QString label() const;

signals:
    /// The traced program ended, or was let go.
    void programFinished();
    /// The program listens (or bound a datagram socket) at local.
    void listening(const sb::Address &local);

private:
    bool launch(qint64 pid, const QStringList &argv, QString *reason);
    void deliver(const tracee::Event &event);
    void handleEvents(std::span<const Event> events);
    QTreeWidgetItem *processItem(qint64 pid);
    void noteProcess(const tracee::Event &event, const QString &state);

    CoreBridge *m_bridge;
    TraceModel *m_model;
    TraceView *m_view;
    LogModel *m_log;
    LogView *m_logView;
    EndpointState m_state;
    ClientsModel *m_clients = nullptr;
    ClientsView *m_clientsView = nullptr;
    QTreeWidget *m_processes;
    QTabWidget *m_tabs;
    QLabel *m_status;
    QPushButton *m_stop;
    std::map<qint64, QTreeWidgetItem *> m_processItems;
    std::map<qint64, int> m_callCounts;
    /// Declared before the tracer: destroyed after the tracer's thread is joined.
    std::unique_ptr<tracee::TraceeEndpoint> m_endpoint;
    std::unique_ptr<tracee::ProgramTracer> m_tracer;
    QString m_program;
    qint64 m_pid = 0;
    bool m_attached = false;
    bool m_finished = false;
};

} // namespace sb
