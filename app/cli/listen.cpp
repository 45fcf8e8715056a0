// sockbench-cli listen: a server (stream) or a bound datagram socket that serves until it is
// killed, --count connections or datagrams are done, or --duration passes.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "app/cli/runcontext.h"
#include "core/payload.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>

#include <unistd.h>

namespace sb::cli {
namespace {

struct ListenArgs
{
    bool help = false; ///< --help: print the synopsis, nothing else
    EndpointSpec spec;
    bool replyStdout = true;
    ResponderSpec responder;
    ServerModel model = ServerModel::Event;
    int backlog = 128;
    int64_t count = 0; ///< 0: no limit
    double durationS = 0; ///< 0: no limit
};

Result<ResponderSpec> parseReply(const std::string &text, bool *toStdout)
{
    ResponderSpec responder;
    *toStdout = false;
    if (text == "stdout") {
        *toStdout = true;
        responder.kind = ResponderSpec::Kind::None;
    } else if (text == "echo") {
        responder.kind = ResponderSpec::Kind::Echo;
    } else if (text == "discard") {
        responder.kind = ResponderSpec::Kind::Discard;
    } else if (text == "daytime") {
        responder.kind = ResponderSpec::Kind::Daytime;
    } else if (text == "chargen") {
        responder.kind = ResponderSpec::Kind::Chargen;
    } else if (text.starts_with("fixed:")) {
        auto bytes = parseEscapedText(std::string_view(text).substr(6));
        if (!bytes)
            return InputError {"--reply " + text + ": " + bytes.error()};
        responder.kind = ResponderSpec::Kind::Fixed;
        responder.fixed = *bytes;
    } else {
        return InputError {"--reply '" + text
                           + "' is not one of stdout, echo, discard, daytime, chargen, fixed:TEXT"};
    }
    return responder;
}

Result<double> parseSeconds(const std::string &text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return InputError {"--duration '" + text + "' is not a number of seconds"};
    if (!(value > 0 && value <= 31536000))
        return InputError {"--duration " + text + " is out of range (0, 31536000] seconds"};
    return value;
}

/// Parses listen's arguments; an error message means exit 2.
Result<ListenArgs> parseArgs(int argc, char **argv)
{
    ListenArgs args;
    ArgReader reader(argc, argv);
    bool haveSpec = false;
    std::string value;
    while (!reader.atEnd()) {
        if (!reader.currentIsOption()) {
            auto spec = reader.takeEndpoint("listen", haveSpec);
            if (!spec)
                return InputError {spec.error()};
            args.spec = *spec;
            haveSpec = true;
        } else if (reader.takeFlag("--help") || reader.takeFlag("-h")) {
            args.help = true;
            return args;
        } else if (reader.takeOption("--reply", &value)) {
            if (!reader.error().empty())
                return InputError {reader.error()};
            auto responder = parseReply(value, &args.replyStdout);
            if (!responder)
                return InputError {responder.error()};
            args.responder = *responder;
        } else if (reader.takeOption("--model", &value)) {
            if (value == "event")
                args.model = ServerModel::Event;
            else if (value == "concurrent")
                args.model = ServerModel::Concurrent;
            else if (value == "iterative")
                args.model = ServerModel::Iterative;
            else
                return InputError {reader.error().empty() ? "--model '" + value
                                                   + "' is not one of event, concurrent, iterative"
                                                          : reader.error()};
        } else if (reader.takeOption("--backlog", &value)) {
            auto n = parseInteger("--backlog", value, 0, 65535);
            if (!n)
                return InputError {reader.error().empty() ? n.error() : reader.error()};
            args.backlog = static_cast<int>(*n);
        } else if (reader.takeOption("--count", &value)) {
            auto n = parseInteger("--count", value, 1, INT64_MAX);
            if (!n)
                return InputError {reader.error().empty() ? n.error() : reader.error()};
            args.count = *n;
        } else if (reader.takeOption("--duration", &value)) {
            if (!reader.error().empty())
                return InputError {reader.error()};
            auto s = parseSeconds(value);
            if (!s)
                return InputError {s.error()};
            args.durationS = *s;
        } else {
            return InputError {"listen: unknown option '" + std::string(reader.current()) + "'"};
        }
    }
    if (!haveSpec)
        return InputError {"listen needs an ENDPOINT, e.g. listen tcp://127.0.0.1:0"};
    if (!isConnectionOriented(args.spec.transport) && args.model != ServerModel::Event)
        return InputError {"--model applies to stream servers; " + args.spec.toString()
                           + " is a datagram endpoint"};
    return args;
}

/// When --duration ends the command; the far future without one.
std::chrono::steady_clock::time_point deadlineAfter(double seconds)
{
    using Clock = std::chrono::steady_clock;
    if (seconds <= 0)
        return Clock::time_point::max();
    return Clock::now()
            + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

int runListen(const GlobalOptions &global, int argc, char **argv)
{
    auto parsed = parseArgs(argc, argv);
    if (!parsed)
        return usageError(parsed.error());
    const ListenArgs &args = *parsed;
    if (args.help)
        return printSynopsis("listen");
    if (auto checked = checkOptions(global.options); !checked)
        return usageError(checked.error());
    if (auto checked = checkFamily(args.spec, global.family); !checked)
        return usageError(checked.error());
    const bool stream = isConnectionOriented(args.spec.transport);

    EndpointConfig config;
    config.role = stream ? Role::Server : Role::Datagram;
    config.spec = args.spec;
    config.bindDatagram = true;
    config.family = global.family;
    config.model = args.model;
    config.backlog = args.backlog;
    config.responder = args.responder;
    config.options = global.options;
    config.trace = global.trace;
    // Only a log or --reply stdout looks at the bytes; without them a discard server lets the
    // kernel drop what arrives.
    config.dataBytes = global.log != LogFormat::None || args.replyStdout;
    config.label = "sockbench-cli listen";

    RunContext context(global, args.spec.transport);
    auto endpoint = Endpoint::create(config, context.queue());
    endpoint->start();

    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = deadlineAfter(args.durationS);
    bool listening = false;
    bool finished = false;
    bool stdoutBroken = false;
    int status = 0;
    int64_t done = 0;

    const auto handle = [&](const Event &event) {
        switch (event.kind) {
        case EventKind::Listening:
            if (!listening) {
                listening = true;
                const std::string where = formatEndpoint(args.spec.transport, event.local);
                std::fprintf(stderr, "listening on %s\n", where.c_str());
            }
            break;
        case EventKind::Data:
            if (event.dir != Direction::In)
                break;
            if (args.replyStdout && !stdoutBroken && !writeAll(STDOUT_FILENO, view(event.bytes))) {
                stdoutBroken = true;
                std::fprintf(stderr, "sockbench-cli: stdout: %s\n", std::strerror(errno));
            }
            if (!stream && args.count > 0 && ++done >= args.count)
                finished = true;
            break;
        case EventKind::Closed:
            if (stream && event.conn != 0 && args.count > 0 && ++done >= args.count)
                finished = true;
            break;
        case EventKind::Error:
            EventPrinter::printSocketError(event);
            // Before the socket listens, a failure (bind: EADDRINUSE) ends the command; after,
            // one client's trouble (ECONNRESET) must not stop the server.
            if (!listening && event.op != "setsockopt") {
                status = 1;
                finished = true;
            }
            break;
        case EventKind::Stopped:
            finished = true;
            if (!listening)
                status = 1;
            break;
        default:
            break;
        }
    };

    std::vector<Event> events;
    while (!finished && !context.interruptedBy() && !stdoutBroken) {
        int timeoutMs = 100;
        if (deadline != Clock::time_point::max()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline
                                                                                    - Clock::now());
            if (left.count() <= 0)
                break;
            timeoutMs = static_cast<int>(std::min<int64_t>(left.count(), timeoutMs));
        }
        context.next(events, timeoutMs);
        for (const Event &event : events)
            handle(event);
    }
    context.stopAndDrain(*endpoint, handle);
    // The engine removes the UNIX socket file it bound when it stops (tst_cli_listen checks).
    endpoint.reset();
    return stdoutBroken ? 1 : status;
}

const CommandRegistrar kRegistrar {
        {"listen",
         "  listen ENDPOINT [--reply stdout|echo|discard|daytime|chargen|fixed:TEXT]\n"
         "         [--model event|concurrent|iterative] [--backlog N] [--count N] "
         "[--duration SECONDS]",
         runListen}};

} // namespace
} // namespace sb::cli
