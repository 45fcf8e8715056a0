#pragma once

#include "core/endpoint.h"
#include "core/registry.h"

#include <QFrame>
#include <QPointer>

#include <map>
#include <span>

class QAction;
class QTabWidget;
class QTimer;

namespace sb {

class ClientsModel;
class ClientsView;
class CoreBridge;
class LogModel;
class LogView;
class OptionsView;
class PanelHeader;
class SendComposer;
class SendPlan;
class TraceModel;
class TraceView;
struct SendRequest;

/// One socket panel: the endpoint it drives (through CoreBridge), its header, composer, log,
/// trace, clients and options. It learns everything from the endpoint's events and Registry
/// snapshots and never touches a socket itself. GUI thread only.
class EndpointPanel : public QFrame
{
    Q_OBJECT
public:
    enum class State {
        Idle,
        Connecting,
        Listening,
        Bound,
        Connected,
        HalfClosed,
        Closed,
        Failed,
        Stopped
    };

    EndpointPanel(CoreBridge *bridge, EndpointConfig config, QWidget *parent = nullptr);
    ~EndpointPanel() override;

    EndpointId endpointId() const { return m_id; }
    const EndpointConfig &config() const { return m_config; }
    QString title() const;
    State state() const { return m_state; }
    /// "LISTEN", "ESTABLISHED", "CLOSED", "ERROR", ... as the header shows it.
    QString stateText() const;
    /// The last error as the header shows it ("bind: EADDRINUSE (Address already in use)").
    QString errorText() const { return m_error; }
    Address localAddress() const { return m_local; }
    Address peerAddress() const { return m_peer; }
    uint64_t bytesIn() const;
    uint64_t bytesOut() const;
    uint64_t messagesIn() const;
    uint64_t messagesOut() const;
    /// Datagrams the kernel dropped for want of buffer room (SO_RXQ_OVFL), as last read.
    uint64_t kernelDrops() const { return m_kernelDrops; }

    PanelHeader *header() const { return m_header; }
    SendComposer *composer() const { return m_composer; }
    LogModel *logModel() const { return m_log; }
    LogView *logView() const { return m_logView; }
    TraceModel *traceModel() const { return m_trace; }
    TraceView *traceView() const { return m_traceView; }
    ClientsModel *clientsModel() const { return m_clients; }
    ClientsView *clientsView() const { return m_clientsView; }
    OptionsView *optionsView() const { return m_optionsView; }
    QTabWidget *tabs() const { return m_tabs; }

    QAction *startAction() const { return m_start; }
    QAction *closeAction() const { return m_close; }
    QAction *abortAction() const { return m_abort; }
    QAction *shutdownAction(int how) const;
    QList<QAction *> socketActions() const;

public slots:
    void start();
    void closeSockets();
    void abortConnection();
    void shutdownConnection(int how);
    void send(const sb::SendRequest &request);
    void cancelSend();
    void readOptions();
    /// Merges a Registry snapshot (exact counters, TCP states, output queues).
    void applySnapshot(const std::vector<sb::SocketRow> &rows);

signals:
    void listening(const sb::Address &local);
    void stateChanged();
    void closeRequested();
    void activated();

protected:
    void focusInEvent(QFocusEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Counters
    {
        uint64_t bytesIn = 0, bytesOut = 0, msgsIn = 0, msgsOut = 0;
    };
    void buildUi();
    void attach();
    void handleEvents(std::span<const Event> events);
    void handleEvent(const Event &e);
    void setState(State state);
    void updateHeader();
    void updateActions();
    void updateTargets();
    void updateRate();
    ConnId actionTarget() const;
    bool isServer() const { return m_config.role == Role::Server; }

    CoreBridge *m_bridge;
    EndpointConfig m_config;
    EndpointId m_id = 0;
    Endpoint *m_endpoint = nullptr;
    bool m_started = false;
    State m_state = State::Idle;
    QString m_error;
    QString m_errorCause;
    QString m_tcpState; ///< a client's TCP state as the Registry last read it
    Address m_local;
    Address m_peer;
    bool m_peerEof = false;
    bool m_shutRd = false;
    bool m_shutWr = false;
    std::map<ConnId, Counters> m_eventCounts;
    std::map<ConnId, Counters> m_registryCounts;
    std::map<ConnId, Address> m_live; ///< open connections and their peers
    uint64_t m_queued = 0;
    uint64_t m_kernelDrops = 0;
    uint64_t m_lastBytes = 0;
    double m_rate = 0;
    QPointer<SendPlan> m_plan;

    PanelHeader *m_header = nullptr;
    SendComposer *m_composer = nullptr;
    LogModel *m_log = nullptr;
    LogView *m_logView = nullptr;
    TraceModel *m_trace = nullptr;
    TraceView *m_traceView = nullptr;
    ClientsModel *m_clients = nullptr;
    ClientsView *m_clientsView = nullptr;
    OptionsView *m_optionsView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTimer *m_rateTimer = nullptr;
    QAction *m_start = nullptr;
    QAction *m_close = nullptr;
    QAction *m_abort = nullptr;
    QAction *m_shutRdAction = nullptr;
    QAction *m_shutWrAction = nullptr;
    QAction *m_shutRdWrAction = nullptr;
};

} // namespace sb
