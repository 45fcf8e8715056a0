// EndpointPanel, second half: what the panel learns from its events and Registry snapshots,
// and how it shows it (state, header, enabled actions, composer targets).
#include "core/errnoinfo.h"
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

namespace sb {

void EndpointPanel::handleEvents(std::span<const Event> events)
{
    const State before = m_state;
    const size_t liveBefore = m_live.size();
    bool membership = false;
    for (const Event &e : events) {
        handleEvent(e);
        membership = membership || e.kind == EventKind::Opened || e.kind == EventKind::Closed
                || e.kind == EventKind::Listening || e.kind == EventKind::Stopped;
    }
    m_log->addEvents(events);
    m_trace->addEvents(events);
    if (m_clients)
        m_clients->addEvents(events);
    m_optionsView->addEvents(events);
    m_traceView->refresh();
    if (membership || liveBefore != m_live.size())
        updateTargets();
    updateHeader();
    updateActions();
    if (before != m_state)
        emit stateChanged();
}

void EndpointPanel::handleEvent(const Event &e)
{
    switch (e.kind) {
    case EventKind::Listening:
        m_local = e.local;
        setState(isServer() ? State::Listening : State::Bound);
        if (m_config.role == Role::Datagram && m_config.connectDatagram && m_config.remote)
            break;
        emit listening(e.local);
        break;
    case EventKind::Connecting:
        m_peer = e.peer;
        setState(State::Connecting);
        break;
    case EventKind::Opened:
        m_live[e.conn] = e.peer;
        if (!isServer()) {
            m_local = e.local;
            m_peer = e.peer;
            if (m_config.role != Role::Datagram)
                setState(State::Connected);
        }
        break;
    case EventKind::Data: {
        Counters &c = m_eventCounts[e.conn];
        const uint64_t n = e.dir == Direction::Out ? e.size : view(e.bytes).size();
        if (e.dir == Direction::In) {
            c.bytesIn += n;
            ++c.msgsIn;
        } else {
            c.bytesOut += n;
            ++c.msgsOut;
        }
        break;
    }
    case EventKind::Shutdown:
        if (isServer())
            break;
        if (e.dir == Direction::In)
            m_peerEof = true;
        else {
            m_shutRd = m_shutRd || e.how == SHUT_RD || e.how == SHUT_RDWR;
            m_shutWr = m_shutWr || e.how == SHUT_WR || e.how == SHUT_RDWR;
        }
        if (m_state == State::Connected || m_state == State::HalfClosed)
            setState(State::HalfClosed);
        break;
    case EventKind::Closed:
        m_live.erase(e.conn);
        // An Error event before it already said what failed, with the usual cause.
        if (e.err
            && !m_error.contains(QString::fromLatin1(errnoName(e.err) ? errnoName(e.err) : ""))) {
            m_error = QStringLiteral("%1: %2").arg(
                    isServer() && e.conn ? tr("client #%1").arg(e.conn) : tr("connection"),
                    errnoLine(e.err));
            m_errorCause = QString::fromStdString(e.text);
        }
        if (!isServer() && m_config.role != Role::Datagram) {
            if (m_config.role != Role::Pair || m_live.empty())
                setState(e.err ? State::Failed : State::Closed);
        } else if (e.conn == 0) {
            setState(State::Closed);
        }
        if (m_plan && m_live.empty())
            m_plan->cancel();
        break;
    case EventKind::Error:
        m_error = QStringLiteral("%1%2").arg(
                e.op.empty() ? QString() : QString::fromStdString(e.op) + QStringLiteral(": "),
                e.err ? errnoLine(e.err) : QString::fromStdString(e.text));
        m_errorCause = errnoCauseText(e.op, e.err);
        if (e.err && !e.text.empty() && m_errorCause.isEmpty())
            m_errorCause = QString::fromStdString(e.text);
        // A failed bind/listen/socket leaves nothing open.
        if (m_state == State::Idle || (isServer() && m_state != State::Listening)
            || (m_config.role == Role::Datagram && m_state != State::Bound))
            setState(State::Failed);
        break;
    case EventKind::Progress:
        m_queued = e.size;
        if (m_plan)
            m_plan->setQueued(e.size);
        if (m_plan && !m_plan->isDone())
            m_composer->showProgress(m_queued, m_plan->totalBytes(),
                                     m_plan->repeat() - m_plan->sentCount());
        else if (e.size == 0)
            m_composer->endProgress();
        break;
    case EventKind::Stopped:
        m_live.clear();
        setState(State::Stopped);
        break;
    case EventKind::Trace:
    case EventKind::Dropped:
    case EventKind::Option:
    case EventKind::Done:
        break;
    }
}

void EndpointPanel::applySnapshot(const std::vector<SocketRow> &rows)
{
    uint64_t queued = 0;
    bool any = false;
    for (const SocketRow &r : rows) {
        if (r.endpoint != m_id)
            continue;
        any = true;
        Counters &c = m_registryCounts[r.conn];
        c.bytesIn = r.bytesIn;
        c.bytesOut = r.bytesOut;
        c.msgsIn = r.msgsIn;
        c.msgsOut = r.msgsOut;
        queued += r.queued;
        m_kernelDrops = std::max<uint64_t>(m_kernelDrops, r.kernelDrops);
        if (!isServer() && r.conn != 0 && !r.state.empty() && m_live.count(r.conn))
            m_tcpState = QString::fromStdString(r.state);
    }
    m_queued = any ? queued : 0;
    if (m_plan) {
        m_plan->setQueued(m_queued);
        if (m_plan->isDone() && m_queued == 0)
            m_composer->endProgress();
        else if (!m_plan->isCancelled())
            m_composer->showProgress(m_queued, m_plan->totalBytes(),
                                     m_plan->repeat() - m_plan->sentCount());
    }
    if (m_clients)
        m_clients->setSnapshot(rows, nowMonoNs());
    updateHeader();
}

uint64_t EndpointPanel::bytesIn() const
{
    uint64_t sum = 0;
    for (const auto &[conn, c] : m_eventCounts) {
        const auto it = m_registryCounts.find(conn);
        sum += std::max(c.bytesIn, it == m_registryCounts.end() ? 0 : it->second.bytesIn);
    }
    for (const auto &[conn, c] : m_registryCounts)
        if (!m_eventCounts.count(conn))
            sum += c.bytesIn;
    return sum;
}

uint64_t EndpointPanel::bytesOut() const
{
    uint64_t sum = 0;
    for (const auto &[conn, c] : m_eventCounts) {
        const auto it = m_registryCounts.find(conn);
        sum += std::max(c.bytesOut, it == m_registryCounts.end() ? 0 : it->second.bytesOut);
    }
    for (const auto &[conn, c] : m_registryCounts)
        if (!m_eventCounts.count(conn))
            sum += c.bytesOut;
    return sum;
}

uint64_t EndpointPanel::messagesIn() const
{
    uint64_t sum = 0;
    for (const auto &[conn, c] : m_eventCounts) {
        const auto it = m_registryCounts.find(conn);
        sum += std::max(c.msgsIn, it == m_registryCounts.end() ? 0 : it->second.msgsIn);
    }
    return sum;
}

uint64_t EndpointPanel::messagesOut() const
{
    uint64_t sum = 0;
    for (const auto &[conn, c] : m_eventCounts) {
        const auto it = m_registryCounts.find(conn);
        sum += std::max(c.msgsOut, it == m_registryCounts.end() ? 0 : it->second.msgsOut);
    }
    return sum;
}

void EndpointPanel::updateRate()
{
    const uint64_t total = bytesIn() + bytesOut();
    m_rate = static_cast<double>(total - std::min(total, m_lastBytes));
    m_lastBytes = total;
    updateHeader();
}

void EndpointPanel::setState(State state)
{
    m_state = state;
    if (state != State::Connected && state != State::HalfClosed)
        m_tcpState.clear();
}

QString EndpointPanel::stateText() const
{
    switch (m_state) {
    case State::Idle:
        return QStringLiteral("IDLE");
    case State::Connecting:
        return QStringLiteral("CONNECTING");
    case State::Listening:
        return QStringLiteral("LISTEN");
    case State::Bound:
        return m_config.connectDatagram ? QStringLiteral("CONNECTED") : QStringLiteral("BOUND");
    case State::Connected:
        return m_tcpState.isEmpty() ? QStringLiteral("ESTABLISHED") : m_tcpState;
    case State::HalfClosed:
        if (!m_tcpState.isEmpty())
            return m_tcpState;
        return m_shutWr ? QStringLiteral("FIN_WAIT") : QStringLiteral("CLOSE_WAIT");
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
    if (m_state == State::Listening && m_clients)
        detail = tr("· %n client(s)", nullptr, static_cast<int>(m_clients->liveConns().size()));
    else if (m_state == State::HalfClosed) {
        QStringList parts;
        if (m_shutWr)
            parts << tr("we sent FIN");
        if (m_shutRd)
            parts << tr("reading shut");
        if (m_peerEof)
            parts << tr("peer sent FIN");
        detail = QStringLiteral("· ") + parts.join(QStringLiteral(", "));
    }
    m_header->setState(stateText(), detail);

    QString local = m_local.valid()         ? QString::fromStdString(m_local.toString())
            : m_config.role == Role::Client ? tr("(not bound)")
                                            : QString::fromStdString(m_config.spec.toString());
    if (m_config.role == Role::Pair)
        local = tr("socketpair(AF_UNIX)");
    QString foreign;
    if (isServer())
        foreign = m_local.isIp() ? QStringLiteral("*:*") : QString();
    else if (m_peer.valid())
        foreign = QString::fromStdString(m_peer.toString());
    else if (m_config.role == Role::Client)
        foreign = QString::fromStdString(m_config.spec.toString());
    m_header->setAddresses(local, foreign);
    QString counters = QStringLiteral("↓ %1 (%2)  ↑ %3 (%4)  %5")
                               .arg(sizeText(bytesIn()))
                               .arg(messagesIn())
                               .arg(sizeText(bytesOut()))
                               .arg(messagesOut())
                               .arg(rateText(m_rate));
    if (m_kernelDrops)
        counters += tr("  kernel dropped %L1").arg(m_kernelDrops);
    m_header->setCounters(counters);
    m_header->setError(m_error, m_errorCause);
}

void EndpointPanel::updateActions()
{
    const bool active = m_state == State::Connecting || m_state == State::Listening
            || m_state == State::Bound || m_state == State::Connected
            || m_state == State::HalfClosed;
    const bool connectionOriented = isConnectionOriented(m_config.spec.transport);
    const bool hasConn = isServer() ? !m_live.empty()
                                    : (m_state == State::Connected || m_state == State::HalfClosed);
    m_start->setEnabled(m_endpoint && !active && m_state != State::Stopped);
    m_close->setEnabled(active);
    m_abort->setEnabled(connectionOriented && (hasConn || m_state == State::Connecting));
    m_shutRdAction->setEnabled(connectionOriented && hasConn && (isServer() || !m_shutRd));
    m_shutWrAction->setEnabled(connectionOriented && hasConn && (isServer() || !m_shutWr));
    m_shutRdWrAction->setEnabled(connectionOriented && hasConn
                                 && (isServer() || !(m_shutRd && m_shutWr)));
    const bool canSend = isServer() ? !m_live.empty()
            : m_config.role == Role::Datagram
            ? (m_state == State::Bound || m_state == State::Idle || !m_config.bindDatagram)
            : (m_state == State::Connected || (m_state == State::HalfClosed && !m_shutWr));
    m_composer->setSendEnabled(canSend);
}

void EndpointPanel::updateTargets()
{
    std::vector<std::pair<ConnId, QString>> targets;
    std::vector<std::pair<ConnId, QString>> optionTargets;
    if (isServer()) {
        for (const auto &[conn, peer] : m_live)
            targets.emplace_back(conn,
                                 QStringLiteral("#%1 %2").arg(conn).arg(
                                         QString::fromStdString(peer.toString())));
        m_composer->setTargets(targets, true);
        optionTargets.emplace_back(0, tr("listener"));
        for (const auto &t : targets)
            optionTargets.push_back(t);
    } else if (m_config.role == Role::Pair) {
        for (const auto &[conn, peer] : m_live)
            targets.emplace_back(conn, tr("end %1").arg(conn));
        m_composer->setTargets(targets, false);
        optionTargets = targets;
    } else if (m_config.role == Role::Client) {
        for (const auto &[conn, peer] : m_live)
            optionTargets.emplace_back(conn, tr("connection #%1").arg(conn));
    } else {
        optionTargets.emplace_back(0, tr("socket"));
    }
    m_optionsView->setTargets(optionTargets);
    const int family = m_local.valid() ? m_local.family() : m_peer.valid() ? m_peer.family() : -1;
    if (family >= 0 || m_config.spec.isUnix() || m_config.role == Role::Pair)
        m_optionsView->setSocketKind(m_config.spec.transport, family >= 0 ? family : AF_UNIX);
}

} // namespace sb
