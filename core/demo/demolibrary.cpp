#include "core/demo/demolibrary.h"

#include "core/text/payload.h"

namespace sb {

std::vector<DemoScript> builtinDemos()
{
    std::vector<DemoScript> demos;
    for (const auto &source : builtinDemoSources())
        if (auto script = parseDemo(source.text, source.file))
            demos.push_back(std::move(script).value());
    return demos;
}

Result<DemoScript> loadBuiltinDemo(std::string_view name)
{
    std::string names;
    for (auto &script : builtinDemos()) {
        if (script.name == name)
            return std::move(script);
        names += (names.empty() ? "" : ", ") + script.name;
    }
    return InputError {"no demo named '" + std::string(name) + "' (there are: " + names + ")"};
}

Result<DemoScript> loadDemoFile(const std::string &path)
{
    auto text = readPayloadFile(path, 1 << 20);
    if (!text)
        return InputError {text.error()};
    return parseDemo(*text, path);
}

} // namespace sb
