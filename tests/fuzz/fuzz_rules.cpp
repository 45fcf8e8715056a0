// The reply rules engine on any input: the bytes before the first NUL are a rules file, the
// rest a stream, cut into reads at each 0xff byte. The parser never crashes and refuses with
// "LINE:COLUMN: message"; what it accepts frames any reads, matches every message to a rule of
// the file or none, and fills every template of the matching rule.
#include "core/text/framer.h"
#include "core/text/rules.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string_view input(reinterpret_cast<const char *>(data), size);
    const size_t nul = input.find('\0');
    const std::string_view file = input.substr(0, nul);
    std::string_view stream
            = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
    const auto parsed = RuleSet::parse(file);
    if (!parsed) {
        const std::string &e = parsed.error();
        const size_t a = e.find(':');
        const size_t b = a == std::string::npos ? a : e.find(':', a + 1);
        if (a == 0 || b == std::string::npos || b == a + 1
            || e.find_first_not_of("0123456789") != a)
            std::abort();
        return 0;
    }
    const RuleSet &set = **parsed;
    (void)set.datagramProblem();
    Framer framer(set.framing());
    while (!stream.empty()) {
        const size_t cut = stream.find('\xff');
        const std::string_view read = stream.substr(0, cut);
        stream = cut == std::string_view::npos ? std::string_view() : stream.substr(cut + 1);
        const std::string error = framer.feed(read, [&](std::string_view message) {
            const RuleMatch m = set.match(message);
            if (m.rule < -1 || m.rule >= int(set.rules().size()))
                std::abort();
            if (m.rule < 0)
                return;
            if (m.groups.empty())
                std::abort();
            TemplateContext ctx;
            ctx.counter = 1;
            ctx.serverCounter = 2;
            ctx.peer = "127.0.0.1:1";
            ctx.message = message;
            for (const RuleAction &a : set.rules()[size_t(m.rule)].actions) {
                if (a.kind == RuleAction::Kind::Reply)
                    (void)framer.frame(expandTemplate(a.reply, m, ctx));
            }
        });
        if (!error.empty())
            break;
    }
    return 0;
}
