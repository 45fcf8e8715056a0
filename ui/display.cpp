#include "ui/display.h"

#include "core/text/errnoinfo.h"
#include "core/text/hexdump.h"
#include "core/text/payload.h"
#include "ui/coretexts.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QPalette>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

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

QColor packetColor(const QPalette &palette) { return tinted(palette, QColor(0xa3, 0x4f, 0xc8)); }

QFont packetFont()
{
    QFont f = monospaceFont();
    f.setPointSizeF(std::max(6.0, f.pointSizeF() * 0.85));
    return f;
}

QString previewText(std::string_view data, int maxChars)
{
    return QString::fromStdString(escapedPreview(data, static_cast<size_t>(maxChars)));
}

QString hexPreviewText(std::string_view data, int maxBytes)
{
    const size_t n = std::min(data.size(), static_cast<size_t>(maxBytes));
    QString out = QString::fromStdString(toHex(data.substr(0, n)));
    if (n < data.size())
        out += QStringLiteral(" …");
    return out;
}

QString hexDumpText(std::string_view data)
{
    // A dump of megabytes would only freeze the text box: the first 64 KiB say enough.
    return QString::fromStdString(hexDump(data, 64 * 1024));
}

QString kindText(const EndpointConfig &config)
{
    const Transport t = config.spec.transport;
    switch (config.role) {
    case Role::Pair:
        return t == Transport::UnixDgram
                ? QCoreApplication::translate("sb::Display", "socketpair (datagram)")
                : t == Transport::UnixSeqpacket
                ? QCoreApplication::translate("sb::Display", "socketpair (seqpacket)")
                : QCoreApplication::translate("sb::Display", "socketpair (stream)");
    case Role::Datagram:
        return t == Transport::Udp
                ? QCoreApplication::translate("sb::Display", "UDP socket")
                : QCoreApplication::translate("sb::Display", "UNIX datagram socket");
    case Role::Server:
        if (t == Transport::Tcp && config.spec.tls)
            return QCoreApplication::translate("sb::Display", "TLS server");
        if (t == Transport::Tcp)
            return QCoreApplication::translate("sb::Display", "TCP server");
        return t == Transport::UnixSeqpacket
                ? QCoreApplication::translate("sb::Display", "UNIX seqpacket server")
                : QCoreApplication::translate("sb::Display", "UNIX stream server");
    case Role::Client:
        if (t == Transport::Tcp && config.spec.tls)
            return QCoreApplication::translate("sb::Display", "TLS client");
        if (t == Transport::Tcp)
            return QCoreApplication::translate("sb::Display", "TCP client");
        return t == Transport::UnixSeqpacket
                ? QCoreApplication::translate("sb::Display", "UNIX seqpacket client")
                : QCoreApplication::translate("sb::Display", "UNIX stream client");
    case Role::Relay:
        return t == Transport::Udp ? QCoreApplication::translate("sb::Display", "UDP relay")
                : t == Transport::Tcp
                ? QCoreApplication::translate("sb::Display", "TCP relay")
                : QCoreApplication::translate("sb::Display", "UNIX stream relay");
    }
    return {};
}

QString responderText(ResponderSpec::Kind kind)
{
    switch (kind) {
    case ResponderSpec::Kind::None:
        return QCoreApplication::translate("sb::Display", "log only");
    case ResponderSpec::Kind::Echo:
        return QStringLiteral("echo");
    case ResponderSpec::Kind::Discard:
        return QStringLiteral("discard");
    case ResponderSpec::Kind::Daytime:
        return QStringLiteral("daytime");
    case ResponderSpec::Kind::Chargen:
        return QStringLiteral("chargen");
    case ResponderSpec::Kind::Fixed:
        return QCoreApplication::translate("sb::Display", "fixed reply");
    case ResponderSpec::Kind::Rules:
        return QCoreApplication::translate("sb::Display", "reply rules");
    }
    return {};
}

QString errnoLine(int err)
{
    // strerror's text is English: the UI says it in the person's language (ui/coretexts.cpp).
    const char *name = errnoName(err);
    const std::string english = errnoText(err);
    const QString text = coreText(english.c_str());
    return name ? QStringLiteral("%1 (%2)").arg(QLatin1String(name), text)
                : QStringLiteral("errno %1 (%2)").arg(err).arg(text);
}

QString errnoCauseText(const std::string &op, int err, int family)
{
    const char *cause = errnoCause(op, err, family);
    return cause && *cause ? coreText(cause) : QString();
}

} // namespace sb

namespace sb {

Result<std::string> payloadFromInput(InputMode mode, const QString &input, LineEndingChoice ending)
{
    const std::string text = input.toStdString();
    switch (mode) {
    case InputMode::Text: {
        Result<std::string> r = parseEscapedText(text);
        if (!r)
            return r;
        const LineEnding le = ending == LineEndingChoice::Lf ? LineEnding::LF
                : ending == LineEndingChoice::CrLf           ? LineEnding::CRLF
                                                             : LineEnding::None;
        return withLineEnding(std::move(r).value(), le);
    }
    case InputMode::Hex:
        return parseHex(text);
    case InputMode::File:
        if (text.empty())
            return InputError {"no file chosen"};
        return readPayloadFile(text, kMaxFilePayload);
    }
    return InputError {"unknown input mode"};
}

} // namespace sb
