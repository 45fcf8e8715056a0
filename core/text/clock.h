#pragma once

#include <cstdint>

namespace sb {

/// CLOCK_MONOTONIC in nanoseconds: the time base of every trace record and event.
int64_t monotonicNs();

} // namespace sb
