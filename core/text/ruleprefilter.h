#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// Finds, in one pass over a message, the lowest-numbered of many "contains" patterns that
/// occurs in it: an Aho-Corasick automaton made a full DFA over byte classes, so each byte
/// costs one table load whatever the number of patterns. Patterns too many or too long for
/// the table (kMaxCells) are searched one by one instead. Immutable once built; thread-safe.
class RulePrefilter
{
public:
    struct Pattern
    {
        std::string bytes;
        int rule; ///< what find() returns when this pattern is the lowest that occurs
    };
    explicit RulePrefilter(const std::vector<Pattern> &patterns);

    /// The lowest rule among the patterns found in message, or INT32_MAX when none is. Stops
    /// early once it has found the lowest rule of all.
    int find(std::string_view message) const;

    /// Cells of the transition table (states times byte classes) that one automaton may hold:
    /// 16 MiB of int32.
    static constexpr size_t kMaxCells = size_t(4) << 20;

private:
    bool build(const std::vector<Pattern> &patterns);

    std::vector<Pattern> m_slow; ///< set when the automaton would be too big
    uint8_t m_class[256] = {};
    size_t m_classes = 1;
    std::vector<int32_t> m_next; ///< state * m_classes + class -> state
    std::vector<int32_t> m_out; ///< state -> lowest rule ending here or at a suffix
    int m_lowest = INT32_MAX; ///< the lowest rule of all: nothing can beat it
};

} // namespace sb
