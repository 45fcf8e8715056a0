#include "core/demo/workspace.h"

#include "core/demo/demoparser.h"
#include "core/text/payload.h"

#include <cstdio>

namespace sb {
namespace {

/// How many bytes the UTF-8 sequence at s[i] has, or 0 when it is not a valid one.
size_t utf8Length(std::string_view s, size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    for (size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80)
            return 0;
    return n;
}

} // namespace

const char *fileKindName(FileKind kind)
{
    switch (kind) {
    case FileKind::Demo:
        return "demo";
    case FileKind::Workspace:
        return "workspace";
    case FileKind::Scenario:
        return "scenario";
    }
    return "workspace";
}

bool SavedMessage::operator==(const SavedMessage &o) const
{
    return name == o.name && payload == o.payload && target == o.target && shortcut == o.shortcut;
}

bool LayoutItem::operator==(const LayoutItem &o) const { return key == o.key && value == o.value; }

const SavedMessage *Workspace::message(std::string_view name) const
{
    for (const auto &m : messages)
        if (m.name == name)
            return &m;
    return nullptr;
}

Result<Workspace> parseWorkspace(std::string_view text, std::string_view source,
                                 FileKind defaultKind)
{
    return demoparse::Parser(source, defaultKind).parse(text);
}

WorkspaceLoad parseWorkspaceLenient(std::string_view text, std::string_view source,
                                    FileKind defaultKind)
{
    demoparse::Parser parser(source, defaultKind, true);
    auto parsed = parser.parse(text);
    WorkspaceLoad load;
    if (parsed)
        load.workspace = std::move(parsed).value();
    else // only a file over the size limit fails as a whole
        load.errors.push_back(parsed.error());
    load.errors.insert(load.errors.end(), parser.errors().begin(), parser.errors().end());
    return load;
}

Result<WorkspaceLoad> loadWorkspaceFile(const std::string &path, FileKind defaultKind)
{
    auto text = readPayloadFile(path, 1 << 20);
    if (!text)
        return InputError {text.error()};
    return parseWorkspaceLenient(*text, path, defaultKind);
}

Result<std::string> messageBytes(const SavedMessage &message, const std::string &baseDir)
{
    switch (message.payload.kind) {
    case MessagePayload::Kind::Text:
        return parseEscapedText(message.payload.text);
    case MessagePayload::Kind::Hex:
        return parseHex(message.payload.text);
    case MessagePayload::Kind::File: {
        const std::string &path = message.payload.text;
        const bool relative = !path.empty() && path[0] != '/' && !baseDir.empty();
        return readPayloadFile(relative ? baseDir + "/" + path : path, 16u << 20);
    }
    }
    return InputError {"unknown payload kind"};
}

std::string quotedText(std::string_view s)
{
    std::string out = "\"";
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\\' || c == '"') {
            out += '\\';
            out += char(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c >= 0x20 && c < 0x7f) {
            out += char(c);
        } else if (const size_t n = c >= 0x80 ? utf8Length(s, i) : 0) {
            out += s.substr(i, n);
            i += n - 1;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    return out + "\"";
}

} // namespace sb
