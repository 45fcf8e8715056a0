// sockbench-cli import-packets and send-message: Packet Sender's saved packets into a
// workspace's message: lines, and a saved message sent to its target.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/eventprinter.h"
#include "app/cli/globaloptions.h"
#include "core/demo/packetsender.h"
#include "core/demo/workspace.h"
#include "core/text/payload.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace sb::cli {
namespace {

int runImport(const GlobalOptions &, int argc, char **argv)
{
    ArgReader reader(argc, argv);
    std::string file, out, value;
    bool force = false;
    while (!reader.atEnd()) {
        if (!reader.currentIsOption()) {
            if (!file.empty())
                return usageError("import-packets takes one FILE");
            file = reader.takeWord();
        } else if (reader.takeFlag("--help") || reader.takeFlag("-h")) {
            return printSynopsis("import-packets");
        } else if (reader.takeFlag("--force")) {
            force = true;
        } else if (reader.takeOption("-o", &value) || reader.takeOption("--output", &value)) {
            if (!reader.error().empty())
                return usageError(reader.error());
            out = value;
        } else {
            return usageError("import-packets: unknown option '" + std::string(reader.current())
                              + "'");
        }
    }
    if (file.empty())
        return usageError("import-packets needs Packet Sender's packets.ini or JSON export");
    auto text = readPayloadFile(file, 64u << 20);
    if (!text)
        return usageError(text.error());
    auto imported = importPacketSender(*text);
    if (!imported)
        return usageError(file + ": " + imported.error());
    for (const auto &w : imported->warnings)
        std::fprintf(stderr, "sockbench-cli: %s: %s\n", file.c_str(), w.c_str());
    Workspace workspace;
    workspace.messages = imported->messages;
    const std::string written = writeWorkspace(workspace);
    if (out.empty()) {
        // Only the message: lines, ready to paste into a workspace.
        size_t pos = 0;
        while (pos < written.size()) {
            const size_t end = written.find('\n', pos);
            const std::string line = written.substr(pos, end - pos);
            if (line.starts_with("message: "))
                std::printf("%s\n", line.c_str());
            pos = end == std::string::npos ? written.size() : end + 1;
        }
        return 0;
    }
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL),
                          0644);
    if (fd < 0)
        return usageError("-o " + out + ": " + std::strerror(errno)
                          + (errno == EEXIST ? " (--force replaces it)" : ""));
    const bool ok = writeAll(fd, written);
    ::close(fd);
    if (!ok)
        return usageError("-o " + out + ": " + std::strerror(errno));
    std::fprintf(stderr, "sockbench-cli: %zu messages written to %s\n", imported->messages.size(),
                 out.c_str());
    return 0;
}

int runSendMessage(const GlobalOptions &global, int argc, char **argv)
{
    if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0))
        return printSynopsis("send-message");
    if (argc < 3 || argv[1][0] == '-' || argv[2][0] == '-')
        return usageError("send-message needs a workspace FILE and a message NAME");
    const std::string file = argv[1];
    const std::string name = argv[2];
    auto loaded = loadWorkspaceFile(file);
    if (!loaded)
        return usageError(loaded.error());
    for (const auto &e : loaded->errors) // what could be read is used, as File → Open does
        std::fprintf(stderr, "sockbench-cli: %s\n", e.c_str());
    const SavedMessage *message = loaded->workspace.message(name);
    if (!message)
        return usageError(file + " has no message named '" + name + "'");
    // --to ENDPOINT sends it elsewhere; everything else is connect's (--wait, --trace, tls...).
    std::string target = message->target;
    std::vector<std::string> rest;
    for (int i = 3; i < argc; ++i) {
        if (std::strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            target = argv[++i];
        else
            rest.emplace_back(argv[i]);
    }
    if (target.empty())
        return usageError("message '" + name + "' has no target: give --to ENDPOINT");
    const size_t slash = file.rfind('/');
    auto bytes = messageBytes(*message, slash == std::string::npos ? "." : file.substr(0, slash));
    if (!bytes)
        return usageError("message '" + name + "': " + bytes.error());
    std::vector<std::string> words {"connect", target};
    if (!bytes->empty()) {
        words.push_back("--send-hex");
        words.push_back(toHex(*bytes, '\0'));
    } else {
        words.push_back("--send"); // an empty datagram is a datagram still
        words.push_back("");
    }
    words.insert(words.end(), rest.begin(), rest.end());
    std::vector<char *> connectArgv;
    for (auto &w : words)
        connectArgv.push_back(w.data());
    connectArgv.push_back(nullptr);
    return findCommand("connect")->run(global, int(words.size()), connectArgv.data());
}

const CommandRegistrar kImport {
        {"import-packets",
         "  import-packets FILE [-o WORKSPACE [--force]]\n"
         "                                         Packet Sender's packets.ini or JSON export "
         "as message: lines",
         runImport, 0}};

const CommandRegistrar kSend {
        {"send-message",
         "  send-message WORKSPACE NAME [--to ENDPOINT] [connect's options]\n"
         "                                         send a saved message to its target",
         runSendMessage}};

} // namespace
} // namespace sb::cli
