#include "ui/endpointpanel.h"

#include "ui/clientsmodel.h"
#include "ui/clientsview.h"
#include "ui/corebridge.h"
#include "ui/display.h"
#include "ui/logmodel.h"
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
        m_error = tr("could not create the endpoint");
        setState(State::Failed);
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
    m_start->setToolTip(server                                  ? tr("socket, bind, listen")
                                : m_config.role == Role::Client ? tr("socket, connect")
                                                                : tr("socket, bind"));
    m_close = new QAction(QIcon(QStringLiteral(":/icons/stop.svg")),
                          server ? tr("Stop") : tr("Close"), this);
    m_close->setToolTip(server ? tr("Close the listener and every client (close)")
                               : tr("Orderly close (close: FIN after queued data)"));
    m_abort = new QAction(QIcon(QStringLiteral(":/icons/abort.svg")), tr("Abort"), this);
    m_abort->setToolTip(tr("Abortive close: SO_LINGER {1, 0} then close, the peer gets a RST "
                           "(ECONNRESET)"));
    m_shutRdAction = new QAction(QStringLiteral("SHUT_RD"), this);
    m_shutRdAction->setToolTip(tr("shutdown(SHUT_RD): stop reading"));
    m_shutWrAction = new QAction(QStringLiteral("SHUT_WR"), this);
    m_shutWrAction->setToolTip(tr("shutdown(SHUT_WR): send FIN, the peer reads end of file"));
    m_shutRdWrAction = new QAction(QStringLiteral("SHUT_RDWR"), this);
    m_shutRdWrAction->setToolTip(tr("shutdown(SHUT_RDWR): both directions"));
    connect(m_start, &QAction::triggered, this, &EndpointPanel::start);
    connect(m_close, &QAction::triggered, this, &EndpointPanel::closeSockets);
    connect(m_abort, &QAction::triggered, this, &EndpointPanel::abortConnection);
    connect(m_shutRdAction, &QAction::triggered, this, [this] { shutdownConnection(SHUT_RD); });
    connect(m_shutWrAction, &QAction::triggered, this, [this] { shutdownConnection(SHUT_WR); });
    connect(m_shutRdWrAction, &QAction::triggered, this, [this] { shutdownConnection(SHUT_RDWR); });

    auto *shutdownButton = new QToolButton(this); // owned even when no layout takes it
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
    if (connected) {
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
        m_clients = new ClientsModel(m_id, this);
        m_clientsView = new ClientsView(m_clients);
        m_tabs->insertTab(1, m_clientsView, tr("Clients"));
        connect(m_clientsView, &ClientsView::sendToRequested, this, [this](ConnId conn) {
            m_composer->selectTarget(conn);
            m_composer->input()->setFocus();
        });
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
    m_tabs->addTab(m_optionsView, tr("Options"));
    connect(m_optionsView, &OptionsView::readRequested, this, [this](ConnId conn) {
        if (m_endpoint)
            m_endpoint->readOptions(conn);
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
    if (m_config.role == Role::Datagram && !m_config.connectDatagram) {
        m_composer->setDestinationVisible(true, tr("udp://127.0.0.1:9000"));
        if (m_config.remote)
            m_composer->destination()->setText(QString::fromStdString(m_config.remote->toString()));
        if (m_config.spec.transport == Transport::UnixDgram)
            m_composer->destination()->setPlaceholderText(
                    QStringLiteral("unix-dgram:///tmp/peer.sock"));
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_composer);

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
    m_error.clear();
    m_errorCause.clear();
    m_peerEof = m_shutRd = m_shutWr = false;
    m_started = true;
    m_endpoint->start();
    if (m_config.role == Role::Client)
        setState(State::Connecting);
    updateHeader();
}

ConnId EndpointPanel::actionTarget() const
{
    if (isServer())
        return m_clientsView ? m_clientsView->selectedConn() : 0;
    // A client has one connection; a socketpair's actions go to the end chosen in the composer.
    if (m_config.role == Role::Pair)
        return m_composer->targetBox()->currentData().toUInt();
    return m_live.empty() ? 0 : m_live.rbegin()->first;
}

void EndpointPanel::closeSockets()
{
    if (m_plan)
        m_plan->cancel();
    if (m_endpoint)
        m_endpoint->close(0);
}

void EndpointPanel::abortConnection()
{
    if (!m_endpoint)
        return;
    if (isServer() && actionTarget() == 0) {
        for (const auto &[conn, peer] : m_live)
            m_endpoint->abort(conn);
        return;
    }
    m_endpoint->abort(actionTarget());
}

void EndpointPanel::shutdownConnection(int how)
{
    if (!m_endpoint)
        return;
    if (isServer() && actionTarget() == 0) {
        for (const auto &[conn, peer] : m_live)
            m_endpoint->shutdown(conn, how);
        return;
    }
    m_endpoint->shutdown(actionTarget(), how);
}

void EndpointPanel::readOptions()
{
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
    const ConnId target = request.target;
    const int flags = request.flags;
    const std::optional<Address> to = request.to;
    Endpoint *ep = m_endpoint;
    m_plan = new SendPlan(
            makeBytes(request.bytes), request.repeat, request.intervalMs,
            [ep, target, flags, to](const Bytes &bytes) { ep->send(target, bytes, flags, to); },
            this);
    SendPlan *plan = m_plan;
    const bool longSend = request.repeat > 1 || request.bytes.size() >= (1u << 20);
    if (longSend) {
        connect(plan, &SendPlan::progressed, this, [this, plan](int sent, int repeat) {
            m_composer->showProgress(m_queued, plan->totalBytes(), repeat - sent);
        });
        connect(plan, &SendPlan::allHandedOver, this, [this] {
            if (m_queued == 0)
                m_composer->endProgress();
        });
        m_composer->showProgress(plan->totalBytes(), plan->totalBytes(), request.repeat);
    }
    plan->start();
    if (plan->isDone() && !longSend)
        plan->deleteLater();
}

void EndpointPanel::cancelSend()
{
    if (m_plan)
        m_plan->cancel();
    if (m_endpoint) {
        if (m_live.empty())
            m_endpoint->cancelSend(0);
        for (const auto &[conn, peer] : m_live)
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
