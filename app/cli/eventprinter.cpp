#include "app/cli/eventprinter.h"

#include "core/errnoinfo.h"
#include "core/payload.h"

#include <cerrno>
#include <cstdio>
#include <ctime>

#include <sys/socket.h>
#include <unistd.h>

namespace sb::cli {
namespace {

constexpr size_t kPreviewBytes = 64;

const char *kindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Trace:
        return "trace";
    case EventKind::Listening:
        return "listening";
    case EventKind::Connecting:
        return "connecting";
    case EventKind::Opened:
        return "opened";
    case EventKind::Data:
        return "data";
    case EventKind::Shutdown:
        return "shutdown";
    case EventKind::Closed:
        return "closed";
    case EventKind::Error:
        return "error";
    case EventKind::Stopped:
        return "stopped";
    case EventKind::Dropped:
        return "dropped";
    case EventKind::Progress:
        return "progress";
    case EventKind::Option:
        return "option";
    case EventKind::Done:
        return "done";
    }
    return "?";
}

const char *howName(int how)
{
    switch (how) {
    case SHUT_RD:
        return "SHUT_RD";
    case SHUT_WR:
        return "SHUT_WR";
    case SHUT_RDWR:
        return "SHUT_RDWR";
    }
    return "?";
}

std::string jsonString(std::string_view s)
{
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string hexString(std::string_view bytes)
{
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        out += kDigits[static_cast<unsigned char>(c) >> 4];
        out += kDigits[static_cast<unsigned char>(c) & 0xf];
    }
    return out;
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
    if (event.kind == EventKind::Dropped) {
        std::fprintf(stderr, "sockbench-cli: %llu log entries dropped (output too slow)\n",
                     static_cast<unsigned long long>(event.size));
        return;
    }
    if (event.kind == EventKind::Trace) {
        if (m_trace && event.trace)
            std::fprintf(stderr, "%s\n", formatTrace(*event.trace).c_str());
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
    const int64_t wall = event.monoNs + m_wallOffsetNs;
    const time_t secs = wall / 1000000000;
    tm parts {};
    localtime_r(&secs, &parts);
    std::string line(32, '\0');
    line.resize(std::snprintf(line.data(), line.size(), "%02d:%02d:%02d.%06lld ", parts.tm_hour,
                              parts.tm_min, parts.tm_sec,
                              static_cast<long long>(wall % 1000000000 / 1000)));
    line += kindName(event.kind);
    if (event.kind == EventKind::Data)
        line += event.dir == Direction::In ? " in" : " out";
    if (event.conn)
        line += " conn " + std::to_string(event.conn);
    switch (event.kind) {
    case EventKind::Listening:
    case EventKind::Connecting:
        line += " " + endpointText(event.kind == EventKind::Listening ? event.local : event.peer);
        break;
    case EventKind::Opened:
        line += " " + endpointText(event.local) + " <-> " + endpointText(event.peer);
        break;
    case EventKind::Data:
        line += (event.dir == Direction::In ? " from " : " to ") + endpointText(event.peer);
        line += " " + std::to_string(event.size) + " bytes";
        if (event.how & MSG_TRUNC)
            line += " (truncated to " + std::to_string(view(event.bytes).size()) + ")";
        if (event.how & MSG_OOB)
            line += " (MSG_OOB)";
        line += " \"" + escapedPreview(view(event.bytes), kPreviewBytes) + "\"";
        break;
    case EventKind::Shutdown:
        line += event.dir == Direction::In ? " by peer (EOF)"
                                           : std::string(" ") + howName(event.how);
        break;
    case EventKind::Closed:
    case EventKind::Error:
        if (!event.op.empty())
            line += " " + event.op + ":";
        if (event.err)
            line += " " + formatErrno(event.err);
        if (!event.text.empty())
            line += " " + event.text;
        break;
    case EventKind::Progress:
        line += " " + std::to_string(event.size) + " bytes queued";
        break;
    case EventKind::Option:
        line += " " + event.op + " = " + event.text;
        if (event.err)
            line += " " + formatErrno(event.err);
        break;
    default:
        break;
    }
    std::fprintf(stderr, "%s\n", line.c_str());
    if (m_log == LogFormat::Hex && event.kind == EventKind::Data && event.bytes)
        std::fprintf(stderr, "%s", hexDump(view(event.bytes)).c_str());
}

void EventPrinter::printJson(const Event &event)
{
    const int64_t wall = event.monoNs + m_wallOffsetNs;
    const time_t secs = wall / 1000000000;
    tm parts {};
    gmtime_r(&secs, &parts);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                  parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                  parts.tm_min, parts.tm_sec, static_cast<long long>(wall % 1000000000 / 1000));
    std::string line = "{\"event\":" + jsonString(kindName(event.kind));
    line += ",\"time\":" + jsonString(stamp);
    line += ",\"endpoint\":" + std::to_string(event.endpoint);
    line += ",\"conn\":" + std::to_string(event.conn);
    line += ",\"peer\":" + jsonString(endpointText(event.peer));
    line += ",\"local\":" + jsonString(endpointText(event.local));
    if (event.kind == EventKind::Data)
        line += std::string(",\"dir\":") + (event.dir == Direction::In ? "\"in\"" : "\"out\"");
    line += ",\"len\":" + std::to_string(event.kind == EventKind::Data ? event.size : 0);
    line += ",\"hex\":\"" + hexString(view(event.bytes)) + "\"";
    if (event.kind == EventKind::Data && (event.how & MSG_TRUNC))
        line += ",\"truncated\":true";
    if (event.kind == EventKind::Shutdown)
        line += ",\"how\":" + jsonString(howName(event.how));
    if (event.kind == EventKind::Progress)
        line += ",\"queued\":" + std::to_string(event.size);
    if (!event.op.empty())
        line += ",\"op\":" + jsonString(event.op);
    if (event.err) {
        const char *name = errnoName(event.err);
        line += ",\"errno\":" + (name ? jsonString(name) : std::to_string(event.err));
    }
    if (!event.text.empty())
        line += ",\"text\":" + jsonString(event.text);
    line += "}\n";
    std::fputs(line.c_str(), stderr);
}

void EventPrinter::printSocketError(const Event &event)
{
    std::string line = "sockbench-cli: ";
    if (!event.op.empty())
        line += event.op + ": ";
    if (event.err)
        line += formatErrno(event.err);
    else
        line += event.text;
    std::fprintf(stderr, "%s\n", line.c_str());
    const char *hint = errnoCause(event.op, event.err);
    if (hint && *hint)
        std::fprintf(stderr, "sockbench-cli: hint: %s\n", hint);
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
