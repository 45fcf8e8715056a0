#pragma once

#include "core/text/packet.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace sb {

/// Writes captured packets to a pcapng file (draft-ietf-opsawg-pcapng): one section header,
/// one interface (lo: Ethernet link type, nanosecond timestamps), and an enhanced packet block
/// per packet with an opt_comment, which Wireshark shows as the packet's comment and tshark
/// as frame.comment. One thread at a time.
class PcapngWriter
{
public:
    PcapngWriter() = default;
    ~PcapngWriter();
    PcapngWriter(const PcapngWriter &) = delete;
    PcapngWriter &operator=(const PcapngWriter &) = delete;

    /// Creates path and writes the headers. An existing file is kept (EEXIST) unless
    /// overwrite: a file a person owns is never replaced without being asked. 0 or the errno.
    int open(const std::string &path, bool overwrite);
    /// One packet with its comment (none when empty). 0 or the errno of the write.
    int write(const Packet &packet, const std::string &comment);
    /// Flushes and closes; 0 or the errno of the last write.
    int close();
    uint64_t written() const { return m_written; }

private:
    void block(uint32_t type, const std::string &body);

    std::FILE *m_file = nullptr;
    int64_t m_wallOffsetNs = 0; ///< CLOCK_REALTIME minus CLOCK_MONOTONIC at open
    uint64_t m_written = 0;
    int m_err = 0;
};

} // namespace sb
