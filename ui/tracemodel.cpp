#include "ui/tracemodel.h"

#include "core/text/errnoinfo.h"
#include "ui/display.h"

#include <QApplication>
#include <QPalette>

#include <cerrno>

namespace sb {
int TraceModel::reportedErrno(const TraceRecord &r) { return sb::reportedErrno(r); }

bool TraceModel::isFailure(const TraceRecord &r)
{
    const int err = reportedErrno(r);
    // On a non-blocking socket EINPROGRESS (connect under way) and EAGAIN (nothing to accept
    // or read yet) are the normal path, not failures: shown, explained, never in red.
    return err != 0 && err != EINPROGRESS && err != EAGAIN && err != EWOULDBLOCK;
}

QString TraceModel::callText(const TraceRecord &r)
{
    QString line = QString::fromStdString(formatTrace(r));
    if (r.result < 0) {
        // The errno's text in the person's language: "ECONNREFUSED (Conexión rechazada)".
        const QString english = QString::fromStdString(formatErrno(r.err));
        if (line.endsWith(english))
            line = line.left(line.size() - english.size()) + errnoLine(r.err);
    }
    return line;
}

std::string_view TraceModel::carriedBytes(const TraceRecord &r)
{
    int64_t length = 0;
    switch (r.call) {
    case SysCall::Send:
    case SysCall::Sendto:
    case SysCall::Recv:
    case SysCall::Recvfrom:
    case SysCall::Recvmsg:
    case SysCall::Read:
    case SysCall::Write:
    case SysCall::Readv:
    case SysCall::Writev:
    case SysCall::Sendmsg:
        length = r.result;
        break;
    default:
        return {};
    }
    std::string_view all = view(r.data);
    if (length <= 0 || r.dataOffset >= all.size())
        return {};
    all.remove_prefix(r.dataOffset);
    return all.substr(0, std::min<size_t>(all.size(), static_cast<size_t>(length)));
}

QString TraceModel::explanation(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const TraceRecord &r = record(row);
    const int err = reportedErrno(r);
    if (err == 0)
        return {};
    // A non-zero SO_ERROR is the outcome of the connect that was in progress.
    const char *op = r.result < 0 ? sysCallName(r.call) : "connect";
    QString text = QStringLiteral("<b>%1</b>: %2")
                           .arg(QString::fromLatin1(op), errnoLine(err).toHtmlEscaped());
    const QString cause = errnoCauseText(op, err, r.addr.family());
    if (!cause.isEmpty())
        text += QStringLiteral("<br>") + cause.toHtmlEscaped();
    return text;
}

TraceModel::TraceModel(QObject *parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{ }

void TraceModel::addEvents(std::span<const Event> events)
{
    std::vector<std::shared_ptr<const TraceRecord>> batch;
    for (const Event &e : events)
        if (const auto *trace = e.as<ev::Trace>(); trace && trace->record)
            batch.push_back(trace->record);
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
            return callText(r);
        }
        return {};
    case Qt::ForegroundRole:
        return failed ? QVariant(errorColor(QApplication::palette())) : QVariant();
    case Qt::ToolTipRole: {
        if (index.column() != CallColumn)
            return {};
        // Rich text, escaped once: a plain-text tooltip would show &quot; as it is.
        QString tip = QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>")
                              .arg(callText(r).toHtmlEscaped());
        const QString explained = explanation(index.row());
        if (!explained.isEmpty())
            tip += QStringLiteral("<p>%1</p>").arg(explained);
        return tip;
    }
    case ExplanationRole:
        return explanation(index.row());
    case FailedRole:
        return failed;
    case ErrnoRole:
        return reportedErrno(r);
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
