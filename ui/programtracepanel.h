#pragma once

#include "core/trace/traceeevent.h"

#include <QDockWidget>
#include <QStringList>

#include <memory>

class QLabel;
class QPushButton;

namespace sb {

class TraceModel;
class TraceView;

namespace tracee {
class ProgramTracer;
}

/// A program run (or a process attached) under the tracer (core/trace): its socket calls in a
/// Syscalls view, the same as an endpoint panel's, and its state (running, exited, killed by a
/// signal with its last calls, detached) above them. Stop kills a program it started and lets
/// an attached one go. The tracer's events reach the GUI thread through queued calls.
class ProgramTracePanel : public QDockWidget
{
    Q_OBJECT
public:
    explicit ProgramTracePanel(QWidget *parent = nullptr);
    ~ProgramTracePanel() override;

    /// Runs argv under the tracer; false with the reason (one sentence) when it cannot.
    bool start(const QStringList &argv, QString *reason);
    /// Attaches to pid; false with the reason (Yama, CAP_SYS_PTRACE, no such process).
    bool attach(qint64 pid, QString *reason);
    /// Kills a program it started, detaches from one it attached.
    void stop();

    TraceModel *model() const { return m_model; }
    QString statusText() const;
    bool finished() const { return m_finished; }

signals:
    /// The traced program ended, or was let go.
    void programFinished();

private:
    void deliver(const tracee::Event &event);

    TraceModel *m_model;
    TraceView *m_view;
    QLabel *m_status;
    QPushButton *m_stop;
    std::unique_ptr<tracee::ProgramTracer> m_tracer;
    QString m_program;
    qint64 m_pid = 0;
    bool m_attached = false;
    bool m_finished = false;
};

} // namespace sb
