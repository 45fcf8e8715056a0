#pragma once

#include "core/tools/netstat.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

/// One socket of the system view, with its display strings made on the worker (names may
/// have needed a lookup). Value type.
struct NetstatEntry
{
    QString key; ///< identity across refreshes: protocol, addresses, inode
    QString signature; ///< every displayed field: a change means dataChanged
    QString addressKey; ///< "tcp 127.0.0.1:80 0.0.0.0:*" (numeric) for setOwnAddresses
    bool isUnix = false;
    sb::InetSocketRow inet;
    sb::UnixSocketRow unixRow;
    QString local; ///< netstat's text, numeric or resolved
    QString foreign;
    qint64 pid = 0; ///< 0 when /proc did not say
    QString program;
};

/// The rows of one of netstat's two tables (Internet or UNIX). A refresh merges by key: rows
/// that left are removed, new ones appended, changed ones updated in place, so selection and
/// scrolling survive. SockBench's own sockets are marked. GUI thread only.
class NetstatModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Kind { Internet, Unix };
    enum InetColumn {
        Proto,
        RecvQ,
        SendQ,
        Local,
        Foreign,
        State,
        InetProgram,
        Uid,
        Inode,
        InetOwner,
        InetColumnCount
    };
    enum UnixColumn {
        UProto,
        RefCnt,
        Flags,
        Type,
        UState,
        UInode,
        UProgram,
        Path,
        UnixOwner,
        UnixColumnCount
    };
    /// Data role: the SockBench endpoint id (quint32) of an own row, else invalid.
    static constexpr int EndpointRole = Qt::UserRole + 1;
    /// Data role: true for SockBench's own sockets.
    static constexpr int OwnRole = Qt::UserRole + 2;

    explicit NetstatModel(Kind kind, QObject *parent = nullptr);
    Kind kind() const { return m_kind; }

    void update(std::vector<NetstatEntry> entries);
    const NetstatEntry &entry(int row) const { return m_rows.at(size_t(row)); }
    /// Sockets of this process's PID are SockBench's; these add the panel that owns each.
    void setOwnPid(qint64 pid);
    struct Owner
    {
        quint32 endpoint = 0;
        QString label;
    };
    void setOwnInodes(const QHash<quint64, Owner> &owners);
    /// Inet sockets matched by "proto local foreign" (numeric netstat text).
    void setOwnAddresses(const QHash<QString, Owner> &owners);
    bool isOwn(int row) const;
    int ownCount() const;
    /// The key setOwnAddresses matches: "tcp 127.0.0.1:80 0.0.0.0:*".
    static QString addressKey(const QString &proto, const QString &local, const QString &foreign);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Owner *ownerOf(const NetstatEntry &e) const;
    QVariant display(const NetstatEntry &e, int column) const;
    void ownershipChanged();

    Kind m_kind;
    std::vector<NetstatEntry> m_rows;
    qint64 m_ownPid = 0;
    QHash<quint64, Owner> m_ownInodes;
    QHash<QString, Owner> m_ownAddresses;
};
