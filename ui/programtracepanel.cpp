#include "ui/programtracepanel.h"

#include "core/trace/programtracer.h"
#include "ui/tracemodel.h"
#include "ui/traceview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sb {

ProgramTracePanel::ProgramTracePanel(QWidget *parent)
    : QDockWidget(parent)
    , m_model(new TraceModel(this))
{
    setObjectName(QStringLiteral("programTracePanel"));
    auto *body = new QWidget;
    auto *column = new QVBoxLayout(body);
    auto *top = new QHBoxLayout;
    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setToolTip(tr("Kill a program started here; let an attached process go on alone"));
    connect(m_stop, &QPushButton::clicked, this, &ProgramTracePanel::stop);
    top->addWidget(m_status, 1);
    top->addWidget(m_stop);
    column->addLayout(top);
    m_view = new TraceView(m_model);
    column->addWidget(m_view, 1);
    setWidget(body);
}

ProgramTracePanel::~ProgramTracePanel()
{
    // Joins the tracer's thread: no queued delivery can outlive the panel (Qt drops the ones
    // still queued for a deleted receiver).
    m_tracer.reset();
}

bool ProgramTracePanel::start(const QStringList &argv, QString *reason)
{
    if (argv.isEmpty()) {
        *reason = tr("No program to run.");
        return false;
    }
    std::vector<std::string> args;
    for (const QString &a : argv)
        args.push_back(a.toStdString());
    m_program = QFileInfo(argv.first()).fileName();
    QPointer<ProgramTracePanel> self(this);
    m_tracer = std::make_unique<tracee::ProgramTracer>([self](tracee::Event &&e) {
        QMetaObject::invokeMethod(
                self.data(),
                [self, e = std::move(e)] {
                    if (self)
                        self->deliver(e);
                },
                Qt::QueuedConnection);
    });
    std::string why;
    if (!m_tracer->start(args, &why)) {
        *reason = QString::fromStdString(why);
        m_tracer.reset();
        return false;
    }
    m_pid = m_tracer->pid();
    setWindowTitle(tr("%1 (pid %2)").arg(m_program).arg(m_pid));
    m_status->setText(tr("Running %1 (pid %2) under the tracer").arg(argv.join(' ')).arg(m_pid));
    return true;
}

bool ProgramTracePanel::attach(qint64 pid, QString *reason)
{
    QPointer<ProgramTracePanel> self(this);
    m_tracer = std::make_unique<tracee::ProgramTracer>([self](tracee::Event &&e) {
        QMetaObject::invokeMethod(
                self.data(),
                [self, e = std::move(e)] {
                    if (self)
                        self->deliver(e);
                },
                Qt::QueuedConnection);
    });
    std::string why;
    if (!m_tracer->attach(static_cast<pid_t>(pid), &why)) {
        *reason = QString::fromStdString(why);
        m_tracer.reset();
        return false;
    }
    m_attached = true;
    m_pid = pid;
    m_program = QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget();
    m_program = QFileInfo(m_program).fileName();
    setWindowTitle(tr("%1 (pid %2)").arg(m_program).arg(pid));
    m_status->setText(tr("Attached to %1 (pid %2)").arg(m_program).arg(pid));
    return true;
}

void ProgramTracePanel::stop()
{
    if (m_tracer)
        m_tracer->detach();
}

QString ProgramTracePanel::statusText() const { return m_status->text(); }

void ProgramTracePanel::deliver(const tracee::Event &e)
{
    if (const auto *call = e.as<tracee::Call>()) {
        m_model->append({call->record});
        m_view->refresh();
        return;
    }
    const QString who = e.pid == m_pid ? m_program : tr("child %1").arg(e.pid);
    QString line;
    if (const auto *x = e.as<tracee::Exited>()) {
        line = tr("%1 exited with status %2").arg(who).arg(x->status);
    } else if (const auto *k = e.as<tracee::Killed>()) {
        line = tr("%1 was killed by %2")
                       .arg(who, QString::fromStdString(tracee::signalName(k->signo)));
        if (!k->lastCalls.empty()) {
            QStringList calls;
            for (const std::string &c : k->lastCalls)
                calls << QString::fromStdString(c);
            line += tr("; its last calls:") + QStringLiteral("\n  ")
                    + calls.join(QStringLiteral("\n  "));
        }
    } else if (const auto *s = e.as<tracee::Signal>()) {
        line = tr("%1 received %2").arg(who, QString::fromStdString(tracee::signalName(s->signo)));
    } else if (e.as<tracee::Detached>()) {
        line = tr("Detached from %1: it runs on, untraced").arg(who);
    } else {
        return;
    }
    if (e.pid == m_pid && !e.as<tracee::Signal>()) {
        m_finished = true;
        m_stop->setEnabled(false);
        m_status->setText(line);
        emit programFinished();
    } else {
        m_status->setToolTip(m_status->toolTip().isEmpty() ? line
                                                           : m_status->toolTip() + '\n' + line);
    }
}

} // namespace sb
