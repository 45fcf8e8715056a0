#pragma once

#include "core/net/endpoint.h"
#include "core/net/endpointstate.h"
#include "core/net/registry.h"
#include "ui/logmodel.h"

#include <QFrame>
#include <QPointer>

#include <map>
#include <span>

class QAction;
class QMenu;
class QTabWidget;
class QTimer;
class QToolButton;

namespace sb {

class ClientsModel;
class ClientsView;
class CoreBridge;
class LogModel;
class LogView;
class FaultsView;
class OptionsView;
class PanelHeader;
class SendComposer;
class SendPlan;
class TraceModel;
class TraceView;
struct SendRequest;

/// One socket panel: the endpoint it drives (through CoreBridge), its header, composer, log,
/// trace, clients and options. Its EndpointState takes the endpoint's events and Registry
/// snapshots; every number, the phase, the error banner and the enabled actions are read
/// from it. Never touches a socket itself. GUI thread only.
class EndpointPanel : public QFrame
{
    Q_OBJECT
public:
    using State = EndpointPhase;

    EndpointPanel(CoreBridge *bridge, EndpointConfig config, QWidget *parent = nullptr);
    ~EndpointPanel() override;

    EndpointId endpointId() const { return m_id; }
    const EndpointConfig &config() const { return m_config; }
    QString title() const;
    /// The endpoint's phase; Failed when the endpoint could not even be created.
    State state() const { return m_endpoint ? m_endpointState.phase() : State::Failed; }
    /// The one state of this panel's endpoint (events and snapshots applied).
    const EndpointState &endpointState() const { return m_endpointState; }
    /// "LISTEN", "ESTABLISHED", "CLOSED", "ERROR", ... as the header shows it.
    QString stateText() const;
    /// The last error as the header shows it ("bind: EADDRINUSE (Address already in use)").
    QString errorText() const;
    /// The usual cause of that error, or what the event said beyond the errno.
    QString errorCause() const;
    Address localAddress() const { return m_endpointState.local(); }
    Address peerAddress() const { return m_endpointState.peer(); }
    uint64_t bytesIn() const;
    uint64_t bytesOut() const;
    uint64_t messagesIn() const;
    uint64_t messagesOut() const;
    /// Datagrams the kernel dropped for want of buffer room (SO_RXQ_OVFL), as last read.
    uint64_t kernelDrops() const { return m_endpointState.kernelDrops(); }

    PanelHeader *header() const { return m_header; }
    SendComposer *composer() const { return m_composer; }
    LogModel *logModel() const { return m_log; }
    LogView *logView() const { return m_logView; }
    TraceModel *traceModel() const { return m_trace; }
    TraceView *traceView() const { return m_traceView; }
    ClientsModel *clientsModel() const { return m_clients; }
    ClientsView *clientsView() const { return m_clientsView; }
    OptionsView *optionsView() const { return m_optionsView; }
    /// A relay's Faults tab; null for other panels.
    FaultsView *faultsView() const { return m_faultsView; }
    QTabWidget *tabs() const { return m_tabs; }

    QAction *startAction() const { return m_start; }
    QAction *closeAction() const { return m_close; }
    QAction *abortAction() const { return m_abort; }
    QAction *shutdownAction(int how) const;
    QToolButton *shutdownButton() const { return m_shutdownButton; }
    QList<QAction *> socketActions() const;
    /// Where a datagram goes when the To field is left empty: the last sender heard from
    /// (an unconnected datagram socket answers it, as a UDP server does); invalid if none.
    Address lastSender() const { return m_lastSender; }

public slots:
    void start();
    void closeSockets();
    void abortConnection();
    void shutdownConnection(int how);
    void send(const sb::SendRequest &request);
    void cancelSend();
    void readOptions();
    /// Sends the composer's message to each of conns (a server's selected clients).
    void sendComposerTo(const QList<sb::ConnId> &conns);
    /// Sends the bytes of the logged outgoing entries again, each to where it went.
    void resend(const QList<sb::LogEntry> &entries);
    /// Shows only peer's rows in the log, and the log.
    void showLogFilteredBy(const QString &peer);
    /// Selects conn's row in the Clients tab (a server) and asks for its Connections row.
    void followConnection(sb::ConnId conn);
    /// Merges a Registry snapshot (exact counters, TCP states, output queues).
    void applySnapshot(const std::vector<sb::SocketRow> &rows);

signals:
    void listening(const sb::Address &local);
    void stateChanged();
    void closeRequested();
    void activated();
    /// "Follow this connection": the window shows the row of (endpoint, conn) in Connections.
    void connectionFollowed(sb::EndpointId endpoint, sb::ConnId conn);
    /// A log row's "Save this message": its bytes go to the Saved messages dock.
    void messageSaveRequested(const QByteArray &bytes);
    /// The person's actions, as they are handed to the endpoint (a scenario records them):
    /// start, a send (each repetition of a repeated one), shutdown, close.
    void startAsked();
    void sendAsked(const QByteArray &bytes, int flags);
    void shutdownAsked(int how);
    void closeAsked();

protected:
    void focusInEvent(QFocusEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void attach();
    void handleEvents(std::span<const Event> events);
    void handleEvent(const Event &e);
    void updateHeader();
    /// The TLS line of the header, from the handshake of connection c (none: hidden).
    void updateTlsLine(const ConnectionState *c);
    void updateActions();
    void updateTargets();
    void updateRate();
    void addLogMenuActions(QMenu *menu, const QList<LogEntry> &entries);
    void addTraceMenuActions(QMenu *menu, const TraceRecord &record);
    /// Fills the Options tab when it is shown and the socket is open, once per socket.
    void maybeReadOptions();
    bool canSendNow() const;
    /// An unconnected datagram socket: each send names (or defaults) its destination.
    bool sendsDatagramsTo() const;
    void updateDestinationHint();
    ConnId actionTarget() const;
    std::vector<ConnId> serverTargets() const;
    /// Servers and relays: a listener and the connections it accepted (a relay's clients and
    /// the legs it opened to the target), each its own row of the Clients tab.
    bool isServer() const { return m_config.role == Role::Server || isRelay(); }
    bool isRelay() const { return m_config.role == Role::Relay; }

    CoreBridge *m_bridge;
    EndpointConfig m_config;
    EndpointId m_id = 0;
    Endpoint *m_endpoint = nullptr;
    bool m_started = false;
    EndpointState m_endpointState;
    QString m_createError; ///< the endpoint could not be created: no state will come
    uint64_t m_lastBytes = 0;
    double m_rate = 0;
    QPointer<SendPlan> m_plan;
    Address m_lastSender;
    int m_openings = 0; ///< times the socket became open: the Options tab reads once per opening
    std::pair<int, ConnId> m_optionsRead {0, 0};

    PanelHeader *m_header = nullptr;
    SendComposer *m_composer = nullptr;
    LogModel *m_log = nullptr;
    LogView *m_logView = nullptr;
    TraceModel *m_trace = nullptr;
    TraceView *m_traceView = nullptr;
    ClientsModel *m_clients = nullptr;
    ClientsView *m_clientsView = nullptr;
    OptionsView *m_optionsView = nullptr;
    FaultsView *m_faultsView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTimer *m_rateTimer = nullptr;
    QAction *m_start = nullptr;
    QAction *m_close = nullptr;
    QAction *m_abort = nullptr;
    QAction *m_shutRdAction = nullptr;
    QAction *m_shutWrAction = nullptr;
    QAction *m_shutRdWrAction = nullptr;
    QToolButton *m_shutdownButton = nullptr;
};

} // namespace sb
