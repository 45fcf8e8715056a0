#pragma once

#include "core/demo/demoscript.h"
#include "core/text/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// One built-in demo file, embedded at build time from resources/demos. Static storage.
struct DemoSource
{
    const char *file; ///< "01-tcp-echo.demo"
    const char *text;
};

/// Every built-in demo file, in file-name order (the course's order). Thread-safe.
const std::vector<DemoSource> &builtinDemoSources();

/// The built-in demos, parsed, in the course's order. A built-in file that does not parse is
/// a bug the tests catch; here it is left out.
std::vector<DemoScript> builtinDemos();

/// A built-in demo by its name ("tcp-echo"); the error lists the names there are.
Result<DemoScript> loadBuiltinDemo(std::string_view name);

/// A demo file from disk (a teacher's copy); errors name the file and line.
Result<DemoScript> loadDemoFile(const std::string &path);

} // namespace sb
