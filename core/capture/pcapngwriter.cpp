#include "core/capture/pcapngwriter.h"

#include "core/text/clock.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <unistd.h>

namespace sb {
namespace {

constexpr uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr uint32_t kInterfaceDescription = 1;
constexpr uint32_t kEnhancedPacket = 6;
constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr uint16_t kLinkTypeEthernet = 1; // what lo is (ARPHRD_LOOPBACK shows an Ethernet header)
constexpr uint16_t kOptEnd = 0;
constexpr uint16_t kOptComment = 1;
constexpr uint16_t kShbUserAppl = 4;
constexpr uint16_t kIfName = 2;
constexpr uint16_t kIfTsresol = 9;

// pcapng is written in the host's byte order, which the section header's magic tells.
void put16(std::string &s, uint16_t v) { s.append(reinterpret_cast<const char *>(&v), 2); }
void put32(std::string &s, uint32_t v) { s.append(reinterpret_cast<const char *>(&v), 4); }
void pad4(std::string &s) { s.append((4 - s.size() % 4) % 4, '\0'); }

void option(std::string &s, uint16_t code, std::string_view value)
{
    put16(s, code);
    put16(s, static_cast<uint16_t>(value.size()));
    s.append(value);
    pad4(s);
}

} // namespace

PcapngWriter::~PcapngWriter() { close(); }

int PcapngWriter::open(const std::string &path, bool overwrite)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL),
                    0644);
    if (fd < 0)
        return errno;
    // Above the low numbers, so the run's sockets keep the fds they have without -w.
    if (const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 100); high >= 0) {
        ::close(fd);
        fd = high;
    }
    m_file = ::fdopen(fd, "wb");
    if (!m_file) {
        const int err = errno;
        ::close(fd);
        return err;
    }
    m_wallOffsetNs = realtimeMinusMonotonicNs();
    std::string shb;
    put32(shb, kByteOrderMagic);
    put16(shb, 1); // major version
    put16(shb, 0); // minor version
    put32(shb, 0xffffffff); // section length: not given (-1, 64 bits)
    put32(shb, 0xffffffff);
    option(shb, kShbUserAppl, "SockBench " SB_VERSION);
    put16(shb, kOptEnd);
    put16(shb, 0);
    block(kSectionHeader, shb);

    std::string idb;
    put16(idb, kLinkTypeEthernet);
    put16(idb, 0); // reserved
    put32(idb, 262144); // snap length
    option(idb, kIfName, "lo");
    option(idb, kIfTsresol, std::string(1, char(9))); // 10^-9 s: nanoseconds
    put16(idb, kOptEnd);
    put16(idb, 0);
    block(kInterfaceDescription, idb);
    return m_err;
}

int PcapngWriter::write(const Packet &packet, const std::string &comment)
{
    if (!m_file)
        return EBADF;
    const std::string_view data = view(packet.raw);
    const uint64_t ns = static_cast<uint64_t>(packet.monoNs + m_wallOffsetNs);
    std::string epb;
    put32(epb, 0); // interface 0: lo
    put32(epb, static_cast<uint32_t>(ns >> 32));
    put32(epb, static_cast<uint32_t>(ns));
    put32(epb, static_cast<uint32_t>(data.size()));
    put32(epb, std::max<uint32_t>(packet.wireLength, static_cast<uint32_t>(data.size())));
    epb.append(data);
    pad4(epb);
    if (!comment.empty()) {
        option(epb, kOptComment, comment.substr(0, 65000));
        put16(epb, kOptEnd);
        put16(epb, 0);
    }
    block(kEnhancedPacket, epb);
    if (!m_err)
        ++m_written;
    return m_err;
}

void PcapngWriter::block(uint32_t type, const std::string &body)
{
    std::string b;
    const uint32_t total = static_cast<uint32_t>(body.size() + 12);
    put32(b, type);
    put32(b, total);
    b.append(body);
    put32(b, total);
    if (std::fwrite(b.data(), 1, b.size(), m_file) != b.size() && !m_err)
        m_err = errno ? errno : EIO;
}

int PcapngWriter::close()
{
    if (!m_file)
        return m_err;
    if (std::fclose(m_file) != 0 && !m_err)
        m_err = errno;
    m_file = nullptr;
    return m_err;
}

} // namespace sb
