#pragma once
// The JSON lines of a played or recorded scenario: `sockbench-cli run --jsonl` prints them for
// the player's entries, and the window's scenario recorder writes the same for what a person
// did, so that the two can be compared (docs/workspace.md says how: ports aside, per panel).

#include "core/demo/demoplayer.h"
#include "core/net/event.h"

#include <string>
#include <string_view>

namespace sb {

/// {"step":1,"panel":"probe","conn":0,"event":"call","call":"sendto","ok":true} and a newline,
/// for an event of step (0-based) of the panel named panel ("srv#1" for a server's first
/// connection); "" for an event of no interest to a reader of the run (progress notes, queue
/// levels). File descriptors, arguments and times are left out.
std::string eventJson(int step, std::string_view panel, const Event &event);

/// {"step":2,"event":"expect","line":14,"expect":"errno probe ECONNREFUSED","passed":true}
std::string checkJson(int step, const DemoCheck &check);

} // namespace sb
