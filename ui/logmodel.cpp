#include "ui/logmodel.h"

#include "core/net/tlstext.h"
#include "core/text/names.h"
#include "core/text/payload.h"
#include "core/text/rules.h"
#include "ui/display.h"

#include <QApplication>
#include <QPalette>

namespace sb {
namespace {

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
        entry.kind = LogEntry::Kind::Note;
        bool keep = true;
        std::visit(Overloaded {
                           [&](const ev::Data &d) {
                               entry.kind = LogEntry::Kind::Data;
                               entry.peer = d.peer;
                               entry.dir = d.dir;
                               entry.bytes = d.bytes;
                               entry.flags = d.flags | (d.truncated ? MSG_TRUNC : 0);
                               entry.size = d.length ? d.length : view(d.bytes).size();
                           },
                           [&](const ev::Listening &l) {
                               // Notes are rare next to data: tr() here costs nothing under a
                               // flood.
                               entry.note = (l.local.valid() ? tr("bound to %1")
                                                                       .arg(QString::fromStdString(
                                                                               l.local.toString()))
                                                             : tr("bound"))
                                                    .toStdString();
                           },
                           [&](const ev::Connecting &c) {
                               entry.peer = c.peer;
                               entry.note = tr("connecting to %1")
                                                    .arg(QString::fromStdString(c.peer.toString()))
                                                    .toStdString();
                           },
                           [&](const ev::Opened &o) {
                               entry.peer = o.peer;
                               entry.note = tr("connection open: %1 ↔ %2")
                                                    .arg(QString::fromStdString(o.local.toString()),
                                                         QString::fromStdString(o.peer.toString()))
                                                    .toStdString();
                           },
                           [&](const ev::PeerEof &) {
                               entry.note
                                       = tr("peer shut down its sending side (EOF)").toStdString();
                           },
                           [&](const ev::Shutdown &sh) {
                               entry.dir = Direction::Out;
                               entry.note = "shutdown(" + shutdownName(sh.how) + ")";
                           },
                           [&](const ev::Closed &c) {
                               entry.peer = c.peer;
                               entry.kind = c.err ? LogEntry::Kind::Error : LogEntry::Kind::Note;
                               entry.note = tr("closed").toStdString();
                               if (c.err)
                                   entry.note += ": " + errText(c.err);
                               if (!c.reason.empty())
                                   entry.note += " — " + c.reason;
                           },
                           [&](const ev::Error &err) {
                               entry.kind = LogEntry::Kind::Error;
                               entry.note = (err.op.empty() ? std::string() : err.op + ": ")
                                       + (err.err ? errText(err.err) : std::string())
                                       + (err.detail.empty() ? ""
                                                             : (err.err ? " — " : "") + err.detail);
                           },
                           [&](const ev::Dropped &d) {
                               m_droppedFromView += d.entries;
                               emit droppedChanged(m_droppedFromView);
                               keep = false;
                           },
                           [&](const ev::Stopped &) { entry.note = tr("stopped").toStdString(); },
                           [&](const ev::Trace &) { keep = false; },
                           [&](const ev::SendQueue &) { keep = false; },
                           [&](const ev::OptionValue &) { keep = false; },
                           [&](const ev::CallDone &) { keep = false; },
                           // Packets belong to the Wire view, beneath the calls, not to the log.
                           [&](const ev::Packet &) { keep = false; },
                           [&](const ev::RuleMatched &m) {
                               entry.peer = m.peer;
                               entry.note = tr("%1 matched %2 bytes (counter %3, server_counter "
                                               "%4)")
                                                    .arg(QString::fromStdString(
                                                            ruleLabel(m.rule, m.name)))
                                                    .arg(m.length)
                                                    .arg(m.counter)
                                                    .arg(m.serverCounter)
                                                    .toStdString();
                           },
                           [&](const ev::Fault &f) {
                               entry.peer = f.peer;
                               const QString text = f.what == "drop"
                                       ? tr("relay fault: dropped this datagram (%1 bytes)")
                                       : f.what == "duplicate"
                                       ? tr("relay fault: sent this datagram twice (%1 bytes)")
                                       : tr("relay fault: held this datagram back to send it "
                                            "after the next (%1 bytes)");
                               entry.note = text.arg(f.length).toStdString();
                           },
                           [&](const ev::TlsEstablished &t) {
                               entry.note = tr("TLS established: %1")
                                                    .arg(QString::fromStdString(tlsSummary(t)))
                                                    .toStdString();
                               if (!t.verifyProblem.empty()) {
                                   entry.kind = LogEntry::Kind::Error;
                                   entry.note += " — "
                                           + tr("certificate NOT verified, accepted anyway: %1")
                                                     .arg(QString::fromStdString(t.verifyProblem))
                                                     .toStdString();
                               }
                           },
                   },
                   e.body);
        if (!keep)
            continue;
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
