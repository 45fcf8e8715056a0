#include "app/cli/eventprinter.h"

#include "core/net/tlstext.h"
#include "core/text/errnoinfo.h"
#include "core/text/hexdump.h"
#include "core/text/names.h"
#include "core/text/payload.h"
#include "core/text/rules.h"

#include <cerrno>
#include <cstdio>
#include <ctime>

#include <sys/socket.h>
#include <unistd.h>

namespace sb::cli {
namespace {

constexpr size_t kPreviewBytes = 64;

/// An event as the lines print it: the names and fields --log has always shown (a peer's
/// EOF is a "shutdown" by the peer, a send queue "progress", an option read-back "option").
struct Flat
{
    const char *name = "?";
    Address local;
    Address peer;
    std::string op;
    int err = 0;
    std::string text;
    const ev::Data *data = nullptr;
    std::string how; ///< shutdown mode
    bool peerEof = false;
    const uint64_t *queued = nullptr;
    int rule = 0; ///< the number of the reply rule that matched
    std::string hint; ///< an Error's own usual cause (TLS)
};

Flat flatten(const Event &event)
{
    Flat f;
    std::visit(Overloaded {
                       [&](const ev::Trace &) { f.name = "trace"; },
                       [&](const ev::Listening &e) {
                           f.name = "listening";
                           f.local = e.local;
                       },
                       [&](const ev::Connecting &e) {
                           f.name = "connecting";
                           f.peer = e.peer;
                       },
                       [&](const ev::Opened &e) {
                           f.name = "opened";
                           f.local = e.local;
                           f.peer = e.peer;
                       },
                       [&](const ev::Data &e) {
                           f.name = "data";
                           f.peer = e.peer;
                           f.data = &e;
                       },
                       [&](const ev::Shutdown &e) {
                           f.name = "shutdown";
                           f.how = shutdownName(e.how);
                       },
                       [&](const ev::PeerEof &) {
                           f.name = "shutdown";
                           f.how = shutdownName(SHUT_WR);
                           f.peerEof = true;
                           f.text = "peer shut down its side (end of file)";
                       },
                       [&](const ev::Closed &e) {
                           f.name = "closed";
                           f.local = e.local;
                           f.peer = e.peer;
                           f.err = e.err;
                           f.text = e.reason;
                       },
                       [&](const ev::Error &e) {
                           f.name = "error";
                           f.op = e.op;
                           f.err = e.err;
                           f.text = e.detail;
                           f.hint = e.hint;
                       },
                       [&](const ev::TlsEstablished &e) {
                           f.name = "tls";
                           f.text = tlsSummary(e);
                           if (!e.verifyProblem.empty())
                               f.text += ", NOT verified: " + e.verifyProblem;
                       },
                       [&](const ev::Stopped &) { f.name = "stopped"; },
                       [&](const ev::Dropped &) { f.name = "dropped"; },
                       [&](const ev::SendQueue &e) {
                           f.name = "progress";
                           f.queued = &e.queued;
                           if (e.cancelled)
                               f.text = "send cancelled";
                       },
                       [&](const ev::OptionValue &e) {
                           f.name = "option";
                           f.op = e.name;
                           f.err = e.err;
                           f.text = e.err ? e.detail : e.value;
                       },
                       [&](const ev::CallDone &e) {
                           f.name = "done";
                           f.local = e.local;
                           f.peer = e.peer;
                           f.op = e.op;
                           f.err = e.err;
                       },
                       [&](const ev::RuleMatched &e) {
                           f.name = "matched";
                           f.peer = e.peer;
                           f.rule = e.rule;
                           f.text = ruleLabel(e.rule, e.name) + ": " + std::to_string(e.length)
                                   + " bytes, counter " + std::to_string(e.counter)
                                   + ", server_counter " + std::to_string(e.serverCounter);
                       },
                       [&](const ev::Fault &e) {
                           f.name = "fault";
                           f.peer = e.peer;
                           f.text = e.what + " " + std::to_string(e.length) + " bytes";
                       },
                       [&](const ev::Packet &e) {
                           f.name = "packet";
                           f.text = packetSummary(*e.packet);
                           if (e.cause)
                               f.op = sysCallName(e.cause->call);
                       },
               },
               event.body);
    return f;
}

int64_t nowNs(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

EventPrinter::EventPrinter(const GlobalOptions &global, Transport transport)
    : m_trace(global.trace)
    , m_log(global.log)
    , m_transport(transport)
    , m_wallOffsetNs(nowNs(CLOCK_REALTIME) - nowNs(CLOCK_MONOTONIC))
{ }

void EventPrinter::print(const Event &event)
{
    if (const auto *dropped = event.as<ev::Dropped>()) {
        std::fprintf(stderr, "sockbench-cli: %llu log entries dropped (output too slow)\n",
                     static_cast<unsigned long long>(dropped->entries));
        return;
    }
    if (const auto *trace = event.as<ev::Trace>()) {
        if (m_trace && trace->record)
            std::fprintf(stderr, "%s\n", formatTrace(*trace->record).c_str());
        return;
    }
    if (m_log == LogFormat::Jsonl)
        printJson(event);
    else if (m_log != LogFormat::None)
        printText(event);
}

std::string EventPrinter::endpointText(const Address &address) const
{
    if (!address.valid())
        return {};
    return formatEndpoint(m_transport, address);
}

void EventPrinter::printText(const Event &event)
{
    const Flat f = flatten(event);
    const int64_t wall = event.monoNs + m_wallOffsetNs;
    const time_t secs = wall / 1000000000;
    tm parts {};
    localtime_r(&secs, &parts);
    std::string line(32, '\0');
    line.resize(std::snprintf(line.data(), line.size(), "%02d:%02d:%02d.%06lld ", parts.tm_hour,
                              parts.tm_min, parts.tm_sec,
                              static_cast<long long>(wall % 1000000000 / 1000)));
    line += f.name;
    if (f.data)
        line += f.data->dir == Direction::In ? " in" : " out";
    if (event.conn)
        line += " conn " + std::to_string(event.conn);
    if (event.is<ev::Listening>())
        line += " " + endpointText(f.local);
    else if (event.is<ev::Connecting>())
        line += " " + endpointText(f.peer);
    else if (event.is<ev::Opened>())
        line += " " + endpointText(f.local) + " <-> " + endpointText(f.peer);
    if (const ev::Data *d = f.data) {
        line += (d->dir == Direction::In ? " from " : " to ") + endpointText(d->peer);
        line += " " + std::to_string(d->length) + " bytes";
        if (d->truncated)
            line += " (truncated to " + std::to_string(view(d->bytes).size()) + ")";
        if (d->flags & MSG_OOB)
            line += " (MSG_OOB)";
        line += " \"" + escapedPreview(view(d->bytes), kPreviewBytes) + "\"";
    }
    if (!f.how.empty())
        line += f.peerEof ? std::string(" by peer (EOF)") : " " + f.how;
    if (event.is<ev::Closed>() || event.is<ev::Error>()) {
        if (!f.op.empty())
            line += " " + f.op + ":";
        if (f.err)
            line += " " + formatErrno(f.err);
        if (!f.text.empty())
            line += " " + f.text;
    }
    if (f.queued)
        line += " " + std::to_string(*f.queued) + " bytes queued";
    if (event.is<ev::TlsEstablished>() || event.is<ev::Packet>())
        line += " " + f.text;
    if (event.is<ev::RuleMatched>() || event.is<ev::Fault>()) {
        if (f.peer.valid())
            line += " from " + endpointText(f.peer);
        line += " " + f.text;
    }
    if (event.is<ev::OptionValue>()) {
        line += " " + f.op + " = " + f.text;
        if (f.err)
            line += " " + formatErrno(f.err);
    }
    // One write for the line and its dump, after what the trace printed on the same stream.
    m_out.assign(line);
    m_out += '\n';
    if (m_log == LogFormat::Hex && f.data && f.data->bytes)
        appendHexDump(m_out, view(f.data->bytes));
    std::fflush(stderr);
    (void)writeAll(STDERR_FILENO, m_out);
}

void EventPrinter::printJson(const Event &event)
{
    const Flat f = flatten(event);
    const int64_t wall = event.monoNs + m_wallOffsetNs;
    const time_t secs = wall / 1000000000;
    tm parts {};
    gmtime_r(&secs, &parts);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                  parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                  parts.tm_min, parts.tm_sec, static_cast<long long>(wall % 1000000000 / 1000));
    std::string line = "{\"event\":" + jsonString(f.name);
    line += ",\"time\":" + jsonString(stamp);
    line += ",\"endpoint\":" + std::to_string(event.endpoint);
    line += ",\"conn\":" + std::to_string(event.conn);
    line += ",\"peer\":" + jsonString(endpointText(f.peer));
    line += ",\"local\":" + jsonString(endpointText(f.local));
    if (f.data)
        line += std::string(",\"dir\":") + (f.data->dir == Direction::In ? "\"in\"" : "\"out\"");
    line += ",\"len\":" + std::to_string(f.data ? f.data->length : 0);
    line += ",\"hex\":\"" + (f.data ? hexString(view(f.data->bytes)) : std::string()) + "\"";
    if (f.data && f.data->truncated)
        line += ",\"truncated\":true";
    if (!f.how.empty())
        line += ",\"how\":" + jsonString(f.how);
    if (f.queued)
        line += ",\"queued\":" + std::to_string(*f.queued);
    if (!f.op.empty())
        line += ",\"op\":" + jsonString(f.op);
    if (f.err) {
        const char *name = errnoName(f.err);
        line += ",\"errno\":" + (name ? jsonString(name) : std::to_string(f.err));
    }
    if (f.rule)
        line += ",\"rule\":" + std::to_string(f.rule);
    if (!f.text.empty())
        line += ",\"text\":" + jsonString(f.text);
    line += "}\n";
    std::fputs(line.c_str(), stderr);
}

void EventPrinter::printSocketError(const Event &event)
{
    const Flat f = flatten(event);
    std::string line = "sockbench-cli: ";
    if (!f.op.empty())
        line += f.op + ": ";
    if (f.err)
        line += formatErrno(f.err);
    else
        line += f.text;
    std::fprintf(stderr, "%s\n", line.c_str());
    // A UNIX path that could not be bound says what is in the way ("a regular file is at ...").
    const int family = addressFamily(event);
    if (f.err && family == AF_UNIX && !f.text.empty() && f.op == "bind")
        std::fprintf(stderr, "sockbench-cli: %s\n", f.text.c_str());
    // A multicast step names its option and group ("IP_ADD_MEMBERSHIP 239.255.0.1%lo"); a send
    // or connect to a group or broadcast address may say more than the errno after the address
    // ("[ff15::1]:5000: no IPv6 route for a multicast group; ...").
    const bool multicastStep = f.op == "join" || f.op == "leave" || f.op == "setsockopt";
    const bool explained = (f.op == "connect" || f.op == "send" || f.op == "sendto")
            && f.text.find(": ") != std::string::npos;
    if (f.err && !f.text.empty() && (multicastStep || explained))
        std::fprintf(stderr, "sockbench-cli: %s\n", f.text.c_str());
    const char *hint = f.hint.empty() ? errnoCause(f.op, f.err, family) : f.hint.c_str();
    if (hint && *hint)
        std::fprintf(stderr, "sockbench-cli: hint: %s\n", hint);
}

void EventPrinter::printTlsEstablished(const ev::TlsEstablished &tls)
{
    std::string line = "sockbench-cli: tls: " + tlsSummary(tls);
    if (tls.verified)
        line += ", certificate verified";
    std::fprintf(stderr, "%s\n", line.c_str());
    for (size_t i = 0; i < tls.chain.size(); ++i)
        std::fprintf(stderr, "sockbench-cli: tls: peer certificate %zu: %s\n", i,
                     tlsCertificateLine(tls.chain[i]).c_str());
    if (!tls.verifyProblem.empty()) {
        std::fprintf(stderr,
                     "sockbench-cli: tls: certificate NOT verified: %s; accepted anyway "
                     "(--insecure)\n",
                     tls.verifyProblem.c_str());
        if (!tls.verifyHint.empty())
            std::fprintf(stderr, "sockbench-cli: hint: %s\n", tls.verifyHint.c_str());
    }
}

bool writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

} // namespace sb::cli
