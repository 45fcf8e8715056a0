#pragma once

#include <QString>

class QAbstractItemModel;

namespace sb {

enum class LogExportFormat { Text, Csv };

/// Writes every row of a log model (a LogModel or a filter over one) to path: aligned text
/// lines, or CSV with time, direction, peer, length, escaped text and hex. Returns an empty
/// string on success, else what went wrong.
QString exportLog(const QAbstractItemModel &model, const QString &path, LogExportFormat format);

/// Text for a path's extension: .csv is CSV, anything else text.
LogExportFormat exportFormatFor(const QString &path);

} // namespace sb
