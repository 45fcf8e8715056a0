#include "app/cli/stepprinter.h"

#include "core/text/errnoinfo.h"
#include "core/text/payload.h"

#include <algorithm>
#include <cstdio>

#include <sys/socket.h>

namespace sb::cli {

void printWrapped(const std::string &text, const char *indent)
{
    constexpr size_t kWidth = 96;
    std::string line;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find(' ', pos);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(pos, end - pos);
        pos = end + 1;
        // Column count by characters, not bytes: Spanish text has two-byte letters.
        auto columns = [](const std::string &s) {
            return size_t(
                    std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
        };
        if (!line.empty() && columns(line) + 1 + columns(word) > kWidth) {
            std::printf("%s%s\n", indent, line.c_str());
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty())
        std::printf("%s%s\n", indent, line.c_str());
}

const char *tr(DemoLang lang, const char *en, const char *es)
{
    return lang == DemoLang::Es ? es : en;
}

void printEntry(const DemoEntry &entry, DemoLang lang)
{
    const Event &e = entry.event;
    const std::string who = entry.panel.empty() ? "*" : entry.panel;
    std::string text;
    std::visit(Overloaded {
                       [&](const ev::Trace &t) {
                           if (t.record)
                               text = formatTrace(*t.record);
                       },
                       [&](const ev::Data &d) {
                           text = std::string(d.dir == Direction::In
                                                      ? tr(lang, "<- received ", "<- recibidos ")
                                                      : tr(lang, "-> sent ", "-> enviados "))
                                   + std::to_string(view(d.bytes).size()) + " bytes \""
                                   + escapedPreview(view(d.bytes), 60) + "\""
                                   + ((d.flags & MSG_OOB) ? " (MSG_OOB)" : "");
                       },
                       [&](const ev::Error &err) {
                           text = "! " + err.op + ": " + formatErrno(err.err);
                           if (!err.detail.empty())
                               text += " - " + err.detail;
                           if (const char *cause = errnoCause(err.op, err.err, err.family);
                               cause && *cause)
                               text += "\n" + std::string(16, ' ') + "(" + cause + ")";
                       },
                       [&](const ev::PeerEof &) {
                           text = tr(lang, "end of file: the peer will send nothing more",
                                     "fin de fichero: el otro extremo no enviará nada más");
                       },
                       [&](const ev::Listening &l) {
                           text = tr(lang, "listening on ", "escuchando en ") + l.local.toString();
                       },
                       [&](const ev::Opened &o) {
                           // Endpoint panels; RawSocket's accept/connect show as traces.
                           if (e.endpoint < 0x40000000)
                               text = tr(lang, "connected ", "conectado ") + o.local.toString()
                                       + " <-> " + o.peer.toString();
                       },
                       [&](const ev::OptionValue &o) {
                           if (o.name == "note" || o.name == "byteorder")
                               text = o.value;
                           else if (o.name.starts_with("relay ")) // a relay's new faults
                               text = o.name + ": " + o.value;
                       },
                       [](const ev::Connecting &) {},
                       [](const ev::Shutdown &) {},
                       [](const ev::Closed &) {},
                       [](const ev::Stopped &) {},
                       [](const ev::Dropped &) {},
                       [](const ev::SendQueue &) {},
                       [](const ev::CallDone &) {},
                       [](const ev::RuleMatched &) {},
                       [](const ev::Fault &) {},
                       [](const ev::TlsEstablished &) {},
                       [&](const ev::Packet &p) { text = "packet " + packetSummary(*p.packet); },
               },
               e.body);
    if (!text.empty())
        std::printf("  %-12s %s\n", who.c_str(), text.c_str());
}

void printStepHeader(const DemoPlayer &player, int index)
{
    const DemoStep &step = player.script().steps[size_t(index)];
    std::string title = step.title.in(player.language());
    if (title.empty() && !step.actions.empty())
        title = step.actions[0].panel + " " + step.actions[0].op;
    std::printf("\n[%d/%d] %s\n", index + 1, player.stepCount(), title.c_str());
    printWrapped(player.narration(index), "  ");
}

void printChecks(const DemoStepReport &report, DemoLang lang, int *passed, int *failed)
{
    for (const auto &check : report.checks) {
        if (check.passed) {
            ++*passed;
            std::printf("  %-12s expect: %s\n", tr(lang, "ok", "cumplido"), check.source.c_str());
        } else {
            ++*failed;
            std::printf("  %-12s %s %d: %s: %s\n", tr(lang, "FAIL", "FALLO"),
                        tr(lang, "line", "línea"), check.line, check.source.c_str(),
                        check.detail.c_str());
        }
    }
}

} // namespace sb::cli
