#include "core/text/clock.h"

#include <ctime>
#include <limits>

namespace sb {
namespace {

int64_t clockNs(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

int64_t monotonicNs() { return clockNs(CLOCK_MONOTONIC); }

int64_t realtimeMinusMonotonicNs()
{
    int64_t offset = 0;
    int64_t narrowest = std::numeric_limits<int64_t>::max();
    for (int i = 0; i < 3; ++i) {
        const int64_t before = clockNs(CLOCK_MONOTONIC);
        const int64_t real = clockNs(CLOCK_REALTIME);
        const int64_t after = clockNs(CLOCK_MONOTONIC);
        if (after - before < narrowest) {
            narrowest = after - before;
            offset = real - (before + (after - before) / 2);
        }
    }
    return offset;
}

} // namespace sb
