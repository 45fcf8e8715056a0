#include "core/trace/traceeevent.h"

#include <cstring>

#include <signal.h>

namespace sb::tracee {

std::string signalName(int signo)
{
    if (const char *abbrev = sigabbrev_np(signo))
        return std::string("SIG") + abbrev;
    return "SIG" + std::to_string(signo);
}

std::string formatEvent(const Event &event)
{
    if (const auto *call = event.as<Call>())
        return call->record ? formatTrace(*call->record) : std::string();
    if (const auto *e = event.as<Exited>())
        return "+++ exited with " + std::to_string(e->status) + " +++";
    if (const auto *k = event.as<Killed>())
        return "+++ killed by " + signalName(k->signo) + (k->coreDumped ? " (core dumped)" : "")
                + " +++";
    if (const auto *s = event.as<Signal>())
        return "--- " + signalName(s->signo) + " ---";
    if (event.as<Detached>())
        return "+++ detached +++";
    if (const auto *f = event.as<Failed>())
        return f->reason;
    if (const auto *s = event.as<Started>())
        return s->attached ? "+++ attached to " + s->path + " +++"
                           : "+++ started " + s->path + " +++";
    return {};
}

} // namespace sb::tracee
