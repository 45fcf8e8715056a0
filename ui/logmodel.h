#pragma once

#include "core/net/event.h"

#include <QAbstractTableModel>

#include <deque>
#include <map>
#include <span>
#include <string>

namespace sb {

/// One line of a panel's log: a message sent or received, or a note (opened, closed, error).
/// Holds the shared payload; text and hex are made only when a view asks.
struct LogEntry
{
    enum class Kind : uint8_t { Data, Note, Error };
    Kind kind = Kind::Data;
    Direction dir = Direction::In;
    int flags = 0; ///< MSG_OOB, MSG_TRUNC
    int64_t monoNs = 0;
    ConnId conn = 0;
    uint64_t size = 0; ///< real length (a truncated datagram is longer than its bytes)
    Address peer;
    Bytes bytes;
    std::string note;
};

/// The log of one panel: a bounded ring of LogEntry under a table model. Rows past the bound
/// are dropped from the front and counted; the panel's counters stay exact elsewhere. One
/// beginInsertRows per batch. GUI thread only.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, DirColumn, PeerColumn, LengthColumn, DataColumn, ColumnCount };
    enum Role {
        HexDumpRole = Qt::UserRole + 1, ///< QString: the hex+ASCII dump of the payload
        FullTextRole, ///< QString: the whole payload, escaped
        PayloadRole, ///< QByteArray: the raw payload
        ConnRole, ///< ConnId
        KindRole, ///< LogEntry::Kind as int
    };

    explicit LogModel(QObject *parent = nullptr, int capacity = 20000);

    /// Turns the log-worthy events of one batch into rows (Data, Opened, Shutdown, Closed,
    /// Error, Dropped, Listening, Connecting).
    void addEvents(std::span<const Event> events);
    /// Appends prepared entries in one insertion.
    void append(std::vector<LogEntry> entries);
    void clear();

    int capacity() const { return m_capacity; }
    void setCapacity(int capacity);
    /// Entries no longer shown: pushed out of the ring, or dropped by the event queue.
    uint64_t droppedFromView() const { return m_droppedFromView; }
    const LogEntry &entry(int row) const { return m_rows[static_cast<size_t>(row)]; }
    /// A label for a connection in the Peer column ("#2 127.0.0.1:40112").
    void setConnLabel(ConnId conn, const QString &label);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void droppedChanged(quint64 dropped);

private:
    QString peerText(const LogEntry &e) const;
    QString dataText(const LogEntry &e) const;

    std::deque<LogEntry> m_rows;
    int m_capacity;
    uint64_t m_droppedFromView = 0;
    std::map<ConnId, QString> m_connLabels;
};

} // namespace sb
