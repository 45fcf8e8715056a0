#pragma once

#include <string>
#include <string_view>

namespace sb {

/// "ECONNREFUSED" for ECONNREFUSED; nullptr for a number Linux does not define.
const char *errnoName(int err);
/// strerror text ("Connection refused"), thread-safe.
std::string errnoText(int err);
/// "ECONNREFUSED (Connection refused)"; "errno 4242 (Unknown error 4242)" for an unknown one.
std::string formatErrno(int err);
/// One line on the usual cause of err from op ("connect", "bind", ...), as the course lists
/// them; a generic line when op has none for err; "" when there is nothing useful to say.
/// family (AF_UNIX, AF_INET, ...; AF_UNSPEC when unknown) is the family of the address the call
/// used: a UNIX path has its own causes (a file in the way, no port, no TIME_WAIT).
const char *errnoCause(std::string_view op, int err, int family = 0);

} // namespace sb
