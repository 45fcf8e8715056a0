#pragma once
// A workspace's panels and the workbench's endpoints: what File → Save writes for each panel
// of the window, and what File → Open opens from each panel: line (docs/workspace.md).

#include "core/demo/demoscript.h"
#include "core/net/endpoint.h"
#include "core/text/result.h"

#include <string>

namespace sb {

/// The panel: line of an endpoint's configuration, named name (a valid panel name). What the
/// language cannot say (a datagram's default destination, a client's local bind, TLS files
/// other than the CA) is left out; see workspaceExtras.
DemoPanel panelOfConfig(const EndpointConfig &config, const std::string &name);

/// The configuration a workspace panel opens with; an error when its endpoint or target does
/// not parse. Raw panels (a demo's syscall consoles) have none: an error says so.
Result<EndpointConfig> configOfPanel(const DemoPanel &panel);

/// A valid panel name made of label ("Panel 3" -> "panel3", "My server!" -> "my-server"),
/// "panel" when nothing of it is usable.
std::string panelNameOf(const std::string &label);

} // namespace sb
