#pragma once

namespace sb {

/// Registers the icons compiled into sockbench_ui (a static library's resources are not
/// registered on their own). Safe to call more than once. GUI thread.
void initResources();

} // namespace sb
