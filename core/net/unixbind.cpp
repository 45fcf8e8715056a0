#include "core/net/unixbind.h"

#include <cerrno>

#include <sys/stat.h>

namespace sb {

namespace {

bool isPathAddress(const Address &address)
{
    if (!address.isUnix())
        return false;
    const std::string host = address.host();
    return !host.empty() && host[0] != '@';
}

/// "a regular file", "a directory", ... for what lstat found; the words of the refusal.
const char *fileKind(mode_t mode)
{
    if (S_ISREG(mode))
        return "a regular file";
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISLNK(mode))
        return "a symbolic link";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device file";
    if (S_ISSOCK(mode))
        return "a socket file";
    return "a file";
}

UnixSocketFile socketFileAt(const std::string &path)
{
    UnixSocketFile file;
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) {
        file.path = path;
        file.dev = st.st_dev;
        file.ino = st.st_ino;
    }
    return file;
}

/// True when a connect to path of sockType is refused: a socket file whose server is gone.
/// Non-blocking, so a live server with a full backlog answers EAGAIN instead of hanging us.
bool nobodyListens(SysContext ctx, const Address &address, int sockType)
{
    const int probe = sys::socket(ctx, AF_UNIX, sockType | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (probe < 0)
        return false;
    const bool refused = sys::connect(ctx, probe, address) < 0 && errno == ECONNREFUSED;
    sys::close(ctx, probe);
    return refused;
}

} // namespace

UnixBindResult bindReplacingStale(SysContext ctx, int fd, const Address &address, int sockType)
{
    UnixBindResult result;
    if (sys::bind(ctx, fd, address) == 0) {
        if (isPathAddress(address))
            result.file = socketFileAt(address.host());
        return result;
    }
    result.err = errno;
    if (result.err != EADDRINUSE || !isPathAddress(address))
        return result;

    // connect() to a path that is not a socket also says ECONNREFUSED, so the file's type
    // decides first: a person's file must never be taken for a dead server's leftover.
    const std::string path = address.host();
    struct stat before;
    if (::lstat(path.c_str(), &before) != 0) {
        result.reason = "the path " + path + " is taken";
        return result;
    }
    if (!S_ISSOCK(before.st_mode)) {
        result.reason = std::string(fileKind(before.st_mode)) + " is at " + path;
        return result;
    }
    if (!nobodyListens(ctx, address, sockType)) {
        result.reason = "a server listens on " + path;
        return result;
    }
    // The same inode still there after the probe: nobody swapped the file in between.
    struct stat after;
    if (::lstat(path.c_str(), &after) != 0 || after.st_dev != before.st_dev
        || after.st_ino != before.st_ino) {
        result.reason = "the file at " + path + " changed while it was checked";
        return result;
    }
    if (sys::unlink(ctx, path) != 0 || sys::bind(ctx, fd, address) != 0) {
        result.err = errno;
        result.reason = "the stale socket file at " + path + " could not be replaced";
        return result;
    }
    result.err = 0;
    result.replaced = true;
    result.file = socketFileAt(path);
    return result;
}

void unlinkSocketFile(SysContext ctx, const UnixSocketFile &file)
{
    if (file.empty())
        return;
    const UnixSocketFile now = socketFileAt(file.path);
    if (now.empty() || now.dev != file.dev || now.ino != file.ino)
        return;
    sys::unlink(ctx, file.path);
}

} // namespace sb
