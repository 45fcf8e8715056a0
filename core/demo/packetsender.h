#pragma once
// Packet Sender's saved packets, read without Qt: its packets.ini (QSettings' INI format, as
// Packet::saveToDB writes it) and its JSON export (Packet::ExportJSON), both as its public source
// (github.com/dannagle/PacketSender, src/packet.cpp) lays them out; turned into saved messages.

#include "core/demo/workspace.h"
#include "core/text/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// One saved packet as Packet Sender keeps it. Value type.
struct PacketSenderPacket
{
    std::string name;
    std::string hexString; ///< "48 65 6C 6C 6F"; Packet Sender ignores what is not a hex digit
    std::string toIP;
    unsigned port = 0;
    std::string tcpOrUdp; ///< "TCP", "UDP", "SSL", "DTLS", "HTTP Get", ...
    std::string fromIP;
    std::string repeat; ///< seconds between resends, as written ("0")
    std::string sendResponse;
};

/// packets.ini: the [NAMES] array (size=N, 1\name=...) lists the packets; each packet's keys
/// (hexString, toIP, port, tcpOrUdp, ...) are in the group of its name, escaped as QSettings
/// escapes keys (%20, %U4E2D; a '/' in a name splits it into group and key). Values are read as
/// QSettings reads them: "quoted", with \n \t \" \\ \xHHHH and octal escapes, raw UTF-8
/// (Qt 6) or \x escapes for non-ASCII (Qt 5), and @ByteArray(...).
Result<std::vector<PacketSenderPacket>> parsePacketSenderIni(std::string_view text);

/// The JSON export: an array of objects with the keys name, hexstring, toip, port (a string),
/// tcporudp, fromip, repeat, sendresponse (and errorstring, fromport, requestpath, asciistring,
/// which are not needed).
Result<std::vector<PacketSenderPacket>> parsePacketSenderJson(std::string_view text);

/// Saved messages from packets: name, payload (text with escapes when it reads as text, hex
/// otherwise) and target (tcp://, udp:// or tls:// for SSL, HOST:PORT). A packet of another
/// protocol (DTLS, HTTP) or with no address keeps its payload and gets no target; a warning
/// says so. A name met twice gets " (2)", " (3)"...
struct PacketSenderImport
{
    std::vector<SavedMessage> messages;
    std::vector<std::string> warnings;
};
PacketSenderImport convertPacketSender(const std::vector<PacketSenderPacket> &packets);

/// Either format, told apart by its first character ('[' for JSON).
Result<PacketSenderImport> importPacketSender(std::string_view text);

} // namespace sb
