#pragma once

#include "core/net/sys.h"
#include "core/text/endpointspec.h"
#include "core/text/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb {

enum class OptionKind : uint8_t {
    Bool, ///< int 0/1
    Int, ///< int in [min, max]
    Bytes, ///< int byte count; "64k", "1M" accepted
    Linger, ///< struct linger
    TimeoutMs, ///< struct timeval, given in milliseconds
};

/// Which sockets an option means something on.
enum class OptionScope : uint8_t {
    Any,
    Ip, ///< TCP and UDP
    Tcp,
    Udp,
    Stream, ///< connection-oriented: TCP, UNIX stream, UNIX seqpacket
    Datagram, ///< UDP and UNIX datagram
    Ipv4, ///< AF_INET sockets only
    Ipv6, ///< AF_INET6 sockets only
};

/// One row of the option table. Immutable, static storage.
struct OptionInfo
{
    const char *name; ///< "SO_REUSEADDR"
    int level;
    int optname;
    OptionKind kind;
    bool settable;
    OptionScope scope;
    int64_t min; ///< for Int, Bytes, TimeoutMs (ms) and Linger (seconds)
    int64_t max;
    const char *help;
};

/// A parsed option value. number: 0/1 for Bool, the value for Int and Bytes, milliseconds for
/// TimeoutMs, seconds for Linger (with on as l_onoff).
struct OptionValue
{
    int64_t number = 0;
    bool on = false;
};

/// Every option SockBench shows and sets, settable ones first.
const std::vector<OptionInfo> &socketOptions();

/// By name, case-insensitive, with or without its prefix, '_' and '-' ignored:
/// "SO_REUSEADDR", "so_reuseaddr", "reuseaddr", "nodelay", "v6only", "ttl". nullptr if none.
const OptionInfo *findOption(std::string_view name);

/// Bool: 1/0, on/off, true/false, yes/no. Int: a number in range. Bytes: "65536", "64k",
/// "1M". Linger: "off", "on,SECONDS" or "1,SECONDS". TimeoutMs: "1500", "1500ms", "1.5s"
/// (0: no timeout).
Result<OptionValue> parseOptionValue(const OptionInfo &option, std::string_view text);

/// The value as parseOptionValue reads it back: "1", "65536", "on,0", "off", "1500".
std::string formatOptionValue(const OptionInfo &option, const OptionValue &value);

/// setsockopt through sb::sys (traced); 0 or the errno.
int applyOption(SysContext ctx, int fd, const OptionInfo &option, const OptionValue &value);

struct OptionReading
{
    int err = 0; ///< getsockopt's errno, 0 on success
    std::string text; ///< "1", "212992", "on,5", "off", "1500 ms", "SOCK_STREAM"; "" on error
    OptionValue value;
};

/// getsockopt through sb::sys (traced). Reading SO_ERROR clears the pending error.
OptionReading readOption(SysContext ctx, int fd, const OptionInfo &option);

/// Whether option means something on a socket of that transport and family.
bool optionApplies(const OptionInfo &option, Transport transport, int family);

} // namespace sb
