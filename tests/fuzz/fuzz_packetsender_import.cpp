// importPacketSender never crashes on any packets.ini or JSON export, and what it imports is a
// set of saved messages a workspace can hold: named, unique, with bytes and targets that parse,
// written and read back the same.
#include "core/demo/packetsender.h"
#include "core/demo/workspace.h"

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto imported = importPacketSender(text);
    if (!imported.ok()) {
        if (imported.error().empty())
            std::abort();
        return 0;
    }
    std::set<std::string> names;
    for (const auto &m : imported->messages) {
        if (m.name.empty() || !names.insert(m.name).second || !messageBytes(m).ok())
            std::abort();
    }
    Workspace ws;
    ws.messages = imported->messages;
    const auto again = parseWorkspace(writeWorkspace(ws), "w.sbw");
    if (!again.ok() || !(*again == ws))
        std::abort();
    return 0;
}
