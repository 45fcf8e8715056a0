#include "core/text/faulttext.h"

#include <charconv>
#include <climits>
#include <sstream>
#include <vector>

namespace sb {
namespace {

constexpr uint64_t kMaxMs = 3600 * 1000; // an hour: a delay past that is a typo
constexpr const char *kNames = "chop, chop-gap, coalesce, delay, throttle, reset-after, stall, "
                               "resume, close, drop, duplicate, reorder, seed, clear, reset, quit";

/// A chance in percent: 0 to 100, with an optional '%'.
Result<unsigned> parsePercent(const std::string &what, std::string_view text)
{
    if (text.ends_with('%'))
        text.remove_suffix(1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > 100)
        return InputError {what + ": '" + std::string(text) + "' is not a percentage 0..100"};
    return value;
}

Result<int> parseMs(const std::string &what, std::string_view text, uint64_t min)
{
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return InputError {what + ": '" + std::string(text) + "' is not a number of milliseconds"};
    if (value < min || value > kMaxMs)
        return InputError {what + ": " + std::string(text) + " ms is out of range "
                           + std::to_string(min) + ".." + std::to_string(kMaxMs)};
    return int(value);
}

} // namespace

Result<uint64_t> parseAmount(std::string_view what, std::string_view text, uint64_t max)
{
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    const std::string_view suffix(end, size_t(text.data() + text.size() - end));
    const std::string bad = std::string(what) + ": '" + std::string(text)
            + "' is not a number with an optional k, M, G, Ki, Mi or Gi";
    if (text.empty() || ec == std::errc::invalid_argument || end == text.data())
        return InputError {bad};
    uint64_t unit = 1;
    if (suffix.empty())
        unit = 1;
    else if (suffix == "k" || suffix == "K")
        unit = 1000;
    else if (suffix == "M")
        unit = 1000 * 1000;
    else if (suffix == "G")
        unit = 1000 * 1000 * 1000;
    else if (suffix == "Ki")
        unit = 1024;
    else if (suffix == "Mi")
        unit = 1024 * 1024;
    else if (suffix == "Gi")
        unit = 1024 * 1024 * 1024;
    else
        return InputError {bad};
    if (ec == std::errc::result_out_of_range || value > max / unit)
        return InputError {std::string(what) + ": " + std::string(text) + " is out of range 0.."
                           + std::to_string(max)};
    return value * unit;
}

bool faultIsFlag(std::string_view name)
{
    return name == "stall" || name == "resume" || name == "close" || name == "clear";
}

Result<bool> applyFault(FaultPlan &plan, std::string_view name, std::string_view value,
                        const std::string &what)
{
    if (name == "chop") {
        auto n = parseAmount(what, value, 64 * 1024);
        if (!n)
            return InputError {n.error()};
        plan.chop = size_t(*n);
    } else if (name == "chop-gap") {
        auto ms = parseMs(what, value, 0);
        if (!ms)
            return InputError {ms.error()};
        plan.chopGapMs = *ms;
    } else if (name == "coalesce") {
        // BYTES[,MS]: gather until BYTES, or MS (100 unless said) after the first byte.
        const size_t comma = value.find(',');
        auto n = parseAmount(what, value.substr(0, comma), 16u << 20);
        if (!n)
            return InputError {n.error()};
        int ms = 100;
        if (comma != std::string_view::npos) {
            auto parsed = parseMs(what, value.substr(comma + 1), 0);
            if (!parsed)
                return InputError {parsed.error()};
            ms = *parsed;
        }
        if (*n == 1 || (*n == 0 && ms == 0))
            return InputError {what + ": coalesce needs BYTES of 2 or more, or a time (0,50)"};
        plan.coalesceBytes = size_t(*n);
        plan.coalesceMs = ms;
    } else if (name == "delay") {
        auto ms = parseMs(what, value, 0);
        if (!ms)
            return InputError {ms.error()};
        plan.delayMs = *ms;
    } else if (name == "throttle") {
        auto rate = parseAmount(what, value, uint64_t(1) << 40);
        if (!rate)
            return InputError {rate.error()};
        plan.throttleBps = *rate;
    } else if (name == "reset-after") {
        auto n = parseAmount(what, value, uint64_t(1) << 50);
        if (!n)
            return InputError {n.error()};
        plan.resetAfter = *n;
    } else if (name == "drop" || name == "duplicate" || name == "reorder") {
        auto pct = parsePercent(what, value);
        if (!pct)
            return InputError {pct.error()};
        (name == "drop"                ? plan.dropPercent
                 : name == "duplicate" ? plan.duplicatePercent
                                       : plan.reorderPercent)
                = *pct;
    } else if (name == "seed") {
        auto n = parseAmount(what, value, UINT64_MAX);
        if (!n)
            return InputError {n.error()};
        plan.seed = *n;
    } else if (name == "stall") {
        plan.stall = true;
    } else if (name == "resume") {
        plan.stall = false;
    } else if (name == "close") {
        plan.close = true;
    } else if (name == "clear") {
        plan = FaultPlan {};
    } else {
        return InputError {what + ": '" + std::string(name) + "' is not a fault (" + kNames + ")"};
    }
    return true;
}

std::string describePlan(const FaultPlan &p)
{
    std::vector<std::string> parts;
    if (p.chop)
        parts.push_back("chop " + std::to_string(p.chop) + " (gap " + std::to_string(p.chopGapMs)
                        + " ms)");
    if (p.coalesceBytes || p.coalesceMs)
        parts.push_back("coalesce " + std::to_string(p.coalesceBytes) + " B or "
                        + std::to_string(p.coalesceMs) + " ms");
    if (p.delayMs)
        parts.push_back("delay " + std::to_string(p.delayMs) + " ms");
    if (p.throttleBps)
        parts.push_back("throttle " + std::to_string(p.throttleBps) + " B/s");
    if (p.stall)
        parts.push_back("stall");
    if (p.close)
        parts.push_back("close");
    if (p.resetAfter)
        parts.push_back("reset after " + std::to_string(p.resetAfter) + " B");
    if (p.dropPercent)
        parts.push_back("drop " + std::to_string(p.dropPercent) + " %");
    if (p.duplicatePercent)
        parts.push_back("duplicate " + std::to_string(p.duplicatePercent) + " %");
    if (p.reorderPercent)
        parts.push_back("reorder " + std::to_string(p.reorderPercent) + " %");
    if (parts.empty())
        return "no fault";
    std::string out = parts.front();
    for (size_t i = 1; i < parts.size(); ++i)
        out += ", " + parts[i];
    return out;
}

Result<FaultLine> parseFaultLine(std::string_view line, const std::string &what)
{
    std::istringstream in {std::string(line)};
    std::vector<std::string> words;
    for (std::string w; in >> w;)
        words.push_back(w);
    FaultLine out;
    if (words.empty() || words.front().starts_with('#'))
        return out;
    out.name = words.front();
    size_t next = 1;
    if (out.name == "reset" || out.name == "quit") {
        if (words.size() > 1)
            return InputError {what + ": '" + out.name + "' takes nothing after it"};
        out.kind = out.name == "reset" ? FaultLine::Kind::ResetNow : FaultLine::Kind::Quit;
        return out;
    }
    if (next < words.size() && (words[next] == "up" || words[next] == "down")) {
        out.dirs.up = words[next] == "up";
        out.dirs.down = words[next] == "down";
        ++next;
    }
    const bool flag = faultIsFlag(out.name);
    if (next < words.size() && words.size() - next == (flag ? 1u : 2u))
        return InputError {what + ": '" + words[next] + "' is not a direction (up, down)"};
    if (!flag && next < words.size())
        out.value = words[next++];
    if (next != words.size())
        return InputError {what + ": '" + words[next] + "' is one word too many (e.g. "
                           + "'throttle down 2M', 'stall up', 'reset')"};
    if (!flag && out.value.empty()) {
        FaultPlan probe;
        if (auto known = applyFault(probe, out.name, "0", what); !known)
            return InputError {known.error()};
        return InputError {what + ": " + out.name + " needs a value (e.g. '" + out.name
                           + " up 3')"};
    }
    FaultPlan probe; // the value is checked now, where it was typed
    if (auto ok = applyFault(probe, out.name, out.value, what); !ok)
        return InputError {ok.error()};
    out.kind = FaultLine::Kind::Set;
    return out;
}

} // namespace sb
