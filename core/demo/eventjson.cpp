#include "core/demo/eventjson.h"

#include "core/text/errnoinfo.h"
#include "core/text/jsontext.h"
#include "core/text/payload.h"

namespace sb {
namespace {

std::string errnoJson(int err)
{
    const char *name = errnoName(err);
    return name ? jsonString(name) : std::to_string(err);
}

std::string addressJson(const char *key, const Address &address)
{
    if (!address.valid())
        return {};
    return std::string(",\"") + key + "\":" + jsonString(address.toString());
}

} // namespace

std::string eventJson(int step, std::string_view panel, const Event &e)
{
    std::string fields;
    std::visit(Overloaded {
                       [&](const ev::Trace &t) {
                           if (!t.record)
                               return;
                           fields = "\"event\":\"call\",\"call\":"
                                   + jsonString(sysCallName(t.record->call))
                                   + ",\"ok\":" + (t.record->result < 0 ? "false" : "true");
                           if (t.record->result < 0)
                               fields += ",\"errno\":" + errnoJson(t.record->err);
                       },
                       [&](const ev::Listening &l) {
                           fields = "\"event\":\"listening\"" + addressJson("local", l.local);
                       },
                       [&](const ev::Connecting &c) {
                           fields = "\"event\":\"connecting\"" + addressJson("peer", c.peer);
                       },
                       [&](const ev::Opened &o) {
                           fields = "\"event\":\"opened\"" + addressJson("local", o.local)
                                   + addressJson("peer", o.peer);
                       },
                       [&](const ev::Data &d) {
                           fields = std::string("\"event\":\"data\",\"dir\":")
                                   + (d.dir == Direction::In ? "\"in\"" : "\"out\"")
                                   + ",\"len\":" + std::to_string(d.length) + ",\"hex\":\""
                                   + hexString(view(d.bytes)) + "\"" + addressJson("peer", d.peer);
                       },
                       [&](const ev::Shutdown &s) {
                           fields = "\"event\":\"shutdown\",\"how\":" + std::to_string(s.how);
                       },
                       [&](const ev::PeerEof &) { fields = "\"event\":\"eof\""; },
                       [&](const ev::Closed &c) {
                           fields = "\"event\":\"closed\",\"reason\":" + jsonString(c.reason);
                           if (c.err)
                               fields += ",\"errno\":" + errnoJson(c.err);
                       },
                       [&](const ev::Error &err) {
                           fields = "\"event\":\"error\",\"op\":" + jsonString(err.op)
                                   + ",\"errno\":" + errnoJson(err.err);
                       },
                       [&](const ev::OptionValue &o) {
                           if (o.name == "note") // the player's own progress notes
                               return;
                           fields = "\"event\":\"option\",\"name\":" + jsonString(o.name)
                                   + ",\"value\":" + jsonString(o.value);
                       },
                       [&](const ev::RuleMatched &r) {
                           fields = "\"event\":\"matched\",\"rule\":" + std::to_string(r.rule);
                       },
                       [&](const ev::Fault &f) {
                           fields = "\"event\":\"fault\",\"what\":" + jsonString(f.what);
                       },
                       [&](const ev::TlsEstablished &t) {
                           fields = "\"event\":\"tls\",\"version\":" + jsonString(t.version);
                       },
                       [&](const ev::Packet &p) {
                           // Ports and sequence numbers differ from run to run: the summary's
                           // kind of packet only (tcp flags, udp, icmp), as a scenario checks it.
                           fields = "\"event\":\"packet\",\"proto\":"
                                   + jsonString(p.packet->proto == PacketProto::Tcp
                                                        ? "tcp " + tcpFlagsText(p.packet->tcpFlags)
                                                        : p.packet->proto == PacketProto::Udp
                                                        ? "udp"
                                                        : "icmp");
                       },
                       [](const ev::Stopped &) {},
                       [](const ev::Dropped &) {},
                       [](const ev::SendQueue &) {},
                       [](const ev::CallDone &) {},
               },
               e.body);
    if (fields.empty())
        return {};
    return "{\"step\":" + std::to_string(step + 1) + ",\"panel\":" + jsonString(panel)
            + ",\"conn\":" + std::to_string(e.conn) + "," + fields + "}\n";
}

std::string checkJson(int step, const DemoCheck &check)
{
    std::string out = "{\"step\":" + std::to_string(step + 1) + ",\"event\":\"expect\",\"line\":"
            + std::to_string(check.line) + ",\"expect\":" + jsonString(check.source)
            + ",\"passed\":" + (check.passed ? "true" : "false");
    if (!check.passed)
        out += ",\"detail\":" + jsonString(check.detail);
    return out + "}\n";
}

} // namespace sb
