#include "app/cli/tlsargs.h"

#include "core/net/tlscontext.h"

#include <cstdio>

namespace sb::cli {

Result<bool> takeTlsOption(ArgReader &reader, TlsArgs &args)
{
    const std::string option(reader.current().substr(0, reader.current().find('=')));
    TlsSettings &s = args.settings;
    std::string value;
    if (reader.takeFlag("--insecure")) {
        s.insecure = true;
    } else if (reader.takeFlag("--tls1.2") || reader.takeFlag("--tls1.3")) {
        s.version = option == "--tls1.2" ? 12 : 13;
    } else if (reader.takeFlag("--self-signed")) {
        s.selfSignedDir = ".";
    } else if (reader.takeOption("--cert", &value) || reader.takeOption("--key", &value)
               || reader.takeOption("--ca", &value) || reader.takeOption("--alpn", &value)
               || reader.takeOption("--keylog", &value)
               || reader.takeOption("--self-signed", &value)
               || reader.takeOption("--tls-version", &value)
               || reader.takeOption("--servername", &value)) {
        if (!reader.error().empty())
            return InputError {reader.error()};
        if (value.empty())
            return InputError {option + " needs a value"};
        if (option == "--cert") {
            s.certFile = value;
        } else if (option == "--key") {
            s.keyFile = value;
        } else if (option == "--ca") {
            s.caFile = value;
        } else if (option == "--keylog") {
            s.keylogFile = value;
        } else if (option == "--self-signed") {
            s.selfSignedDir = value;
        } else if (option == "--servername") {
            s.serverName = value;
        } else if (option == "--tls-version") {
            if (value != "1.2" && value != "1.3")
                return InputError {"--tls-version '" + value + "' is not 1.2 or 1.3"};
            s.version = value == "1.2" ? 12 : 13;
        } else { // --alpn h2,http/1.1
            s.alpn.clear();
            size_t start = 0;
            while (start <= value.size()) {
                const size_t comma = value.find(',', start);
                const std::string name = value.substr(
                        start, comma == std::string::npos ? std::string::npos : comma - start);
                if (name.empty() || name.size() > 255)
                    return InputError {"--alpn '" + value
                                       + "': each protocol is 1 to 255 bytes, comma-separated "
                                         "(h2,http/1.1)"};
                s.alpn.push_back(name);
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        }
    } else {
        return false;
    }
    if (args.firstOption.empty())
        args.firstOption = option;
    return true;
}

Result<std::shared_ptr<TlsContext>> finishTlsArgs(TlsArgs &args, const EndpointSpec &spec,
                                                  bool server)
{
    if (!spec.tls) {
        if (!args.firstOption.empty())
            return InputError {args.firstOption + " applies to tls:// endpoints; " + spec.toString()
                               + " is not one"};
        return std::shared_ptr<TlsContext>();
    }
    const TlsSettings &s = args.settings;
    if (server && (s.insecure || !s.caFile.empty() || !s.serverName.empty()))
        return InputError {std::string(s.insecure                  ? "--insecure"
                                               : !s.caFile.empty() ? "--ca"
                                                                   : "--servername")
                           + " is for a client checking its server; listen does not ask for "
                             "client certificates"};
    if (!server && !s.selfSignedDir.empty())
        return InputError {"--self-signed makes a server's certificate; connect has no use for it"};
    if (server && !s.certFile.empty() && !s.selfSignedDir.empty())
        return InputError {"--self-signed and --cert both give the certificate: give one of them"};
    if (server && s.certFile.empty() && s.keyFile.empty() && s.selfSignedDir.empty())
        return InputError {"listen " + spec.toString()
                           + " needs --cert FILE --key FILE, or --self-signed[=DIR] to make a "
                             "pair"};
    auto made = TlsContext::create(s, server);
    if (!made)
        return InputError {made.error()};
    if (!(*made)->note().empty())
        std::fprintf(stderr, "sockbench-cli: tls: %s\n", (*made)->note().c_str());
    return *made;
}

} // namespace sb::cli
