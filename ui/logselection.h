#pragma once

#include "core/text/trace.h"

#include <cstdint>

namespace sb {

class LogModel;
class LogView;

/// Selects, in a panel's log, the row of connection conn stamped monoNs (the nearest row of
/// that connection when the exact one has left the log) and scrolls to it; following stops so
/// the row stays in view. False when the log has no row of conn, or the filter hides it.
bool selectLogEntry(LogView *view, LogModel *model, ConnId conn, int64_t monoNs);

} // namespace sb
