// writeWorkspace: a Workspace back into the language parseWorkspace reads, so that a parse of
// what is written gives the same Workspace (line numbers aside).
#include "core/demo/workspace.h"

#include <string>
#include <vector>

namespace sb {
namespace {

/// One line of text: a newline would end the line and start another key.
std::string oneLine(std::string s)
{
    for (char &c : s)
        if (c == '\n' || c == '\r')
            c = ' ';
    return s;
}

/// Whether a word (escapes kept as written) holds a quote that is not escaped: such a word
/// came unquoted and must stay so.
bool hasBareQuote(const std::string &word)
{
    for (size_t i = 0; i < word.size(); ++i) {
        if (word[i] == '\\')
            ++i;
        else if (word[i] == '"')
            return true;
    }
    return false;
}

/// Text whose escapes are kept as written, in quotes; a quote nobody escaped gets its backslash.
std::string quotedWritten(const std::string &w)
{
    std::string out = "\"";
    for (size_t i = 0; i < w.size(); ++i) {
        if (w[i] == '\\' && i + 1 < w.size()) {
            out += w.substr(i++, 2);
            continue;
        }
        out += w[i] == '"' ? "\\\"" : w[i] == '\\' ? "\\\\" : std::string(1, w[i]);
    }
    return out + "\"";
}

/// A word as the parser gave it back (escapes kept as written), written so it reads the same.
std::string word(const std::string &w, bool preferQuotes = false)
{
    const bool must = w.empty() || w.find_first_of(" \t") != std::string::npos || w == "&"
            || w == "as" || w == "within" || w[0] == '"';
    if ((must || preferQuotes) && !hasBareQuote(w))
        return "\"" + w + "\"";
    return w;
}

std::string faultTokens(const FaultPlan &p, const std::string &prefix)
{
    const FaultPlan d;
    std::string out;
    auto add = [&](const std::string &token) { out += " " + prefix + token; };
    if (p.chop != d.chop)
        add("chop=" + std::to_string(p.chop));
    if (p.chopGapMs != d.chopGapMs)
        add("chop-gap=" + std::to_string(p.chopGapMs));
    if (p.coalesceBytes != d.coalesceBytes || p.coalesceMs != d.coalesceMs)
        add("coalesce=" + std::to_string(p.coalesceBytes) + "," + std::to_string(p.coalesceMs));
    if (p.delayMs != d.delayMs)
        add("delay=" + std::to_string(p.delayMs));
    if (p.throttleBps != d.throttleBps)
        add("throttle=" + std::to_string(p.throttleBps));
    if (p.resetAfter != d.resetAfter)
        add("reset-after=" + std::to_string(p.resetAfter));
    if (p.dropPercent != d.dropPercent)
        add("drop=" + std::to_string(p.dropPercent));
    if (p.duplicatePercent != d.duplicatePercent)
        add("duplicate=" + std::to_string(p.duplicatePercent));
    if (p.reorderPercent != d.reorderPercent)
        add("reorder=" + std::to_string(p.reorderPercent));
    if (p.seed != d.seed)
        add("seed=" + std::to_string(p.seed));
    if (p.stall)
        add("stall");
    if (p.close)
        add("close");
    return out;
}

void writePanel(std::string &out, const DemoPanel &p)
{
    out += "panel: " + p.name;
    if (p.kind == DemoPanel::Kind::Raw) {
        out += " raw\n";
        return;
    }
    static const char *const kRoles[] = {"client", "server", "datagram", "pair", "relay"};
    const auto role = size_t(p.role);
    out += std::string(" ") + (role < std::size(kRoles) ? kRoles[role] : "client") + " "
            + word(p.spec);
    if (p.role == Role::Relay) {
        out += " " + word(p.target);
        if (p.faults[0] == p.faults[1])
            out += faultTokens(p.faults[0], "");
        else
            out += faultTokens(p.faults[0], "up.") + faultTokens(p.faults[1], "down.");
    }
    if (p.model == ServerModel::Concurrent)
        out += " model=concurrent";
    else if (p.model == ServerModel::Iterative)
        out += " model=iterative";
    if (p.backlog != DemoPanel().backlog)
        out += " backlog=" + std::to_string(p.backlog);
    if (p.responder.kind == ResponderSpec::Kind::Echo)
        out += " reply=echo";
    else if (p.responder.kind == ResponderSpec::Kind::Discard)
        out += " reply=discard";
    if (p.timeoutMs != DemoPanel().timeoutMs)
        out += " timeout=" + std::to_string(p.timeoutMs);
    for (const auto &o : p.options)
        out += " opt=" + o.name + "=" + o.value;
    if (p.keepOpen)
        out += " keep-open";
    if (p.selfSigned)
        out += " self-signed";
    if (p.insecure)
        out += " insecure";
    if (!p.caFile.empty())
        out += " ca=" + p.caFile;
    out += "\n";
    if (!p.rules.empty() || p.responder.kind == ResponderSpec::Kind::Rules) {
        out += "rules: " + p.name + "\n";
        size_t pos = 0;
        while (pos <= p.rules.size()) {
            size_t end = p.rules.find('\n', pos);
            if (end == std::string::npos)
                end = p.rules.size();
            const std::string line = p.rules.substr(pos, end - pos);
            out += (line.empty() ? "" : "    ") + line + "\n";
            pos = end + 1;
        }
        out += "end: rules\n";
    }
}

void writeMessage(std::string &out, const SavedMessage &m)
{
    out += "message: " + quotedText(m.name) + " ";
    switch (m.payload.kind) {
    case MessagePayload::Kind::Text:
        out += quotedWritten(m.payload.text);
        break;
    case MessagePayload::Kind::Hex:
        out += "hex " + word(m.payload.text, true);
        break;
    case MessagePayload::Kind::File:
        out += "file " + quotedText(m.payload.text);
        break;
    }
    if (!m.target.empty())
        out += " target=" + m.target;
    if (!m.shortcut.empty())
        out += " shortcut=" + m.shortcut;
    out += "\n";
}

void writeAction(std::string &out, const DemoAction &a)
{
    out += "do:";
    if (!a.panel.empty())
        out += " " + a.panel;
    out += " " + a.op;
    const bool text = a.op == "send" || a.op == "sendto";
    for (size_t i = 0; i < a.args.size(); ++i)
        out += " " + word(a.args[i], text && i == 0);
    if (!a.names.empty()) {
        out += " as";
        for (const auto &n : a.names)
            out += " " + n;
    }
    out += a.background ? " &\n" : "\n";
}

void writeStep(std::string &out, const DemoStep &s)
{
    out += "\nstep: " + oneLine(s.title.en) + "\n";
    if (!s.title.es.empty())
        out += "step.es: " + oneLine(s.title.es) + "\n";
    if (s.timeoutMs != DemoStep().timeoutMs)
        out += "timeout: " + std::to_string(s.timeoutMs) + "\n";
    for (const auto &a : s.actions)
        writeAction(out, a);
    if (!s.narration.en.empty())
        out += "en: " + oneLine(s.narration.en) + "\n";
    if (!s.narration.es.empty())
        out += "es: " + oneLine(s.narration.es) + "\n";
    for (const auto &c : s.expects)
        out += "expect: " + oneLine(c.source) + "\n";
    for (const auto &c : s.untils)
        out += "until: " + oneLine(c.source) + "\n";
}

} // namespace

std::string writeWorkspace(const Workspace &w)
{
    const DemoScript &s = w.script;
    std::string out = "sockbench: " + std::to_string(kWorkspaceVersion) + "\n";
    out += std::string("kind: ") + fileKindName(w.kind) + "\n";
    auto header = [&](const char *key, const std::string &value) {
        if (!value.empty())
            out += std::string(key) + ": " + oneLine(value) + "\n";
    };
    header("name", s.name);
    header("title.en", s.title.en);
    header("title.es", s.title.es);
    header("summary.en", s.summary.en);
    header("summary.es", s.summary.es);
    for (const auto &[name, value] : s.vars)
        out += "var: " + name + " " + word(value) + "\n";
    if (!s.panels.empty())
        out += "\n";
    for (const auto &p : s.panels)
        writePanel(out, p);
    if (!w.messages.empty())
        out += "\n";
    for (const auto &m : w.messages)
        writeMessage(out, m);
    if (!w.layout.empty())
        out += "\n";
    for (const auto &l : w.layout)
        out += "layout: " + l.key + (l.value.empty() ? "" : " " + oneLine(l.value)) + "\n";
    for (const auto &step : s.steps)
        writeStep(out, step);
    return out;
}

} // namespace sb
