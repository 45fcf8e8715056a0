#pragma once

#include "core/net/registry.h"

#include <QAbstractTableModel>

#include <vector>

namespace sb {

/// Every socket of the workbench in the columns of netstat -a, from Registry snapshots. A
/// socket that left the registry stays, greyed and CLOSED, for kLingerMs so a person sees it go.
/// GUI thread only.
class ConnectionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ProtoColumn,
        RecvQColumn,
        SendQColumn,
        LocalColumn,
        ForeignColumn,
        StateColumn,
        PanelColumn,
        FdColumn,
        BytesInColumn,
        BytesOutColumn,
        ColumnCount
    };
    enum Role { EndpointRole = Qt::UserRole + 1, ConnRole, ClosedRole, StateRole };
    static constexpr int64_t kLingerMs = 5000;

    explicit ConnectionsModel(QObject *parent = nullptr);

    /// Merges a snapshot taken at nowNs (CLOCK_MONOTONIC): updates known rows, appends new ones
    /// in one insertion, marks vanished ones closed and removes those closed for kLingerMs.
    void setSnapshot(const std::vector<SocketRow> &rows, int64_t nowNs);
    /// Row of (endpoint, conn), or -1.
    int rowOf(EndpointId endpoint, ConnId conn) const;
    const SocketRow &socketRow(int row) const { return m_rows[static_cast<size_t>(row)].row; }
    bool isClosed(int row) const { return m_rows[static_cast<size_t>(row)].closedNs != 0; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Item
    {
        SocketRow row;
        int64_t closedNs = 0;
    };
    QString foreignText(const SocketRow &row) const;
    void emitRowChanged(int row);

    std::vector<Item> m_rows;
};

} // namespace sb
