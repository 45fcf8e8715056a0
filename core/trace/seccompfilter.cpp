#include "core/trace/seccompfilter.h"

#include "core/trace/syscalltable.h"

#include <cstddef>

#include <linux/audit.h>
#include <linux/seccomp.h>

namespace sb::tracee {

std::vector<sock_filter> buildSeccompFilter()
{
    const auto calls = tracedSyscalls();
    const auto n = static_cast<unsigned>(calls.size());
    std::vector<sock_filter> prog;
    auto stmt = [&](unsigned short code, unsigned k) { prog.push_back(BPF_STMT(code, k)); };
    auto jump = [&](unsigned short code, unsigned k, unsigned char jt, unsigned char jf) {
        prog.push_back(BPF_JUMP(code, k, jt, jf));
    };
#if defined(__x86_64__)
    // Layout: [0] load arch, [1] arch check, [2] load nr, [3 .. 3+n) one test per call,
    // [3+n] allow, [4+n] trace. Another ABI (i386 through int 0x80, x32) is let through.
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
    jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, static_cast<unsigned char>(n + 1));
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr));
    for (unsigned i = 0; i < n; ++i)
        jump(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(calls[i].nr),
             static_cast<unsigned char>(n - i), 0);
#endif
    stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    stmt(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    return prog;
}

} // namespace sb::tracee
