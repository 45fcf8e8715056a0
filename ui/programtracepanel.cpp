#include "ui/programtracepanel.h"

#include "core/trace/programtracer.h"
#include "core/trace/traceeendpoint.h"
#include "ui/clientsmodel.h"
#include "ui/clientsview.h"
#include "ui/corebridge.h"
#include "ui/display.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/tracemodel.h"
#include "ui/traceview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {
enum ProcessColumn { PidColumn, StateColumn, CallsColumn };
}

ProgramTracePanel::ProgramTracePanel(CoreBridge *bridge, QWidget *parent)
    : QDockWidget(parent)
    , m_bridge(bridge)
    , m_model(new TraceModel(this))
    , m_log(new LogModel(this))
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

    m_tabs = new QTabWidget;
    m_view = new TraceView(m_model);
    m_tabs->addTab(m_view, tr("Syscalls"));
    m_logView = new LogView(m_log);
    m_tabs->addTab(m_logView, tr("Data"));
    m_processes = new QTreeWidget;
    m_processes->setHeaderLabels({tr("Process"), tr("State"), tr("Socket calls")});
    m_processes->setRootIsDecorated(true);
    m_processes->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tabs->addTab(m_processes, tr("Processes"));
    column->addWidget(m_tabs, 1);
    setWidget(body);
}

ProgramTracePanel::~ProgramTracePanel()
{
    // Joins the tracer's thread: no queued delivery can outlive the panel (Qt drops the ones
    // still queued for a deleted receiver), and the endpoint is posted to no more.
    m_tracer.reset();
    if (m_bridge && m_endpoint)
        m_bridge->unsubscribe(m_endpoint->id());
    m_endpoint.reset();
}

EndpointId ProgramTracePanel::endpointId() const { return m_endpoint ? m_endpoint->id() : 0; }

QString ProgramTracePanel::label() const { return tr("%1 (pid %2)").arg(m_program).arg(m_pid); }

bool ProgramTracePanel::start(const QStringList &argv, QString *reason)
{
    if (argv.isEmpty()) {
        *reason = tr("No program to run.");
        return false;
    }
    m_program = QFileInfo(argv.first()).fileName();
    if (!launch(0, argv, reason))
        return false;
    m_status->setText(tr("Running %1 (pid %2) under the tracer").arg(argv.join(' ')).arg(m_pid));
    return true;
}

bool ProgramTracePanel::attach(qint64 pid, QString *reason)
{
    m_program = QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget();
    m_program = QFileInfo(m_program).fileName();
    if (!launch(pid, {}, reason))
        return false;
    m_attached = true;
    m_status->setText(tr("Attached to %1 (pid %2)").arg(m_program).arg(pid));
    return true;
}

bool ProgramTracePanel::launch(qint64 pid, const QStringList &argv, QString *reason)
{
    tracee::TraceeEndpoint *endpoint = nullptr;
    if (m_bridge) {
        m_endpoint = std::make_unique<tracee::TraceeEndpoint>(
                m_bridge->sink(), &m_bridge->registry(), m_program.toStdString());
        endpoint = m_endpoint.get();
        m_state = EndpointState(endpoint->id(), Role::Server);
        m_clients = new ClientsModel(&m_state, this);
        m_clientsView = new ClientsView(m_clients);
        m_tabs->insertTab(2, m_clientsView, tr("Clients"));
        m_bridge->subscribe(endpoint->id(), this,
                            [this](std::span<const Event> events) { handleEvents(events); });
    }
    QPointer<ProgramTracePanel> self(this);
    m_tracer = std::make_unique<tracee::ProgramTracer>([self, endpoint](tracee::Event &&e) {
        // On the tracer's thread: the endpoint turns it into the workbench's events at once,
        // so their times and order are the tracer's.
        if (endpoint)
            endpoint->add(e);
        QMetaObject::invokeMethod(
                self.data(),
                [self, e = std::move(e)] {
                    if (self)
                        self->deliver(e);
                },
                Qt::QueuedConnection);
    });
    std::vector<std::string> args;
    for (const QString &a : argv)
        args.push_back(a.toStdString());
    std::string why;
    const bool ok = pid == 0 ? m_tracer->start(args, &why)
                             : m_tracer->attach(static_cast<pid_t>(pid), &why);
    if (!ok) {
        *reason = QString::fromStdString(why);
        m_tracer.reset();
        return false;
    }
    m_pid = pid == 0 ? m_tracer->pid() : pid;
    setWindowTitle(label());
    processItem(m_pid)->setText(StateColumn, tr("running"));
    return true;
}

void ProgramTracePanel::stop()
{
    if (m_tracer)
        m_tracer->detach();
}

QString ProgramTracePanel::statusText() const { return m_status->text(); }

void ProgramTracePanel::handleEvents(std::span<const Event> events)
{
    for (const Event &e : events) {
        m_state.apply(e);
        if (const auto *l = e.as<ev::Listening>())
            emit listening(l->local);
    }
    m_log->addEvents(events);
    if (m_clients)
        m_clients->refresh(nowMonoNs());
}

QTreeWidgetItem *ProgramTracePanel::processItem(qint64 pid)
{
    auto &item = m_processItems[pid];
    if (!item) {
        if (pid == m_pid || m_pid == 0) {
            item = new QTreeWidgetItem(m_processes);
            item->setText(PidColumn, tr("%1 (pid %2)").arg(m_program).arg(pid));
        } else {
            // A child: under the program (a fork's parent is not told; the program is).
            item = new QTreeWidgetItem(processItem(m_pid));
            item->setText(PidColumn, tr("child %1").arg(pid));
            item->setText(StateColumn, tr("running"));
        }
        item->setText(CallsColumn, QStringLiteral("0"));
        m_processes->expandAll();
    }
    return item;
}

void ProgramTracePanel::noteProcess(const tracee::Event &e, const QString &state)
{
    QTreeWidgetItem *item = processItem(e.pid);
    item->setText(StateColumn, state);
    if (e.tid != e.pid) {
        const QString thread = tr("thread %1").arg(e.tid);
        for (int i = 0; i < item->childCount(); ++i)
            if (item->child(i)->text(PidColumn) == thread)
                return;
        auto *t = new QTreeWidgetItem(item);
        t->setText(PidColumn, thread);
    }
}

void ProgramTracePanel::deliver(const tracee::Event &e)
{
    if (const auto *call = e.as<tracee::Call>()) {
        m_model->append({call->record});
        m_view->refresh();
        QTreeWidgetItem *item = processItem(e.pid);
        item->setText(CallsColumn, QString::number(++m_callCounts[e.pid]));
        if (e.tid != e.pid)
            noteProcess(e, item->text(StateColumn));
        return;
    }
    const QString who = e.pid == m_pid ? m_program : tr("child %1").arg(e.pid);
    QString line;
    if (const auto *x = e.as<tracee::Exited>()) {
        line = tr("%1 exited with status %2").arg(who).arg(x->status);
        noteProcess(e, tr("exited (%1)").arg(x->status));
    } else if (const auto *k = e.as<tracee::Killed>()) {
        const QString signal = QString::fromStdString(tracee::signalName(k->signo));
        line = tr("%1 was killed by %2").arg(who, signal);
        noteProcess(e, tr("killed by %1").arg(signal));
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
        noteProcess(e, tr("detached"));
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
