#pragma once
// `sockbench-cli run --jsonl`: one JSON object a line for each thing a scenario's steps caused
// and for each expectation's outcome. Addresses are as the kernel gave them; docs/workspace.md
// says what to normalise (ports, times) when two runs are compared.

#include "core/demo/demoplayer.h"
#include "core/demo/eventjson.h"

#include <string>

namespace sb::cli {

/// {"step":1,"panel":"probe","event":"trace","call":"sendto","ok":true,...}, or "" for an
/// event of no interest to a reader of the run (the player's progress notes aside).
std::string entryJson(const DemoEntry &entry);

// checkJson (each expectation's line): core/demo/eventjson.h.

} // namespace sb::cli
