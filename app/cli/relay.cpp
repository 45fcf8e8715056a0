// sockbench-cli relay: a fault relay between the clients that connect to LISTEN and TARGET,
// with faults given as options and changed while it runs by lines on stdin.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/globaloptions.h"
#include "app/cli/runcontext.h"
#include "core/net/endpoint.h"
#include "core/net/relayflow.h"
#include "core/text/faulttext.h"

#include <cerrno>
#include <cstdio>
#include <string>

#include <poll.h>
#include <unistd.h>

namespace sb::cli {
namespace {

/// The faults an option may name; each also as --NAME-up and --NAME-down.
constexpr const char *kValueFaults[]
        = {"chop",        "chop-gap", "coalesce",  "delay",   "throttle",
           "reset-after", "drop",     "duplicate", "reorder", "seed"};
constexpr const char *kFlagFaults[] = {"stall", "close"};
constexpr const char *kSuffixes[] = {"", "-up", "-down"};

struct RelayArgs
{
    bool help = false;
    EndpointSpec listen;
    EndpointSpec target;
    FaultPlan plans[2]; ///< [0] up, [1] down
};

bool isStream(Transport t) { return t == Transport::Tcp || t == Transport::UnixStream; }

/// A fault that the relay's kind of transport cannot have, said at the place it was typed.
Result<bool> checkPlanFits(bool datagrams, const FaultPlan &plan, const std::string &where)
{
    if (const char *name = datagrams ? plan.streamOnly() : plan.datagramOnly())
        return InputError {where + ": " + name
                           + (datagrams ? " acts on a byte stream; a UDP relay forwards whole "
                                          "datagrams (drop, duplicate, reorder, delay, throttle)"
                                        : " acts on datagrams; this relay forwards a byte stream "
                                          "(use udp:// for both ends)")};
    return true;
}

/// Applies the fault option at the reader's position, if it is one; false when it is not.
Result<bool> takeFault(ArgReader &reader, RelayArgs &args)
{
    std::string value;
    for (const char *suffix : kSuffixes) {
        const bool up = suffix[0] != '-' || suffix[1] == 'u';
        const bool down = suffix[0] != '-' || suffix[1] == 'd';
        for (const char *name : kValueFaults) {
            const std::string option = std::string("--") + name + suffix;
            if (!reader.takeOption(option, &value))
                continue;
            if (!reader.error().empty())
                return InputError {reader.error()};
            for (int d = 0; d < 2; ++d) {
                if (!(d == 0 ? up : down))
                    continue;
                if (auto ok = applyFault(args.plans[d], name, value, option); !ok)
                    return InputError {ok.error()};
            }
            return true;
        }
        for (const char *name : kFlagFaults) {
            const std::string option = std::string("--") + name + suffix;
            if (!reader.takeFlag(option))
                continue;
            for (int d = 0; d < 2; ++d) {
                if (d == 0 ? up : down)
                    applyFault(args.plans[d], name, {}, option);
            }
            return true;
        }
    }
    return false;
}

Result<RelayArgs> parseArgs(int argc, char **argv)
{
    RelayArgs args;
    ArgReader reader(argc, argv);
    int positional = 0;
    while (!reader.atEnd()) {
        if (!reader.currentIsOption()) {
            if (positional == 2)
                return InputError {"relay takes LISTEN and TARGET; '"
                                   + std::string(reader.current()) + "' is one too many"};
            const std::string word(reader.takeWord());
            auto spec = parseEndpoint(word);
            if (!spec)
                return InputError {spec.error()};
            if (spec->tls)
                return InputError {"relay forwards the bytes as they come and does not speak TLS: "
                                   "give tcp:// (a TLS session passes through it unchanged), not "
                                   + word};
            if (!isStream(spec->transport) && spec->transport != Transport::Udp)
                return InputError {"relay forwards byte streams (tcp://, unix://) or UDP "
                                   "datagrams (udp://); "
                                   + word + " is neither"};
            (positional++ == 0 ? args.listen : args.target) = *spec;
            continue;
        }
        if (reader.takeFlag("--help") || reader.takeFlag("-h")) {
            args.help = true;
            return args;
        }
        auto fault = takeFault(reader, args);
        if (!fault)
            return InputError {fault.error()};
        if (!*fault)
            return InputError {"relay: unknown option '" + std::string(reader.current()) + "'"};
    }
    if (positional < 2)
        return InputError {"relay needs LISTEN and TARGET, e.g. relay tcp://127.0.0.1:0 "
                           "tcp://127.0.0.1:8080"};
    const bool datagrams = args.listen.transport == Transport::Udp;
    if (datagrams != (args.target.transport == Transport::Udp))
        return InputError {"relay forwards between two endpoints of one kind: "
                           + args.listen.toString() + " and " + args.target.toString()
                           + " are not (udp:// to udp://, or a stream to a stream)"};
    for (int d = 0; d < 2; ++d) {
        if (auto fits = checkPlanFits(datagrams, args.plans[d], "relay"); !fits)
            return InputError {fits.error()};
    }
    return args;
}

/// stdin, read line by line between two waits on the event queue. Main thread only.
class FaultConsole
{
public:
    /// Reads what stdin holds now, if anything, and returns its complete lines through
    /// onLine. False once stdin has ended.
    template<class F>
    bool poll(F onLine)
    {
        if (!m_open)
            return false;
        pollfd p {STDIN_FILENO, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0)
            return true;
        char buf[4096];
        // One read per readiness: a terminal on stdin stays blocking (it is the person's).
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return true;
        if (n <= 0) {
            m_open = false;
            if (!m_pending.empty())
                onLine(m_pending, ++m_line);
            return false;
        }
        m_pending.append(buf, size_t(n));
        for (size_t nl; (nl = m_pending.find('\n')) != std::string::npos;) {
            const std::string line = m_pending.substr(0, nl);
            m_pending.erase(0, nl + 1);
            onLine(line, ++m_line);
        }
        return true;
    }

private:
    bool m_open = true;
    std::string m_pending;
    int m_line = 0;
};

int runRelay(const GlobalOptions &global, int argc, char **argv)
{
    auto parsed = parseArgs(argc, argv);
    if (!parsed)
        return usageError(parsed.error());
    RelayArgs args = *parsed;
    if (args.help)
        return printSynopsis("relay");
    if (auto checked = checkOptions(global.options); !checked)
        return usageError(checked.error());
    for (const EndpointSpec *spec : {&args.listen, &args.target}) {
        if (auto checked = checkFamily(*spec, global.family); !checked)
            return usageError(checked.error());
    }

    EndpointConfig config;
    config.role = Role::Relay;
    config.spec = args.listen;
    config.relayTarget = args.target;
    config.relayFaults[0] = args.plans[0];
    config.relayFaults[1] = args.plans[1];
    config.family = global.family;
    config.options = global.options;
    config.trace = global.trace;
    config.dataBytes = global.log != LogFormat::None;
    config.label = "sockbench-cli relay";
    config.readSize = RelayFlow::kBufferCap / 2; // two reads fill a direction's buffer

    RunContext context(global, args.listen.transport);
    auto relay = Endpoint::create(config, context.queue(), context.registry());
    relay->start();

    bool listening = false;
    bool finished = false;
    int status = 0;
    const auto handle = [&](const Event &event) {
        if (const auto *l = event.as<ev::Listening>()) {
            listening = true;
            std::fprintf(stderr, "listening on %s\n",
                         formatEndpoint(args.listen.transport, l->local).c_str());
            std::fprintf(stderr, "relay up: %s\nrelay down: %s\n",
                         describePlan(args.plans[0]).c_str(), describePlan(args.plans[1]).c_str());
        } else if (const auto *e = event.as<ev::Error>()) {
            EventPrinter::printSocketError(event);
            // Before it listens, a failure (bind: EADDRINUSE, a target that does not resolve)
            // ends the command; after, one client's trouble must not stop the relay.
            if (!listening && e->op != "setsockopt") {
                status = 1;
                finished = true;
            }
        } else if (event.is<ev::Stopped>()) {
            finished = true;
        }
    };

    // A fault line is taken where it was typed: a mistake is told on stderr and the relay
    // goes on, as a shell goes on after a mistyped command.
    FaultConsole console;
    const bool datagrams = args.listen.transport == Transport::Udp;
    const auto onLine = [&](const std::string &text, int number) {
        const std::string where = "stdin line " + std::to_string(number);
        auto line = parseFaultLine(text, where);
        if (!line) {
            std::fprintf(stderr, "sockbench-cli: %s\n", line.error().c_str());
            return;
        }
        switch (line->kind) {
        case FaultLine::Kind::Empty:
            return;
        case FaultLine::Kind::Quit:
            finished = true;
            return;
        case FaultLine::Kind::ResetNow:
            relay->abort(0);
            std::fprintf(stderr, "relay: reset every connection\n");
            return;
        case FaultLine::Kind::Set:
            for (int d = 0; d < 2; ++d) {
                if (!(d == 0 ? line->dirs.up : line->dirs.down))
                    continue;
                FaultPlan next = args.plans[d];
                applyFault(next, line->name, line->value, where);
                if (auto fits = checkPlanFits(datagrams, next, where); !fits) {
                    std::fprintf(stderr, "sockbench-cli: %s\n", fits.error().c_str());
                    return;
                }
                args.plans[d] = next;
                relay->setFaults(d == 0 ? RelayDir::Up : RelayDir::Down, args.plans[d]);
                std::fprintf(stderr, "relay %s: %s\n", d == 0 ? "up" : "down",
                             describePlan(args.plans[d]).c_str());
            }
            return;
        }
    };

    std::vector<Event> events;
    int signo = 0;
    bool stdinOpen = true;
    while (!finished) {
        if ((signo = context.interruptedBy()) != 0)
            break;
        context.next(events, stdinOpen ? 50 : 200);
        for (const Event &event : events)
            handle(event);
        if (stdinOpen && listening)
            stdinOpen = console.poll(onLine);
    }
    if (!signo)
        signo = context.interruptedBy();
    context.stopAndDrain(*relay, handle);
    relay.reset();
    if (signo)
        return 128 + signo;
    return status;
}

const CommandRegistrar kRegistrar {
        {"relay",
         "  relay LISTEN TARGET [--chop N] [--chop-gap MS] [--coalesce BYTES[,MS]] [--delay MS]\n"
         "        [--throttle RATE] [--stall] [--close] [--reset-after N]\n"
         "  relay udp://LISTEN udp://TARGET [--drop PCT] [--duplicate PCT] [--reorder PCT]\n"
         "        [--seed N] [--delay MS] [--throttle RATE]   (whole datagrams, per client)\n"
         "        each fault also as --NAME-up (client to target) or --NAME-down (back);\n"
         "        sizes and rates take k, M, G (1000s) or Ki, Mi, Gi (1024s): --throttle 1M\n"
         "        stdin lines change faults while it runs: 'throttle down 2M', 'stall up',\n"
         "        'resume up', 'close down', 'clear', 'reset' (every connection now), 'quit'",
         runRelay, kUsesTrace | kUsesLog | kUsesOpt | kUsesFamily}};

} // namespace
} // namespace sb::cli
