#pragma once

#include <cstdint>

namespace sb {

/// CLOCK_MONOTONIC in nanoseconds: the time base of every trace record and event.
int64_t monotonicNs();

/// CLOCK_REALTIME minus CLOCK_MONOTONIC, in nanoseconds: what turns a kernel's wall-clock
/// stamp into the trace's time base. Read so that the thread being preempted between the two
/// clocks does not skew it (of three mono-real-mono readings, the closest pair's middle).
int64_t realtimeMinusMonotonicNs();

} // namespace sb
