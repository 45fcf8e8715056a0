#pragma once
// Workspaces and scenarios: the demo language (docs/demo-language.md) grown into one format
// for everything a person keeps — panels with their endpoints, options, models and reply
// rules, saved messages, the window's layout, and steps with expectations. docs/workspace.md
// documents the format; the GUI's File → Save / Open and `sockbench-cli run` are built on
// this header.

#include "core/demo/demoscript.h"
#include "core/text/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb {

/// The newest format version this build reads and writes ("sockbench: 1").
constexpr int kWorkspaceVersion = 1;

/// What a file is for; "kind:" in its header. It decides what the file must hold:
/// a demo needs a name, titles and narration in both languages; a scenario needs a step;
/// a workspace needs nothing.
enum class FileKind : uint8_t { Demo, Workspace, Scenario };

const char *fileKindName(FileKind kind);

/// A saved message's bytes as the person wrote them. Value type.
struct MessagePayload
{
    enum class Kind : uint8_t {
        Text, ///< text: C escapes as written (\n, \x00, \"), turned into bytes when sent
        Hex, ///< text: hex digits as written ("48 65 6c")
        File, ///< text: a path; relative paths are from the workspace file's folder
    };
    Kind kind = Kind::Text;
    std::string text;
    bool operator==(const MessagePayload &) const = default;
};

/// "message: NAME PAYLOAD [target=ENDPOINT] [shortcut=KEYS]": a message kept to send again.
struct SavedMessage
{
    int line = 0;
    std::string name; ///< the name itself (unescaped), unique in a workspace; never empty
    MessagePayload payload;
    /// Where to send it, in the endpoint grammar (tcp://, udp://, tls://, unix:// ...); empty:
    /// the panel it is sent from decides.
    std::string target;
    std::string shortcut; ///< a key sequence as Qt writes it ("Ctrl+1"), or empty
    bool operator==(const SavedMessage &other) const;
};

/// "layout: KEY VALUE": what the GUI keeps of its window (panel order, dock state as
/// base64...). Core carries these opaquely and in order; KEY is [A-Za-z0-9._-]+, VALUE one
/// line, trimmed.
struct LayoutItem
{
    int line = 0;
    std::string key;
    std::string value;
    bool operator==(const LayoutItem &other) const;
};

/// A parsed file. Value type; the same for demos, workspaces and scenarios. Equality ignores
/// line numbers, so parseWorkspace(writeWorkspace(w)) == w.
struct Workspace
{
    int version = kWorkspaceVersion; ///< "sockbench: N" (1 when the line is missing)
    FileKind kind = FileKind::Workspace; ///< "kind:"
    /// name, titles, vars, panels (with their rules) and steps with expect:/until: facts.
    DemoScript script;
    std::vector<SavedMessage> messages;
    std::vector<LayoutItem> layout;

    const SavedMessage *message(std::string_view name) const;
    bool operator==(const Workspace &) const = default;
};

/// What a lenient parse could read, and what it could not.
struct WorkspaceLoad
{
    Workspace workspace; ///< every line that parsed; a broken line is left out
    std::vector<std::string> errors; ///< "SOURCE:LINE: what is wrong", in file order
    bool ok() const { return errors.empty(); }
};

/// Parses a file strictly: the first error is returned ("work.sbw:12: unknown key 'mesage'").
/// defaultKind applies when the file has no "kind:" line.
Result<Workspace> parseWorkspace(std::string_view text, std::string_view source = "workspace",
                                 FileKind defaultKind = FileKind::Workspace);

/// Parses as much as it can: a broken line is reported and skipped, and the rest is read —
/// what File → Open shows. A file of a newer version is read the same way, with an error
/// naming its "sockbench:" line.
WorkspaceLoad parseWorkspaceLenient(std::string_view text, std::string_view source = "workspace",
                                    FileKind defaultKind = FileKind::Workspace);

/// Reads path (at most 1 MiB) and parses it leniently, the path as the source of errors. A
/// missing or unreadable file is an error of its own ("PATH: No such file or directory").
Result<WorkspaceLoad> loadWorkspaceFile(const std::string &path,
                                        FileKind defaultKind = FileKind::Workspace);

/// The file's text: header, vars, panels with their rules blocks, messages, layout, then the
/// steps. Texts are written on one line each (a newline in a name or narration becomes a
/// space). parseWorkspace(writeWorkspace(w)) == w for every w a parse can give.
std::string writeWorkspace(const Workspace &workspace);

/// The bytes a message sends: its escapes or hex decoded, or its file read (a relative path
/// from baseDir; at most 16 MiB).
Result<std::string> messageBytes(const SavedMessage &message, const std::string &baseDir = {});

/// s as a "quoted" word of the language: \\, \", \n, \r, \t, \0 and other control or invalid
/// UTF-8 bytes as escapes; parseEscapedText of what is between the quotes gives s back.
std::string quotedText(std::string_view s);

} // namespace sb
