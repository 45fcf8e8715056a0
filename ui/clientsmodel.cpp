#include "ui/clientsmodel.h"

#include "ui/display.h"

#include <QApplication>
#include <QPalette>

namespace sb {

ClientsModel::ClientsModel(const EndpointState *state, QObject *parent)
    : QAbstractTableModel(parent)
    , m_state(state)
{ }

int ClientsModel::rowOf(ConnId conn) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i] == conn)
            return static_cast<int>(i);
    return -1;
}

std::vector<ConnId> ClientsModel::liveConns() const { return m_state->liveConnections(); }

QString ClientsModel::peerOf(ConnId conn) const
{
    const ConnectionState *c = m_state->connection(conn);
    return c ? QString::fromStdString(c->peer.toString()) : QString();
}

bool ClientsModel::shown(const ConnectionState &c, int64_t nowNs) const
{
    return c.id != 0 && (!c.closed || nowNs - c.closedNs < kLingerMs * 1000000);
}

void ClientsModel::refresh(int64_t nowNs)
{
    m_nowNs = std::max(m_nowNs, nowNs);
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const ConnectionState *c = m_state->connection(m_rows[static_cast<size_t>(i)]);
        if (!c || !shown(*c, m_nowNs)) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    std::vector<ConnId> added;
    for (const auto &[id, c] : m_state->connections())
        if (shown(c, m_nowNs) && rowOf(id) < 0)
            added.push_back(id);
    if (!added.empty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        m_rows.insert(m_rows.end(), added.begin(), added.end());
        endInsertRows();
    }
}

int ClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const ConnectionState *conn = m_state->connection(m_rows[static_cast<size_t>(index.row())]);
    if (!conn)
        return {};
    const ConnectionState &c = *conn;
    const Traffic traffic = c.traffic();
    // A connection that ended with an errno reads RESET, as a person would say it.
    const QString state
            = c.closed && c.closeErr ? QStringLiteral("RESET") : QString::fromStdString(c.tcpState);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ClientColumn:
            return QStringLiteral("#%1").arg(c.id);
        case PeerColumn:
            return QString::fromStdString(c.peer.toString());
        case StateColumn:
            return state;
        case InColumn:
            return sizeText(traffic.bytesIn);
        case OutColumn:
            return sizeText(traffic.bytesOut);
        case AgeColumn: {
            const int64_t end = c.closed ? c.closedNs : std::max(m_nowNs, c.openedNs);
            const int64_t secs = (end - c.openedNs) / 1000000000;
            return QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
        }
        }
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (c.closed)
            return c.closeErr && index.column() == StateColumn
                    ? errorColor(palette)
                    : palette.color(QPalette::Disabled, QPalette::Text);
        return index.column() == StateColumn ? QVariant(stateColor(state, palette)) : QVariant();
    }
    case Qt::ToolTipRole:
        return c.closeErr ? errnoLine(c.closeErr) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= InColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                          : QVariant();
    case ConnRole:
        return static_cast<uint>(c.id);
    case ClosedRole:
        return c.closed;
    }
    return {};
}

QVariant ClientsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ClientColumn:
        return tr("Client");
    case PeerColumn:
        return tr("Peer");
    case StateColumn:
        return tr("State");
    case InColumn:
        return tr("In");
    case OutColumn:
        return tr("Out");
    case AgeColumn:
        return tr("Age");
    }
    return {};
}

} // namespace sb
