#include "ui/tcpstatedock.h"

#include "core/tools/netstat.h"
#include "ui/asynclookup.h"
#include "ui/connectionsdock.h"
#include "ui/connectionsmodel.h"
#include "ui/corebridge.h"
#include "ui/democontroller.h"
#include "ui/display.h"
#include "ui/mainwindow.h"
#include "ui/tcpstatediagram.h"
#include "ui/wiredock.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace sb {
namespace {

bool sameEnd(const InetSocketRow &r, const SocketRow &row)
{
    return r.local.toString() == row.local.toString()
            && r.foreign.toString() == row.peer.toString();
}

bool touches(const Packet &p, const SocketRow &row)
{
    const std::string local = row.local.toString(), peer = row.peer.toString();
    const std::string src = p.src.toString(), dst = p.dst.toString();
    return (src == local && dst == peer) || (src == peer && dst == local);
}

} // namespace

TcpStateDock::TcpStateDock(CoreBridge *bridge, ConnectionsModel *connections, QWidget *parent)
    : QDockWidget(tr("TCP state"), parent)
    , m_connections(connections)
    , m_title(new QLabel)
    , m_state(new QLabel)
    , m_source(new QLabel)
    , m_diagram(new TcpStateDiagram)
    , m_steps(new QListWidget)
{
    setObjectName(QStringLiteral("tcpStateDock"));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    m_title->setFont(monospaceFont());
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setObjectName(QStringLiteral("tcpStateTitle"));
    QFont big = m_state->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_state->setFont(big);
    m_state->setObjectName(QStringLiteral("tcpStateNow"));
    m_state->setWordWrap(true);
    m_source->setWordWrap(true);
    m_source->setForegroundRole(QPalette::PlaceholderText);
    m_steps->setFont(monospaceFont());
    m_steps->setObjectName(QStringLiteral("tcpStateSteps"));
    m_steps->setUniformItemSizes(true);
    m_steps->setToolTip(tr("Each move of this end: when (from its first), from which state to "
                           "which, and the segment or kernel reading that moved it."));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_diagram);
    split->addWidget(m_steps);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    m_steps->setMinimumHeight(QFontMetrics(monospaceFont()).height() * 3 + 8);
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addWidget(m_source);
    layout->addWidget(split, 1);
    setWidget(body);

    bridge->subscribeAll(this, [this](std::span<const Event> events) { addEvents(events); });
    connect(bridge, &CoreBridge::socketsSnapshotted, this, &TcpStateDock::onSnapshot);
    m_tick.setInterval(kPollMs);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        poll();
        refresh(); // the countdown
    });
    refresh();
}

bool TcpStateDock::follow(EndpointId endpoint, ConnId conn)
{
    const int row = m_connections->rowOf(endpoint, conn);
    if (row < 0)
        return false;
    const SocketRow &r = m_connections->socketRow(row);
    if (m_following && r.endpoint == m_row.endpoint && r.conn == m_row.conn
        && r.local.toString() == m_row.local.toString())
        return true;
    // A row the table still shows after its socket left the Registry: its last state there is
    // stale, the kernel's word is in /proc/net from the start.
    followRow(r, !m_connections->isClosed(row));
    return true;
}

void TcpStateDock::followRow(const SocketRow &row, bool inRegistry)
{
    m_job.cancel();
    m_following = true;
    m_row = row;
    m_history = TcpEndHistory();
    m_inRegistry = true;
    if (row.transport == Transport::Tcp) {
        m_history.setCaptured(m_states.pathOf(row.local, row.peer));
        if (const auto state = tcpStateFromNetstatName(row.state);
            inRegistry && state && *state != TcpState::Closed)
            m_history.observeKernel(nowMonoNs(), *state);
        else
            m_inRegistry = false;
        m_tick.start();
        if (!m_inRegistry)
            poll();
    } else {
        m_tick.stop();
    }
    refresh();
}

void TcpStateDock::addEvents(std::span<const Event> events)
{
    // A batch comes grouped by endpoint: a SYN-ACK (the server's) may come before its SYN (the
    // client's). The states move in the order of capture.
    std::vector<const Packet *> packets;
    for (const Event &e : events)
        if (const auto *p = e.as<ev::Packet>())
            packets.push_back(p->packet.get());
    std::stable_sort(packets.begin(), packets.end(),
                     [](const Packet *a, const Packet *b) { return a->number < b->number; });
    bool ours = false;
    for (const Packet *p : packets) {
        m_states.apply(*p);
        ours = ours || (m_following && touches(*p, m_row));
    }
    if (ours && m_row.transport == Transport::Tcp) {
        m_history.setCaptured(m_states.pathOf(m_row.local, m_row.peer));
        refresh();
    }
}

void TcpStateDock::onSnapshot(const std::vector<SocketRow> &rows)
{
    if (!m_following || m_row.transport != Transport::Tcp || m_history.gone())
        return;
    const auto it = std::find_if(rows.begin(), rows.end(), [this](const SocketRow &r) {
        return r.endpoint == m_row.endpoint && r.conn == m_row.conn;
    });
    // A socket the workbench still holds may be CLOSE while its TIME-WAIT twin (the kernel's
    // timewait socket, no file's) lives on in /proc/net/tcp: that is the one ss shows.
    const auto state = it == rows.end() ? std::nullopt : tcpStateFromNetstatName(it->state);
    const bool wasInRegistry = m_inRegistry;
    m_inRegistry = state && *state != TcpState::Closed;
    if (m_inRegistry) {
        // A client selected while it connected learns its addresses later.
        if ((it->peer.valid() && !m_row.peer.valid())
            || (it->local.valid() && !m_row.local.valid())) {
            m_row.local = it->local;
            m_row.peer = it->peer;
            m_history.setCaptured(m_states.pathOf(m_row.local, m_row.peer));
        }
        m_history.observeKernel(nowMonoNs(), *state);
        refresh();
    } else if (wasInRegistry) {
        poll();
    }
}

void TcpStateDock::poll()
{
    if (!m_following || m_row.transport != Transport::Tcp || m_inRegistry || m_history.gone()
        || m_job.running())
        return;
    runLookup(
            m_job, this,
            [] {
                NetstatOptions options;
                options.all = true;
                options.numeric = true;
                options.udp = false;
                options.unixSockets = false;
                const int64_t readNs = nowMonoNs();
                return std::make_pair(readNs, readNetstat(options).inet);
            },
            [this](std::pair<int64_t, std::vector<InetSocketRow>> read) {
                onProcRows(read.first, read.second);
            });
}

void TcpStateDock::onProcRows(int64_t readNs, const std::vector<InetSocketRow> &rows)
{
    if (m_inRegistry || m_history.gone())
        return;
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [this](const InetSocketRow &r) { return sameEnd(r, m_row); });
    const auto state = it == rows.end() ? std::nullopt : tcpStateFromKernel(it->state);
    if (state) {
        // Timer 3 is TIME-WAIT's (and an orphan FIN-WAIT-2's, kept the same way).
        m_history.observeKernel(readNs, *state, it->timer == 3 ? it->timerMs : -1);
    } else {
        m_history.observeGone(readNs);
        m_tick.stop();
    }
    refresh();
}

QString TcpStateDock::stateText() const { return m_state->text(); }

QString TcpStateDock::title() const { return m_title->text(); }

QString TcpStateDock::stepText(const TcpStep &step) const
{
    const QString flags = QString::fromStdString(tcpFlagsText(step.tcpFlags));
    switch (step.cause) {
    case TcpStepCause::Sent:
        return tr("sent %1").arg(flags);
    case TcpStepCause::Received:
        return tr("received %1").arg(flags);
    case TcpStepCause::FirstSeen:
        return step.packetNumber ? tr("first segment seen, %1 (the capture began later)").arg(flags)
                                 : tr("the kernel's first reading");
    case TcpStepCause::Kernel:
        return tr("read from the kernel (no segment seen)");
    case TcpStepCause::TimerExpired:
        return step.from == TcpState::TimeWait ? tr("2MSL timeout: the kernel dropped the socket")
                                               : tr("timer ran out: the kernel dropped the socket");
    case TcpStepCause::Vanished:
        return tr("the kernel holds the socket no more");
    }
    return {};
}

void TcpStateDock::refresh()
{
    if (!m_following) {
        m_title->setText(tr("No connection followed"));
        m_state->setText(tr("Select a TCP connection in the Connections table."));
        m_source->clear();
        m_diagram->setInactive(true);
        m_diagram->setPath({}, std::nullopt);
        m_steps->clear();
        return;
    }
    const QString proto = QString::fromStdString(m_row.proto());
    const QString peer = m_row.peer.valid() ? QString::fromStdString(m_row.peer.toString())
                                            : QStringLiteral("*");
    m_title->setText(QStringLiteral("%1 %2 → %3  %4")
                             .arg(proto, QString::fromStdString(m_row.local.toString()), peer,
                                  QString::fromStdString(m_row.owner)));
    m_title->setToolTip(m_title->text());
    if (m_row.transport != Transport::Tcp) {
        const bool udp = m_row.transport == Transport::Udp;
        m_state->setText(udp ? tr("UDP has no TCP state machine: each datagram stands alone, "
                                  "with no connection to open or close.")
                             : tr("UNIX sockets have no TCP state machine: the kernel joins "
                                  "the two sockets directly, with no segments."));
        m_source->clear();
        m_diagram->setInactive(true);
        m_diagram->setPath({}, std::nullopt);
        m_steps->clear();
        return;
    }
    const std::optional<TcpState> now = m_history.current();
    const int64_t left = m_history.timerLeftMs(nowMonoNs());
    QString state = now ? QString::fromLatin1(ssStateName(*now)) : tr("unknown");
    if (left >= 0)
        state = tr("%1 — %2 s left").arg(state).arg((left + 999) / 1000);
    m_state->setText(state);
    const std::vector<TcpStep> path = m_history.path();
    m_source->setText(m_history.fromCapture()
                              ? tr("Path from the captured segments; state now from the kernel.")
                              : tr("Path from the kernel's readings: no segment of it was "
                                   "captured."));
    m_diagram->setInactive(false);
    m_diagram->setPath(path, now);
    const int64_t t0 = path.empty() ? 0 : path.front().monoNs;
    QStringList lines;
    for (size_t i = 0; i < path.size(); ++i) {
        const TcpStep &s = path[i];
        const QString move = s.from == s.to
                ? QString::fromLatin1(ssStateName(s.to))
                : QStringLiteral("%1 → %2").arg(QString::fromLatin1(ssStateName(s.from)),
                                                QString::fromLatin1(ssStateName(s.to)));
        lines << QStringLiteral("%1. +%2 s %3: %4")
                         .arg(i + 1)
                         .arg(double(s.monoNs - t0) / 1e9, 0, 'f', 3)
                         .arg(move, stepText(s));
    }
    bool same = m_steps->count() == lines.size();
    for (int i = 0; same && i < lines.size(); ++i)
        same = m_steps->item(i)->text() == lines[i];
    if (!same) {
        m_steps->clear();
        m_steps->addItems(lines);
        m_steps->scrollToBottom();
    }
}

TcpStateDock *addTcpStateDock(MainWindow *window, QMenu *viewMenu)
{
    auto *dock = new TcpStateDock(window->bridge(), window->connectionsModel(), window);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();
    window->restoreDockWidget(dock);
    QAction *toggle = dock->toggleViewAction();
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    viewMenu->insertAction(viewMenu->actions().value(4), toggle);
    // Opened, it takes about a third of the window, as the other tool docks do.
    QObject::connect(toggle, &QAction::toggled, dock, [window, dock](bool on) {
        if (on && !dock->isFloating())
            QTimer::singleShot(0, dock, [window, dock] {
                window->resizeDocks(
                        {dock}, {std::max(dock->minimumSizeHint().width(), window->width() / 3)},
                        Qt::Horizontal);
            });
    });

    // The row selected in the Connections table, by a person: a row that vanished (its socket
    // closed a while ago) moves the table's current row, but the dock keeps following it.
    QTableView *view = window->connectionsView();
    ConnectionsModel *model = window->connectionsModel();
    const auto followIndex = [dock](const QModelIndex &index) {
        if (index.isValid())
            dock->follow(index.data(ConnectionsModel::EndpointRole).toUInt(),
                         index.data(ConnectionsModel::ConnRole).toUInt());
    };
    QObject::connect(view, &QTableView::clicked, dock, followIndex);
    QObject::connect(
            view->selectionModel(), &QItemSelectionModel::currentRowChanged, dock,
            [dock, model, followIndex](const QModelIndex &current, const QModelIndex &previous) {
                const EndpointId id = previous.data(ConnectionsModel::EndpointRole).toUInt();
                const ConnId conn = previous.data(ConnectionsModel::ConnRole).toUInt();
                const QPersistentModelIndex next(current);
                // Decided once the model is done: a removal has taken the row by then.
                QTimer::singleShot(0, dock, [=] {
                    if (previous.isValid() && model->rowOf(id, conn) < 0)
                        return;
                    followIndex(next);
                });
            });
    if (auto *connections = qobject_cast<ConnectionsDock *>(window->connectionsDock()))
        QObject::connect(connections, &ConnectionsDock::tcpStateRequested, dock,
                         [dock](EndpointId endpoint, ConnId conn) {
                             dock->follow(endpoint, conn);
                             dock->show();
                             dock->raise();
                         });
    if (WireDock *wire = window->wireDock())
        QObject::connect(wire, &WireDock::arrowSelected, dock,
                         [dock](const WireEnd &sendEnd, const WireEnd &recvEnd) {
                             if (!dock->follow(sendEnd.endpoint, sendEnd.conn))
                                 dock->follow(recvEnd.endpoint, recvEnd.conn);
                         });
    if (DemoController *demos = window->demos())
        QObject::connect(demos, &DemoController::demoEvents, dock,
                         [dock](const std::vector<Event> &events) { dock->addEvents(events); });
    return dock;
}

} // namespace sb
