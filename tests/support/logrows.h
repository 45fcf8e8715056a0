#pragma once
// What a person looks for in a panel's Log: a row with exactly these bytes, in or out.

#include "ui/logmodel.h"

#include <QByteArray>

#include <string>

namespace sbtest {

/// Whether `log` holds a data row going `dir` whose bytes are exactly `bytes`.
inline bool logHas(const sb::LogModel &log, sb::Direction dir, const QByteArray &bytes)
{
    for (int r = 0; r < log.rowCount(); ++r)
        if (log.entry(r).kind == sb::LogEntry::Kind::Data && log.entry(r).dir == dir
            && QByteArray::fromStdString(std::string(sb::view(log.entry(r).bytes))) == bytes)
            return true;
    return false;
}

} // namespace sbtest
