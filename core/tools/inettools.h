#pragma once

#include "core/text/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sb {

/// The bytes of an IPv4 (4) or IPv6 (16) address in network order, as inet_pton stores them.
struct InetBytes
{
    int family = 0; ///< AF_INET or AF_INET6
    std::vector<uint8_t> bytes;
    /// "7f 00 00 01"
    std::string hex() const;
};

/// inet_pton: the error names the family and says why the text is not an address of it.
Result<InetBytes> presentationToNetwork(int family, const std::string &text);
/// inet_ntop of 4 or 16 bytes; the error says the length is wrong.
Result<std::string> networkToPresentation(int family, const std::vector<uint8_t> &bytes);
/// Parses "7f 00 00 01", "7f:00:00:01", "0x7f000001" or "7f000001" into bytes.
Result<std::vector<uint8_t>> parseHexBytes(const std::string &text);

/// One htons/htonl/ntohs/ntohl call with the bytes of its argument and result in memory
/// order, side by side. Value type.
struct ByteOrderView
{
    const char *call = ""; ///< "htons", "htonl", "ntohs", "ntohl"
    int width = 0; ///< 2 or 4 bytes
    uint32_t input = 0;
    uint32_t output = 0;
    std::vector<uint8_t> inputBytes; ///< how the input lies in this host's memory
    std::vector<uint8_t> outputBytes; ///< how the result lies in this host's memory
};

/// Calls the named conversion on value; the error says a 16-bit call got a value over 65535.
Result<ByteOrderView> convertByteOrder(const std::string &call, uint32_t value);
/// Parses a decimal or 0x hex value; the error names the text.
Result<uint32_t> parseUnsigned(const std::string &text);
/// "little-endian (x86-64 and most others: least significant byte first)" or "big-endian ...".
std::string hostByteOrderName();
bool hostIsLittleEndian();

} // namespace sb
