#include "core/net/splicepipe.h"

#include <fcntl.h>
#include <unistd.h>

namespace sb {

bool openSplicePipe(int (&fds)[2], size_t bytes)
{
    if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0)
        return false;
    ::fcntl(fds[1], F_SETPIPE_SZ, int(bytes));
    return true;
}

void closeFds(std::span<int> fds)
{
    for (int &fd : fds) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

} // namespace sb
