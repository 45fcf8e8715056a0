#include "ui/netstatmodel.h"

#include <QColor>
#include <QFont>
#include <QSet>

NetstatModel::NetstatModel(Kind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
{ }

void NetstatModel::update(std::vector<NetstatEntry> entries)
{
    QHash<QString, size_t> incoming;
    for (size_t i = 0; i < entries.size(); ++i)
        incoming.insert(entries[i].key, i);

    // Rows that are gone, removed in contiguous runs from the bottom up.
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (incoming.contains(m_rows[size_t(r)].key))
            continue;
        const int last = r;
        while (r > 0 && !incoming.contains(m_rows[size_t(r - 1)].key))
            --r;
        beginRemoveRows({}, r, last);
        m_rows.erase(m_rows.begin() + r, m_rows.begin() + last + 1);
        endRemoveRows();
    }
    // Rows still here: updated in place when anything shown changed.
    QSet<QString> present;
    for (size_t r = 0; r < m_rows.size(); ++r) {
        NetstatEntry &fresh = entries[incoming.value(m_rows[r].key)];
        present.insert(m_rows[r].key);
        if (fresh.signature != m_rows[r].signature) {
            m_rows[r] = std::move(fresh);
            emit dataChanged(index(int(r), 0), index(int(r), columnCount() - 1));
        }
    }
    // New rows, appended in one insertion.
    std::vector<NetstatEntry> added;
    for (NetstatEntry &e : entries)
        if (!present.contains(e.key) && !e.key.isEmpty())
            added.push_back(std::move(e));
    if (!added.empty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        for (NetstatEntry &e : added)
            m_rows.push_back(std::move(e));
        endInsertRows();
    }
}

void NetstatModel::setOwnPid(qint64 pid)
{
    m_ownPid = pid;
    ownershipChanged();
}

void NetstatModel::setOwnInodes(const QHash<quint64, Owner> &owners)
{
    m_ownInodes = owners;
    ownershipChanged();
}

void NetstatModel::setOwnAddresses(const QHash<QString, Owner> &owners)
{
    m_ownAddresses = owners;
    ownershipChanged();
}

void NetstatModel::ownershipChanged()
{
    if (!m_rows.empty())
        emit dataChanged(
                index(0, 0), index(rowCount() - 1, columnCount() - 1),
                {Qt::DisplayRole, Qt::BackgroundRole, Qt::FontRole, OwnRole, EndpointRole});
}

QString NetstatModel::addressKey(const QString &proto, const QString &local, const QString &foreign)
{
    return proto + QLatin1Char(' ') + local + QLatin1Char(' ') + foreign;
}

const NetstatModel::Owner *NetstatModel::ownerOf(const NetstatEntry &e) const
{
    const quint64 inode = e.isUnix ? e.unixRow.inode : e.inet.inode;
    if (inode != 0) {
        if (auto it = m_ownInodes.constFind(inode); it != m_ownInodes.constEnd())
            return &it.value();
    }
    if (!e.isUnix && !m_ownAddresses.isEmpty()) {
        if (auto it = m_ownAddresses.constFind(e.addressKey); it != m_ownAddresses.constEnd())
            return &it.value();
    }
    if (m_ownPid != 0 && e.pid == m_ownPid) {
        static const Owner self {0, QStringLiteral("SockBench")};
        return &self;
    }
    return nullptr;
}

bool NetstatModel::isOwn(int row) const { return ownerOf(m_rows.at(size_t(row))) != nullptr; }

int NetstatModel::ownCount() const
{
    int n = 0;
    for (const NetstatEntry &e : m_rows)
        n += ownerOf(e) ? 1 : 0;
    return n;
}

int NetstatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NetstatModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_kind == Kind::Internet ? int(InetColumnCount) : int(UnixColumnCount);
}

QVariant NetstatModel::display(const NetstatEntry &e, int column) const
{
    const QString program
            = e.pid ? QStringLiteral("%1/%2").arg(e.pid).arg(e.program) : QStringLiteral("-");
    const Owner *owner = ownerOf(e);
    if (m_kind == Kind::Internet) {
        const sb::InetSocketRow &r = e.inet;
        switch (column) {
        case Proto:
            return QString::fromLatin1(sb::netProtoName(r.proto));
        case RecvQ:
            return r.recvQ;
        case SendQ:
            return r.sendQ;
        case Local:
            return e.local;
        case Foreign:
            return e.foreign;
        case State:
            return QString::fromStdString(sb::inetStateName(r));
        case InetProgram:
            return program;
        case Uid:
            return uint(r.uid);
        case Inode:
            return quint64(r.inode);
        case InetOwner:
            return owner ? owner->label : QString();
        }
        return {};
    }
    const sb::UnixSocketRow &u = e.unixRow;
    switch (column) {
    case UProto:
        return QStringLiteral("unix");
    case RefCnt:
        return u.refCnt;
    case Flags:
        return QString::fromStdString(sb::unixFlagsText(u));
    case Type:
        return QString::fromStdString(sb::unixTypeName(u.type));
    case UState:
        return QString::fromStdString(sb::unixStateName(u));
    case UInode:
        return quint64(u.inode);
    case UProgram:
        return program;
    case Path:
        return QString::fromStdString(u.path);
    case UnixOwner:
        return owner ? owner->label : QString();
    }
    return {};
}

QVariant NetstatModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const NetstatEntry &e = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(e, index.column());
    case Qt::TextAlignmentRole: {
        const bool number = m_kind == Kind::Internet
                ? (index.column() == RecvQ || index.column() == SendQ || index.column() == Uid
                   || index.column() == Inode)
                : (index.column() == RefCnt || index.column() == UInode);
        return QVariant::fromValue(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    }
    case Qt::BackgroundRole:
        if (ownerOf(e))
            return QColor(255, 243, 196); // a pale yellow that reads as "yours" in both themes
        return {};
    case Qt::FontRole:
        if (ownerOf(e)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (const Owner *o = ownerOf(e))
            return tr("SockBench's own socket (%1); double-click to go to its panel").arg(o->label);
        if (m_kind == Kind::Internet && e.inet.inode == 0)
            return tr("inode 0: no file refers to this socket any more (TIME_WAIT or orphaned)");
        return {};
    case OwnRole:
        return ownerOf(e) != nullptr;
    case EndpointRole:
        if (const Owner *o = ownerOf(e); o && o->endpoint)
            return o->endpoint;
        return {};
    }
    return {};
}

QVariant NetstatModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    // QT_TRANSLATE_NOOP: lupdate sees the headings that tr() below translates.
    static const char *const kInet[] = {
            QT_TRANSLATE_NOOP("NetstatModel", "Proto"),
            QT_TRANSLATE_NOOP("NetstatModel", "Recv-Q"),
            QT_TRANSLATE_NOOP("NetstatModel", "Send-Q"),
            QT_TRANSLATE_NOOP("NetstatModel", "Local Address"),
            QT_TRANSLATE_NOOP("NetstatModel", "Foreign Address"),
            QT_TRANSLATE_NOOP("NetstatModel", "State"),
            QT_TRANSLATE_NOOP("NetstatModel", "PID/Program name"),
            QT_TRANSLATE_NOOP("NetstatModel", "UID"),
            QT_TRANSLATE_NOOP("NetstatModel", "Inode"),
            QT_TRANSLATE_NOOP("NetstatModel", "SockBench"),
    };
    static const char *const kUnix[] = {
            QT_TRANSLATE_NOOP("NetstatModel", "Proto"),
            QT_TRANSLATE_NOOP("NetstatModel", "RefCnt"),
            QT_TRANSLATE_NOOP("NetstatModel", "Flags"),
            QT_TRANSLATE_NOOP("NetstatModel", "Type"),
            QT_TRANSLATE_NOOP("NetstatModel", "State"),
            QT_TRANSLATE_NOOP("NetstatModel", "I-Node"),
            QT_TRANSLATE_NOOP("NetstatModel", "PID/Program name"),
            QT_TRANSLATE_NOOP("NetstatModel", "Path"),
            QT_TRANSLATE_NOOP("NetstatModel", "SockBench"),
    };
    if (section < 0 || section >= columnCount())
        return {};
    return tr(m_kind == Kind::Internet ? kInet[section] : kUnix[section]);
}
