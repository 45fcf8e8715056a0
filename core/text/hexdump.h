#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sb {

/// hexdump -C layout, 16 bytes a line, each line ending in '\n':
/// "00000000  48 65 6c 6c 6f 0a 00 ff  01 02 03 04 05 06 07 08  |Hello...........|"
/// Past maxBytes, one last line says how many bytes were left out.
std::string hexDump(std::string_view data, size_t maxBytes = SIZE_MAX);

/// hexDump appended to out, whose storage is reused: a log of a bulk transfer allocates once.
void appendHexDump(std::string &out, std::string_view data, size_t maxBytes = SIZE_MAX);

} // namespace sb
