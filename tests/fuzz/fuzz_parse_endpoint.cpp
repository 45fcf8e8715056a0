// parseEndpoint never crashes, and what it accepts survives a round trip through its
// canonical form and, for numeric hosts and UNIX paths, through resolveEndpoint.
#include "core/text/endpointspec.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace sb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto spec = parseEndpoint(text);
    if (!spec.ok()) {
        if (spec.error().empty())
            std::abort(); // a refusal must say why
        return 0;
    }
    const auto again = parseEndpoint(spec->toString());
    if (!again.ok() || again->transport != spec->transport || again->host != spec->host
        || again->port != spec->port)
        std::abort();
    // Names would go to the resolver (and maybe the network): only literals and paths here.
    if (!spec->isUnix() && !spec->host.empty() && !Address::ip(spec->host, 0).valid())
        return 0;
    const auto addrs = resolveEndpoint(*spec, FamilyPref::Any, true);
    if (!addrs.ok() || addrs->empty())
        std::abort();
    const Address &a = addrs->front();
    if (spec->isUnix() ? a.host() != spec->host : a.port() != spec->port)
        std::abort();
    (void)a.toString();
    (void)a.toStrace();
    return 0;
}
