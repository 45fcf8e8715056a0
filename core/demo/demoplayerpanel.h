#pragma once
// DemoPlayer's private parts, shared by demoplayer.cpp and demoplayercheck.cpp only.

#include "core/demo/demoplayer.h"
#include "core/demo/rawsocket.h"
#include "core/net/endpoint.h"
#include "core/net/endpointstate.h"

#include <deque>
#include <map>
#include <set>

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
    /// An endpoint panel's one state: its addresses and connections (the raw kind has none).
    EndpointState state;
    std::map<uint32_t, Address> locals; ///< a raw panel's handle -> local address
    /// Raw handles whose multicast leaves by lo only (multicast-if): the ones that may send
    /// to a group.
    std::set<uint32_t> multicastOnLo;
    FaultPlan faults[2]; ///< a relay's faults as they are now
};

} // namespace sb
