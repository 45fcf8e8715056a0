// parseEscapedText never crashes; what it accepts comes back unchanged through
// escapedPreview, and the display functions take any bytes.
#include "core/text/hexdump.h"
#include "core/text/payload.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    (void)hexDump(text, 64);
    (void)escapedPreview(text, 40);
    (void)isMostlyText(text);
    const auto bytes = parseEscapedText(text);
    if (!bytes.ok()) {
        if (bytes.error().find("column") == std::string::npos)
            std::abort(); // every refusal names where
        return 0;
    }
    const auto back = parseEscapedText(escapedPreview(*bytes, SIZE_MAX));
    if (!back.ok() || *back != *bytes)
        std::abort();
    return 0;
}
