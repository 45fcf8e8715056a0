#pragma once

// The Registry a test's endpoints list their sockets in: the front end's part, which a test
// plays. One per test process.
#include "core/net/registry.h"

namespace sbtest {

inline sb::Registry &registry()
{
    static sb::Registry r;
    return r;
}

} // namespace sbtest
