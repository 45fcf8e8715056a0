#pragma once

// Connection's side of the StdioLink it holds (connectionstdio.cpp): loop thread only.
#include "core/net/connection.h"

#include <string>

namespace sb {

/// What a stdin or stdout is: it decides between splice, sendfile and a copy.
enum class FdKind : uint8_t { None, Pipe, Socket, Terminal, File, Other };

struct Connection::StdioEnds
{
    std::shared_ptr<StdioLink> link;
    int in = -1;
    int out = -1;
    FdKind inKind = FdKind::None;
    FdKind outKind = FdKind::None;
    bool spliceIn = false; ///< stdin to the socket without a copy (pipe: splice, file: sendfile)
    bool spliceOut = false; ///< the socket to stdout without a copy
    bool inOpen = true;
    bool inWatched = false;
    bool inPollable = true; ///< false: epoll refuses stdin (a file, /dev/null): always ready
    bool outWatched = false;
    bool pumping = false; ///< inside pumpStdin: a send() that drains at once must not recurse
    bool roomWanted = false; ///< stdin has bytes the socket has no room for yet
    bool paused = false; ///< the socket is not read until stdout takes what waits
    bool outFailed = false;
    std::string pending; ///< received, not yet taken by stdout (copy mode)
    size_t pendingOffset = 0;
    int pipe[2] = {-1, -1}; ///< socket → this pipe → stdout, when stdout is not a pipe
    uint64_t movedIn = 0; ///< moved by splice this wake-up, posted as one Data event
    uint64_t movedOut = 0;

    bool readPaused() const { return paused || outFailed; }
    bool wantsSocketRoom() const { return roomWanted; }
};

} // namespace sb
