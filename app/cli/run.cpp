// sockbench-cli run: plays a scenario (or a demo, or a workspace's steps) headless; each
// expect: line is a test case, reported on stdout, as JSON lines (--jsonl) and as JUnit XML
// (--junit FILE) for CI systems.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/eventprinter.h"
#include "app/cli/globaloptions.h"
#include "app/cli/junit.h"
#include "app/cli/runjson.h"
#include "app/cli/stepprinter.h"
#include "core/demo/demoplayer.h"
#include "core/demo/workspace.h"
#include "core/text/clock.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb::cli {
namespace {

struct RunArgs
{
    std::string file;
    std::string junit;
    bool force = false;
    bool jsonl = false;
    bool help = false;
    DemoLang lang = DemoLang::En;
    std::vector<std::pair<std::string, std::string>> sets;
};

Result<RunArgs> parseArgs(int argc, char **argv)
{
    RunArgs args;
    ArgReader reader(argc, argv);
    std::string value;
    while (!reader.atEnd()) {
        if (!reader.currentIsOption()) {
            if (!args.file.empty())
                return InputError {"run takes one FILE; '" + std::string(reader.current())
                                   + "' is one too many"};
            args.file = reader.takeWord();
        } else if (reader.takeFlag("--help") || reader.takeFlag("-h")) {
            args.help = true;
        } else if (reader.takeFlag("--jsonl")) {
            args.jsonl = true;
        } else if (reader.takeFlag("--force")) {
            args.force = true;
        } else if (reader.takeOption("--junit", &value)) {
            if (!reader.error().empty())
                return InputError {reader.error()};
            args.junit = value;
        } else if (reader.takeOption("--set", &value)) {
            const size_t eq = value.find('=');
            if (!reader.error().empty() || eq == std::string::npos || eq == 0)
                return InputError {"--set takes NAME=VALUE, e.g. --set port=9000"};
            args.sets.emplace_back(value.substr(0, eq), value.substr(eq + 1));
        } else if (reader.takeOption("--lang", &value)) {
            if (value != "en" && value != "es")
                return InputError {"--lang '" + value + "' is not one of en, es"};
            args.lang = value == "es" ? DemoLang::Es : DemoLang::En;
        } else {
            return InputError {"run: unknown option '" + std::string(reader.current()) + "'"};
        }
    }
    if (!args.help && args.file.empty())
        return InputError {"run needs a scenario FILE"};
    return args;
}

std::string utcNow()
{
    const time_t now = time(nullptr);
    tm parts {};
    gmtime_r(&now, &parts);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &parts);
    return buf;
}

/// Writes the report; an existing file is kept unless --force, as no SockBench command
/// overwrites a file a person has.
bool writeJunit(const std::string &path, bool force, const std::string &xml)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL),
                          0644);
    if (fd < 0) {
        std::fprintf(stderr, "sockbench-cli: --junit %s: %s\n", path.c_str(), std::strerror(errno));
        return false;
    }
    const bool ok = writeAll(fd, xml);
    const int saved = errno;
    ::close(fd);
    if (!ok)
        std::fprintf(stderr, "sockbench-cli: --junit %s: %s\n", path.c_str(), std::strerror(saved));
    return ok;
}

std::string baseName(const std::string &path)
{
    const size_t slash = path.rfind('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

int runScenario(const GlobalOptions &, int argc, char **argv)
{
    auto parsed = parseArgs(argc, argv);
    if (!parsed)
        return usageError(parsed.error());
    const RunArgs &args = *parsed;
    if (args.help)
        return printSynopsis("run");
    struct stat st
    {
    };
    if (!args.junit.empty() && !args.force && ::stat(args.junit.c_str(), &st) == 0)
        return usageError("--junit " + args.junit
                          + " exists; give another file or --force to replace it");
    auto loaded = loadWorkspaceFile(args.file, FileKind::Scenario);
    if (!loaded)
        return usageError(loaded.error());
    if (!loaded->ok()) {
        for (const auto &e : loaded->errors)
            std::fprintf(stderr, "sockbench-cli: %s\n", e.c_str());
        return 2;
    }
    DemoScript script = loaded->workspace.script;
    if (script.steps.empty())
        return usageError(args.file + " has no step to run");
    for (const auto &[name, value] : args.sets) {
        const auto it = std::find_if(script.vars.begin(), script.vars.end(),
                                     [&](const auto &v) { return v.first == name; });
        if (it == script.vars.end())
            return usageError("--set " + name + ": the scenario has no 'var: " + name + "'");
        it->second = value;
    }
    const std::string suite = script.name.empty() ? baseName(args.file) : script.name;

    Registry registry;
    DemoPlayer player(std::move(script), registry, args.lang);
    if (!args.jsonl)
        std::printf("Scenario %s\n", suite.c_str());
    std::fflush(stdout);
    int headerShown = -1;
    int passed = 0;
    int failed = 0;
    std::vector<JunitCase> cases;
    const std::string timestamp = utcNow();
    const int64_t began = monotonicNs();
    player.play(0);
    while (player.state() != DemoPlayer::State::Finished) {
        const int due = player.msUntilDue();
        player.waitForEvents(due < 0 ? 200 : std::min(due, 200));
        const DemoUpdate update = player.pump();
        for (const auto &entry : update.entries) {
            if (args.jsonl) {
                std::fputs(entryJson(entry).c_str(), stdout);
                continue;
            }
            while (headerShown < entry.step)
                printStepHeader(player, ++headerShown);
            printEntry(entry, args.lang);
        }
        for (int index : update.finished) {
            const DemoStepReport &report = player.reports()[size_t(index)];
            const DemoStep &step = player.script().steps[size_t(index)];
            const std::string title = step.title.in(args.lang).empty()
                    ? "step " + std::to_string(index + 1)
                    : std::to_string(index + 1) + " " + step.title.in(args.lang);
            const double seconds = double(report.finishedNs - report.startedNs) / 1e9;
            for (const auto &check : report.checks)
                cases.push_back({"line " + std::to_string(check.line) + ": " + check.source,
                                 suite + "." + title, seconds, check.passed, check.detail});
            if (args.jsonl) {
                for (const auto &check : report.checks) {
                    (check.passed ? passed : failed) += 1;
                    std::fputs(checkJson(index, check).c_str(), stdout);
                }
                continue;
            }
            while (headerShown < index)
                printStepHeader(player, ++headerShown);
            printChecks(report, args.lang, &passed, &failed);
        }
        std::fflush(stdout);
    }
    if (!args.jsonl)
        std::printf("\n%s: %d %s %d %s\n",
                    failed ? tr(args.lang, "FAILED", "FALLIDA") : tr(args.lang, "OK", "BIEN"),
                    passed, tr(args.lang, "of", "de"), passed + failed,
                    tr(args.lang, "expectations held", "expectativas cumplidas"));
    std::fflush(stdout);
    if (!args.junit.empty()
        && !writeJunit(args.junit, args.force,
                       junitXml(suite, timestamp, double(monotonicNs() - began) / 1e9, cases)))
        return 2;
    return failed ? 1 : 0;
}

const CommandRegistrar kRegistrar {
        {"run",
         "  run FILE [--junit OUT [--force]] [--jsonl] [--set NAME=VALUE]... [--lang en|es]\n"
         "                                         play a scenario; each expect: is a test",
         runScenario, 0}};

} // namespace
} // namespace sb::cli
