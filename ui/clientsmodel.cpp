#include "ui/clientsmodel.h"

#include "ui/display.h"

#include <QApplication>
#include <QPalette>

namespace sb {

ClientsModel::ClientsModel(EndpointId endpoint, QObject *parent)
    : QAbstractTableModel(parent)
    , m_endpoint(endpoint)
{ }

ClientsModel::Client *ClientsModel::find(ConnId conn)
{
    for (Client &c : m_rows)
        if (c.conn == conn)
            return &c;
    return nullptr;
}

int ClientsModel::rowOf(ConnId conn) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].conn == conn)
            return static_cast<int>(i);
    return -1;
}

void ClientsModel::changed(ConnId conn)
{
    const int row = rowOf(conn);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

std::vector<ConnId> ClientsModel::liveConns() const
{
    std::vector<ConnId> out;
    for (const Client &c : m_rows)
        if (!c.closedNs)
            out.push_back(c.conn);
    return out;
}

QString ClientsModel::peerOf(ConnId conn) const
{
    const int row = rowOf(conn);
    return row < 0 ? QString()
                   : QString::fromStdString(m_rows[static_cast<size_t>(row)].peer.toString());
}

void ClientsModel::addEvents(std::span<const Event> events)
{
    std::vector<Client> added;
    for (const Event &e : events) {
        if (e.conn == 0)
            continue;
        if (e.monoNs > m_nowNs)
            m_nowNs = e.monoNs;
        Client *c = find(e.conn);
        if (!c) {
            for (Client &a : added)
                if (a.conn == e.conn)
                    c = &a;
        }
        switch (e.kind) {
        case EventKind::Opened:
            if (!c) {
                added.push_back(Client {e.conn, e.peer, "ESTABLISHED", 0, 0, e.monoNs, 0, 0});
                continue;
            }
            break;
        case EventKind::Data:
            if (c)
                (e.dir == Direction::In ? c->bytesIn : c->bytesOut) += view(e.bytes).size();
            break;
        case EventKind::Shutdown:
            if (c)
                c->state = e.dir == Direction::In ? "CLOSE_WAIT" : "FIN_WAIT";
            break;
        case EventKind::Closed:
            if (c) {
                c->closedNs = e.monoNs ? e.monoNs : nowMonoNs();
                c->err = e.err;
                c->state = e.err ? "RESET" : "CLOSED";
            }
            break;
        default:
            break;
        }
        if (c && find(e.conn))
            changed(e.conn);
    }
    if (!added.empty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (Client &c : added)
            m_rows.push_back(std::move(c));
        endInsertRows();
    }
}

void ClientsModel::setSnapshot(const std::vector<SocketRow> &rows, int64_t nowNs)
{
    m_nowNs = nowNs;
    for (const SocketRow &r : rows) {
        if (r.endpoint != m_endpoint || r.conn == 0 || r.listening)
            continue;
        Client *c = find(r.conn);
        if (!c || c->closedNs)
            continue;
        c->state = r.state;
        c->bytesIn = std::max(c->bytesIn, r.bytesIn);
        c->bytesOut = std::max(c->bytesOut, r.bytesOut);
        if (!c->peer.valid())
            c->peer = r.peer;
    }
    expire(nowNs);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ClientsModel::expire(int64_t nowNs)
{
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const Client &c = m_rows[static_cast<size_t>(i)];
        if (c.closedNs && nowNs - c.closedNs >= kLingerMs * 1000000) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
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
    const Client &c = m_rows[static_cast<size_t>(index.row())];
    const QString state = QString::fromStdString(c.state);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ClientColumn:
            return QStringLiteral("#%1").arg(c.conn);
        case PeerColumn:
            return QString::fromStdString(c.peer.toString());
        case StateColumn:
            return state;
        case InColumn:
            return sizeText(c.bytesIn);
        case OutColumn:
            return sizeText(c.bytesOut);
        case AgeColumn: {
            const int64_t end = c.closedNs ? c.closedNs : std::max(m_nowNs, c.openedNs);
            const int64_t secs = (end - c.openedNs) / 1000000000;
            return QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0'));
        }
        }
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (c.closedNs)
            return c.err && index.column() == StateColumn
                    ? errorColor(palette)
                    : palette.color(QPalette::Disabled, QPalette::Text);
        return index.column() == StateColumn ? QVariant(stateColor(state, palette)) : QVariant();
    }
    case Qt::ToolTipRole:
        return c.err ? errnoLine(c.err) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= InColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                          : QVariant();
    case ConnRole:
        return static_cast<uint>(c.conn);
    case ClosedRole:
        return c.closedNs != 0;
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
