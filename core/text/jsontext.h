#pragma once
// The two words every JSON line SockBench prints is made of: a string and a run of bytes.

#include <string>
#include <string_view>

namespace sb {

/// s as a JSON string, quotes included; bytes outside printable ASCII as \u00XX.
std::string jsonString(std::string_view s);
/// The bytes as lowercase hex digits, two a byte.
std::string hexString(std::string_view bytes);

} // namespace sb
