#pragma once

#include "core/text/result.h"

#include <string>

namespace sb {

/// A self-signed certificate and its key, as files in one folder.
struct SelfSignedPair
{
    std::string certFile;
    std::string keyFile;
    bool made = false; ///< false: both files were there already and are reused
};

/// Makes a self-signed certificate (EC P-256, CN and subjectAltName localhost, 127.0.0.1 and
/// ::1, valid 30 days) and its key in dir as sockbench-selfsigned.crt and .key, or reuses
/// them when both are there. Never overwrites a file: one of the two alone is an error.
Result<SelfSignedPair> makeSelfSignedPair(const std::string &dir);

} // namespace sb
