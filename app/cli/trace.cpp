// sockbench-cli trace: another program's socket calls, strace-style, by ptrace and seccomp.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/eventprinter.h"
#include "app/cli/globaloptions.h"
#include "core/text/errnoinfo.h"
#include "core/text/hexdump.h"
#include "core/trace/programtracer.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace sb::cli {
namespace {

namespace tr = sb::tracee;

enum class DataLog { None, Text, Hex };

struct TraceOptions
{
    DataLog log = DataLog::None;
    bool jsonl = false;
    std::string output; ///< -o FILE; stderr when empty
    pid_t attach = 0;
    std::vector<std::string> argv;
};

/// Writes the tracer's events as they come (on the tracer's thread).
class TracePrinter
{
public:
    TracePrinter(const TraceOptions &options, int fd)
        : m_options(options)
        , m_fd(fd)
    { }

    void print(const tr::Event &e)
    {
        m_live.insert(e.pid);
        std::string out = m_options.jsonl ? json(e) : text(e);
        if (!out.empty())
            (void)writeAll(m_fd, out);
        if (e.as<tr::Exited>() || e.as<tr::Killed>() || e.as<tr::Detached>())
            m_live.erase(e.pid);
    }

private:
    std::string text(const tr::Event &e)
    {
        if (e.as<tr::Started>())
            return {};
        std::string line;
        // "[pid N] " while more than one process is traced, as strace -f prints it.
        if (m_live.size() > 1)
            line = "[pid " + std::to_string(e.pid) + "] ";
        line += tr::formatEvent(e);
        line += '\n';
        const auto *call = e.as<tr::Call>();
        if (call && call->record)
            appendData(line, *call->record);
        if (const auto *k = e.as<tr::Killed>(); k && !k->lastCalls.empty()) {
            line += "sockbench-cli: process " + std::to_string(e.pid) + " was killed by "
                    + tr::signalName(k->signo) + "; its last calls:\n";
            for (const std::string &c : k->lastCalls)
                line += "  " + c + "\n";
        }
        return line;
    }

    void appendData(std::string &line, const TraceRecord &r)
    {
        const std::string_view data = view(r.data);
        if (m_options.log == DataLog::None || data.empty())
            return;
        if (m_options.log == DataLog::Hex) {
            appendHexDump(line, data);
        } else {
            line += " | ";
            line += quotedPreview(data, data.size());
            line += '\n';
        }
    }

    std::string json(const tr::Event &e)
    {
        std::string line = "{\"event\":";
        const auto *call = e.as<tr::Call>();
        if (call)
            line += "\"call\"";
        else if (e.as<tr::Started>())
            line += "\"started\"";
        else if (e.as<tr::Exited>())
            line += "\"exited\"";
        else if (e.as<tr::Killed>())
            line += "\"killed\"";
        else if (e.as<tr::Signal>())
            line += "\"signal\"";
        else if (e.as<tr::Detached>())
            line += "\"detached\"";
        else
            line += "\"failed\"";
        timespec now {};
        clock_gettime(CLOCK_REALTIME, &now);
        line += ",\"time\":" + std::to_string(now.tv_sec) + "."
                + std::to_string(now.tv_nsec / 1000000 + 1000).substr(1);
        line += ",\"pid\":" + std::to_string(e.pid) + ",\"tid\":" + std::to_string(e.tid);
        if (call && call->record) {
            const TraceRecord &r = *call->record;
            line += ",\"call\":" + jsonString(sysCallName(r.call));
            line += ",\"fd\":" + std::to_string(r.fd);
            line += ",\"result\":" + std::to_string(r.result);
            if (r.result < 0) {
                const char *name = errnoName(r.err);
                line += ",\"errno\":" + (name ? jsonString(name) : std::to_string(r.err));
                line += ",\"error\":" + jsonString(errnoText(r.err));
                if (const char *cause = errnoCause(sysCallName(r.call), r.err, r.addr.family());
                    cause && *cause)
                    line += ",\"cause\":" + jsonString(cause);
            }
            if (r.addr.valid())
                line += ",\"address\":" + jsonString(r.addr.toString());
            line += ",\"line\":" + jsonString(formatTrace(r));
            const std::string_view data = view(r.data);
            if (!data.empty() && m_options.log != DataLog::None)
                line += ",\"len\":" + std::to_string(data.size()) + ",\"hex\":\"" + hexString(data)
                        + "\"";
        } else if (const auto *x = e.as<tr::Exited>()) {
            line += ",\"status\":" + std::to_string(x->status);
        } else if (const auto *k = e.as<tr::Killed>()) {
            line += ",\"signal\":" + jsonString(tr::signalName(k->signo));
            line += ",\"last\":[";
            for (size_t i = 0; i < k->lastCalls.size(); ++i)
                line += (i ? "," : "") + jsonString(k->lastCalls[i]);
            line += "]";
        } else if (const auto *s = e.as<tr::Signal>()) {
            line += ",\"signal\":" + jsonString(tr::signalName(s->signo));
        } else if (const auto *st = e.as<tr::Started>()) {
            line += ",\"program\":" + jsonString(st->path)
                    + ",\"attached\":" + (st->attached ? "true" : "false");
        }
        return line + "}\n";
    }

    /// "2026-12-03T09:41:00.123456Z" for a CLOCK_MONOTONIC stamp, as --log jsonl writes it.
    std::string wallClock(int64_t monoNs) const
    {
        const int64_t wall = monoNs + m_wallOffsetNs;
        const time_t secs = static_cast<time_t>(wall / 1000000000);
        tm parts {};
        gmtime_r(&secs, &parts);
        char stamp[64];
        std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                      parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                      parts.tm_min, parts.tm_sec, static_cast<long long>(wall % 1000000000 / 1000));
        return stamp;
    }

    static int64_t nowNs(clockid_t clock)
    {
        timespec ts {};
        clock_gettime(clock, &ts);
        return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }

    const TraceOptions &m_options;
    int m_fd;
    const int64_t m_wallOffsetNs = nowNs(CLOCK_REALTIME) - nowNs(CLOCK_MONOTONIC);
    std::set<pid_t> m_live; ///< the processes traced now
};

tr::ProgramTracer *g_tracer = nullptr;

void onInterrupt(int)
{
    if (g_tracer)
        g_tracer->detach();
}

void onInterruptIgnored(int) { }

/// parse()'s answer to --help: the synopsis is printed, the command exits 0.
constexpr int kShowedHelp = -1;

/// 0, kShowedHelp, or the usage error's status.
int parse(int argc, char **argv, TraceOptions *o)
{
    int i = 1;
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            ++i;
            break;
        } else if (arg == "--help" || arg == "-h") {
            printSynopsis("trace");
            return kShowedHelp;
        } else if (arg == "--log" || arg.starts_with("--log=")) {
            std::string value;
            if (arg == "--log") {
                if (i + 1 >= argc)
                    return usageError("trace: --log needs text, hex or none");
                value = argv[++i];
            } else {
                value = arg.substr(6);
            }
            if (value == "text")
                o->log = DataLog::Text;
            else if (value == "hex")
                o->log = DataLog::Hex;
            else if (value == "none")
                o->log = DataLog::None;
            else
                return usageError("trace: --log '" + value + "' is not one of text, hex, none");
        } else if (arg == "--jsonl") {
            o->jsonl = true;
        } else if (arg == "-o") {
            if (i + 1 >= argc)
                return usageError("trace: -o needs a file name");
            o->output = argv[++i];
        } else if (arg == "-p") {
            if (i + 1 >= argc)
                return usageError("trace: -p needs a process id");
            char *end = nullptr;
            const long pid = std::strtol(argv[++i], &end, 10);
            if (!end || *end || pid <= 0)
                return usageError(std::string("trace: -p '") + argv[i] + "' is not a process id");
            o->attach = static_cast<pid_t>(pid);
        } else if (arg.starts_with("-")) {
            return usageError("trace: unknown option '" + arg + "'");
        } else {
            break;
        }
    }
    for (; i < argc; ++i)
        o->argv.emplace_back(argv[i]);
    if (o->attach && !o->argv.empty())
        return usageError("trace: give -p PID or a program to start, not both");
    if (!o->attach && o->argv.empty())
        return usageError("trace: missing program: sockbench-cli trace -- PROGRAM ARGS...");
    return 0;
}

int run(const GlobalOptions &global, int argc, char **argv)
{
    TraceOptions o;
    if (global.log == LogFormat::Text)
        o.log = DataLog::Text;
    else if (global.log == LogFormat::Hex)
        o.log = DataLog::Hex;
    else if (global.log == LogFormat::Jsonl)
        o.jsonl = true;
    if (const int status = parse(argc, argv, &o))
        return status == kShowedHelp ? 0 : status;
    int fd = STDERR_FILENO;
    if (!o.output.empty()) {
        fd = ::open(o.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
            std::fprintf(stderr, "sockbench-cli: trace: %s: %s\n", o.output.c_str(),
                         std::strerror(errno));
            return 1;
        }
    }
    TracePrinter printer(o, fd);
    tr::TracerOptions options;
    // The line shows 32 bytes; the data log all of them.
    options.dataBytes = o.log == DataLog::None && !o.jsonl ? 33 : 64 * 1024;
    options.noOtherChildren = true; // this command starts no other process
    tr::ProgramTracer tracer([&printer](tr::Event &&e) { printer.print(e); }, options);
    std::string reason;
    const bool ok = o.attach ? tracer.attach(o.attach, &reason) : tracer.start(o.argv, &reason);
    if (!ok) {
        std::fprintf(stderr, "sockbench-cli: trace: %s\n", reason.c_str());
        return 1;
    }
    // Ctrl+C: an attached process is let go and runs on; a started one gets the signal
    // itself, from the terminal, and we wait for it to end.
    g_tracer = &tracer;
    struct sigaction sa
    {
    };
    sa.sa_handler = o.attach ? onInterrupt : onInterruptIgnored;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    tracer.wait();
    g_tracer = nullptr;
    if (fd != STDERR_FILENO)
        ::close(fd);
    const int status = tracer.exitStatus();
    return status < 0 ? 0 : status;
}

const CommandRegistrar registrar({
        "trace",
        "  trace [--log text|hex|none] [--jsonl] [-o FILE] -- PROGRAM [ARGS...]\n"
        "  trace [--log text|hex|none] [--jsonl] [-o FILE] -p PID\n"
        "                      run a program (or attach to one) and print its socket calls",
        run,
        kUsesLog,
});

} // namespace
} // namespace sb::cli
