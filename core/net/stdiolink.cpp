#include "core/net/stdiolink.h"

#include <fcntl.h>
#include <sys/stat.h>

namespace sb {
namespace {

/// Makes a pipe or socket non-blocking; returns its old flags, or -1 when left as it was
/// (a terminal, a file, /dev/null: epoll does not watch files, and a terminal's reads after
/// EPOLLIN do not block).
int makeNonBlocking(int fd)
{
    struct stat st
    {
    };
    if (fd < 0 || ::fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        return -1;
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_NONBLOCK))
        return -1;
    return ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 ? flags : -1;
}

} // namespace

StdioLink::StdioLink(Fds fds)
    : m_fds(fds)
{
    m_inFlags = makeNonBlocking(m_fds.in);
    if (m_fds.out != m_fds.in)
        m_outFlags = makeNonBlocking(m_fds.out);
}

StdioLink::~StdioLink()
{
    if (m_inFlags >= 0)
        ::fcntl(m_fds.in, F_SETFL, m_inFlags);
    if (m_outFlags >= 0)
        ::fcntl(m_fds.out, F_SETFL, m_outFlags);
}

bool StdioLink::tryTake()
{
    bool expected = false;
    return m_taken.compare_exchange_strong(expected, true, std::memory_order_acq_rel);
}

void StdioLink::release() { m_taken.store(false, std::memory_order_release); }

void StdioLink::markInputDone(int64_t atNs)
{
    m_inputDoneAtNs.store(atNs, std::memory_order_release);
    m_inputDone.store(true, std::memory_order_release);
}

void StdioLink::markOutputFailed(int err)
{
    int expected = 0;
    m_outputError.compare_exchange_strong(expected, err, std::memory_order_acq_rel);
}

} // namespace sb
