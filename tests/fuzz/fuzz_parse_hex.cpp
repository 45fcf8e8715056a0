// parseHex never crashes, and toHex of what it accepts, in every separator, parses back.
#include "core/text/payload.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto bytes = parseHex(text);
    if (!bytes.ok()) {
        if (bytes.error().empty())
            std::abort();
        return 0;
    }
    for (const char sep : {' ', ':', ',', '-', '\n'}) {
        const auto back = parseHex(toHex(*bytes, sep));
        if (!back.ok() || *back != *bytes)
            std::abort();
    }
    const auto packed = parseHex("0x" + toHex(*bytes, '\0'));
    if (!bytes->empty() && (!packed.ok() || *packed != *bytes))
        std::abort();
    return 0;
}
