#include "core/demo/workspacepanels.h"

#include <cctype>

namespace sb {

DemoPanel panelOfConfig(const EndpointConfig &config, const std::string &name)
{
    DemoPanel p;
    p.name = name;
    p.kind = DemoPanel::Kind::Endpoint;
    p.role = config.role;
    p.spec = config.spec.toString();
    p.model = config.model;
    p.backlog = config.backlog;
    p.responder = config.responder;
    if (config.responder.kind == ResponderSpec::Kind::Rules)
        p.rules = config.responder.rulesText;
    p.options = config.options;
    p.timeoutMs = config.connectTimeoutMs;
    p.keepOpen = !config.closeOnPeerEof;
    if (config.role == Role::Relay && config.relayTarget) {
        p.target = config.relayTarget->toString();
        p.faults[0] = config.relayFaults[0];
        p.faults[1] = config.relayFaults[1];
    }
    p.insecure = config.tls.insecure;
    p.caFile = config.tls.caFile;
    p.selfSigned = !config.tls.selfSignedDir.empty();
    return p;
}

Result<EndpointConfig> configOfPanel(const DemoPanel &panel)
{
    if (panel.kind == DemoPanel::Kind::Raw)
        return InputError {"panel '" + panel.name
                           + "' is a raw socket of a demo: the window opens endpoints only"};
    auto spec = parseEndpoint(panel.spec);
    if (!spec)
        return InputError {"panel '" + panel.name + "': " + spec.error()};
    EndpointConfig c;
    c.role = panel.role;
    c.spec = *spec;
    c.model = panel.model;
    c.backlog = panel.backlog;
    c.responder = panel.responder;
    c.options = panel.options;
    c.connectTimeoutMs = panel.timeoutMs;
    c.closeOnPeerEof = !panel.keepOpen;
    if (panel.role == Role::Relay) {
        auto target = parseEndpoint(panel.target);
        if (!target)
            return InputError {"panel '" + panel.name + "': target: " + target.error()};
        c.relayTarget = *target;
        c.relayFaults[0] = panel.faults[0];
        c.relayFaults[1] = panel.faults[1];
    }
    c.tls.insecure = panel.insecure;
    c.tls.caFile = panel.caFile;
    return c;
}

std::string panelNameOf(const std::string &label)
{
    std::string name;
    for (char ch : label) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c))
            name += static_cast<char>(std::tolower(c));
        else if ((ch == '-' || ch == '_' || ch == ' ') && !name.empty() && name.back() != '-')
            name += ch == '_' ? '_' : '-';
    }
    while (!name.empty() && (name.back() == '-' || name.back() == '_'))
        name.pop_back();
    // "Panel 3" reads better as panel3 than panel-3: a space before a digit is dropped.
    std::string compact;
    for (size_t i = 0; i < name.size(); ++i)
        if (!(name[i] == '-' && i + 1 < name.size()
              && std::isdigit(static_cast<unsigned char>(name[i + 1]))))
            compact += name[i];
    if (compact.empty() || !std::islower(static_cast<unsigned char>(compact[0])))
        compact = "panel" + compact;
    return compact.substr(0, 32);
}

} // namespace sb
