#include "app/cli/junit.h"

#include <cstdio>

namespace sb::cli {
namespace {

/// Bytes in a valid UTF-8 sequence at s[i] (1 for ASCII), or 0.
size_t utf8Run(const std::string &s, size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return 1;
    const size_t n = c >= 0xf0 && c <= 0xf4 ? 4
            : c >= 0xe0 && c < 0xf0         ? 3
            : c >= 0xc2 && c < 0xe0         ? 2
                                            : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    for (size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80)
            return 0;
    return n;
}

std::string seconds(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s);
    return buf;
}

} // namespace

std::string xmlEscaped(const std::string &s)
{
    std::string out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = utf8Run(s, i);
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '"')
            out += "&quot;";
        else if (c == '\'')
            out += "&apos;";
        else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7f && n == 1))
            out += char(c);
        else if (n > 1)
            out += s.substr(i, n);
        else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
        i += n > 1 ? n : 1;
    }
    return out;
}

std::string junitXml(const std::string &suite, const std::string &timestamp, double total,
                     const std::vector<JunitCase> &cases)
{
    int failures = 0;
    for (const auto &c : cases)
        failures += c.passed ? 0 : 1;
    const std::string counts = " tests=\"" + std::to_string(cases.size()) + "\" failures=\""
            + std::to_string(failures) + "\" errors=\"0\"";
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites name=\"" + xmlEscaped(suite) + "\"" + counts + " time=\"" + seconds(total)
            + "\">\n";
    out += "  <testsuite name=\"" + xmlEscaped(suite) + "\"" + counts + " skipped=\"0\" time=\""
            + seconds(total) + "\" timestamp=\"" + xmlEscaped(timestamp) + "\">\n";
    for (const auto &c : cases) {
        out += "    <testcase name=\"" + xmlEscaped(c.name) + "\" classname=\""
                + xmlEscaped(c.classname) + "\" time=\"" + seconds(c.seconds) + "\"";
        if (c.passed) {
            out += "/>\n";
            continue;
        }
        out += ">\n      <failure message=\"" + xmlEscaped(c.message) + "\" type=\"expect\">"
                + xmlEscaped(c.message) + "</failure>\n    </testcase>\n";
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

} // namespace sb::cli
