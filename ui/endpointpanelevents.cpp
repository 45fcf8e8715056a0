// EndpointPanel, second half: what the panel learns from its events and Registry snapshots,
// and how it shows it (state, header, enabled actions, composer targets).
#include "core/net/tlstext.h"
#include "core/text/errnoinfo.h"
#include "ui/clientsmodel.h"
#include "ui/clientsview.h"
#include "ui/corebridge.h"
#include "ui/display.h"
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/optionsview.h"
#include "ui/panelheader.h"
#include "ui/sendcomposer.h"
#include "ui/sendplan.h"
#include "ui/tracemodel.h"
#include "ui/traceview.h"

#include <QAction>
#include <QComboBox>
#include <QToolButton>

namespace sb {

void EndpointPanel::handleEvents(std::span<const Event> events)
{
    const State before = state();
    const size_t liveBefore = m_endpointState.liveConnections().size();
    const Address senderBefore = m_lastSender;
    bool membership = false;
    for (const Event &e : events) {
        m_endpointState.apply(e);
        handleEvent(e);
        if (const auto *d = e.as<ev::Data>(); d && d->dir == Direction::In && sendsDatagramsTo()
            && d->peer.valid() && (!d->peer.isUnix() || d->peer.length() > sizeof(sa_family_t)))
            m_lastSender = d->peer;
        if (e.is<ev::Closed>() || e.is<ev::Stopped>())
            m_lastSender = Address();
        membership = membership || e.is<ev::Opened>() || e.is<ev::Closed>() || e.is<ev::Listening>()
                || e.is<ev::Stopped>();
    }
    m_log->addEvents(events);
    m_trace->addEvents(events);
    if (m_clients)
        m_clients->refresh(nowMonoNs());
    m_optionsView->addEvents(events);
    m_traceView->refresh();
    if (membership || liveBefore != m_endpointState.liveConnections().size())
        updateTargets();
    if (sendsDatagramsTo() && !(m_lastSender == senderBefore))
        updateDestinationHint();
    updateHeader();
    updateActions();
    if (before != state()) {
        auto open = [](State s) {
            return s == State::Listening || s == State::Bound || s == State::Connected
                    || s == State::HalfClosed;
        };
        if (open(state()) && !open(before))
            ++m_openings;
        maybeReadOptions();
        emit stateChanged();
    }
}

void EndpointPanel::handleEvent(const Event &e)
{
    // The state (m_endpointState) took the facts; what is left is what the panel does about
    // them: tell the window a server listens, and follow a long send's progress.
    if (const auto *l = e.as<ev::Listening>()) {
        if (!(m_config.role == Role::Datagram && m_config.connectDatagram && m_config.remote))
            emit listening(l->local);
    } else if (const auto *q = e.as<ev::SendQueue>()) {
        if (m_plan)
            m_plan->setQueued(q->queued);
        if (m_plan && !m_plan->isDone())
            m_composer->showProgress(q->queued, m_plan->totalBytes(),
                                     m_plan->repeat() - m_plan->sentCount());
        else if (q->queued == 0)
            m_composer->endProgress();
    } else if (e.is<ev::Closed>() || e.is<ev::Stopped>()) {
        if (m_plan && m_endpointState.liveConnections().empty())
            m_plan->cancel();
    }
}

void EndpointPanel::applySnapshot(const std::vector<SocketRow> &rows)
{
    m_endpointState.applySnapshot(rows);
    const uint64_t queued = m_endpointState.queued();
    if (m_plan) {
        m_plan->setQueued(queued);
        if (m_plan->isDone() && queued == 0)
            m_composer->endProgress();
        else if (!m_plan->isCancelled())
            m_composer->showProgress(queued, m_plan->totalBytes(),
                                     m_plan->repeat() - m_plan->sentCount());
    }
    if (m_clients)
        m_clients->refresh(nowMonoNs());
    updateHeader();
}

uint64_t EndpointPanel::bytesIn() const { return m_endpointState.totals().traffic.bytesIn; }

uint64_t EndpointPanel::bytesOut() const { return m_endpointState.totals().traffic.bytesOut; }

uint64_t EndpointPanel::messagesIn() const { return m_endpointState.totals().traffic.msgsIn; }

uint64_t EndpointPanel::messagesOut() const { return m_endpointState.totals().traffic.msgsOut; }

QString EndpointPanel::errorText() const
{
    const LastError &le = m_endpointState.lastError();
    if (!le.isSet())
        return m_createError;
    if (le.op.empty()) // a connection that ended with an errno
        return QStringLiteral("%1: %2").arg(isServer() && le.conn ? tr("client #%1").arg(le.conn)
                                                                  : tr("connection"),
                                            errnoLine(le.err));
    return QStringLiteral("%1: %2").arg(QString::fromStdString(le.op),
                                        le.err ? errnoLine(le.err)
                                               : QString::fromStdString(le.detail));
}

QString EndpointPanel::errorCause() const
{
    const LastError &le = m_endpointState.lastError();
    if (!le.isSet())
        return {};
    if (!le.hint.empty()) // TLS: a failure without an errno, its usual cause said with it
        return QString::fromStdString(le.hint);
    const QString cause = le.op.empty() ? QString() : errnoCauseText(le.op, le.err, le.family);
    return cause.isEmpty() && le.err ? QString::fromStdString(le.detail) : cause;
}

void EndpointPanel::updateRate()
{
    const uint64_t total = bytesIn() + bytesOut();
    m_rate = static_cast<double>(total - std::min(total, m_lastBytes));
    m_lastBytes = total;
    updateHeader();
}

void EndpointPanel::updateTlsLine(const ConnectionState *c)
{
    if (!c || !c->tls) {
        m_header->setTls(QString(), QString(), false);
        return;
    }
    const ev::TlsEstablished &t = *c->tls;
    QString text = QStringLiteral("TLS: ") + QString::fromStdString(tlsSummary(t));
    if (!t.chain.empty())
        text += QStringLiteral(" · ")
                + tr("peer %1").arg(QString::fromStdString(t.chain[0].subject));
    if (t.verified)
        text += QStringLiteral(" · ") + tr("verified");
    else if (!t.verifyProblem.empty())
        text += QStringLiteral(" · ")
                + tr("NOT verified (%1), accepted anyway")
                          .arg(QString::fromStdString(t.verifyProblem));
    QStringList chain;
    for (size_t i = 0; i < t.chain.size(); ++i)
        chain << tr("certificate %1: %2")
                         .arg(i)
                         .arg(QString::fromStdString(tlsCertificateLine(t.chain[i])));
    if (!t.verifyHint.empty())
        chain << QString::fromStdString(t.verifyHint);
    m_header->setTls(text, chain.join(QLatin1Char('\n')), !t.verified && !t.verifyProblem.empty());
}

QString EndpointPanel::stateText() const
{
    const ConnectionState *c = m_endpointState.current();
    switch (state()) {
    case State::Idle:
        return QStringLiteral("IDLE");
    case State::Connecting:
        return QStringLiteral("CONNECTING");
    case State::Listening:
        return QStringLiteral("LISTEN");
    case State::Bound:
        return m_config.connectDatagram ? QStringLiteral("CONNECTED") : QStringLiteral("BOUND");
    case State::Connected:
    case State::HalfClosed:
        // The TCP state as the registry read it (FIN_WAIT2, CLOSE_WAIT, ...).
        if (c && !c->tcpState.empty())
            return QString::fromStdString(c->tcpState);
        return QStringLiteral("ESTABLISHED");
    case State::Closed:
        return QStringLiteral("CLOSED");
    case State::Failed:
        return QStringLiteral("ERROR");
    case State::Stopped:
        return QStringLiteral("STOPPED");
    }
    return {};
}

void EndpointPanel::updateHeader()
{
    QString detail;
    const ConnectionState *c = m_endpointState.current();
    if (state() == State::Listening && isRelay()) {
        // Each client is two legs: the odd one is the client's.
        int clients = 0;
        for (ConnId conn : m_endpointState.liveConnections())
            clients += conn % 2;
        detail = tr("· %n client(s) relayed", nullptr, clients);
    } else if (state() == State::Listening && m_clients)
        detail = tr("· %n client(s)", nullptr,
                    static_cast<int>(m_endpointState.liveConnections().size()));
    else if (state() == State::HalfClosed && c) {
        QStringList parts;
        if (c->weShutWr)
            parts << tr("we sent FIN");
        if (c->weShutRd)
            parts << tr("reading shut");
        if (c->peerEof)
            parts << tr("peer sent FIN");
        detail = QStringLiteral("· ") + parts.join(QStringLiteral(", "));
    }
    m_header->setState(stateText(), detail);

    const Address localAddr = m_endpointState.local();
    const Address peerAddr = m_endpointState.peer();
    QString local = localAddr.valid()       ? QString::fromStdString(localAddr.toString())
            : m_config.role == Role::Client ? tr("(not bound)")
                                            : QString::fromStdString(m_config.spec.toString());
    if (m_config.role == Role::Pair)
        local = tr("socketpair(AF_UNIX)");
    QString foreign;
    if (isServer())
        foreign = localAddr.isIp() ? QStringLiteral("*:*") : QString();
    else if (peerAddr.valid())
        foreign = QString::fromStdString(peerAddr.toString());
    else if (m_config.role == Role::Client)
        foreign = QString::fromStdString(m_config.spec.toString());
    m_header->setAddresses(local, foreign);
    const Traffic t = m_endpointState.totals().traffic;
    QString counters = QStringLiteral("↓ %1 (%2)  ↑ %3 (%4)  %5")
                               .arg(sizeText(t.bytesIn))
                               .arg(t.msgsIn)
                               .arg(sizeText(t.bytesOut))
                               .arg(t.msgsOut)
                               .arg(rateText(m_rate));
    if (m_endpointState.kernelDrops())
        counters += tr("  kernel dropped %L1").arg(m_endpointState.kernelDrops());
    m_header->setCounters(counters);
    updateTlsLine(c);
    // The banner is the state's last error: it goes when the next call of its kind succeeds.
    m_header->setError(errorText(), errorCause());
}

void EndpointPanel::updateActions()
{
    // Every button from the state's phase: nothing to shut down or abort in ERROR or CLOSED.
    const EndpointState &s = m_endpointState;
    // A relay's directions are closed by its close fault, not by shutdown().
    const bool connectionOriented = isConnectionOriented(m_config.spec.transport) && !isRelay();
    m_start->setEnabled(m_endpoint && !s.isActive() && state() != State::Stopped);
    m_close->setEnabled(m_endpoint && s.isActive());
    m_abort->setEnabled(
            (connectionOriented || (isRelay() && m_config.spec.transport != Transport::Udp))
            && s.canAbort());
    m_shutRdAction->setEnabled(connectionOriented && s.canShutdown(SHUT_RD));
    m_shutWrAction->setEnabled(connectionOriented && s.canShutdown(SHUT_WR));
    m_shutRdWrAction->setEnabled(connectionOriented && s.canShutdown(SHUT_RDWR));
    m_shutdownButton->setEnabled(m_shutRdAction->isEnabled() || m_shutWrAction->isEnabled()
                                 || m_shutRdWrAction->isEnabled());
    m_composer->setSendEnabled(canSendNow());
}

bool EndpointPanel::canSendNow() const
{
    // An unbound datagram socket may send too: sendto binds it.
    const bool canSend = m_endpointState.canSend()
            || (m_config.role == Role::Datagram && !m_config.bindDatagram
                && state() != State::Stopped && state() != State::Closed);
    return m_endpoint && canSend;
}

void EndpointPanel::updateTargets()
{
    std::vector<std::pair<ConnId, QString>> targets;
    std::vector<std::pair<ConnId, QString>> optionTargets;
    if (isServer()) {
        for (ConnId conn : m_endpointState.liveConnections())
            targets.emplace_back(conn,
                                 QStringLiteral("#%1 %2").arg(conn).arg(QString::fromStdString(
                                         m_endpointState.connection(conn)->peer.toString())));
        m_composer->setTargets(targets, true);
        optionTargets.emplace_back(0, tr("listener"));
        for (const auto &t : targets)
            optionTargets.push_back(t);
    } else if (m_config.role == Role::Pair) {
        for (ConnId conn : m_endpointState.liveConnections())
            targets.emplace_back(conn, tr("end %1").arg(conn));
        m_composer->setTargets(targets, false);
        optionTargets = targets;
    } else if (m_config.role == Role::Client) {
        for (ConnId conn : m_endpointState.liveConnections())
            optionTargets.emplace_back(conn, tr("connection #%1").arg(conn));
    } else {
        optionTargets.emplace_back(0, tr("socket"));
    }
    m_optionsView->setTargets(optionTargets);
    const Address local = m_endpointState.local();
    const Address peer = m_endpointState.peer();
    const int family = local.valid() ? local.family() : peer.valid() ? peer.family() : -1;
    if (family >= 0 || m_config.spec.isUnix() || m_config.role == Role::Pair)
        m_optionsView->setSocketKind(m_config.spec.transport, family >= 0 ? family : AF_UNIX);
}

} // namespace sb
