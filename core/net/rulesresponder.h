#pragma once

#include "core/net/responder.h"
#include "core/text/rules.h"

#include <atomic>
#include <memory>

namespace sb {

/// Answers by reply rules (docs/rules.md): frames what a connection receives into messages,
/// finds the first rule that matches each and runs its actions (reply, wait, shutdown, close,
/// abort) in order, a wait holding back the actions and messages behind it. Posts RuleMatched
/// for each match. Per-connection state (framer, {{counter}}, actions waiting) lives in the
/// connection's ResponderState on its loop; {{server_counter}} is the one shared, atomic
/// count. Thread-safe to share between the loops of a server.
class RulesResponder : public Responder
{
public:
    explicit RulesResponder(std::shared_ptr<const RuleSet> rules);

    void opened(Connection &c) override;
    void received(Connection &c, const Bytes &data) override;
    void datagram(DatagramPort &port, const Bytes &data, const Address &from) override;

private:
    std::shared_ptr<const RuleSet> m_rules;
    std::atomic<uint64_t> m_serverCounter {0};
};

} // namespace sb
