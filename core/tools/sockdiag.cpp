#include "core/tools/sockdiag.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace sb {
namespace {

// One dump request per family; replies are inet_diag_msg records until NLMSG_DONE.
bool dumpListeners(int fd, int family, std::map<uint64_t, uint32_t> *out, std::string *error)
{
    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } req {};
    req.header.nlmsg_len = sizeof req;
    req.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.request.sdiag_family = static_cast<uint8_t>(family);
    req.request.sdiag_protocol = IPPROTO_TCP;
    req.request.idiag_states = 1u << TCP_LISTEN;
    sockaddr_nl kernel {};
    kernel.nl_family = AF_NETLINK;
    ssize_t n;
    do
        n = ::sendto(fd, &req, sizeof req, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        *error = std::string("sock_diag sendto: ") + strerrorname_np(errno);
        return false;
    }
    std::vector<char> buf(32768);
    for (;;) {
        do
            n = ::recv(fd, buf.data(), buf.size(), 0);
        while (n < 0 && errno == EINTR);
        if (n < 0) {
            *error = std::string("sock_diag recv: ") + strerrorname_np(errno);
            return false;
        }
        if (n == 0)
            return true;
        int len = static_cast<int>(n);
        for (auto *h = reinterpret_cast<nlmsghdr *>(buf.data()); NLMSG_OK(h, len);
             h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_type == NLMSG_DONE)
                return true;
            if (h->nlmsg_type == NLMSG_ERROR) {
                const auto *e = static_cast<const nlmsgerr *>(NLMSG_DATA(h));
                *error = std::string("sock_diag: ") + strerrorname_np(-e->error);
                return false;
            }
            const auto *m = static_cast<const inet_diag_msg *>(NLMSG_DATA(h));
            // For a listener the kernel reports sk_max_ack_backlog as the write queue.
            (*out)[m->idiag_inode] = m->idiag_wqueue;
        }
    }
}

} // namespace

bool listenBacklogs(std::map<uint64_t, uint32_t> *backlogs, std::string *error)
{
    const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) {
        *error = std::string("sock_diag socket: ") + strerrorname_np(errno);
        return false;
    }
    // The kernel answers at once; a bound keeps a lost reply from hanging the reader.
    const timeval tv {2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const bool ok = dumpListeners(fd, AF_INET, backlogs, error)
            && dumpListeners(fd, AF_INET6, backlogs, error);
    ::close(fd);
    return ok;
}

} // namespace sb
