#include "core/net/event.h"

#include "core/text/faulttext.h"

namespace sb {

const char *eventKindName(const Event &event)
{
    return std::visit(Overloaded {
                              [](const ev::Trace &) { return "Trace"; },
                              [](const ev::Listening &) { return "Listening"; },
                              [](const ev::Connecting &) { return "Connecting"; },
                              [](const ev::Opened &) { return "Opened"; },
                              [](const ev::Data &) { return "Data"; },
                              [](const ev::Shutdown &) { return "Shutdown"; },
                              [](const ev::PeerEof &) { return "PeerEof"; },
                              [](const ev::Closed &) { return "Closed"; },
                              [](const ev::Error &) { return "Error"; },
                              [](const ev::Stopped &) { return "Stopped"; },
                              [](const ev::Dropped &) { return "Dropped"; },
                              [](const ev::SendQueue &) { return "SendQueue"; },
                              [](const ev::OptionValue &) { return "OptionValue"; },
                              [](const ev::CallDone &) { return "CallDone"; },
                              [](const ev::RuleMatched &) { return "RuleMatched"; },
                              [](const ev::Fault &) { return "Fault"; },
                              [](const ev::TlsEstablished &) { return "TlsEstablished"; },
                              [](const ev::Packet &) { return "Packet"; },
                      },
                      event.body);
}

} // namespace sb

namespace sb {

int addressFamily(const Event &event)
{
    const auto familyOf = [](const Address &a) { return a.valid() ? a.family() : 0; };
    return std::visit(Overloaded {
                              [](const ev::Error &e) { return e.family; },
                              [&](const ev::Listening &e) { return familyOf(e.local); },
                              [&](const ev::Connecting &e) { return familyOf(e.peer); },
                              [&](const ev::Opened &e) {
                                  return e.local.valid() ? e.local.family() : familyOf(e.peer);
                              },
                              [&](const ev::Closed &e) {
                                  return e.local.valid() ? e.local.family() : familyOf(e.peer);
                              },
                              [&](const ev::Data &e) { return familyOf(e.peer); },
                              [&](const ev::CallDone &e) {
                                  return e.local.valid() ? e.local.family() : familyOf(e.peer);
                              },
                              [](const ev::Trace &) { return 0; },
                              [](const ev::Shutdown &) { return 0; },
                              [](const ev::PeerEof &) { return 0; },
                              [](const ev::Stopped &) { return 0; },
                              [](const ev::Dropped &) { return 0; },
                              [](const ev::SendQueue &) { return 0; },
                              [](const ev::OptionValue &) { return 0; },
                              [&](const ev::RuleMatched &e) { return familyOf(e.peer); },
                              [&](const ev::Fault &e) { return familyOf(e.peer); },
                              [](const ev::TlsEstablished &) { return 0; },
                              [](const ev::Packet &e) {
                                  return e.packet->src.valid() ? e.packet->src.family() : 0;
                              },
                      },
                      event.body);
}

} // namespace sb

namespace sb {

ev::OptionValue faultsApplied(RelayDir dir, const FaultPlan &plan)
{
    return ev::OptionValue {.name = dir == RelayDir::Up ? "relay up" : "relay down",
                            .value = describePlan(plan)};
}

} // namespace sb
