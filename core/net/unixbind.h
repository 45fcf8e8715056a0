#pragma once

#include "core/net/sys.h"
#include "core/text/address.h"

#include <string>

#include <sys/types.h>

namespace sb {

/// The socket file a bind created at a UNIX path, so that closing removes that file and no
/// other: a person may have put something else at the path while the socket was open.
/// A value; empty (no path) for IP, abstract and unnamed addresses.
struct UnixSocketFile
{
    std::string path;
    dev_t dev = 0;
    ino_t ino = 0;

    bool empty() const { return path.empty(); }
};

/// What bindReplacingStale did.
struct UnixBindResult
{
    int err = 0; ///< 0, or the errno of the failed bind (EADDRINUSE when the path is taken)
    /// Why a taken path was not replaced, in words ("a regular file is at /tmp/x"); "" else.
    std::string reason;
    bool replaced = false; ///< a stale socket file was removed before binding
    UnixSocketFile file; ///< the socket file made (empty unless bound to a filesystem path)
};

/// bind(fd, address) for every SockBench socket (endpoints, the GUI's panels, demo consoles).
/// When a UNIX path is taken, only a socket file that nobody listens on (a connect of
/// sockType, the type of fd, is refused: its server died) is unlinked and bound again.
/// Anything else at the path (a regular file, a directory, a FIFO, a device, a symbolic link,
/// a live socket) is left alone and the result is EADDRINUSE with the reason. The probe
/// connect and the unlink are traced through ctx, as the bind is.
UnixBindResult bindReplacingStale(SysContext ctx, int fd, const Address &address, int sockType);

/// Unlinks file.path if it is still the socket file that bind made (same device and inode);
/// a file someone has put there since is kept. Does nothing for an empty file.
void unlinkSocketFile(SysContext ctx, const UnixSocketFile &file);

} // namespace sb
