// sockbench-cli listen: a server (stream) or a bound datagram socket that serves until it is
// killed, --count connections or datagrams are done, or --duration passes.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "app/cli/multicastargs.h"
#include "app/cli/runcontext.h"
#include "app/cli/tlsargs.h"
#include "core/net/endpointstate.h"
#include "core/text/payload.h"

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
    bool haveReply = false; ///< --reply was given
    std::string rulesFile; ///< --rules FILE
    ServerModel model = ServerModel::Event;
    int backlog = 128;
    int64_t count = 0; ///< 0: no limit
    double durationS = 0; ///< 0: no limit
    MulticastArgs multicast; ///< udp: --join, --multicast-if, --broadcast, ...
    TlsArgs tls; ///< tls: --cert, --key, --self-signed, --alpn, --keylog, ...
    std::shared_ptr<TlsContext> tlsContext; ///< tls://: made from tls, its files checked
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

/// The rules of --rules FILE; errors read "FILE:LINE:COLUMN: message".
Result<std::shared_ptr<const RuleSet>> loadRules(const std::string &path, bool stream)
{
    auto text = readPayloadFile(path, size_t(1) << 20);
    if (!text)
        return InputError {"--rules " + path + ": " + text.error()};
    auto rules = RuleSet::parse(*text);
    if (!rules)
        return InputError {path + ":" + rules.error()};
    if (!stream) {
        if (const std::string problem = (*rules)->datagramProblem(); !problem.empty())
            return InputError {path + ":" + problem};
    }
    return *rules;
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
            args.haveReply = true;
        } else if (reader.takeOption("--rules", &value)) {
            if (!reader.error().empty())
                return InputError {reader.error()};
            args.rulesFile = value;
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
        } else if (auto taken = takeMulticastOption(reader, args.multicast); !taken || *taken) {
            if (!taken)
                return InputError {taken.error()};
        } else if (auto tls = takeTlsOption(reader, args.tls); !tls || *tls) {
            if (!tls)
                return InputError {tls.error()};
        } else {
            return InputError {"listen: unknown option '" + std::string(reader.current()) + "'"};
        }
    }
    if (!haveSpec)
        return InputError {"listen needs an ENDPOINT, e.g. listen tcp://127.0.0.1:0"};
    if (auto checked = finishMulticastArgs(args.multicast, args.spec.transport); !checked)
        return InputError {checked.error()};
    auto tls = finishTlsArgs(args.tls, args.spec, true);
    if (!tls)
        return InputError {tls.error()};
    args.tlsContext = *tls;
    if (!args.rulesFile.empty()) {
        if (args.haveReply)
            return InputError {"--reply and --rules both say how to answer: give one of them"};
        auto rules = loadRules(args.rulesFile, isConnectionOriented(args.spec.transport));
        if (!rules)
            return InputError {rules.error()};
        args.responder.kind = ResponderSpec::Kind::Rules;
        args.responder.rules = *rules;
        args.replyStdout = false;
    }
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
    config.multicast = args.multicast.settings;
    config.tls = args.tls.settings;
    config.tlsContext = args.tlsContext;
    config.options = global.options;
    // Only a log or --reply stdout looks at the bytes; without them a discard server lets the
    // kernel drop what arrives.
    config.dataBytes = global.log != LogFormat::None || args.replyStdout;
    config.label = "sockbench-cli listen";
    // A stream server's stdout and stdin belong to one client at a time, moved on its loop
    // (splice where nothing looks at the bytes); the next client that connects after it
    // closes takes them. stdin's end does not shut the client down (nc without -N).
    std::shared_ptr<StdioLink> link;
    if (stream && args.replyStdout) {
        link = std::make_shared<StdioLink>(StdioLink::Fds {
                .in = STDIN_FILENO, .out = STDOUT_FILENO, .shutdownAtInputEnd = false});
        config.stdio = link;
        config.dataBytes = global.log != LogFormat::None;
    }

    RunContext context(global, args.spec.transport);
    // Every packet of this server has its port on one side; a port the kernel chooses is known
    // at Listening, before any client can know it (port 0 matches nothing meanwhile).
    int tapStatus = 0;
    if (!context.startPackets({args.spec.port}, &tapStatus))
        return tapStatus;
    config.trace = context.wantsTrace();
    auto endpoint = Endpoint::create(config, context.queue(), context.registry());
    endpoint->start();

    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = deadlineAfter(args.durationS);
    // The socket's facts (its connections, their closing errno, the datagrams in) are the
    // endpoint's one state; what is here is this command's own bookkeeping.
    EndpointState state(endpoint->id(), endpoint->config().role);
    bool listening = false; // "listening on" was printed
    bool finished = false;
    bool stdoutBroken = false;
    int status = 0;
    int64_t done = 0;
    int64_t accepted = 0;
    // Connections past --count: reset at once (nc without -k takes one client), never served.
    std::set<ConnId> refused;

    const auto handle = [&](const Event &event) {
        std::visit(Overloaded {
                           [&](const ev::Listening &l) {
                               if (!listening) {
                                   listening = true;
                                   context.setPacketPorts({l.local.port()});
                                   std::string where = formatEndpoint(args.spec.transport, l.local);
                                   if (args.spec.tls) // tcp://... as the user wrote it: tls://
                                       where.replace(0, where.find(':'), "tls");
                                   std::fprintf(stderr, "listening on %s\n", where.c_str());
                               }
                           },
                           [&](const ev::Opened &) {
                               if (!stream || event.conn == 0 || args.count == 0)
                                   return;
                               if (++accepted > args.count) {
                                   refused.insert(event.conn);
                                   endpoint->abort(event.conn);
                                   std::fprintf(stderr,
                                                "sockbench-cli: --count %lld reached: connection "
                                                "reset\n",
                                                static_cast<long long>(args.count));
                               }
                           },
                           [&](const ev::Data &d) {
                               if (d.dir != Direction::In || refused.contains(event.conn))
                                   return;
                               if (args.replyStdout && !stdoutBroken && !d.toStdout
                                   && !writeAll(STDOUT_FILENO, view(d.bytes))) {
                                   stdoutBroken = true;
                                   std::fprintf(stderr, "sockbench-cli: stdout: %s\n",
                                                std::strerror(errno));
                               }
                               if (!stream && args.count > 0
                                   && state.totals().traffic.msgsIn >= uint64_t(args.count))
                                   finished = true;
                           },
                           [&](const ev::Closed &) {
                               if (!stream || event.conn == 0 || args.count == 0
                                   || refused.contains(event.conn))
                                   return;
                               // A client that went away with a reset made the transfer fail:
                               // exit 1 at the end, as ncat does ("Listen connection
                               // interrupted"); the server still serves the rest of --count.
                               const ConnectionState *c = state.connection(event.conn);
                               if (c && c->closeErr != 0)
                                   status = 1;
                               if (++done >= args.count)
                                   finished = true;
                           },
                           [&](const ev::Error &e) {
                               EventPrinter::printSocketError(event);
                               // Before the socket listens, a failure (bind: EADDRINUSE) ends the
                               // command; after, one client's trouble (ECONNRESET) must not stop
                               // the server.
                               if (!listening && e.op != "setsockopt") {
                                   status = 1;
                                   finished = true;
                               }
                           },
                           [&](const ev::Stopped &) {
                               finished = true;
                               if (!listening)
                                   status = 1;
                           },
                           [](const ev::Trace &) {},
                           [](const ev::Connecting &) {},
                           [](const ev::Shutdown &) {},
                           [](const ev::PeerEof &) {},
                           [](const ev::Dropped &) {},
                           [](const ev::SendQueue &) {},
                           [](const ev::OptionValue &) {},
                           [](const ev::CallDone &) {},
                           [](const ev::RuleMatched &) {},
                           [](const ev::Fault &) {},
                           [](const ev::Packet &) {},
                           [](const ev::TlsEstablished &t) {
                               EventPrinter::printTlsEstablished(t);
                           },
                   },
                   event.body);
    };

    std::vector<Event> events;
    int signo = 0;
    while (!finished && !stdoutBroken) {
        if ((signo = context.interruptedBy()) != 0)
            break;
        int timeoutMs = 100;
        if (deadline != Clock::time_point::max()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline
                                                                                    - Clock::now());
            if (left.count() <= 0)
                break;
            timeoutMs = static_cast<int>(std::min<int64_t>(left.count(), timeoutMs));
        }
        context.next(events, timeoutMs);
        for (const Event &event : events) {
            state.apply(event);
            handle(event);
        }
        if (link && link->outputError() && !stdoutBroken) {
            stdoutBroken = true;
            std::fprintf(stderr, "sockbench-cli: stdout: %s\n", std::strerror(link->outputError()));
        }
    }
    // A signal that came while the command was ending by itself still names the ending: the
    // loop wakes only between waits, and may have left on another condition first.
    if (!signo)
        signo = context.interruptedBy();
    context.stopAndDrain(*endpoint, [&](const Event &event) {
        state.apply(event);
        handle(event);
    });
    // The engine removes the UNIX socket file it bound when it stops (tst_cli_listen checks).
    endpoint.reset();
    // Killed by SIGINT/SIGTERM: 128+N, as connect and the shell say.
    if (signo)
        return 128 + signo;
    return stdoutBroken ? 1 : status;
}

const CommandRegistrar kRegistrar {
        {"listen",
         "  listen ENDPOINT [--reply stdout|echo|discard|daytime|chargen|fixed:TEXT | --rules "
         "FILE]\n"
         "         [--model event|concurrent|iterative] [--backlog N] [--count N] "
         "[--duration SECONDS]\n"
         "         udp: [--join GROUP[%IFACE]]... [--source ADDR] [--multicast-if ADDR|IFACE]\n"
         "              [--multicast-ttl N] [--multicast-loop 0|1] [--multicast-all 0|1] "
         "[--broadcast]\n"
         "         tls: --cert FILE --key FILE | --self-signed[=DIR]  [--alpn PROTO[,PROTO]...]\n"
         "              [--keylog FILE] [--tls-version 1.2|1.3]",
         runListen}};

} // namespace
} // namespace sb::cli
