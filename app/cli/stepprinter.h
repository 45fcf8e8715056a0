#pragma once
// The lines sockbench-cli prints while it plays a demo or a scenario (demo, run): step headers
// with their narration, what each step caused, and whether its expectations held.

#include "core/demo/demoplayer.h"

#include <string>

namespace sb::cli {

/// Prints text wrapped at 96 columns, each line indented.
void printWrapped(const std::string &text, const char *indent);
/// The CLI's own words in the demo's language (narrations come translated in the file).
const char *tr(DemoLang lang, const char *en, const char *es);
/// "  server       listening on 127.0.0.1:4000": one entry, or nothing for an event that says
/// nothing to a reader.
void printEntry(const DemoEntry &entry, DemoLang lang);
/// "[2/4] TITLE" and the step's narration.
void printStepHeader(const DemoPlayer &player, int index);
/// "ok expect: ..." or "FAIL line N: ...: why", counting them.
void printChecks(const DemoStepReport &report, DemoLang lang, int *passed, int *failed);

} // namespace sb::cli
