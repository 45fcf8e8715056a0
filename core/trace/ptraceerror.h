#pragma once

#include <string>

#include <sys/types.h>

namespace sb::tracee {

/// One sentence on why ptrace(what) of pid failed with err and what would allow it: Yama's
/// ptrace_scope and what its value means, a container without CAP_SYS_PTRACE, a process that
/// is gone or already traced.
std::string explainPtraceFailure(const char *what, pid_t pid, int err);

/// /proc/sys/kernel/yama/ptrace_scope, or -1 when there is no Yama.
int yamaPtraceScope();

} // namespace sb::tracee
