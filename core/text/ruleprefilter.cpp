#include "core/text/ruleprefilter.h"

#include <algorithm>
#include <climits>

namespace sb {

RulePrefilter::RulePrefilter(const std::vector<Pattern> &patterns)
{
    for (const Pattern &p : patterns)
        m_lowest = std::min(m_lowest, p.rule);
    if (!build(patterns))
        m_slow = patterns;
}

bool RulePrefilter::build(const std::vector<Pattern> &patterns)
{
    // Bytes that appear in no pattern all lead back towards the root the same way: one class.
    size_t total = 1;
    for (const Pattern &p : patterns) {
        total += p.bytes.size();
        for (unsigned char c : p.bytes) {
            if (!m_class[c])
                m_class[c] = static_cast<uint8_t>(m_classes++ & 0xff);
        }
    }
    // 256 distinct bytes would need class 256: bytes beyond 255 classes wrap, so use them all.
    if (m_classes > 256) {
        for (int c = 0; c < 256; ++c)
            m_class[c] = static_cast<uint8_t>(c);
        m_classes = 256;
    }
    if (total > kMaxCells / m_classes)
        return false;

    const size_t nc = m_classes;
    m_next.assign(nc, -1);
    m_out.assign(1, INT32_MAX);
    for (const Pattern &p : patterns) {
        int32_t s = 0;
        for (unsigned char c : p.bytes) {
            int32_t &to = m_next[size_t(s) * nc + m_class[c]];
            if (to < 0) {
                to = static_cast<int32_t>(m_out.size());
                m_out.push_back(INT32_MAX);
                m_next.resize(m_next.size() + nc, -1);
            }
            s = m_next[size_t(s) * nc + m_class[c]]; // resize may have moved `to`
        }
        m_out[size_t(s)] = std::min(m_out[size_t(s)], p.rule);
    }
    // Breadth first: a state's failure (its longest proper suffix that is a state) is known
    // before the state, so missing transitions copy the failure's and outputs merge in.
    std::vector<int32_t> fail(m_out.size(), 0);
    std::vector<int32_t> queue;
    queue.reserve(m_out.size());
    for (size_t k = 0; k < nc; ++k) {
        int32_t &to = m_next[k];
        if (to < 0) {
            to = 0;
        } else {
            fail[size_t(to)] = 0;
            queue.push_back(to);
        }
    }
    for (size_t head = 0; head < queue.size(); ++head) {
        const int32_t s = queue[head];
        m_out[size_t(s)] = std::min(m_out[size_t(s)], m_out[size_t(fail[size_t(s)])]);
        for (size_t k = 0; k < nc; ++k) {
            int32_t &to = m_next[size_t(s) * nc + k];
            const int32_t viaFail = m_next[size_t(fail[size_t(s)]) * nc + k];
            if (to < 0) {
                to = viaFail;
            } else {
                fail[size_t(to)] = viaFail;
                queue.push_back(to);
            }
        }
    }
    return true;
}

int RulePrefilter::find(std::string_view message) const
{
    if (!m_slow.empty()) {
        int best = INT32_MAX;
        for (const Pattern &p : m_slow) {
            if (p.rule < best && message.find(p.bytes) != std::string_view::npos)
                best = p.rule;
        }
        return best;
    }
    if (m_out.empty())
        return INT32_MAX;
    int best = m_out[0]; // an empty pattern occurs in every message
    const size_t nc = m_classes;
    const int32_t *next = m_next.data();
    const int32_t *out = m_out.data();
    size_t s = 0;
    for (unsigned char c : message) {
        if (best == m_lowest)
            break;
        s = size_t(next[s * nc + m_class[c]]);
        if (out[s] < best)
            best = out[s];
    }
    return best;
}

} // namespace sb
