#pragma once

#include <cstddef>
#include <span>

namespace sb {

/// A non-blocking, close-on-exec pipe for splice(2) that holds about bytes (an unprivileged
/// process may ask for up to 1 MiB; if the kernel refuses, the pipe keeps its 64 KiB).
/// False when the process is out of fds: the caller copies instead. Not traced: the pipe is
/// SockBench's own plumbing, not a socket call the person made.
bool openSplicePipe(int (&fds)[2], size_t bytes);

/// Closes each fd of fds that is open and marks it -1.
void closeFds(std::span<int> fds);

} // namespace sb
