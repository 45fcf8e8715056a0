#pragma once

#include "core/net/endpointstate.h"

#include <QAbstractTableModel>

#include <vector>

namespace sb {

/// The accepted clients of one server panel as rows: a view over the panel's EndpointState,
/// which alone knows membership, TCP states and the exact counters (this model counts nothing).
/// A closed client stays greyed for kLingerMs. GUI thread only; the state outlives the model.
class ClientsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ClientColumn,
        PeerColumn,
        StateColumn,
        InColumn,
        OutColumn,
        AgeColumn,
        ColumnCount
    };
    enum Role { ConnRole = Qt::UserRole + 1, ClosedRole };
    static constexpr int64_t kLingerMs = 5000;

    explicit ClientsModel(const EndpointState *state, QObject *parent = nullptr);

    /// Follows the state after it took events or a snapshot, at nowNs (CLOCK_MONOTONIC):
    /// appends new clients, updates all rows, removes those closed for kLingerMs.
    void refresh(int64_t nowNs);
    int rowOf(ConnId conn) const;
    ConnId connAt(int row) const { return m_rows[static_cast<size_t>(row)]; }
    /// Connections that are still open.
    std::vector<ConnId> liveConns() const;
    QString peerOf(ConnId conn) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool shown(const ConnectionState &c, int64_t nowNs) const;

    const EndpointState *m_state;
    std::vector<ConnId> m_rows;
    int64_t m_nowNs = 0;
};

} // namespace sb
