#pragma once

#include "core/tools/resolver.h"

#include <QAbstractTableModel>

#include <vector>

/// The rows of one getaddrinfo answer, in the list's order. GUI thread only.
class AddrInfoModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Order, Family, Type, Protocol, CanonName, Address, Endpoint, ColumnCount };

    explicit AddrInfoModel(QObject *parent = nullptr);

    void setRows(std::vector<sb::AddrInfoRow> rows);
    void clear();
    const sb::AddrInfoRow &row(int index) const { return m_rows.at(size_t(index)); }
    /// "tcp://127.0.0.1:80" or "udp://[::1]:53" for the row; "" for SOCK_RAW and the like,
    /// which no client panel can open.
    QString endpoint(int index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<sb::AddrInfoRow> m_rows;
};
