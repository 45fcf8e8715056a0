#pragma once

#include "core/net/endpoint.h"
#include "core/text/bytes.h"
#include "core/text/result.h"

#include <QColor>
#include <QFont>
#include <QString>

class QPalette;

namespace sb {

/// How the workbench shows values: fonts, colours, times, sizes. Free functions, GUI thread.

/// "12:34:56.123456" (local wall-clock time) of a CLOCK_MONOTONIC timestamp.
QString wallClockText(int64_t monoNs);
/// The current CLOCK_MONOTONIC time in ns, as the core stamps events.
int64_t nowMonoNs();
/// The system fixed-width font, for bytes, addresses and trace lines.
QFont monospaceFont();
/// "1.2 KiB", "532 B"
QString sizeText(uint64_t bytes);
/// "12.3 KiB/s"
QString rateText(double bytesPerSecond);
/// A colour for a socket state (LISTEN, ESTABLISHED, CLOSE_WAIT, error, ...) that reads on
/// dark and light palettes alike: mid-tone hues, never a hard-coded light background.
QColor stateColor(const QString &state, const QPalette &palette);
/// The colour of a failure (trace lines, field errors) on this palette.
QColor errorColor(const QPalette &palette);
/// Colours of sent and received data.
QColor sentColor(const QPalette &palette);
QColor receivedColor(const QPalette &palette);
/// The packet layer (captured segments) in the Wire view: its colour and its smaller font.
QColor packetColor(const QPalette &palette);
QFont packetFont();
/// Escaped one-line preview of a payload, at most maxChars characters ("GET / HTTP/1.1\r\n").
QString previewText(std::string_view data, int maxChars = 256);
/// "de ad be ef …": the first bytes of a binary payload as hex, for a log cell.
QString hexPreviewText(std::string_view data, int maxBytes = 64);
/// Hex+ASCII dump, 16 bytes per line with offsets.
QString hexDumpText(std::string_view data);
/// "TCP server", "UNIX datagram socket", "socketpair (stream)" for a configuration.
QString kindText(const EndpointConfig &config);
/// "echo", "none", ...
QString responderText(ResponderSpec::Kind kind);
/// "ECONNREFUSED (Connection refused)" and the usual cause of err on op, for tooltips.
QString errnoLine(int err);
/// errnoCause in the UI's language; family as errnoCause takes it (AF_UNIX: UNIX path causes).
QString errnoCauseText(const std::string &op, int err, int family = 0);

} // namespace sb

namespace sb {

enum class InputMode { Text, Hex, File };
/// The largest file a composer sends in one go.
constexpr size_t kMaxFilePayload = size_t(1) << 30;
enum class LineEndingChoice { None, Lf, CrLf };

/// The bytes a person typed in a composer: text with C escapes (line ending appended), hex, or
/// the contents of a file. A Result carries the message to show at the field.
Result<std::string> payloadFromInput(InputMode mode, const QString &input, LineEndingChoice ending);

} // namespace sb
