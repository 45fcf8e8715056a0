// parseDemo never crashes on any file, refuses with a message naming the file and a line, and
// what it accepts holds together: named panels exist, every step speaks both languages, and
// the ${...} placeholders of its texts substitute without a crash.
#include "core/demo/demoscript.h"
#include "core/text/payload.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto script = parseDemo(text, "f.demo");
    if (!script.ok()) {
        // "f.demo:LINE: what is wrong"
        const std::string &e = script.error();
        if (e.rfind("f.demo:", 0) != 0 || e.size() < 10)
            std::abort();
        return 0;
    }
    if (script->name.empty() || script->title.en.empty() || script->title.es.empty()
        || script->steps.empty())
        std::abort();
    const DemoLookup lookup = [](std::string_view name) -> std::optional<std::string> {
        if (name == "tmp")
            return "/tmp/d";
        if (name.ends_with(".port"))
            return "4242";
        return std::nullopt;
    };
    for (const auto &step : script->steps) {
        if (step.narration.en.empty() || step.narration.es.empty())
            std::abort();
        for (const auto &action : step.actions) {
            if (action.op != "byteorder" && action.panel.empty())
                std::abort();
            for (const auto &arg : action.args)
                if (auto s = substituteDemoText(arg, lookup))
                    (void)parseEscapedText(*s);
        }
        for (const auto &c : step.expects)
            if (c.line <= 0 || c.source.empty())
                std::abort();
    }
    for (const auto &panel : script->panels)
        if (script->panel(panel.name) != &panel)
            std::abort();
    return 0;
}
