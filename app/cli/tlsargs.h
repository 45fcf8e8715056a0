#pragma once

#include "app/cli/args.h"
#include "core/net/tlssettings.h"

#include <memory>
#include <string>

namespace sb {
class TlsContext;
}

namespace sb::cli {

/// The TLS options of connect and listen for tls:// endpoints: --cert FILE, --key FILE,
/// --ca FILE, --insecure, --alpn LIST, --keylog FILE, --self-signed[=DIR],
/// --tls-version 1.2|1.3 (--tls1.2, --tls1.3), --servername NAME.
struct TlsArgs
{
    TlsSettings settings;
    std::string firstOption; ///< the first of these options given, for the endpoint check
};

/// Takes the current argument when it is one of the options above: true (and consumed) if it
/// was, false if it is another option; an error names the option.
Result<bool> takeTlsOption(ArgReader &reader, TlsArgs &args);

/// Once every argument is read: the options need a tls:// endpoint, and a tls:// endpoint's
/// files must work. Returns the context to hand to the endpoint (null without tls://); an
/// error names what was typed ("certificate file 'x.pem': No such file or directory").
Result<std::shared_ptr<TlsContext>> finishTlsArgs(TlsArgs &args, const EndpointSpec &spec,
                                                  bool server);

} // namespace sb::cli
