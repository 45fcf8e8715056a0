// parseWorkspace and parseWorkspaceLenient never crash on any file; every error names the file
// and a line; the strict parse fails exactly when the lenient one has errors; and what parses
// is written back (writeWorkspace) to a text that parses to the same workspace and is written
// the same again.
#include "core/demo/workspace.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const WorkspaceLoad load = parseWorkspaceLenient(text, "f.sbw");
    for (const auto &e : load.errors)
        if (e.rfind("f.sbw:", 0) != 0 || e.size() < 8)
            std::abort();
    const auto strict = parseWorkspace(text, "f.sbw");
    if (strict.ok() != load.errors.empty())
        std::abort();
    if (!strict.ok()) {
        if (strict.error() != load.errors.front())
            std::abort();
        return 0;
    }
    if (!(*strict == load.workspace))
        std::abort();
    for (const auto &m : strict->messages)
        (void)messageBytes(m, "/nonexistent");
    const std::string written = writeWorkspace(*strict);
    const auto again = parseWorkspace(written, "w.sbw");
    if (!again.ok() || !(*again == *strict) || writeWorkspace(*again) != written)
        std::abort();
    return 0;
}
