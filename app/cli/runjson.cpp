#include "app/cli/runjson.h"

namespace sb::cli {

std::string entryJson(const DemoEntry &entry)
{
    return eventJson(entry.step, entry.panel, entry.event);
}

} // namespace sb::cli
