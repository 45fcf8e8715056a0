#pragma once

#include "core/text/trace.h"

#include <sys/socket.h>

namespace sb {

/// The value of a setsockopt/getsockopt into r as strace prints it: an int or a byte in
/// r.a[2]; SO_LINGER, the timevals and the multicast structs preformatted in r.text.
/// Nothing for a null value.
void describeOptValue(TraceRecord &r, int level, int name, const void *value, socklen_t len);

} // namespace sb
