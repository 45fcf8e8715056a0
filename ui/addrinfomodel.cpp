#include "ui/addrinfomodel.h"

#include "core/text/endpointspec.h"

AddrInfoModel::AddrInfoModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AddrInfoModel::setRows(std::vector<sb::AddrInfoRow> rows)
{
    // A new answer replaces the old one entirely: nothing of the old rows carries over.
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void AddrInfoModel::clear() { setRows({}); }

QString AddrInfoModel::endpoint(int index) const
{
    if (index < 0 || size_t(index) >= m_rows.size())
        return {};
    const sb::AddrInfoRow &r = m_rows[size_t(index)];
    if (r.socktype == SOCK_STREAM)
        return QString::fromStdString(sb::formatEndpoint(sb::Transport::Tcp, r.address));
    if (r.socktype == SOCK_DGRAM)
        return QString::fromStdString(sb::formatEndpoint(sb::Transport::Udp, r.address));
    return {};
}

int AddrInfoModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AddrInfoModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AddrInfoModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const sb::AddrInfoRow &r = m_rows[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Order:
            return index.row() + 1;
        case Family:
            return QString::fromStdString(sb::familyName(r.family));
        case Type:
            return QString::fromStdString(sb::socketTypeName(r.socktype));
        case Protocol:
            return QString::fromStdString(sb::protocolName(r.protocol));
        case CanonName:
            return QString::fromStdString(r.canonicalName);
        case Address:
            return QString::fromStdString(r.address.toString());
        case Endpoint:
            return endpoint(index.row());
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Address)
            return QString::fromStdString(r.address.toStrace());
        if (index.column() == Order)
            return tr("connect() tries the rows in this order");
        if (index.column() == Endpoint && endpoint(index.row()).isEmpty())
            return tr("no client panel for %1")
                    .arg(QString::fromStdString(sb::socketTypeName(r.socktype)));
    }
    return {};
}

QVariant AddrInfoModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Order:
        return tr("#");
    case Family:
        return tr("ai_family");
    case Type:
        return tr("ai_socktype");
    case Protocol:
        return tr("ai_protocol");
    case CanonName:
        return tr("ai_canonname");
    case Address:
        return tr("ai_addr");
    case Endpoint:
        return tr("Endpoint");
    }
    return {};
}
