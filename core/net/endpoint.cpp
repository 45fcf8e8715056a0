#include "core/net/endpoint.h"

#include "core/net/datagramendpoint.h"
#include "core/net/datagramrelay.h"
#include "core/net/pairendpoint.h"
#include "core/net/relay.h"
#include "core/net/streamclient.h"
#include "core/net/streamserver.h"

#include <atomic>

namespace sb {
namespace {

std::atomic<EndpointId> g_nextEndpoint {1};

} // namespace

Endpoint::Endpoint(EndpointConfig config)
    : m_config(std::move(config))
    , m_id(g_nextEndpoint.fetch_add(1))
{ }

std::unique_ptr<Endpoint> Endpoint::create(EndpointConfig config, EventSink &sink,
                                           Registry &registry)
{
    // A datagram transport has no client or server: whatever the role said, it is a datagram
    // socket (or a pair).
    const bool connectionOriented = isConnectionOriented(config.spec.transport);
    switch (config.role) {
    case Role::Pair:
        return std::make_unique<PairEndpoint>(std::move(config), sink, registry);
    case Role::Client:
        if (connectionOriented)
            return std::make_unique<StreamClient>(std::move(config), sink, registry);
        if (!config.remote) {
            // A datagram "client" talks to the peer its spec names, connected like nc -u:
            // the kernel picks the local address at connect (UNIX: autobind).
            config.remote = config.spec;
            config.bindDatagram = false;
            config.connectDatagram = true;
        }
        return std::make_unique<DatagramEndpoint>(std::move(config), sink, registry);
    case Role::Server:
        if (connectionOriented)
            return std::make_unique<StreamServer>(std::move(config), sink, registry);
        return std::make_unique<DatagramEndpoint>(std::move(config), sink, registry);
    case Role::Datagram:
        return std::make_unique<DatagramEndpoint>(std::move(config), sink, registry);
    case Role::Relay:
        if (config.spec.transport == Transport::Udp)
            return std::make_unique<DatagramRelay>(std::move(config), sink, registry);
        return std::make_unique<Relay>(std::move(config), sink, registry);
    }
    return nullptr;
}

} // namespace sb
