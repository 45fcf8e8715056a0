#include "core/endpoint.h"

#include "core/datagramendpoint.h"
#include "core/pairendpoint.h"
#include "core/streamclient.h"
#include "core/streamserver.h"

#include <atomic>

namespace sb {
namespace {

std::atomic<EndpointId> g_nextEndpoint {1};

} // namespace

Endpoint::Endpoint(EndpointConfig config)
    : m_config(std::move(config))
    , m_id(g_nextEndpoint.fetch_add(1))
{ }

std::unique_ptr<Endpoint> Endpoint::create(EndpointConfig config, EventSink &sink)
{
    // A datagram transport has no client or server: whatever the role said, it is a datagram
    // socket (or a pair).
    const bool connectionOriented = isConnectionOriented(config.spec.transport);
    switch (config.role) {
    case Role::Pair:
        return std::make_unique<PairEndpoint>(std::move(config), sink);
    case Role::Client:
        if (connectionOriented)
            return std::make_unique<StreamClient>(std::move(config), sink);
        if (!config.remote) {
            // A datagram "client" talks to the peer its spec names, connected like nc -u:
            // the kernel picks the local address at connect (UNIX: autobind).
            config.remote = config.spec;
            config.bindDatagram = false;
            config.connectDatagram = true;
        }
        return std::make_unique<DatagramEndpoint>(std::move(config), sink);
    case Role::Server:
        if (connectionOriented)
            return std::make_unique<StreamServer>(std::move(config), sink);
        return std::make_unique<DatagramEndpoint>(std::move(config), sink);
    case Role::Datagram:
        return std::make_unique<DatagramEndpoint>(std::move(config), sink);
    }
    return nullptr;
}

} // namespace sb
