#include "core/trace/programtracer.h"

#include "core/trace/syscalltable.h"
#include "core/trace/tracesession.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <future>

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb::tracee {
namespace {

/// argv[0] as execvp would find it: with a slash as given, else the first executable file of
/// that name in PATH. "" when there is none.
std::string findProgram(const std::string &name)
{
    const auto executable = [](const std::string &path) {
        struct stat st
        {
        };
        return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)
                && ::access(path.c_str(), X_OK) == 0;
    };
    if (name.find('/') != std::string::npos)
        return executable(name) ? name : std::string();
    const char *path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    size_t start = 0;
    while (start <= dirs.size()) {
        const size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::string dir = end > start ? dirs.substr(start, end - start) : ".";
        const std::string candidate = dir + "/" + name;
        if (executable(candidate))
            return candidate;
        start = end + 1;
    }
    return {};
}

} // namespace

ProgramTracer::ProgramTracer(Sink sink, TracerOptions options)
    : m_sink(std::move(sink))
    , m_options(options)
{ }

ProgramTracer::~ProgramTracer()
{
    detach();
    wait();
}

bool ProgramTracer::start(const std::vector<std::string> &argv, std::string *reason)
{
    return launch(false, argv, 0, reason);
}

bool ProgramTracer::attach(pid_t pid, std::string *reason) { return launch(true, {}, pid, reason); }

bool ProgramTracer::launch(bool attaching, const std::vector<std::string> &argv, pid_t pid,
                           std::string *reason)
{
    if (!tracerSupported()) {
        *reason = "tracing programs needs an x86_64 Linux kernel; this build is for another "
                  "architecture.";
        return false;
    }
    if (m_thread.joinable()) {
        *reason = "this tracer already traces a program.";
        return false;
    }
    std::string path;
    if (!attaching) {
        if (argv.empty()) {
            *reason = "no program to start.";
            return false;
        }
        path = findProgram(argv[0]);
        if (path.empty()) {
            *reason = "cannot start " + argv[0] + ": "
                    + (argv[0].find('/') != std::string::npos
                               ? "no such executable file"
                               : "no executable file of that name in PATH");
            return false;
        }
    }
    auto session = std::make_shared<TraceSession>(m_sink, m_options, &m_exitStatus,
                                                  &m_detachRequested, &m_wakeFd);
    std::promise<std::string> ready;
    std::future<std::string> result = ready.get_future();
    // Every ptrace call of a tracee must come from the thread that attached it: the whole
    // session, from fork or seize to the last detach, runs on this one.
    m_thread = std::thread([this, session, attaching, argv, path, pid, &ready] {
        std::string why;
        const bool ok = attaching ? session->attachProcess(pid, &why)
                                  : session->startProgram(path, argv, &why);
        if (ok) {
            session->startWaker();
            m_pid = session->mainPid();
        }
        ready.set_value(ok ? std::string() : why);
        if (!ok)
            return;
        session->run();
        const int fd = m_wakeFd.exchange(-1);
        if (fd >= 0)
            ::close(fd);
    });
    *reason = result.get();
    if (!reason->empty()) {
        m_thread.join();
        return false;
    }
    m_session = session;
    return true;
}

void ProgramTracer::detach()
{
    m_detachRequested.store(true);
    const int fd = m_wakeFd.exchange(-1);
    if (fd >= 0) {
        const char c = 1;
        (void)!::send(fd, &c, 1, MSG_NOSIGNAL);
        ::close(fd);
    }
}

void ProgramTracer::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace sb::tracee
