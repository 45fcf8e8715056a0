#pragma once

#include "core/text/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sb {

/// Text with C escapes into bytes: \n \r \t \0 \\ \" \' \a \b \f \v \e and \xNN (exactly two
/// hex digits). \0 is one NUL byte, never an octal prefix. Columns in errors count characters
/// from 1: "bad escape '\q' at column 5".
Result<std::string> parseEscapedText(std::string_view text);

/// The byte a one-character C escape stands for, given the character after the backslash:
/// n r t 0 \\ " ' a b f v e; -1 for any other (\x and parser-specific escapes are the
/// caller's).
int escapedByte(char e);
/// 0–15 for a hex digit of either case, -1 for anything else.
int hexDigitValue(char c);

/// Hex digits into bytes: "48 65 6c", "48:65:6C", "0x48,0x65", "0x48656c", "48-65\n6c". Bytes
/// are pairs of digits; separators (space, tab, newline, ':', ',', '-') may come between
/// pairs, and each run of digits may carry a 0x prefix. Refuses an odd run of digits.
Result<std::string> parseHex(std::string_view text);

/// The whole file, refused when it holds more than maxBytes.
Result<std::string> readPayloadFile(const std::string &path, size_t maxBytes);

/// One line for a log cell: printable ASCII and valid UTF-8 as they are, \n \r \t \0 \\ as
/// escapes, any other byte as \xNN; at most maxChars characters, then "…" when cut.
/// Uncut, parseEscapedText gives the bytes back.
std::string escapedPreview(std::string_view data, size_t maxChars);

/// "48 65 6c"; sep '\0' puts nothing between bytes.
std::string toHex(std::string_view data, char sep = ' ');

/// True when at least 90% of the bytes are printable ASCII, tab/CR/LF or valid UTF-8 and
/// there is no NUL: the log then shows the payload as text rather than hex.
bool isMostlyText(std::string_view data);

enum class LineEnding : uint8_t { None, LF, CRLF };

/// A line to send as typed, with its ending added. CRLF also turns every bare '\n' inside
/// into "\r\n", as nc -C does for each line it sends.
std::string withLineEnding(std::string line, LineEnding ending);

} // namespace sb
