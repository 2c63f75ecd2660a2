// `platform = "auto"`: finding which platform a device runs before driving it, from what
// its `show version` says.
#pragma once

#include <asio/awaitable.hpp>

#include <string>
#include <string_view>

#include <vty/options.hpp>

namespace vty::cli {

// The platform whose signature appears in `text` (the output of `show version`), or ""
// when none does. Sans-io: the rules only.
std::string platform_from_version(std::string_view text);

// Logs in over `options.transport` without a platform, asks `show version` and returns the
// platform; throws UnknownPlatform (with the tail of what the device said) when no rule
// matches within options.timeout_ops, and the transport's errors when it cannot log in.
asio::awaitable<std::string> detect_platform(const Options& options);

}  // namespace vty::cli
