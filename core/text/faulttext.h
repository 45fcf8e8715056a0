#pragma once

#include "core/text/faultplan.h"
#include "core/text/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace sb {

/// Which directions a fault names: "up", "down", or both when none is said.
struct FaultDirs
{
    bool up = true;
    bool down = true;
};

/// A byte count or a rate: digits with an optional suffix k, M, G (powers of 1000, as in
/// "1 MB/s") or Ki, Mi, Gi (powers of 1024). what names it in the error.
Result<uint64_t> parseAmount(std::string_view what, std::string_view text, uint64_t max);

/// Sets the fault called name (chop, chop-gap, coalesce, delay, throttle, reset-after, stall,
/// resume, close, clear) in plan, with its value (empty for stall, resume, close, clear).
/// what names the option or line in the error ("--chop-up", "stdin line 3").
Result<bool> applyFault(FaultPlan &plan, std::string_view name, std::string_view value,
                        const std::string &what);

/// True for the names applyFault takes without a value.
bool faultIsFlag(std::string_view name);

/// "chop 3 (gap 10 ms), throttle 1000000 B/s" or "no fault".
std::string describePlan(const FaultPlan &plan);

/// One line of the relay's stdin: "throttle down 2M", "stall up", "reset", "clear", "quit".
struct FaultLine
{
    enum class Kind { Set, ResetNow, Quit, Empty };
    Kind kind = Kind::Empty;
    FaultDirs dirs;
    std::string name;
    std::string value;
};
Result<FaultLine> parseFaultLine(std::string_view line, const std::string &what);

} // namespace sb
