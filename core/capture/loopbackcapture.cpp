#include "core/capture/loopbackcapture.h"

#include "core/capture/capturefilter.h"
#include "core/capture/labnamespace.h"
#include "core/capture/packetdecoder.h"
#include "core/text/clock.h"
#include "core/text/errnoinfo.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {
namespace {

/// The capture's fds go above the low numbers, so that the sockets of the run keep the numbers
/// they have without a capture (the course's "socket() = 3"), and --trace reads the same.
int moveHigh(int fd)
{
    const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 100);
    if (high < 0)
        return fd;
    ::close(fd);
    return high;
}

} // namespace

LoopbackCapture::LoopbackCapture(EventSink &sink)
    : m_sink(sink)
{ }

LoopbackCapture::~LoopbackCapture() { stop(); }

int LoopbackCapture::start(const Options &options)
{
    if (m_fd >= 0)
        return EALREADY;
    m_options = options;
    const unsigned ifindex = if_nametoindex("lo");
    if (ifindex == 0)
        return errno ? errno : ENODEV;
    int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL));
    if (fd < 0)
        return errno;
    fd = moveHigh(fd);
    m_fd = fd;
    const auto fail = [this](int err) {
        ::close(m_fd);
        m_fd = -1;
        return err;
    };
    // The filter goes on before the bind, so no packet of another port slips in between.
    if (const int err = attachFilter(options.ports))
        return fail(err);
    // A buffer beyond rmem_max needs SO_RCVBUFFORCE (CAP_NET_ADMIN, which root and the lab
    // have); without it the kernel's cap is what we get.
    const int size = options.bufferBytes;
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    const int on = 1;
    // The kernel's receive time of each packet, and its length before the snap.
    ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
    ::setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &on, sizeof on);
    sockaddr_ll ll = {};
    ll.sll_family = AF_PACKET;
    ll.sll_protocol = htons(ETH_P_ALL);
    ll.sll_ifindex = static_cast<int>(ifindex);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&ll), sizeof ll) < 0)
        return fail(errno);
    m_wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_wake < 0)
        return fail(errno);
    m_wake = moveHigh(m_wake);
    // Packets that arrived between socket() and the filter (any port) are thrown away.
    char scrap[64];
    while (::recv(fd, scrap, sizeof scrap, MSG_DONTWAIT | MSG_TRUNC) >= 0) { }
    m_buffer.resize(options.snapLength + 64);
    m_thread = std::thread([this] { run(); });
    return 0;
}

int LoopbackCapture::attachFilter(const std::vector<uint16_t> &ports)
{
    std::vector<sock_filter> code = loopbackFilter(ports, m_options.snapLength);
    sock_fprog program {static_cast<unsigned short>(code.size()), code.data()};
    std::lock_guard lock(m_filterMutex);
    if (::setsockopt(m_fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program) < 0)
        return errno;
    return 0;
}

void LoopbackCapture::setPorts(const std::vector<uint16_t> &ports)
{
    if (m_fd >= 0)
        attachFilter(ports);
}

void LoopbackCapture::stop()
{
    if (m_fd < 0)
        return;
    const uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(m_wake, &one, sizeof one);
    if (m_thread.joinable())
        m_thread.join();
    kernelDrops();
    ::close(m_wake);
    ::close(m_fd);
    m_wake = -1;
    m_fd = -1;
}

uint64_t LoopbackCapture::kernelDrops()
{
    if (m_fd >= 0) {
        // Reading the statistics resets them in the kernel: add up.
        tpacket_stats stats {};
        socklen_t len = sizeof stats;
        if (::getsockopt(m_fd, SOL_PACKET, PACKET_STATISTICS, &stats, &len) == 0)
            m_drops += stats.tp_drops;
    }
    return m_drops;
}

void LoopbackCapture::run()
{
    pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_wake, POLLIN, 0}};
    for (;;) {
        const int r = ::poll(fds, 2, -1);
        if (r < 0 && errno != EINTR)
            break;
        if (!readReady())
            break;
        if (fds[1].revents & POLLIN) {
            // stop(): what the sockets of the run sent before it is in our buffer by now (lo
            // delivers inside the sender's call); read it, then end.
            readReady();
            break;
        }
    }
}

bool LoopbackCapture::caughtUp() const
{
    if (m_fd < 0 || m_reading.load())
        return m_fd < 0;
    int pending = 0;
    // On a packet socket, the length of the next queued packet; 0 when none waits.
    return ::ioctl(m_fd, FIONREAD, &pending) < 0 || pending == 0;
}

bool LoopbackCapture::readReady()
{
    m_reading = true;
    struct Done
    {
        std::atomic<bool> &flag;
        ~Done() { flag = false; }
    } done {m_reading};
    int64_t offset = 0;
    bool offsetRead = false;
    for (;;) {
        iovec iov {m_buffer.data(), m_buffer.size()};
        alignas(cmsghdr) char control[256];
        sockaddr_ll from {};
        msghdr msg {};
        msg.msg_name = &from;
        msg.msg_namelen = sizeof from;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(m_fd, &msg, MSG_DONTWAIT);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR;
        // A filter replaced by setPorts may have let one packet of the old set in; and the
        // outgoing copy never reaches us (the filter drops it), but be sure.
        if (from.sll_pkttype == PACKET_OUTGOING)
            continue;
        const size_t kept = std::min<size_t>(size_t(n), m_buffer.size());
        // The kernel stamps the packet as lo hands it on (netif_rx), inside the sender's call,
        // on CLOCK_REALTIME; the trace's clock is CLOCK_MONOTONIC: convert by their difference
        // now (the two only differ by a step of the wall clock).
        int64_t stampNs = 0;
        uint32_t wireLength = static_cast<uint32_t>(kept);
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                timespec ts;
                std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
                stampNs = int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
            } else if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA) {
                tpacket_auxdata aux;
                std::memcpy(&aux, CMSG_DATA(c), sizeof aux);
                wireLength = aux.tp_len;
            }
        }
        // Once per burst: read per packet, a preemption between the two clocks would move
        // that packet by as long as it lasted (and out of order with its neighbours).
        if (stampNs && !offsetRead) {
            offset = realtimeMinusMonotonicNs();
            offsetRead = true;
        }
        const int64_t monoNs = stampNs ? stampNs - offset : monotonicNs();

        const std::string_view frame(m_buffer.data(), kept);
        auto packet = std::make_shared<Packet>(decodeFrame(frame));
        packet->monoNs = monoNs;
        packet->number = m_captured.fetch_add(1) + 1;
        packet->wireLength = wireLength;
        packet->raw = makeBytes(frame);
        m_sequences.number(*packet);
        Event event(0, ev::Packet {std::move(packet), nullptr});
        event.monoNs = monoNs;
        m_sink.post(std::move(event));
    }
}

std::string captureRefusal(int err)
{
    if (err == EPERM || err == EACCES)
        return "capturing packets needs CAP_NET_RAW: run as root, or in SockBench's own "
               "network namespace with --lab"
                + std::string(labAvailable() ? "" : " (" + labRefusal() + ")");
    return std::string("capture on lo failed: ") + errnoName(err) + " (" + std::strerror(err) + ")";
}

} // namespace sb
