#pragma once
// DemoPlayer's private parts, shared by demoplayer.cpp and demoplayercheck.cpp only.

#include "core/demoplayer.h"
#include "core/endpoint.h"
#include "core/rawsocket.h"

#include <deque>

namespace sb {

/// A call the player queued and waits to see finish, in the order the panel runs them.
struct DemoPlayer::PendingCall
{
    int step = 0;
    bool background = false;
    std::string op;
    std::vector<std::string> names;
};

struct DemoPlayer::Panel
{
    const DemoPanel *decl = nullptr;
    std::unique_ptr<RawSocket> raw;
    std::unique_ptr<Endpoint> endpoint;
    std::deque<PendingCall> pending;
    std::map<uint32_t, Address> locals; ///< handle (raw) or conn -> local address
};

} // namespace sb
