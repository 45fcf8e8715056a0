#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sb {

/// Payload bytes, immutable once made and shared by every consumer (log, wire view, CLI)
/// without a copy per consumer. Thread-safe to share.
using Bytes = std::shared_ptr<const std::string>;

inline Bytes makeBytes(std::string data)
{
    return std::make_shared<const std::string>(std::move(data));
}

inline Bytes makeBytes(std::string_view data)
{
    return std::make_shared<const std::string>(data);
}

inline std::string_view view(const Bytes &b)
{
    return b ? std::string_view(*b) : std::string_view();
}

} // namespace sb
