// sockbench-cli capture: the packets on lo, one line each as tcpdump prints them, and a pcapng
// file; on its own until a count, a time or Ctrl-C, or around a program it runs (in the lab:
// only that program's packets are on its lo).
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/eventprinter.h"
#include "app/cli/globaloptions.h"
#include "core/capture/loopbackcapture.h"
#include "core/capture/pcapngwriter.h"
#include "core/net/eventqueue.h"

#include <cerrno>
#include <cinttypes>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sb::cli {
namespace {

struct CaptureArgs
{
    std::vector<uint16_t> ports;
    int64_t count = 0; ///< stop after this many packets; 0: no limit
    int64_t forMs = 0; ///< stop after this long; 0: no limit
    std::string path;
    bool overwrite = false;
    std::vector<char *> program; ///< after "--"; empty: capture until stopped
};

/// Parses capture's own arguments; a usage error returns its exit status in *status.
bool parseArgs(const GlobalOptions &global, int argc, char **argv, CaptureArgs *args, int *status)
{
    args->path = global.pcapng;
    args->overwrite = global.overwrite;
    int i = 1;
    for (; i < argc; ++i)
        if (std::strcmp(argv[i], "--") == 0)
            break;
    ArgReader reader(i, argv);
    std::string value;
    const auto fail = [&](const std::string &message) {
        *status = usageError(message);
        return false;
    };
    while (!reader.atEnd()) {
        if (reader.takeFlag("--help") || reader.takeFlag("-h")) {
            *status = printSynopsis("capture");
            return false;
        } else if (reader.takeFlag("--overwrite")) {
            args->overwrite = true;
        } else if (reader.takeOption("-w", &value) || reader.takeOption("--write", &value)) {
            if (!reader.error().empty())
                return fail("-w needs a file name, e.g. -w out.pcapng");
            args->path = value;
        } else if (reader.takeOption("--port", &value) || reader.takeOption("-p", &value)) {
            auto port = parseInteger("--port", value, 1, 65535);
            if (!reader.error().empty() || !port)
                return fail(reader.error().empty() ? port.error() : reader.error());
            args->ports.push_back(uint16_t(*port));
        } else if (reader.takeOption("-c", &value) || reader.takeOption("--count", &value)) {
            auto count = parseInteger("--count", value, 1, INT64_MAX);
            if (!reader.error().empty() || !count)
                return fail(reader.error().empty() ? count.error() : reader.error());
            args->count = *count;
        } else if (reader.takeOption("--for", &value)) {
            auto ms = parseInteger("--for (milliseconds)", value, 1, int64_t(24) * 3600 * 1000);
            if (!reader.error().empty() || !ms)
                return fail(reader.error().empty() ? ms.error() : reader.error());
            args->forMs = *ms;
        } else {
            return fail("capture: unknown argument '" + std::string(reader.current())
                        + "' (a program to run goes after --)");
        }
    }
    if (args->overwrite && args->path.empty())
        return fail("--overwrite is for -w FILE, and there is none");
    if (i < argc) {
        if (i + 1 >= argc)
            return fail("capture: a program to run after --, e.g. -- python3 client.py");
        args->program.assign(argv + i + 1, argv + argc);
        args->program.push_back(nullptr);
    }
    return true;
}

/// Starts the program with the signals the parent blocked unblocked; its exec error comes back
/// through a close-on-exec pipe. Returns its pid, or -1 with the errno in *err.
pid_t startProgram(const std::vector<char *> &program, const sigset_t &blocked, int *err)
{
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        *err = errno;
        return -1;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::sigprocmask(SIG_UNBLOCK, &blocked, nullptr);
        ::execvp(program[0], program.data());
        const int e = errno;
        (void)!::write(pipeFds[1], &e, sizeof e);
        ::_exit(127);
    }
    const int forkErr = errno;
    ::close(pipeFds[1]);
    if (pid < 0) {
        ::close(pipeFds[0]);
        *err = forkErr;
        return -1;
    }
    int execErr = 0;
    const ssize_t n = ::read(pipeFds[0], &execErr, sizeof execErr);
    ::close(pipeFds[0]);
    if (n == sizeof execErr) {
        ::waitpid(pid, nullptr, 0);
        *err = execErr;
        return -1;
    }
    return pid;
}

int run(const GlobalOptions &global, int argc, char **argv)
{
    CaptureArgs args;
    int status = 0;
    if (!parseArgs(global, argc, argv, &args, &status))
        return status;

    PcapngWriter writer;
    if (!args.path.empty()) {
        if (const int err = writer.open(args.path, args.overwrite)) {
            std::fprintf(stderr, "sockbench-cli: -w %s: %s%s\n", args.path.c_str(),
                         std::strerror(err),
                         err == EEXIST ? " (add --overwrite to replace it)" : "");
            return 1;
        }
    }

    // SIGINT, SIGTERM and the program's end arrive as reads, between packets.
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &blocked, nullptr);
    const int sigFd = ::signalfd(-1, &blocked, SFD_CLOEXEC | SFD_NONBLOCK);
    const int wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

    EventQueue queue(1 << 16);
    queue.setWakeup([wakeFd] {
        const uint64_t one = 1;
        (void)!::write(wakeFd, &one, sizeof one);
    });
    LoopbackCapture capture(queue);
    LoopbackCapture::Options options;
    options.ports = args.ports;
    if (const int err = capture.start(options)) {
        std::fprintf(stderr, "sockbench-cli: no packets: %s\n", captureRefusal(err).c_str());
        ::close(sigFd);
        ::close(wakeFd);
        return 1;
    }

    pid_t child = -1;
    int childStatus = 0;
    if (!args.program.empty()) {
        int err = 0;
        child = startProgram(args.program, blocked, &err);
        if (child < 0) {
            capture.stop();
            std::fprintf(stderr, "sockbench-cli: capture: %s: %s\n", args.program[0],
                         std::strerror(err));
            ::close(sigFd);
            ::close(wakeFd);
            return 127;
        }
    }

    const int64_t startNs = monotonicNs();
    const int64_t endNs = args.forMs ? startNs + args.forMs * 1000000 : 0;
    int64_t seen = 0;
    bool writeFailed = false;
    std::vector<Event> events;
    const auto takePackets = [&] {
        events.clear();
        queue.drain(events);
        std::string out;
        for (const Event &e : events) {
            const auto *p = e.as<ev::Packet>();
            if (!p || (args.count && seen >= args.count))
                continue;
            ++seen;
            char stamp[32];
            const int64_t rel = std::max<int64_t>(0, p->packet->monoNs - startNs);
            std::snprintf(stamp, sizeof stamp, "%" PRId64 ".%06" PRId64 " ", rel / 1000000000,
                          rel / 1000 % 1000000);
            out += stamp + packetSummary(*p->packet) + "\n";
            if (!args.path.empty() && !writeFailed && writer.write(*p->packet, {}) != 0) {
                std::fprintf(stderr, "sockbench-cli: -w %s: %s\n", args.path.c_str(),
                             std::strerror(writer.close()));
                writeFailed = true;
            }
        }
        (void)writeAll(1, out);
    };

    bool stop = false;
    while (!stop) {
        pollfd fds[2] = {{sigFd, POLLIN, 0}, {wakeFd, POLLIN, 0}};
        int timeout = -1;
        if (endNs)
            timeout = int(std::max<int64_t>(0, (endNs - monotonicNs() + 999999) / 1000000));
        ::poll(fds, 2, timeout);
        if (fds[1].revents & POLLIN) {
            uint64_t n;
            (void)!::read(wakeFd, &n, sizeof n);
        }
        takePackets();
        if (args.count && seen >= args.count)
            stop = true;
        if (endNs && monotonicNs() >= endNs)
            stop = true;
        signalfd_siginfo info;
        while (::read(sigFd, &info, sizeof info) == sizeof info) {
            if (info.ssi_signo == SIGCHLD) {
                if (child > 0 && ::waitpid(child, &childStatus, WNOHANG) == child) {
                    child = 0;
                    stop = true;
                }
            } else {
                stop = true; // Ctrl-C or a TERM: end cleanly, the file complete
            }
        }
    }
    capture.stop(); // reads what the socket still holds
    takePackets();
    const uint64_t drops = capture.kernelDrops();
    if (child > 0) { // stopped by a count or a time: the program goes on on its own
        std::fprintf(stderr, "sockbench-cli: capture: %s (pid %d) still runs\n", args.program[0],
                     int(child));
    }
    std::string summary = std::to_string(seen) + (seen == 1 ? " packet" : " packets");
    if (!args.path.empty() && !writeFailed) {
        const int err = writer.close();
        summary += err ? ", " + args.path + ": " + std::strerror(err)
                       : ", " + std::to_string(writer.written()) + " written to " + args.path;
    }
    if (drops)
        summary += ", " + std::to_string(drops) + " dropped by the kernel";
    std::fprintf(stderr, "sockbench-cli: %s\n", summary.c_str());
    ::close(sigFd);
    ::close(wakeFd);
    ::sigprocmask(SIG_UNBLOCK, &blocked, nullptr);
    if (writeFailed)
        return 1;
    if (!args.program.empty() && child == 0) {
        if (WIFEXITED(childStatus))
            return WEXITSTATUS(childStatus);
        if (WIFSIGNALED(childStatus))
            return 128 + WTERMSIG(childStatus);
    }
    return 0;
}

const CommandRegistrar kRegistrar {
        {"capture",
         "  capture [-w FILE.pcapng [--overwrite]] [--port P]... [-c COUNT] [--for MS]\n"
         "          [-- PROGRAM [ARGS...]]\n"
         "                      print the packets on lo, one line each, and write them to FILE;\n"
         "                      until COUNT packets, MS milliseconds, Ctrl-C, or PROGRAM's end\n"
         "                      (with --lab, only PROGRAM's packets are on lo)",
         run, kUsesPackets}};

} // namespace
} // namespace sb::cli
