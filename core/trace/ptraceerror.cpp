#include "core/trace/ptraceerror.h"

#include "core/text/errnoinfo.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

namespace sb::tracee {
namespace {

/// A "Key:\tvalue" line of /proc/PID/status; "" when there is none.
std::string statusField(const std::string &pid, const std::string &key)
{
    std::ifstream in("/proc/" + pid + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with(key + ":")) {
            const auto start = line.find_first_not_of(" \t", key.size() + 1);
            return start == std::string::npos ? std::string() : line.substr(start);
        }
    return {};
}

bool haveCapSysPtrace()
{
    const std::string eff = statusField("self", "CapEff");
    return !eff.empty()
            && (std::strtoull(eff.c_str(), nullptr, 16) & (1ull << 19)); // CAP_SYS_PTRACE
}

} // namespace

int yamaPtraceScope()
{
    std::ifstream in("/proc/sys/kernel/yama/ptrace_scope");
    int scope = -1;
    if (!(in >> scope))
        return -1;
    return scope;
}

std::string explainPtraceFailure(const char *what, pid_t pid, int err)
{
    const std::string p = std::to_string(pid);
    const std::string head
            = std::string("cannot ") + what + " process " + p + ": " + formatErrno(err) + "; ";
    if (err == ESRCH)
        return head + "there is no process " + p + " (it ended, or the number is wrong).";
    if (err != EPERM && err != EACCES)
        return head + "ptrace(2) refused it.";
    const std::string tracer = statusField(p, "TracerPid");
    if (!tracer.empty() && tracer != "0")
        return head + "process " + tracer
                + " already traces it (a debugger or strace): a "
                  "process has one tracer at a time, so stop that one first.";
    const int scope = yamaPtraceScope();
    if (scope == 3)
        return head
                + "Yama's kernel.yama.ptrace_scope is 3 (no ptrace at all), which only a "
                  "reboot undoes.";
    if (scope == 2)
        return head
                + "Yama's kernel.yama.ptrace_scope is 2 (only a process with "
                  "CAP_SYS_PTRACE may trace): run as root or give sockbench CAP_SYS_PTRACE "
                  "(setcap cap_sys_ptrace+ep), or lower it with sudo sysctl "
                  "kernel.yama.ptrace_scope=1.";
    if (!haveCapSysPtrace() && geteuid() == 0)
        return head
                + "this process has no CAP_SYS_PTRACE (a container started without it): "
                  "start the container with --cap-add=SYS_PTRACE, or run the program under the "
                  "tracer (sockbench-cli trace -- PROGRAM).";
    if (scope == 1)
        return head
                + "Yama's kernel.yama.ptrace_scope is 1 (a process may trace only its own "
                  "descendants): start the program under the tracer instead "
                  "(sockbench-cli trace -- PROGRAM), run as root, or allow it with sudo sysctl "
                  "kernel.yama.ptrace_scope=0.";
    return head
            + "the process belongs to another user or is not dumpable (setuid): run as "
              "that user or as root.";
}

} // namespace sb::tracee
