// DatagramEndpoint's multicast and broadcast: the options and joins of config.multicast after
// bind, and the joins and leaves asked for later. Each is one traced setsockopt.
#include "core/net/datagramendpoint.h"
#include "core/net/multicast.h"

namespace sb {

void DatagramEndpoint::setUpMulticast(int family)
{
    const MulticastSettings &settings = m_config.multicast;
    for (const MulticastFailure &f : applyMulticastOptions(sysContext(0), m_fd, family, settings))
        postError(0, f.op, f.err, f.detail);
    for (const GroupSpec &group : settings.joins)
        changeGroupInLoop(group, true);
}

void DatagramEndpoint::changeGroupInLoop(const GroupSpec &group, bool join)
{
    const MulticastFailure result = changeMembership(sysContext(0), m_fd, group, join);
    if (result.err != 0)
        return postError(0, result.op, result.err, result.detail);
    post(Event(0, ev::OptionValue {.name = result.option, .value = group.toString()}));
}

void DatagramEndpoint::changeGroup(GroupSpec group, bool join)
{
    m_loop.runInLoop([this, group = std::move(group), join] {
        if (m_fd < 0)
            return postError(0, join ? "join" : "leave", EBADF,
                             group.toString() + ": the socket is not open");
        changeGroupInLoop(group, join);
    });
}

} // namespace sb
