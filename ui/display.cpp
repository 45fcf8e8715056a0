#include "ui/display.h"

#include <QFontDatabase>
#include <QPalette>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#if __has_include("core/payload.h")
#include "core/payload.h"
#define SB_HAVE_PAYLOAD 1
#endif
#if __has_include("core/errnoinfo.h")
#include "core/errnoinfo.h"
#define SB_HAVE_ERRNOINFO 1
#endif

namespace sb {
namespace {

// CLOCK_MONOTONIC is what std::chrono::steady_clock reads on Linux; the offset to the wall
// clock is taken once so that every timestamp of a run is shown on one consistent scale.
int64_t monoToRealOffsetNs()
{
    static const int64_t offset = [] {
        const auto real = std::chrono::system_clock::now().time_since_epoch();
        const auto mono = std::chrono::steady_clock::now().time_since_epoch();
        return std::chrono::duration_cast<std::chrono::nanoseconds>(real).count()
                - std::chrono::duration_cast<std::chrono::nanoseconds>(mono).count();
    }();
    return offset;
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t,
                            a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

// A hue pulled toward the palette's text colour, so it keeps its contrast on either theme.
QColor tinted(const QPalette &palette, QColor hue)
{
    return mix(hue, palette.color(QPalette::Text), 0.15);
}

} // namespace

int64_t nowMonoNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

QString wallClockText(int64_t monoNs)
{
    const int64_t realNs = monoNs + monoToRealOffsetNs();
    const time_t secs = static_cast<time_t>(realNs / 1000000000);
    const int micros = static_cast<int>((realNs % 1000000000) / 1000);
    tm local {};
    localtime_r(&secs, &local);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%06d", local.tm_hour, local.tm_min, local.tm_sec,
                  micros);
    return QString::fromLatin1(buf);
}

QFont monospaceFont() { return QFontDatabase::systemFont(QFontDatabase::FixedFont); }

QString sizeText(uint64_t bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(bytes / 1024.0, 0, 'f', 1);
    if (bytes < 1024ull * 1024 * 1024)
        return QStringLiteral("%1 MiB").arg(bytes / (1024.0 * 1024), 0, 'f', 1);
    return QStringLiteral("%1 GiB").arg(bytes / (1024.0 * 1024 * 1024), 0, 'f', 2);
}

QString rateText(double bytesPerSecond)
{
    return sizeText(static_cast<uint64_t>(bytesPerSecond)) + QStringLiteral("/s");
}

QColor stateColor(const QString &state, const QPalette &palette)
{
    if (state == u"ESTABLISHED" || state == u"CONNECTED" || state == u"BOUND")
        return tinted(palette, QColor(0x2e, 0xa0, 0x43));
    if (state == u"LISTEN" || state == u"LISTENING")
        return tinted(palette, QColor(0x2f, 0x81, 0xf7));
    if (state == u"SYN_SENT" || state == u"CONNECTING" || state == u"SYN_RECV")
        return tinted(palette, QColor(0xd2, 0x99, 0x22));
    if (state.startsWith(u"CLOSE_WAIT") || state.startsWith(u"FIN_WAIT") || state == u"LAST_ACK"
        || state == u"CLOSING" || state == u"TIME_WAIT" || state.startsWith(u"HALF"))
        return tinted(palette, QColor(0xdb, 0x6d, 0x28));
    if (state == u"ERROR" || state == u"RESET")
        return errorColor(palette);
    return palette.color(QPalette::Disabled, QPalette::Text);
}

QColor errorColor(const QPalette &palette) { return tinted(palette, QColor(0xe0, 0x3c, 0x3c)); }

QColor sentColor(const QPalette &palette) { return tinted(palette, QColor(0x2f, 0x81, 0xf7)); }

QColor receivedColor(const QPalette &palette) { return tinted(palette, QColor(0x2e, 0xa0, 0x43)); }

QString previewText(std::string_view data, int maxChars)
{
#ifdef SB_HAVE_PAYLOAD
    return QString::fromStdString(escapedPreview(data, static_cast<size_t>(maxChars)));
#else
    // Until core/payload.h lands: C escapes for everything outside printable ASCII.
    QString out;
    for (unsigned char c : data) {
        if (out.size() >= maxChars) {
            out += QStringLiteral("…");
            break;
        }
        switch (c) {
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '\0':
            out += QStringLiteral("\\0");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        default:
            if (c >= 0x20 && c < 0x7f)
                out += QChar(c);
            else
                out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        }
    }
    return out;
#endif
}

QString hexDumpText(std::string_view data)
{
#ifdef SB_HAVE_PAYLOAD
    return QString::fromStdString(hexDump(data));
#else
    QString out;
    for (size_t off = 0; off < data.size(); off += 16) {
        QString hex, ascii;
        for (size_t i = 0; i < 16; ++i) {
            if (off + i < data.size()) {
                const unsigned char c = data[off + i];
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QChar(c) : QChar('.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == 7)
                hex += QLatin1Char(' ');
        }
        out += QStringLiteral("%1  %2 |%3|\n").arg(off, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return out;
#endif
}

QString kindText(const EndpointConfig &config)
{
    const Transport t = config.spec.transport;
    switch (config.role) {
    case Role::Pair:
        return t == Transport::UnixDgram        ? QStringLiteral("socketpair (datagram)")
                : t == Transport::UnixSeqpacket ? QStringLiteral("socketpair (seqpacket)")
                                                : QStringLiteral("socketpair (stream)");
    case Role::Datagram:
        return t == Transport::Udp ? QStringLiteral("UDP socket")
                                   : QStringLiteral("UNIX datagram socket");
    case Role::Server:
    case Role::Client: {
        const QString what
                = config.role == Role::Server ? QStringLiteral("server") : QStringLiteral("client");
        if (t == Transport::Tcp)
            return QStringLiteral("TCP ") + what;
        if (t == Transport::UnixSeqpacket)
            return QStringLiteral("UNIX seqpacket ") + what;
        return QStringLiteral("UNIX stream ") + what;
    }
    }
    return {};
}

QString responderText(ResponderSpec::Kind kind)
{
    switch (kind) {
    case ResponderSpec::Kind::None:
        return QStringLiteral("log only");
    case ResponderSpec::Kind::Echo:
        return QStringLiteral("echo");
    case ResponderSpec::Kind::Discard:
        return QStringLiteral("discard");
    case ResponderSpec::Kind::Daytime:
        return QStringLiteral("daytime");
    case ResponderSpec::Kind::Chargen:
        return QStringLiteral("chargen");
    case ResponderSpec::Kind::Fixed:
        return QStringLiteral("fixed reply");
    }
    return {};
}

QString errnoLine(int err)
{
#ifdef SB_HAVE_ERRNOINFO
    return QString::fromStdString(formatErrno(err));
#else
    return QStringLiteral("errno %1 (%2)").arg(err).arg(QString::fromLocal8Bit(strerror(err)));
#endif
}

QString errnoCauseText(const std::string &op, int err)
{
#ifdef SB_HAVE_ERRNOINFO
    const char *cause = errnoCause(op, err);
    return cause ? QString::fromUtf8(cause) : QString();
#else
    (void)op;
    (void)err;
    return {};
#endif
}

} // namespace sb

namespace sb {

#ifndef SB_HAVE_PAYLOAD
namespace {
// Until core/payload.h lands: the escapes and hex forms the design names.
Result<std::string> fallbackEscaped(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        if (++i >= s.size())
            return InputError {"a lone '\\' at the end: write \\\\ for a backslash"};
        switch (s[i]) {
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case '0':
            out += '\0';
            break;
        case '\\':
            out += '\\';
            break;
        case 'x': {
            const std::string hex(s.substr(i + 1, 2));
            if (hex.size() != 2 || !std::isxdigit(static_cast<unsigned char>(hex[0]))
                || !std::isxdigit(static_cast<unsigned char>(hex[1])))
                return InputError {"\\x needs two hex digits, got '\\x" + hex + "'"};
            out += static_cast<char>(std::stoi(hex, nullptr, 16));
            i += 2;
            break;
        }
        default:
            return InputError {std::string("unknown escape '\\") + s[i] + "'"};
        }
    }
    return out;
}

Result<std::string> fallbackHex(std::string_view s)
{
    std::string digits;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' || c == ':' || c == '\t' || c == '\n')
            continue;
        if (c == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
            ++i;
            continue;
        }
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return InputError {std::string("'") + c + "' at column " + std::to_string(i + 1)
                               + " is not a hex digit"};
        digits += c;
    }
    if (digits.size() % 2)
        return InputError {"odd number of hex digits: the last byte is missing a digit"};
    std::string out;
    for (size_t i = 0; i < digits.size(); i += 2)
        out += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
    return out;
}
} // namespace
#endif

Result<std::string> payloadFromInput(InputMode mode, const QString &input, LineEndingChoice ending)
{
    const std::string text = input.toStdString();
#ifdef SB_HAVE_PAYLOAD
    switch (mode) {
    case InputMode::Text: {
        Result<std::string> r = parseEscapedText(text);
        if (!r)
            return r;
        const LineEnding le = ending == LineEndingChoice::Lf ? LineEnding::Lf
                : ending == LineEndingChoice::CrLf           ? LineEnding::CrLf
                                                             : LineEnding::None;
        return withLineEnding(std::move(r).value(), le);
    }
    case InputMode::Hex:
        return parseHex(text);
    case InputMode::File:
        return readPayloadFile(text);
    }
    return InputError {"unknown input mode"};
#else
    switch (mode) {
    case InputMode::Text: {
        Result<std::string> r = fallbackEscaped(text);
        if (!r)
            return r;
        std::string out = std::move(r).value();
        if (ending == LineEndingChoice::Lf)
            out += '\n';
        else if (ending == LineEndingChoice::CrLf)
            out += "\r\n";
        return out;
    }
    case InputMode::Hex:
        return fallbackHex(text);
    case InputMode::File: {
        if (text.empty())
            return InputError {"no file chosen"};
        FILE *f = std::fopen(text.c_str(), "rb");
        if (!f)
            return InputError {text + ": " + std::strerror(errno)};
        std::string out;
        char buf[65536];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
            out.append(buf, n);
        std::fclose(f);
        return out;
    }
    }
    return InputError {"unknown input mode"};
#endif
}

} // namespace sb
