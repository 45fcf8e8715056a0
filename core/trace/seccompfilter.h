#pragma once

#include <vector>

#include <linux/filter.h>

namespace sb::tracee {

/// The seccomp-bpf program a started tracee runs under: SECCOMP_RET_TRACE for the calls of
/// tracedSyscalls() made in the x86_64 ABI, SECCOMP_RET_ALLOW for everything else, so the
/// program runs at full speed between the calls that matter.
std::vector<sock_filter> buildSeccompFilter();

} // namespace sb::tracee
