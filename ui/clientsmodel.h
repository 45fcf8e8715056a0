#pragma once

#include "core/event.h"
#include "core/registry.h"

#include <QAbstractTableModel>

#include <span>
#include <vector>

namespace sb {

/// The accepted clients of one server panel: membership from Opened/Closed events (at once),
/// TCP state and exact byte counters from Registry snapshots. A closed client stays greyed for
/// kLingerMs. GUI thread only.
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

    explicit ClientsModel(EndpointId endpoint, QObject *parent = nullptr);

    void addEvents(std::span<const Event> events);
    /// Takes the rows of this endpoint from a registry snapshot taken at nowNs.
    void setSnapshot(const std::vector<SocketRow> &rows, int64_t nowNs);
    int rowOf(ConnId conn) const;
    ConnId connAt(int row) const { return m_rows[static_cast<size_t>(row)].conn; }
    /// Connections that are still open.
    std::vector<ConnId> liveConns() const;
    QString peerOf(ConnId conn) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Client
    {
        ConnId conn = 0;
        Address peer;
        std::string state;
        uint64_t bytesIn = 0, bytesOut = 0;
        int64_t openedNs = 0;
        int64_t closedNs = 0;
        int err = 0;
    };
    Client *find(ConnId conn);
    void changed(ConnId conn);
    void expire(int64_t nowNs);

    EndpointId m_endpoint;
    std::vector<Client> m_rows;
    int64_t m_nowNs = 0;
};

} // namespace sb
