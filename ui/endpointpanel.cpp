#include "ui/endpointpanel.h"

#include "core/text/names.h"
#include "ui/clientsmodel.h"
#include "ui/clientsview.h"
#include "ui/corebridge.h"
#include "ui/display.h"
#include "ui/faultsview.h"
#include "ui/logmodel.h"
#include "ui/logselection.h"
#include "ui/logview.h"
#include "ui/optionsview.h"
#include "ui/panelheader.h"
#include "ui/sendcomposer.h"
#include "ui/sendplan.h"
#include "ui/tracemodel.h"
#include "ui/traceview.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace sb {
namespace {

QToolButton *buttonFor(QAction *action)
{
    auto *b = new QToolButton;
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return b;
}

} // namespace

EndpointPanel::EndpointPanel(CoreBridge *bridge, EndpointConfig config, QWidget *parent)
    : QFrame(parent)
    , m_bridge(bridge)
    , m_config(std::move(config))
{
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::ClickFocus);
    // The endpoint first: its id names this panel's rows in the models.
    m_endpoint = m_bridge->open(m_config);
    m_id = m_endpoint ? m_endpoint->id() : 0;
    m_endpointState = EndpointState(m_id, m_config.role);
    buildUi();
    attach();
    m_rateTimer = new QTimer(this);
    connect(m_rateTimer, &QTimer::timeout, this, &EndpointPanel::updateRate);
    m_rateTimer->start(1000);
    updateHeader();
    updateActions();
    updateTargets();
}

EndpointPanel::~EndpointPanel()
{
    if (m_plan)
        m_plan->cancel();
    if (m_bridge && m_id)
        m_bridge->retire(m_id);
}

void EndpointPanel::attach()
{
    if (!m_endpoint) {
        m_createError = tr("could not create the endpoint");
        return;
    }
    m_bridge->subscribe(m_id, this,
                        [this](std::span<const Event> events) { handleEvents(events); });
}

void EndpointPanel::buildUi()
{
    m_header = new PanelHeader;
    m_header->setTitle(QString::fromStdString(m_config.label), kindText(m_config));

    const bool server = isServer();
    const QString startText = server          ? tr("Listen")
            : m_config.role == Role::Client   ? tr("Connect")
            : m_config.role == Role::Datagram ? tr("Bind")
                                              : tr("Open");
    m_start = new QAction(QIcon(QStringLiteral(":/icons/start.svg")), startText, this);
    m_start->setToolTip(isRelay() ? tr("socket, bind, listen; for each client, a socket connected "
                                       "to the target")
                                : server                        ? tr("socket, bind, listen")
                                : m_config.role == Role::Client ? tr("socket, connect")
                                                                : tr("socket, bind"));
    m_close = new QAction(QIcon(QStringLiteral(":/icons/stop.svg")),
                          server ? tr("Stop") : tr("Close"), this);
    m_close->setToolTip(server ? tr("Close the listener and every client (close)")
                               : tr("Orderly close (close: FIN after queued data)"));
    m_abort = new QAction(QIcon(QStringLiteral(":/icons/abort.svg")), tr("Abort"), this);
    m_abort->setToolTip(tr("Abortive close: SO_LINGER {1, 0} then close, the peer gets a RST "
                           "(ECONNRESET)"));
    m_shutRdAction = new QAction(QString::fromStdString(shutdownName(SHUT_RD)), this);
    m_shutRdAction->setToolTip(tr("shutdown(SHUT_RD): stop reading"));
    m_shutWrAction = new QAction(QString::fromStdString(shutdownName(SHUT_WR)), this);
    m_shutWrAction->setToolTip(tr("shutdown(SHUT_WR): send FIN, the peer reads end of file"));
    m_shutRdWrAction = new QAction(QString::fromStdString(shutdownName(SHUT_RDWR)), this);
    m_shutRdWrAction->setToolTip(tr("shutdown(SHUT_RDWR): both directions"));
    connect(m_start, &QAction::triggered, this, &EndpointPanel::start);
    connect(m_close, &QAction::triggered, this, &EndpointPanel::closeSockets);
    connect(m_abort, &QAction::triggered, this, &EndpointPanel::abortConnection);
    connect(m_shutRdAction, &QAction::triggered, this, [this] { shutdownConnection(SHUT_RD); });
    connect(m_shutWrAction, &QAction::triggered, this, [this] { shutdownConnection(SHUT_WR); });
    connect(m_shutRdWrAction, &QAction::triggered, this, [this] { shutdownConnection(SHUT_RDWR); });

    auto *shutdownButton = new QToolButton(this); // owned even when no layout takes it
    m_shutdownButton = shutdownButton;
    shutdownButton->setText(tr("Shutdown"));
    shutdownButton->setIcon(QIcon(QStringLiteral(":/icons/shutdown.svg")));
    shutdownButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    shutdownButton->setPopupMode(QToolButton::InstantPopup);
    auto *shutdownMenu = new QMenu(shutdownButton);
    shutdownMenu->addActions({m_shutRdAction, m_shutWrAction, m_shutRdWrAction});
    shutdownButton->setMenu(shutdownMenu);
    shutdownButton->setToolTip(tr("shutdown(): close one direction of the connection"));
    const bool connected = isConnectionOriented(m_config.spec.transport);

    QHBoxLayout *row = m_header->actionRow();
    row->addWidget(buttonFor(m_start));
    row->addWidget(buttonFor(m_close));
    if (connected && isRelay()) {
        // A relay's direction is closed by its close fault; Abort resets both legs.
        shutdownButton->hide();
        m_abort->setText(tr("Reset"));
        m_abort->setToolTip(tr("SO_LINGER {1, 0} and close on both legs of the selected client "
                               "(every client when none is selected): both peers get a RST"));
        row->addWidget(buttonFor(m_abort));
    } else if (connected) {
        row->addWidget(shutdownButton);
        row->addWidget(buttonFor(m_abort));
    } else {
        shutdownButton->hide();
    }
    row->addStretch(1);

    m_log = new LogModel(this);
    m_logView = new LogView(m_log);
    m_trace = new TraceModel(this);
    m_traceView = new TraceView(m_trace);
    m_optionsView = new OptionsView;
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_logView, tr("Log"));
    m_tabs->addTab(m_traceView, tr("Syscalls"));
    if (server) {
        m_clients = new ClientsModel(&m_endpointState, this);
        m_clientsView = new ClientsView(m_clients);
        m_tabs->insertTab(1, m_clientsView, tr("Clients"));
        connect(m_clientsView, &ClientsView::sendToRequested, this, &EndpointPanel::sendComposerTo);
        connect(m_clientsView, &ClientsView::logFilterRequested, this,
                &EndpointPanel::showLogFilteredBy);
        connect(m_clientsView, &ClientsView::followRequested, this,
                [this](ConnId conn) { emit connectionFollowed(m_id, conn); });
        connect(m_clientsView, &ClientsView::closeRequested, this, [this](ConnId c) {
            if (m_endpoint && c)
                m_endpoint->close(c);
        });
        connect(m_clientsView, &ClientsView::abortRequested, this, [this](ConnId c) {
            if (m_endpoint && c)
                m_endpoint->abort(c);
        });
        connect(m_clientsView, &ClientsView::shutdownRequested, this, [this](ConnId c, int how) {
            if (m_endpoint && c)
                m_endpoint->shutdown(c, how);
        });
    }
    if (isRelay()) {
        m_faultsView = new FaultsView(m_config.spec.transport == Transport::Udp,
                                      m_config.relayFaults[0], m_config.relayFaults[1]);
        m_tabs->insertTab(1, m_faultsView, tr("Faults"));
        connect(m_faultsView, &FaultsView::faultsChanged, this,
                [this](RelayDir dir, const FaultPlan &plan) {
                    if (m_endpoint)
                        m_endpoint->setFaults(dir, plan);
                });
        connect(m_faultsView, &FaultsView::resetRequested, this, [this] {
            if (m_endpoint)
                m_endpoint->abort(0);
        });
    }
    m_tabs->addTab(m_optionsView, tr("Options"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &EndpointPanel::maybeReadOptions);
    connect(m_optionsView, &OptionsView::targetChanged, this, &EndpointPanel::maybeReadOptions);
    connect(m_logView, &LogView::contextMenuRequested, this, &EndpointPanel::addLogMenuActions);
    connect(m_traceView, &TraceView::contextMenuRequested, this,
            &EndpointPanel::addTraceMenuActions);
    connect(m_traceView, &TraceView::logFilterRequested, this, &EndpointPanel::showLogFilteredBy);
    connect(m_optionsView, &OptionsView::readRequested, this, [this](ConnId conn) {
        if (m_endpoint)
            m_endpoint->readOptions(conn);
    });
    connect(m_optionsView, &OptionsView::groupRequested, this,
            [this](const GroupSpec &group, bool join) {
                if (m_endpoint)
                    m_endpoint->changeGroup(group, join);
            });
    connect(m_optionsView, &OptionsView::setRequested, this,
            [this](ConnId conn, const QString &name, const QString &value) {
                if (m_endpoint)
                    m_endpoint->setOption(conn,
                                          OptionSetting {name.toStdString(), value.toStdString()});
            });

    m_composer = new SendComposer;
    connect(m_composer, &SendComposer::sendRequested, this, &EndpointPanel::send);
    connect(m_composer, &SendComposer::cancelRequested, this, &EndpointPanel::cancelSend);
    // MSG_OOB is TCP's urgent data: nothing a datagram or a UNIX socket carries.
    m_composer->setOobVisible(m_config.spec.transport == Transport::Tcp);
    if (sendsDatagramsTo()) {
        m_composer->setDestinationVisible(true);
        if (m_config.remote)
            m_composer->destination()->setText(QString::fromStdString(m_config.remote->toString()));
        updateDestinationHint();
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_composer);
    // A relay forwards what its peers send: it has nothing of its own to send.
    m_composer->setVisible(!isRelay());

    connect(m_header, &PanelHeader::closeClicked, this, &EndpointPanel::closeRequested);
    // Any click or focus inside the panel makes it the one the Socket menu acts on.
    for (QWidget *w : findChildren<QWidget *>())
        w->installEventFilter(this);
}

QString EndpointPanel::title() const { return QString::fromStdString(m_config.label); }

QAction *EndpointPanel::shutdownAction(int how) const
{
    return how == SHUT_RD ? m_shutRdAction : how == SHUT_WR ? m_shutWrAction : m_shutRdWrAction;
}

QList<QAction *> EndpointPanel::socketActions() const
{
    return {m_start, m_close, m_shutRdAction, m_shutWrAction, m_shutRdWrAction, m_abort};
}

void EndpointPanel::start()
{
    if (!m_endpoint)
        return;
    // The last error stays until the call it names succeeds (EndpointState's rule), so a
    // retry that fails the same way does not blink.
    m_started = true;
    emit startAsked();
    m_endpoint->start();
    updateHeader();
}

ConnId EndpointPanel::actionTarget() const
{
    if (isServer())
        return m_clientsView ? m_clientsView->selectedConn() : 0;
    // A client has one connection; a socketpair's actions go to the end chosen in the composer.
    if (m_config.role == Role::Pair)
        return m_composer->targetBox()->currentData().toUInt();
    const std::vector<ConnId> live = m_endpointState.liveConnections();
    return live.empty() ? 0 : live.back();
}

std::vector<ConnId> EndpointPanel::serverTargets() const
{
    // The clients selected in the Clients tab, or every client when none is.
    const QList<ConnId> selected = m_clientsView ? m_clientsView->selectedConns() : QList<ConnId>();
    if (selected.isEmpty())
        return m_endpointState.liveConnections();
    return {selected.begin(), selected.end()};
}

void EndpointPanel::closeSockets()
{
    if (m_plan)
        m_plan->cancel();
    if (!m_endpoint)
        return;
    emit closeAsked();
    m_endpoint->close(0);
}

void EndpointPanel::abortConnection()
{
    if (!m_endpoint)
        return;
    if (isRelay()) {
        // Each client is two legs, one session: reset it once (0: every session).
        const QList<ConnId> selected
                = m_clientsView ? m_clientsView->selectedConns() : QList<ConnId>();
        std::set<ConnId> sessions;
        for (ConnId conn : selected)
            sessions.insert(conn % 2 ? conn : conn - 1);
        if (sessions.empty())
            m_endpoint->abort(0);
        for (ConnId session : sessions)
            m_endpoint->abort(session);
        return;
    }
    if (isServer()) {
        for (ConnId conn : serverTargets())
            m_endpoint->abort(conn);
        return;
    }
    m_endpoint->abort(actionTarget());
}

void EndpointPanel::shutdownConnection(int how)
{
    if (!m_endpoint)
        return;
    emit shutdownAsked(how);
    if (isServer()) {
        for (ConnId conn : serverTargets())
            m_endpoint->shutdown(conn, how);
        return;
    }
    m_endpoint->shutdown(actionTarget(), how);
}

void EndpointPanel::readOptions()
{
    m_optionsRead = {m_openings, m_optionsView->target()};
    m_tabs->setCurrentWidget(m_optionsView);
    if (m_endpoint)
        m_endpoint->readOptions(m_optionsView->target());
}

void EndpointPanel::send(const SendRequest &request)
{
    if (!m_endpoint)
        return;
    if (m_plan)
        m_plan->cancel();
    const std::vector<ConnId> targets
            = request.targets.empty() ? std::vector<ConnId> {request.target} : request.targets;
    const int flags = request.flags;
    // An empty To field answers the last sender, the address the field shows.
    std::optional<Address> to = request.to;
    if (!to && sendsDatagramsTo() && m_lastSender.valid())
        to = m_lastSender;
    Endpoint *ep = m_endpoint;
    QPointer<EndpointPanel> self(this);
    m_plan = new SendPlan(
            makeBytes(request.bytes), request.repeat, request.intervalMs,
            [ep, targets, flags, to, self](const Bytes &bytes) {
                if (self)
                    emit self->sendAsked(QByteArray(bytes->data(), qsizetype(bytes->size())),
                                         flags);
                for (ConnId target : targets)
                    ep->send(target, bytes, flags, to);
            },
            this);
    SendPlan *plan = m_plan;
    const bool longSend = request.repeat > 1 || request.bytes.size() >= (1u << 20);
    if (longSend) {
        connect(plan, &SendPlan::progressed, this, [this, plan](int sent, int repeat) {
            m_composer->showProgress(m_endpointState.queued(), plan->totalBytes(), repeat - sent);
        });
        connect(plan, &SendPlan::allHandedOver, this, [this] {
            if (m_endpointState.queued() == 0)
                m_composer->endProgress();
        });
        m_composer->showProgress(plan->totalBytes(), plan->totalBytes(), request.repeat);
    }
    plan->start();
    if (plan->isDone() && !longSend)
        plan->deleteLater();
}

bool EndpointPanel::sendsDatagramsTo() const
{
    return m_config.role == Role::Datagram && !m_config.connectDatagram;
}

void EndpointPanel::updateDestinationHint()
{
    const Transport transport = m_config.spec.transport;
    QString hint;
    if (m_lastSender.valid())
        hint = tr("%1 (the last sender)")
                       .arg(QString::fromStdString(formatEndpoint(transport, m_lastSender)));
    else if (m_config.remote)
        hint = QString::fromStdString(m_config.remote->toString());
    else
        hint = transport == Transport::UnixDgram
                ? tr("e.g. unix-dgram:///tmp/peer.sock, or answer whoever writes first")
                : tr("e.g. udp://127.0.0.1:9000, or answer whoever writes first");
    m_composer->destination()->setPlaceholderText(hint);
}

void EndpointPanel::sendComposerTo(const QList<ConnId> &conns)
{
    if (conns.isEmpty())
        return;
    std::optional<SendRequest> request = m_composer->request();
    if (!request)
        return;
    request->targets.assign(conns.begin(), conns.end());
    send(*request);
}

void EndpointPanel::resend(const QList<LogEntry> &entries)
{
    if (!m_endpoint)
        return;
    const bool perConnection = isServer() || m_config.role == Role::Pair;
    for (const LogEntry &e : entries) {
        if (e.kind != LogEntry::Kind::Data || e.dir != Direction::Out || !e.bytes)
            continue;
        const std::optional<Address> to
                = sendsDatagramsTo() && e.peer.valid() ? std::optional(e.peer) : std::nullopt;
        emit sendAsked(QByteArray(e.bytes->data(), qsizetype(e.bytes->size())), e.flags & MSG_OOB);
        m_endpoint->send(perConnection ? e.conn : 0, e.bytes, e.flags & MSG_OOB, to);
    }
}

void EndpointPanel::showLogFilteredBy(const QString &peer)
{
    m_tabs->setCurrentWidget(m_logView);
    m_logView->filterByPeer(peer);
}

void EndpointPanel::followConnection(ConnId conn)
{
    if (m_clientsView && conn) {
        m_tabs->setCurrentWidget(m_clientsView);
        m_clientsView->selectConn(conn);
    }
    emit connectionFollowed(m_id, conn);
}

void EndpointPanel::addLogMenuActions(QMenu *menu, const QList<LogEntry> &entries)
{
    menu->addSeparator();
    QList<LogEntry> sent;
    const std::vector<ConnId> live = m_endpointState.liveConnections();
    auto isLive
            = [&live](ConnId c) { return std::find(live.begin(), live.end(), c) != live.end(); };
    const bool perConnection = isServer() || m_config.role == Role::Pair;
    bool reachable = !entries.isEmpty();
    for (const LogEntry &e : entries) {
        if (e.kind == LogEntry::Kind::Data && e.dir == Direction::Out)
            sent << e;
        if (perConnection && !isLive(e.conn))
            reachable = false;
    }
    QAction *again = menu->addAction(
            sent.size() > 1 ? tr("&Resend %n messages", nullptr, static_cast<int>(sent.size()))
                            : tr("&Resend"),
            this, [this, sent] { resend(sent); });
    again->setObjectName(QStringLiteral("resend"));
    again->setToolTip(tr("Send the same bytes again, to where they went"));
    again->setEnabled(!sent.isEmpty() && sent.size() == entries.size() && reachable
                      && canSendNow());

    const LogEntry *one = entries.size() == 1 ? &entries.front() : nullptr;
    const bool received = one && one->kind == LogEntry::Kind::Data && one->dir == Direction::In;
    const Bytes saved = one && one->kind == LogEntry::Kind::Data ? one->bytes : Bytes();
    QAction *save = menu->addAction(tr("Sa&ve this message"), this, [this, saved] {
        emit messageSaveRequested(QByteArray::fromStdString(std::string(view(saved))));
    });
    save->setObjectName(QStringLiteral("saveMessage"));
    save->setToolTip(tr("Keep these bytes in Saved messages, to send again"));
    save->setEnabled(saved != nullptr);
    QAction *reply = nullptr;
    if (sendsDatagramsTo()) {
        const bool named = received && one->peer.valid()
                && (!one->peer.isUnix() || one->peer.length() > sizeof(sa_family_t));
        const QString to = named
                ? QString::fromStdString(formatEndpoint(m_config.spec.transport, one->peer))
                : QString();
        reply = menu->addAction(named ? tr("Re&ply to this sender (%1)").arg(to)
                                      : tr("Re&ply to this sender"),
                                this, [this, to] {
                                    m_composer->destination()->setText(to);
                                    m_composer->input()->setFocus();
                                    m_composer->input()->selectAll();
                                });
        reply->setEnabled(named && canSendNow());
    } else if (isServer()) {
        const ConnId conn = received ? one->conn : 0;
        reply = menu->addAction(tr("Re&ply to this client"), this, [this, conn] {
            m_composer->selectTarget(conn);
            m_composer->input()->setFocus();
            m_composer->input()->selectAll();
        });
        reply->setEnabled(conn != 0 && isLive(conn));
    }
    if (reply)
        reply->setObjectName(QStringLiteral("reply"));

    const bool hasConnection = one && (one->conn != 0 || m_config.role == Role::Datagram);
    QAction *follow
            = menu->addAction(tr("F&ollow this connection"), this,
                              [this, conn = one ? one->conn : 0] { followConnection(conn); });
    follow->setObjectName(QStringLiteral("follow"));
    follow->setEnabled(hasConnection);
}

void EndpointPanel::addTraceMenuActions(QMenu *menu, const TraceRecord &record)
{
    menu->addSeparator();
    const bool carries = !TraceModel::carriedBytes(record).empty();
    QAction *inLog = menu->addAction(tr("Show in the &log"), this, [this, record] {
        m_tabs->setCurrentWidget(m_logView);
        selectLogEntry(m_logView, m_log, record.conn, record.monoNs);
    });
    inLog->setObjectName(QStringLiteral("showInLog"));
    inLog->setEnabled(carries);
    QAction *follow = menu->addAction(tr("F&ollow this connection"), this,
                                      [this, conn = record.conn] { followConnection(conn); });
    follow->setObjectName(QStringLiteral("follow"));
    follow->setEnabled(record.conn != 0 || m_config.role == Role::Datagram);
}

void EndpointPanel::maybeReadOptions()
{
    if (!m_endpoint || m_tabs->currentWidget() != m_optionsView)
        return;
    const State s = state();
    if (s != State::Listening && s != State::Bound && s != State::Connected
        && s != State::HalfClosed)
        return;
    const std::pair<int, ConnId> key {m_openings, m_optionsView->target()};
    if (m_optionsRead == key)
        return;
    m_optionsRead = key;
    m_endpoint->readOptions(key.second);
}

void EndpointPanel::cancelSend()
{
    if (m_plan)
        m_plan->cancel();
    if (m_endpoint) {
        const std::vector<ConnId> live = m_endpointState.liveConnections();
        if (live.empty())
            m_endpoint->cancelSend(0);
        for (ConnId conn : live)
            m_endpoint->cancelSend(conn);
    }
    m_composer->endProgress();
}

void EndpointPanel::focusInEvent(QFocusEvent *event)
{
    QFrame::focusInEvent(event);
    emit activated();
}

bool EndpointPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::MouseButtonPress)
        emit activated();
    return QFrame::eventFilter(watched, event);
}

} // namespace sb
