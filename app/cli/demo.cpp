// sockbench-cli demo: plays a scripted demo headless, printing each step's narration, the
// system calls and data it caused, and whether its expectations held.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "app/cli/stepprinter.h"
#include "core/capture/pcapngwriter.h"
#include "core/demo/demolibrary.h"
#include "core/demo/demoplayer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

namespace sb::cli {
namespace {

struct DemoArgs
{
    std::string name;
    std::string file;
    bool list = false;
    bool help = false; ///< --help: print the synopsis, nothing else
    DemoLang lang = DemoLang::En;
    int paceMs = 0;
};

Result<DemoArgs> parseArgs(int argc, char **argv)
{
    DemoArgs args;
    ArgReader reader(argc, argv);
    std::string value;
    while (!reader.atEnd()) {
        if (!reader.currentIsOption()) {
            if (!args.name.empty())
                return InputError {"demo takes one NAME; '" + std::string(reader.current())
                                   + "' is one too many"};
            args.name = reader.takeWord();
        } else if (reader.takeFlag("--help") || reader.takeFlag("-h")) {
            args.help = true;
        } else if (reader.takeFlag("--list")) {
            args.list = true;
        } else if (reader.takeOption("--file", &value)) {
            if (!reader.error().empty())
                return InputError {reader.error()};
            args.file = value;
        } else if (reader.takeOption("--lang", &value)) {
            if (value == "en")
                args.lang = DemoLang::En;
            else if (value == "es")
                args.lang = DemoLang::Es;
            else
                return InputError {reader.error().empty()
                                           ? "--lang '" + value + "' is not one of en, es"
                                           : reader.error()};
        } else if (reader.takeOption("--pace", &value)) {
            auto n = parseInteger("--pace", value, 0, 600000);
            if (!n)
                return InputError {reader.error().empty() ? n.error() : reader.error()};
            args.paceMs = static_cast<int>(*n);
        } else {
            return InputError {"demo: unknown option '" + std::string(reader.current()) + "'"};
        }
    }
    if (args.help)
        return args;
    const int modes = int(args.list) + int(!args.file.empty()) + int(!args.name.empty());
    if (modes != 1)
        return InputError {modes ? "demo takes one of NAME, --file PATH, --list"
                                 : "demo needs a NAME (see sockbench-cli demo --list)"};
    return args;
}

int listDemos()
{
    for (const auto &script : builtinDemos())
        std::printf("%-24s %s\n", script.name.c_str(), script.title.en.c_str());
    return 0;
}

int runDemo(const GlobalOptions &global, int argc, char **argv)
{
    auto parsed = parseArgs(argc, argv);
    if (!parsed)
        return usageError(parsed.error());
    const DemoArgs &args = *parsed;
    if (args.help)
        return printSynopsis("demo");
    if (args.list)
        return listDemos();
    auto script = args.file.empty() ? loadBuiltinDemo(args.name) : loadDemoFile(args.file);
    if (!script)
        return usageError(script.error());

    PcapngWriter pcapng;
    if (!global.pcapng.empty()) {
        if (const int err = pcapng.open(global.pcapng, global.overwrite)) {
            std::fprintf(stderr, "sockbench-cli: -w %s: %s%s\n", global.pcapng.c_str(),
                         std::strerror(err),
                         err == EEXIST ? " (add --overwrite to replace it)" : "");
            return 1;
        }
    }
    Registry registry;
    DemoPlayer player(std::move(script).value(), registry, args.lang);
    if ((global.packets || !global.pcapng.empty() || player.script().usesPackets())
        && !player.capturePackets())
        std::fprintf(stderr, "sockbench-cli: no packets: %s\n", player.captureProblem().c_str());
    const DemoScript &s = player.script();
    std::printf("Demo %s: %s\n", s.name.c_str(), s.title.in(args.lang).c_str());
    if (!s.summary.in(args.lang).empty())
        printWrapped(s.summary.in(args.lang), "  ");
    std::fflush(stdout);

    int headerShown = -1;
    int passed = 0;
    int failed = 0;
    // Capturing, a step's lines wait for its end and come out in time order: a packet is known
    // a moment after the call that sent it returned, and its line goes before that call's (the
    // SYN before connect's "= 0").
    const bool sortSteps = player.capturing();
    std::vector<DemoEntry> held;
    // The span of each step's calls, from the first to return to the last: what a person times.
    std::map<int, std::pair<int64_t, int64_t>> callSpan;
    const auto show = [&](const DemoEntry &entry) {
        while (headerShown < entry.step)
            printStepHeader(player, ++headerShown);
        printEntry(entry, args.lang);
        if (entry.event.is<ev::Trace>()) {
            auto [it, fresh]
                    = callSpan.try_emplace(entry.step, entry.event.monoNs, entry.event.monoNs);
            it->second.first = std::min(it->second.first, entry.event.monoNs);
            it->second.second = std::max(it->second.second, entry.event.monoNs);
        }
        if (const auto *p = entry.event.as<ev::Packet>(); p && !global.pcapng.empty())
            pcapng.write(*p->packet,
                         entry.panel + ": "
                                 + player.script().steps[size_t(entry.step)].title.in(args.lang));
    };
    int lastFinished = -1;
    const auto flushHeld = [&](int upTo) {
        std::stable_sort(held.begin(), held.end(), [](const DemoEntry &a, const DemoEntry &b) {
            return a.step != b.step ? a.step < b.step : a.event.monoNs < b.event.monoNs;
        });
        const auto end = std::stable_partition(held.begin(), held.end(),
                                               [&](const DemoEntry &e) { return e.step <= upTo; });
        for (auto it = held.begin(); it != end; ++it)
            show(*it);
        held.erase(held.begin(), end);
    };
    player.play(args.paceMs);
    while (player.state() != DemoPlayer::State::Finished) {
        const int due = player.msUntilDue();
        player.waitForEvents(due < 0 ? 200 : std::min(due, 200));
        const DemoUpdate update = player.pump();
        for (const auto &entry : update.entries) {
            if (sortSteps)
                held.push_back(entry);
            else
                show(entry);
        }
        for (int index : update.finished) {
            flushHeld(index);
            lastFinished = index;
            while (headerShown < index)
                printStepHeader(player, ++headerShown);
            if (const auto span = callSpan.find(index);
                span != callSpan.end() && player.script().steps[size_t(index)].actions.size() > 1)
                std::printf("  %-12s %.1f ms %s\n", tr(args.lang, "time", "tiempo"),
                            double(span->second.second - span->second.first) / 1e6,
                            tr(args.lang, "from the step's first call to its last",
                               "de la primera llamada del paso a la última"));
            printChecks(player.reports()[size_t(index)], args.lang, &passed, &failed);
        }
        flushHeld(lastFinished); // a packet that came after its step's end
        std::fflush(stdout);
    }
    if (!global.pcapng.empty()) {
        if (const int err = pcapng.close())
            std::fprintf(stderr, "sockbench-cli: -w %s: %s\n", global.pcapng.c_str(),
                         std::strerror(err));
        else
            std::fprintf(stderr, "sockbench-cli: %llu packets written to %s\n",
                         static_cast<unsigned long long>(pcapng.written()), global.pcapng.c_str());
    }
    std::printf("\n%s: %d %s %d %s\n",
                failed ? tr(args.lang, "FAILED", "FALLIDA") : tr(args.lang, "OK", "BIEN"), passed,
                tr(args.lang, "of", "de"), passed + failed,
                tr(args.lang, "expectations held", "expectativas cumplidas"));
    return failed ? 1 : 0;
}

const CommandRegistrar
        registrar({"demo",
                   "  demo NAME [--lang en|es] [--pace MS]   play a scripted demo "
                   "headless\n"
                   "  demo --file PATH [--lang en|es]        play a demo file\n"
                   "  demo --list                            list the built-in demos",
                   runDemo, kUsesPackets});

} // namespace
} // namespace sb::cli
