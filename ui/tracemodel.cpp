#include "ui/tracemodel.h"

#include "ui/display.h"

#include <QApplication>
#include <QPalette>

#include <cerrno>

namespace sb {
namespace {

// On a non-blocking socket EINPROGRESS (connect under way) and EAGAIN (nothing to accept or
// read yet) are the normal path, not failures: shown, explained on hover, never in red.
bool isFailure(const TraceRecord &r)
{
    return r.result < 0 && r.err != EINPROGRESS && r.err != EAGAIN && r.err != EWOULDBLOCK;
}

} // namespace

TraceModel::TraceModel(QObject *parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{ }

void TraceModel::addEvents(std::span<const Event> events)
{
    std::vector<std::shared_ptr<const TraceRecord>> batch;
    for (const Event &e : events)
        if (e.kind == EventKind::Trace && e.trace)
            batch.push_back(e.trace);
    append(std::move(batch));
}

void TraceModel::append(std::vector<std::shared_ptr<const TraceRecord>> records)
{
    if (records.empty())
        return;
    for (const auto &r : records)
        if (isFailure(*r))
            ++m_failures;
    const size_t cap = static_cast<size_t>(m_capacity);
    size_t first = records.size() > cap ? records.size() - cap : 0;
    m_droppedFromView += first;
    const size_t incoming = records.size() - first;
    const size_t overflow = m_rows.size() + incoming > cap ? m_rows.size() + incoming - cap : 0;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(overflow));
        endRemoveRows();
        m_droppedFromView += overflow;
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row + static_cast<int>(incoming) - 1);
    for (size_t i = first; i < records.size(); ++i)
        m_rows.push_back(std::move(records[i]));
    endInsertRows();
}

void TraceModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_droppedFromView = 0;
    m_failures = 0;
    endResetModel();
}

int TraceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TraceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const TraceRecord &r = *m_rows[static_cast<size_t>(index.row())];
    const bool failed = isFailure(r);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return wallClockText(r.monoNs);
        case ConnColumn:
            return r.conn ? QStringLiteral("#%1").arg(r.conn) : QString();
        case CallColumn:
            return QString::fromStdString(formatTrace(r));
        }
        return {};
    case Qt::ForegroundRole:
        return failed ? QVariant(errorColor(QApplication::palette())) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() != CallColumn)
            return {};
        return r.result < 0 ? QString::fromStdString(formatTrace(r)).toHtmlEscaped()
                        + QStringLiteral("<br>") + data(index, ExplanationRole).toString()
                            : QString::fromStdString(formatTrace(r)).toHtmlEscaped();
    case ExplanationRole: {
        if (r.result >= 0)
            return QString();
        QString text = QStringLiteral("<b>%1</b>: %2")
                               .arg(QString::fromLatin1(sysCallName(r.call)),
                                    errnoLine(r.err).toHtmlEscaped());
        const QString cause = errnoCauseText(sysCallName(r.call), r.err);
        if (!cause.isEmpty())
            text += QStringLiteral("<br>") + cause.toHtmlEscaped();
        return text;
    }
    case FailedRole:
        return failed;
    case ErrnoRole:
        return r.err;
    case CallNameRole:
        return QString::fromLatin1(sysCallName(r.call));
    }
    return {};
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ConnColumn:
        return tr("Conn");
    case CallColumn:
        return tr("System call");
    }
    return {};
}

} // namespace sb
