// sockbench-cli connect: a stream client or a datagram socket with netcat's face: stdin to the
// socket and the socket to stdout, or the --send list, with the trace and log on demand.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/feeder.h"
#include "app/cli/globaloptions.h"
#include "app/cli/multicastargs.h"
#include "app/cli/runcontext.h"
#include "app/cli/tlsargs.h"
#include "core/net/endpointstate.h"
#include "core/text/payload.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace sb::cli {
namespace {

struct ConnectArgs
{
    bool help = false; ///< --help: print the synopsis, nothing else
    EndpointSpec spec;
    std::optional<EndpointSpec> bind;
    std::optional<int64_t> timeoutMs;
    std::vector<Bytes> sends;
    int64_t repeat = 1;
    int64_t intervalMs = 0;
    bool shutdownWr = true;
    std::optional<int64_t> waitMs; ///< silence that ends the command (default 1000, datagrams)
    MulticastArgs multicast; ///< udp: --join, --multicast-if, --broadcast, ...
    TlsArgs tls; ///< tls: --ca, --insecure, --alpn, --keylog, ...
    std::shared_ptr<TlsContext> tlsContext; ///< tls://: made from tls, its files checked
};

constexpr int64_t kDefaultWaitMs = 1000;
constexpr size_t kMaxDatagram = 65507; // the largest UDP payload over IPv4
constexpr size_t kMaxSendFile = size_t(1) << 30; // --send-file is read whole before sending

/// Reads an option's value; a missing value is the reader's error.
Result<std::string> optionValue(const ArgReader &reader, const std::string &value)
{
    if (!reader.error().empty())
        return InputError {reader.error()};
    return value;
}

Result<ConnectArgs> parseArgs(int argc, char **argv)
{
    ConnectArgs args;
    ArgReader reader(argc, argv);
    bool haveSpec = false;
    std::string raw;
    while (!reader.atEnd()) {
        if (!reader.currentIsOption()) {
            auto spec = reader.takeEndpoint("connect", haveSpec);
            if (!spec)
                return InputError {spec.error()};
            args.spec = *spec;
            haveSpec = true;
            continue;
        }
        std::string option(reader.current().substr(0, reader.current().find('=')));
        if (reader.takeFlag("--help") || reader.takeFlag("-h")) {
            args.help = true;
            return args;
        }
        if (reader.takeOption("--bind", &raw)) {
            auto value = optionValue(reader, raw);
            if (!value)
                return InputError {value.error()};
            auto spec = parseEndpoint(*value);
            if (!spec)
                return InputError {"--bind " + *value + ": " + spec.error()};
            args.bind = *spec;
        } else if (reader.takeOption("--timeout", &raw)) {
            auto n = parseInteger("--timeout", raw, 1, 86400000);
            if (!n)
                return InputError {reader.error().empty() ? n.error() : reader.error()};
            args.timeoutMs = *n;
        } else if (reader.takeOption("--send", &raw) || reader.takeOption("--send-hex", &raw)
                   || reader.takeOption("--send-file", &raw)) {
            if (!reader.error().empty())
                return InputError {reader.error()};
            Result<std::string> bytes = option == "--send" ? parseEscapedText(raw)
                    : option == "--send-hex"               ? parseHex(raw)
                                                           : readPayloadFile(raw, kMaxSendFile);
            if (!bytes)
                return InputError {option + " " + raw + ": " + bytes.error()};
            args.sends.push_back(makeBytes(std::move(bytes).value()));
        } else if (reader.takeOption("--repeat", &raw)) {
            auto n = parseInteger("--repeat", raw, 1, INT32_MAX);
            if (!n)
                return InputError {reader.error().empty() ? n.error() : reader.error()};
            args.repeat = *n;
        } else if (reader.takeOption("--interval", &raw)) {
            auto n = parseInteger("--interval", raw, 0, 86400000);
            if (!n)
                return InputError {reader.error().empty() ? n.error() : reader.error()};
            args.intervalMs = *n;
        } else if (reader.takeOption("--shutdown", &raw)) {
            if (!reader.error().empty())
                return InputError {reader.error()};
            if (raw != "wr" && raw != "none")
                return InputError {"--shutdown '" + raw + "' is not one of wr, none"};
            args.shutdownWr = raw == "wr";
        } else if (reader.takeOption("--wait", &raw)) {
            auto n = parseInteger("--wait", raw, 0, 86400000);
            if (!n)
                return InputError {reader.error().empty() ? n.error() : reader.error()};
            args.waitMs = *n;
        } else if (auto taken = takeMulticastOption(reader, args.multicast); !taken || *taken) {
            if (!taken)
                return InputError {taken.error()};
        } else if (auto tls = takeTlsOption(reader, args.tls); !tls || *tls) {
            if (!tls)
                return InputError {tls.error()};
        } else {
            return InputError {"connect: unknown option '" + std::string(reader.current()) + "'"};
        }
    }
    if (!haveSpec)
        return InputError {"connect needs an ENDPOINT, e.g. connect tcp://127.0.0.1:7"};
    if (auto checked = finishMulticastArgs(args.multicast, args.spec.transport); !checked)
        return InputError {checked.error()};
    auto tls = finishTlsArgs(args.tls, args.spec, false);
    if (!tls)
        return InputError {tls.error()};
    args.tlsContext = *tls;
    if (args.bind && args.bind->transport != args.spec.transport)
        return InputError {"--bind " + args.bind->toString() + " is not a "
                           + schemeName(args.spec.transport) + ":// endpoint like "
                           + args.spec.toString()};
    if (!isConnectionOriented(args.spec.transport)) {
        for (const Bytes &item : args.sends)
            if (item->size() > kMaxDatagram)
                return InputError {"a datagram of " + std::to_string(item->size())
                                   + " bytes is over the limit of " + std::to_string(kMaxDatagram)};
    }
    if ((args.repeat != 1 || args.intervalMs != 0) && args.sends.empty())
        return InputError {"--repeat and --interval repeat the --send list, and there is none"};
    return args;
}

EndpointConfig makeConfig(const GlobalOptions &global, const ConnectArgs &args,
                          std::shared_ptr<StdioLink> stdio, bool trace)
{
    EndpointConfig config;
    config.family = global.family;
    config.options = global.options;
    config.trace = trace;
    config.label = "sockbench-cli connect";
    if (args.timeoutMs)
        config.connectTimeoutMs = static_cast<int>(*args.timeoutMs);
    if (isConnectionOriented(args.spec.transport)) {
        config.role = Role::Client;
        config.spec = args.spec;
        config.localBind = args.bind;
        config.tls = args.tls.settings;
        config.tlsContext = args.tlsContext;
        // netcat semantics: the peer's EOF ends only its direction; we go on sending stdin.
        config.closeOnPeerEof = false;
        // stdin and stdout move on the connection's loop, copied only when --log shows them.
        if (stdio) {
            config.stdio = std::move(stdio);
            config.dataBytes = global.log != LogFormat::None;
        }
        return config;
    }
    config.role = Role::Datagram;
    config.multicast = args.multicast.settings;
    config.stdio = std::move(stdio); // each read of stdin one datagram, on the socket's loop
    config.remote = args.spec;
    config.connectDatagram = true; // like nc -u: replies only from the peer, errors reported
    if (args.bind) {
        config.spec = *args.bind;
        config.bindDatagram = true;
    } else {
        // Unbound: the kernel picks a port at the first send, or for UNIX datagrams the
        // engine autobinds an abstract name, so the peer can answer.
        config.spec.transport = args.spec.transport;
        config.bindDatagram = false;
    }
    return config;
}

int runConnect(const GlobalOptions &global, int argc, char **argv)
{
    auto parsed = parseArgs(argc, argv);
    if (!parsed)
        return usageError(parsed.error());
    const ConnectArgs &args = *parsed;
    if (args.help)
        return printSynopsis("connect");
    if (auto checked = checkOptions(global.options); !checked)
        return usageError(checked.error());
    if (auto checked = checkFamily(args.spec, global.family); !checked)
        return usageError(checked.error());
    if (args.bind) {
        if (auto checked = checkFamily(*args.bind, global.family); !checked)
            return usageError("--bind: " + checked.error());
    }
    const bool stream = isConnectionOriented(args.spec.transport);

    const bool fromStdin = args.sends.empty();
    Feeder::Plan plan;
    plan.items = args.sends;
    plan.repeat = args.repeat;
    plan.intervalMs = args.intervalMs;
    plan.shutdownWhenDone = stream && args.shutdownWr;
    const int64_t waitMs = args.waitMs.value_or(kDefaultWaitMs);

    // stdin is the endpoint's own (StdioLink), read on its loop: a stream's stdout too; a
    // datagram socket's replies are written here, one event each. A --send list goes through
    // the Feeder, which keeps --repeat and --interval.
    const int stdoutFlags = ::fcntl(STDOUT_FILENO, F_GETFL);
    std::shared_ptr<StdioLink> link;
    if (fromStdin)
        link = std::make_shared<StdioLink>(
                StdioLink::Fds {.in = STDIN_FILENO,
                                .out = stream ? STDOUT_FILENO : -1,
                                .shutdownAtInputEnd = stream && args.shutdownWr});
    RunContext context(global, args.spec.transport);
    // Every packet of this client has the peer's port on one side (an ICMP error is always kept).
    int tapStatus = 0;
    if (!context.startPackets({args.spec.port}, &tapStatus))
        return tapStatus;
    auto endpoint = Endpoint::create(makeConfig(global, args, link, context.wantsTrace()),
                                     context.queue(), context.registry());
    std::unique_ptr<Feeder> feeder;
    endpoint->start();
    if (!stream && !link) {
        // Sends queue into the worker behind start(), so the datagram socket is ready first.
        feeder = std::make_unique<Feeder>(*endpoint, 0, plan);
        feeder->start();
    }

    // The socket's EOF is stdout's end (ncat: "client closes stdout ... after socket EOF"), so
    // a reader such as `| tar x` finishes while stdin may still be open. Every received byte
    // is already in stdout when PeerEof comes (the loop reads the socket only once stdout has
    // taken the bytes before). fd 1 becomes /dev/null rather than closed, so no socket
    // opened later takes its number.
    const auto endStdout = [stdoutFlags] {
        // The pipe's other holders get back the flags it came with (the link made it
        // non-blocking); the link's own restore then meets /dev/null.
        if (stdoutFlags >= 0)
            ::fcntl(STDOUT_FILENO, F_SETFL, stdoutFlags);
        const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (null < 0)
            return;
        ::dup2(null, STDOUT_FILENO);
        ::close(null);
    };
    // The facts of the socket (opened, the peer's EOF, closed and why) are the endpoint's one
    // state; what is here is this command's own: when to stop and with what status.
    EndpointState state(endpoint->id(), endpoint->config().role);
    ConnId conn = 0; // the client's connection, once open (0: a datagram socket's own)
    const auto ours = [&]() { return state.connection(conn); };
    bool finished = false;
    int status = 0;
    int64_t lastInNs = monotonicNs();
    bool stdoutBroken = false; // a reader that went away (| head) is told about once

    const auto handle = [&](const Event &event) {
        std::visit(Overloaded {
                           [&](const ev::Opened &) {
                               if (stream && conn == 0) {
                                   conn = event.conn;
                                   if (!link) {
                                       feeder = std::make_unique<Feeder>(*endpoint, conn, plan);
                                       feeder->start();
                                   }
                               }
                           },
                           [&](const ev::Data &d) {
                               if (d.dir == Direction::Out) {
                                   if (feeder)
                                       feeder->written(d.length);
                                   return;
                               }
                               lastInNs = monotonicNs();
                               if (stdoutBroken || d.toStdout)
                                   return;
                               if (!writeAll(STDOUT_FILENO, view(d.bytes))) {
                                   stdoutBroken = true;
                                   std::fprintf(stderr, "sockbench-cli: stdout: %s\n",
                                                std::strerror(errno));
                                   status = 1;
                                   finished = true;
                               }
                           },
                           [&](const ev::PeerEof &) {
                               if (stream && event.conn == conn)
                                   endStdout();
                           },
                           [&](const ev::Closed &) {
                               if (event.conn == conn || !stream) {
                                   if (ours() && ours()->closeErr)
                                       status = 1; // its Error event, just before, told why
                                   finished = true;
                                   if (feeder)
                                       feeder->cancel();
                               }
                           },
                           [&](const ev::Error &e) {
                               // A shutdown or send of ours that raced the peer's close (a UNIX
                               // peer that closes is a full hang-up) fails with ENOTCONN: the
                               // ending is already told.
                               if (ours() && ours()->closed)
                                   return;
                               EventPrinter::printSocketError(event);
                               // An option the socket refused, or the kernel's count of datagrams
                               // it dropped, is worth a line but leaves the socket working.
                               if (e.op != "setsockopt" && e.err != ENOBUFS) {
                                   status = 1;
                                   finished = true;
                               }
                           },
                           [&](const ev::Stopped &) { finished = true; },
                           [](const ev::Trace &) {},
                           [](const ev::Listening &) {},
                           [](const ev::Connecting &) {},
                           [](const ev::Shutdown &) {},
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
    while (!finished) {
        if ((signo = context.interruptedBy()) != 0)
            break;
        context.next(events, 50);
        for (const Event &event : events) {
            state.apply(event);
            handle(event);
        }
        if (link && link->outputError() && !stdoutBroken) {
            stdoutBroken = true;
            std::fprintf(stderr, "sockbench-cli: stdout: %s\n", std::strerror(link->outputError()));
            status = 1;
            finished = true;
        }
        const bool sent = link ? link->inputDone() : feeder && feeder->done();
        if (finished || !sent)
            continue;
        // Everything is sent: a stream ends when the peer closes its side, a datagram socket
        // (or a stream given --wait) after waitMs without a reply.
        if (stream && ours() && ours()->peerEof)
            break;
        if (!stream || args.waitMs) {
            const int64_t doneAt = link ? link->inputDoneAtNs() : feeder->doneAtNs();
            const int64_t quietSince = std::max(lastInNs, doneAt);
            if (monotonicNs() - quietSince >= waitMs * 1000000)
                break;
        }
    }
    // A signal that came while the command was ending by itself still names the ending: the
    // loop wakes only between waits, and may have left on another condition first.
    if (!signo)
        signo = context.interruptedBy();
    if (link && link->inputError()) {
        std::fprintf(stderr, "sockbench-cli: stdin: %s\n", std::strerror(link->inputError()));
        status = status ? status : 1;
    }
    if (feeder)
        feeder->cancel();
    context.stopAndDrain(*endpoint, [&](const Event &event) {
        const auto *d = event.as<ev::Data>();
        if (d && d->dir == Direction::In && !d->toStdout && !stdoutBroken)
            stdoutBroken = !writeAll(STDOUT_FILENO, view(d->bytes));
    });
    feeder.reset();
    endpoint.reset();
    return signo ? 128 + signo : status;
}

const CommandRegistrar kRegistrar {
        {"connect",
         "  connect ENDPOINT [--bind LOCAL_ENDPOINT] [--timeout MS]\n"
         "          [--send TEXT | --send-hex HEX | --send-file PATH]... [--repeat N] "
         "[--interval MS]\n"
         "          [--shutdown wr|none] [--wait MS]\n"
         "          udp: [--join GROUP[%IFACE]]... [--source ADDR] [--multicast-if ADDR|IFACE]\n"
         "               [--multicast-ttl N] [--multicast-loop 0|1] [--multicast-all 0|1] "
         "[--broadcast]\n"
         "          tls: [--ca FILE | --insecure] [--alpn PROTO[,PROTO]...] [--keylog FILE]\n"
         "               [--cert FILE --key FILE] [--tls-version 1.2|1.3] [--servername NAME]",
         runConnect}};

} // namespace
} // namespace sb::cli
