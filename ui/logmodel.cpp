#include "ui/logmodel.h"

#include "core/payload.h"
#include "ui/display.h"

#include <QApplication>
#include <QPalette>

namespace sb {
namespace {

std::string howName(int how)
{
    switch (how) {
    case SHUT_RD:
        return "SHUT_RD";
    case SHUT_WR:
        return "SHUT_WR";
    case SHUT_RDWR:
        return "SHUT_RDWR";
    }
    return std::to_string(how);
}

std::string errText(int err) { return errnoLine(err).toStdString(); }

} // namespace

LogModel::LogModel(QObject *parent, int capacity)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{ }

void LogModel::addEvents(std::span<const Event> events)
{
    std::vector<LogEntry> batch;
    batch.reserve(events.size());
    for (const Event &e : events) {
        LogEntry entry;
        entry.monoNs = e.monoNs;
        entry.conn = e.conn;
        entry.peer = e.peer;
        entry.dir = e.dir;
        entry.kind = LogEntry::Kind::Note;
        switch (e.kind) {
        case EventKind::Data:
            entry.kind = LogEntry::Kind::Data;
            entry.bytes = e.bytes;
            entry.flags = e.how;
            entry.size = e.size ? e.size : view(e.bytes).size();
            break;
        case EventKind::Listening:
            // Notes are rare next to data: tr() here costs nothing under a flood.
            entry.note
                    = (e.local.valid()
                               ? tr("bound to %1").arg(QString::fromStdString(e.local.toString()))
                               : tr("bound"))
                              .toStdString()
                    + (e.text.empty() ? "" : " — " + e.text);
            break;
        case EventKind::Connecting:
            entry.note = tr("connecting to %1")
                                 .arg(QString::fromStdString(e.peer.toString()))
                                 .toStdString();
            break;
        case EventKind::Opened:
            entry.note = tr("connection open: %1 ↔ %2")
                                 .arg(QString::fromStdString(e.local.toString()),
                                      QString::fromStdString(e.peer.toString()))
                                 .toStdString();
            break;
        case EventKind::Shutdown:
            entry.note = e.dir == Direction::In
                    ? tr("peer shut down its sending side (EOF)").toStdString()
                    : "shutdown(" + howName(e.how) + ")";
            break;
        case EventKind::Closed:
            entry.kind = e.err ? LogEntry::Kind::Error : LogEntry::Kind::Note;
            entry.note = tr("closed").toStdString();
            if (e.err)
                entry.note += ": " + errText(e.err);
            if (!e.text.empty())
                entry.note += " — " + e.text;
            break;
        case EventKind::Error:
            entry.kind = LogEntry::Kind::Error;
            entry.note = (e.op.empty() ? std::string() : e.op + ": ")
                    + (e.err ? errText(e.err) : std::string())
                    + (e.text.empty() ? "" : (e.err ? " — " : "") + e.text);
            break;
        case EventKind::Dropped:
            m_droppedFromView += e.size;
            emit droppedChanged(m_droppedFromView);
            continue;
        case EventKind::Stopped:
            entry.note = tr("stopped").toStdString();
            break;
        case EventKind::Trace:
        case EventKind::Progress:
        case EventKind::Option:
        case EventKind::Done:
            continue;
        }
        batch.push_back(std::move(entry));
    }
    append(std::move(batch));
}

void LogModel::append(std::vector<LogEntry> entries)
{
    if (entries.empty())
        return;
    const size_t cap = static_cast<size_t>(m_capacity);
    uint64_t dropped = 0;
    size_t first = 0;
    if (entries.size() > cap) {
        first = entries.size() - cap;
        dropped += first;
    }
    const size_t incoming = entries.size() - first;
    const size_t overflow = m_rows.size() + incoming > cap ? m_rows.size() + incoming - cap : 0;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(overflow));
        endRemoveRows();
        dropped += overflow;
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row + static_cast<int>(incoming) - 1);
    for (size_t i = first; i < entries.size(); ++i)
        m_rows.push_back(std::move(entries[i]));
    endInsertRows();
    if (dropped) {
        m_droppedFromView += dropped;
        emit droppedChanged(m_droppedFromView);
    }
}

void LogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_droppedFromView = 0;
    endResetModel();
    emit droppedChanged(0);
}

void LogModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (m_rows.size() > static_cast<size_t>(m_capacity)) {
        const size_t overflow = m_rows.size() - static_cast<size_t>(m_capacity);
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(overflow));
        endRemoveRows();
        m_droppedFromView += overflow;
        emit droppedChanged(m_droppedFromView);
    }
}

void LogModel::setConnLabel(ConnId conn, const QString &label) { m_connLabels[conn] = label; }

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::peerText(const LogEntry &e) const
{
    const auto it = m_connLabels.find(e.conn);
    if (it != m_connLabels.end())
        return it->second;
    QString peer = e.peer.valid() ? QString::fromStdString(e.peer.toString()) : QString();
    if (e.conn != 0)
        return peer.isEmpty() ? QStringLiteral("#%1").arg(e.conn)
                              : QStringLiteral("#%1 %2").arg(e.conn).arg(peer);
    return peer;
}

QString LogModel::dataText(const LogEntry &e) const
{
    if (e.kind != LogEntry::Kind::Data)
        return QString::fromStdString(e.note);
    // Binary shows as hex bytes, as Wireshark does; text (UTF-8 included) as escaped text.
    const std::string_view bytes = view(e.bytes);
    QString text = isMostlyText(bytes) ? previewText(bytes) : hexPreviewText(bytes);
    if (e.flags & MSG_OOB)
        text.prepend(QStringLiteral("[OOB] "));
    if (e.flags & MSG_TRUNC)
        text.prepend(QStringLiteral("[truncated to %1 B] ").arg(view(e.bytes).size()));
    return text;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const LogEntry &e = m_rows[static_cast<size_t>(index.row())];
    const bool isData = e.kind == LogEntry::Kind::Data;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return wallClockText(e.monoNs);
        case DirColumn:
            if (!isData)
                return e.kind == LogEntry::Kind::Error ? QStringLiteral("!") : QStringLiteral("•");
            return e.dir == Direction::Out ? QStringLiteral("↑") : QStringLiteral("↓");
        case PeerColumn:
            return peerText(e);
        case LengthColumn:
            return isData ? QVariant(static_cast<qulonglong>(e.size)) : QVariant();
        case DataColumn:
            return dataText(e);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DataColumn && isData && !isMostlyText(view(e.bytes)))
            return tr("Binary payload, shown as hex bytes. Select the row for the hex+ASCII dump.");
        if (index.column() == DirColumn && isData)
            return e.dir == Direction::Out ? tr("sent") : tr("received");
        if (index.column() == DataColumn)
            return dataText(e);
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (e.kind == LogEntry::Kind::Error)
            return errorColor(palette);
        if (!isData)
            return palette.color(QPalette::Disabled, QPalette::Text);
        if (index.column() == DirColumn)
            return e.dir == Direction::Out ? sentColor(palette) : receivedColor(palette);
        return {};
    }
    case Qt::TextAlignmentRole:
        if (index.column() == LengthColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == DirColumn)
            return Qt::AlignCenter;
        return {};
    case HexDumpRole:
        return isData ? hexDumpText(view(e.bytes)) : QString();
    case FullTextRole:
        return isData ? previewText(view(e.bytes), INT32_MAX) : QString::fromStdString(e.note);
    case PayloadRole:
        return isData
                ? QByteArray(view(e.bytes).data(), static_cast<qsizetype>(view(e.bytes).size()))
                : QByteArray();
    case ConnRole:
        return static_cast<uint>(e.conn);
    case KindRole:
        return static_cast<int>(e.kind);
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirColumn:
        return QStringLiteral("⇅");
    case PeerColumn:
        return tr("Peer");
    case LengthColumn:
        return tr("Len");
    case DataColumn:
        return tr("Data");
    }
    return {};
}

} // namespace sb
