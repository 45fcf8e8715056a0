#pragma once

#include "app/cli/args.h"
#include "core/text/groupspec.h"

#include <string>

namespace sb::cli {

/// The multicast and broadcast options of connect and listen for udp:// endpoints:
/// --join GROUP[%IFACE] (repeatable), --source ADDR, --multicast-if ADDR|IFACE,
/// --multicast-ttl N, --multicast-loop 0|1, --multicast-all 0|1, --broadcast.
struct MulticastArgs
{
    MulticastSettings settings;
    std::string source; ///< --source: applies to every --join
    std::string firstOption; ///< the first of these options given, for the transport check
};

/// Takes the current argument when it is one of the options above: true (and consumed) if it
/// was, false if it is another option; an error names the option ("--multicast-ttl 300 is out
/// of range 0..255").
Result<bool> takeMulticastOption(ArgReader &reader, MulticastArgs &args);

/// Once every argument is read: --source goes to the joins, and the options must be on a
/// udp:// endpoint. An error names the option.
Result<bool> finishMulticastArgs(MulticastArgs &args, Transport transport);

} // namespace sb::cli
