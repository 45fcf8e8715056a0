#pragma once

#include "app/cli/globaloptions.h"
#include "core/net/event.h"
#include "core/text/endpointspec.h"
#include "core/text/jsontext.h"

#include <cstdint>
#include <string>

namespace sb::cli {

/// Turns core events into the lines sockbench-cli prints on stderr: strace-like lines for
/// --trace, one line (or a JSON object) per event for --log. Main thread only.
class EventPrinter
{
public:
    EventPrinter(const GlobalOptions &global, Transport transport);

    /// Prints the event if --trace or --log asks for it; Dropped is always reported.
    void print(const Event &event);
    /// "sockbench-cli: connect: ECONNREFUSED (Connection refused)" and the hint line on the
    /// usual cause, whatever --log says: a socket error is what the person must see.
    static void printSocketError(const Event &event);
    /// "sockbench-cli: tls: TLSv1.3, ..., certificate verified" and the peer's chain, or what
    /// verification found when it was accepted anyway: always, like an error.
    static void printTlsEstablished(const ev::TlsEstablished &tls);

private:
    void printText(const Event &event);
    void printJson(const Event &event);
    std::string endpointText(const Address &address) const;

    bool m_trace;
    LogFormat m_log;
    Transport m_transport;
    /// CLOCK_REALTIME minus CLOCK_MONOTONIC, to print wall-clock times for monotonic stamps.
    int64_t m_wallOffsetNs;
    /// The text of one event, its storage reused: a hex log of a bulk transfer allocates once.
    std::string m_out;
};

// jsonString and hexString: core/text/jsontext.h, shared with the window's scenario recorder.
using sb::hexString;
using sb::jsonString;

/// Writes all of data to fd, retrying EINTR and short writes; false with errno set on failure.
bool writeAll(int fd, std::string_view data);

} // namespace sb::cli
