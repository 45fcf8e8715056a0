#include "ui/connectionsmodel.h"

#include "ui/display.h"

#include <QApplication>
#include <QPalette>

#include <map>

namespace sb {

ConnectionsModel::ConnectionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int ConnectionsModel::rowOf(EndpointId endpoint, ConnId conn) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].row.endpoint == endpoint && m_rows[i].row.conn == conn)
            return static_cast<int>(i);
    return -1;
}

void ConnectionsModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ConnectionsModel::setSnapshot(const std::vector<SocketRow> &rows, int64_t nowNs)
{
    std::map<std::pair<EndpointId, ConnId>, const SocketRow *> fresh;
    for (const SocketRow &r : rows)
        fresh[{r.endpoint, r.conn}] = &r;

    // Known rows: update, or mark closed when they left the registry.
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Item &item = m_rows[i];
        const auto it = fresh.find({item.row.endpoint, item.row.conn});
        if (it != fresh.end()) {
            item.row = *it->second;
            item.closedNs = 0;
            fresh.erase(it);
            emitRowChanged(static_cast<int>(i));
        } else if (item.closedNs == 0) {
            item.closedNs = nowNs;
            item.row.recvQ = item.row.sendQ = 0;
            emitRowChanged(static_cast<int>(i));
        }
    }
    // Closed rows past their linger time go, from the back so indexes stay right.
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const Item &item = m_rows[static_cast<size_t>(i)];
        if (item.closedNs != 0 && nowNs - item.closedNs >= kLingerMs * 1000000) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    // New sockets, in the registry's order, in one insertion.
    std::vector<const SocketRow *> added;
    for (const SocketRow &r : rows)
        if (fresh.count({r.endpoint, r.conn}))
            added.push_back(&r);
    if (!added.empty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (const SocketRow *r : added)
            m_rows.push_back(Item {*r, 0});
        endInsertRows();
    }
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectionsModel::foreignText(const SocketRow &row) const
{
    if (row.peer.valid())
        return QString::fromStdString(row.peer.toString());
    // netstat's way of saying "no peer": *:* for IP, empty for UNIX.
    if (row.local.isIp())
        return row.local.family() == AF_INET6 ? QStringLiteral("[::]:*")
                                              : QStringLiteral("0.0.0.0:*");
    return QString();
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const Item &item = m_rows[static_cast<size_t>(index.row())];
    const SocketRow &r = item.row;
    const bool closed = item.closedNs != 0;
    const QString state = closed ? QStringLiteral("CLOSED") : QString::fromStdString(r.state);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ProtoColumn:
            return QString::fromStdString(r.proto());
        case RecvQColumn:
            return r.recvQ;
        case SendQColumn:
            return r.sendQ;
        case LocalColumn:
            return r.local.valid() ? QString::fromStdString(r.local.toString()) : QString();
        case ForeignColumn:
            return foreignText(r);
        case StateColumn:
            return state;
        case PanelColumn:
            return QString::fromStdString(r.owner)
                    + (r.conn ? QStringLiteral(" #%1").arg(r.conn) : QString());
        case FdColumn:
            return closed ? QVariant() : QVariant(r.fd);
        case BytesInColumn:
            return static_cast<qulonglong>(r.bytesIn);
        case BytesOutColumn:
            return static_cast<qulonglong>(r.bytesOut);
        }
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (closed)
            return palette.color(QPalette::Disabled, QPalette::Text);
        if (index.column() == StateColumn)
            return stateColor(state, palette);
        return {};
    }
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RecvQColumn:
        case SendQColumn:
        case FdColumn:
        case BytesInColumn:
        case BytesOutColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::ToolTipRole:
        if (closed)
            return tr("Closed: this row goes in a few seconds");
        if (r.listening && (index.column() == RecvQColumn || index.column() == SendQColumn))
            return tr("On a listening socket, as ss shows it: Recv-Q is the connections waiting "
                      "for accept(), Send-Q the backlog");
        if (index.column() == BytesInColumn || index.column() == BytesOutColumn)
            return tr("%1 messages in, %2 out").arg(r.msgsIn).arg(r.msgsOut);
        return {};
    case EndpointRole:
        return static_cast<uint>(r.endpoint);
    case ConnRole:
        return static_cast<uint>(r.conn);
    case ClosedRole:
        return closed;
    case StateRole:
        return state;
    }
    return {};
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProtoColumn:
        return tr("Proto");
    case RecvQColumn:
        return tr("Recv-Q");
    case SendQColumn:
        return tr("Send-Q");
    case LocalColumn:
        return tr("Local Address");
    case ForeignColumn:
        return tr("Foreign Address");
    case StateColumn:
        return tr("State");
    case PanelColumn:
        return tr("Panel");
    case FdColumn:
        return tr("FD");
    case BytesInColumn:
        return tr("Bytes in");
    case BytesOutColumn:
        return tr("Bytes out");
    }
    return {};
}

} // namespace sb
