#pragma once

#include "core/net/event.h"

#include <QAbstractTableModel>

#include <deque>
#include <memory>
#include <span>

namespace sb {

/// The syscall trace of one panel: a bounded ring of shared TraceRecords under a table model.
/// strace-like lines are made only in data(); failures are red, with the errno's usual cause
/// as a tooltip. One beginInsertRows per batch. GUI thread only.
class TraceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ConnColumn, CallColumn, ColumnCount };
    enum Role {
        FailedRole = Qt::UserRole + 1, ///< bool: the call returned -1
        ErrnoRole, ///< int errno
        CallNameRole, ///< QString: "connect"
        ExplanationRole, ///< rich text: the errno and its usual cause, for a failed call
    };

    explicit TraceModel(QObject *parent = nullptr, int capacity = 10000);

    /// Takes the Trace events of a batch.
    void addEvents(std::span<const Event> events);
    void append(std::vector<std::shared_ptr<const TraceRecord>> records);
    void clear();
    uint64_t droppedFromView() const { return m_droppedFromView; }
    uint64_t failures() const { return m_failures; }
    const TraceRecord &record(int row) const { return *m_rows[static_cast<size_t>(row)]; }

    /// The errno a call reports: its own when it failed, else the one a getsockopt(SO_ERROR)
    /// read (how a non-blocking connect learns it was refused); 0 for none.
    static int reportedErrno(const TraceRecord &r);
    /// Did the call fail as a person sees it (EINPROGRESS and EAGAIN are the normal path of a
    /// non-blocking socket; a non-zero SO_ERROR is the failure of the connect it reports)?
    static bool isFailure(const TraceRecord &r);
    /// The strace-like line, its errno text in the UI's language.
    static QString callText(const TraceRecord &r);
    /// The bytes a send or a receive carried (empty for other calls and for failures).
    static std::string_view carriedBytes(const TraceRecord &r);
    /// Rich text: the errno of row, its text and usual cause; "" when it reports none.
    QString explanation(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::deque<std::shared_ptr<const TraceRecord>> m_rows;
    int m_capacity;
    uint64_t m_droppedFromView = 0;
    uint64_t m_failures = 0;
};

} // namespace sb
